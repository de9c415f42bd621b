/**
 * The answer, in process: whatever is thrown becomes one exact wire form (status, headers,
 * body) through `wireForm`, the same function every server uses. Each hostile value of the
 * suite is a row of a table, checked in all four formats: statuses that are not statuses,
 * values that are not errors, objects that fight back, secrets that must not leak, foreign
 * errors, request-borne parameters, and the handler's own helpers failing. What only a real
 * server shows is in test/http/hostile.test.ts and test/adapters.test.ts.
 */
import assert from 'node:assert/strict';
import vm from 'node:vm';
import createHttpError from 'http-errors';
import jwt from 'jsonwebtoken';
import { errors, FORMAT_NAMES } from '../support/catalog.js';
import {
  ANSWERS, assertNoLeak, assertWire, illegalState, PLAIN_500_BODY, SECRET, type Expectation, type ThrowCase,
} from '../support/hostile.js';
import { defineCatalog, defineFormat, wireForm, type ErrorInfo, type HandlerOptions, type AnyCatalog } from '../../lib/index.js';

/** Checks every case in every built-in format, with a fresh value each time. */
function table(cases: readonly ThrowCase[], options: Partial<HandlerOptions<AnyCatalog>> = {}, catalog: AnyCatalog = errors): void {
  for (const c of cases) {
    it(`${c.name} → ${c.want.status} ${c.want.code}`, () => {
      for (const format of FORMAT_NAMES) {
        assertWire(wireForm(catalog, c.make(), { format, ...options }), format, c.want, `${format}: ${c.name}`, c.problems);
      }
    });
  }
}

const secretError = (props: Record<string, unknown> = {}): Error => Object.assign(new Error(`internal ${SECRET}`), props);
const explode = (what: string) => (): never => { throw new Error(`${what} ${SECRET} /srv/app/secret.js`); };

describe('a status is read from status, then statusCode: an integer number in 400–599, else the 500 fallback', () => {
  // Ignored: strings, BigInts, NaN, fractions, boxed numbers, non-error statuses.
  const IGNORED: ReadonlyArray<readonly [string, unknown]> = [
    ['0', 0], ['99', 99], ['100', 100], ['200', 200], ['204', 204], ['302', 302], ['304', 304], ['399', 399],
    ['600', 600], ['1000', 1000], ['-1', -1], ['-404', -404], ['NaN', Number.NaN], ['Infinity', Infinity],
    ['-Infinity', -Infinity], ['404.5', 404.5], ['399.9999', 399.9999], ["'404'", '404'], ["' 404 '", ' 404 '],
    ['404n', 404n], ['new Number(404)', new Number(404)], ['true', true], ['null', null], ['[404]', [404]],
    ['{ valueOf: () => 404 }', { valueOf: () => 404 }], ['Number.MAX_SAFE_INTEGER + 2', Number.MAX_SAFE_INTEGER + 2],
  ];
  const CASES: ReadonlyArray<readonly [string, Record<string, unknown>, Expectation]> = [
    ...IGNORED.map(([name, status]) => [`status ${name}`, { status }, ANSWERS.INTERNAL_ERROR] as const),
    ...IGNORED.map(([name, statusCode]) => [`statusCode ${name}`, { statusCode }, ANSWERS.INTERNAL_ERROR] as const),
    ['status 404 and statusCode 500 disagree: status wins', { status: 404, statusCode: 500 }, ANSWERS.RESOURCE_NOT_FOUND],
    ['status 500 and statusCode 404 disagree: status wins', { status: 500, statusCode: 404 }, ANSWERS.INTERNAL_ERROR],
    ['status 200 and statusCode 404: the valid one, statusCode', { status: 200, statusCode: 404 }, ANSWERS.RESOURCE_NOT_FOUND],
    ["status '404' and statusCode 406: statusCode", { status: '404', statusCode: 406 }, ANSWERS.LOGIC_BAD_REQUEST],
    ['status 404n and statusCode 302: neither', { status: 404n, statusCode: 302 }, ANSWERS.INTERNAL_ERROR],
    ['status 400 (lowest)', { status: 400 }, ANSWERS.BAD_REQUEST],
    ['status 599 (highest; no fallback at 599: the 500 one)', { status: 599 }, ANSWERS.INTERNAL_ERROR],
    ['status 401 where every 401 has a challenge: the 400 fallback, no challenge', { status: 401 }, ANSWERS.BAD_REQUEST],
    ['status 403 where every 403 has a challenge: the 400 fallback, no challenge', { status: 403 }, ANSWERS.BAD_REQUEST],
    ['status 405 (no 405 fallback): the 400 one', { status: 405 }, ANSWERS.BAD_REQUEST],
    ['status 418 (no 418 fallback): the 400 one', { status: 418 }, ANSWERS.BAD_REQUEST],
    ['status 406: the same wire code at another status', { status: 406 }, ANSWERS.LOGIC_BAD_REQUEST],
    ['status 429: the definition headers come too', { status: 429 }, ANSWERS.TOO_MANY_REQUESTS],
    ['status 503 (no 503 fallback): the 500 one', { status: 503 }, ANSWERS.INTERNAL_ERROR],
    ['status -0', { status: -0 }, ANSWERS.INTERNAL_ERROR],
    ['status 404.0 (an integer number)', { status: 404.0 }, ANSWERS.RESOURCE_NOT_FOUND],
  ];
  describe('on an Error', () => table(CASES.map(([name, props, want]) => ({ name, want, make: () => secretError(props) }))));
  describe('on a plain object', () => table(CASES.map(([name, props, want]) => ({ name, want, make: () => ({ message: SECRET, ...props }) }))));
  describe('on http-errors', () => table([
    { name: 'http-errors 404 with an internal message', make: () => createHttpError(404, `no row ${SECRET}`), want: ANSWERS.RESOURCE_NOT_FOUND },
    { name: 'http-errors 418', make: () => createHttpError(418), want: ANSWERS.BAD_REQUEST },
    { name: 'http-errors 500 with expose forced', make: () => createHttpError(500, SECRET, { expose: true }), want: ANSWERS.INTERNAL_ERROR },
    { name: 'http-errors 503', make: () => createHttpError(503, SECRET), want: ANSWERS.INTERNAL_ERROR },
  ]));
});

describe('values that are not errors', () => {
  const realm = vm.createContext({});
  table([
    { name: 'a string', make: () => `db password ${SECRET} rejected`, want: ANSWERS.INTERNAL_ERROR },
    { name: 'a string naming a file', make: () => 'something broke at /srv/app/index.js', want: ANSWERS.INTERNAL_ERROR },
    { name: "the string 'route' (Express's skip word)", make: () => 'route', want: ANSWERS.INTERNAL_ERROR },
    { name: "the string 'router'", make: () => 'router', want: ANSWERS.INTERNAL_ERROR },
    { name: 'a number', make: () => 42, want: ANSWERS.INTERNAL_ERROR },
    { name: 'the number 404 (a status, but no object)', make: () => 404, want: ANSWERS.INTERNAL_ERROR },
    { name: 'a negative number', make: () => -1, want: ANSWERS.INTERNAL_ERROR },
    { name: 'true', make: () => true, want: ANSWERS.INTERNAL_ERROR },
    { name: 'null', make: () => null, want: ANSWERS.INTERNAL_ERROR },
    { name: 'undefined', make: () => undefined, want: ANSWERS.INTERNAL_ERROR },
    { name: '0', make: () => 0, want: ANSWERS.INTERNAL_ERROR },
    { name: 'the empty string', make: () => '', want: ANSWERS.INTERNAL_ERROR },
    { name: 'false', make: () => false, want: ANSWERS.INTERNAL_ERROR },
    { name: 'NaN', make: () => Number.NaN, want: ANSWERS.INTERNAL_ERROR },
    { name: 'a Symbol', make: () => Symbol(SECRET), want: ANSWERS.INTERNAL_ERROR },
    { name: 'a BigInt', make: () => 10n ** 40n, want: ANSWERS.INTERNAL_ERROR },
    { name: 'Object.create(null)', make: () => Object.create(null), want: ANSWERS.INTERNAL_ERROR },
    { name: 'a null-prototype object with status 404', make: () => Object.assign(Object.create(null) as object, { status: 404 }), want: ANSWERS.RESOURCE_NOT_FOUND },
    { name: 'an array', make: () => [1, SECRET, { status: 404 }], want: ANSWERS.INTERNAL_ERROR },
    { name: 'an array with status 406', make: () => Object.assign([SECRET], { status: 406 }), want: ANSWERS.LOGIC_BAD_REQUEST },
    { name: 'a function', make: () => function secret() { return SECRET; }, want: ANSWERS.INTERNAL_ERROR },
    { name: 'a function with status 404', make: () => Object.assign(() => SECRET, { status: 404 }), want: ANSWERS.RESOURCE_NOT_FOUND },
    { name: 'a boxed string', make: () => new String(SECRET), want: ANSWERS.INTERNAL_ERROR },
    { name: 'a boxed number 404', make: () => new Number(404), want: ANSWERS.INTERNAL_ERROR },
    { name: 'a boxed false', make: () => new Boolean(false), want: ANSWERS.INTERNAL_ERROR },
    { name: 'a Date', make: () => new Date(0), want: ANSWERS.INTERNAL_ERROR },
    { name: 'a Map', make: () => new Map([[SECRET, { status: 404 }]]), want: ANSWERS.INTERNAL_ERROR },
    { name: 'a cross-realm Error', make: () => vm.runInContext(`new Error('${SECRET}')`, realm), want: ANSWERS.INTERNAL_ERROR },
    { name: 'a cross-realm TypeError with status 429', make: () => vm.runInContext(`Object.assign(new TypeError('${SECRET}'), { status: 429 })`, realm), want: ANSWERS.TOO_MANY_REQUESTS },
    { name: 'a cross-realm jsonwebtoken-shaped TokenExpiredError', make: () => vm.runInContext(`Object.assign(new Error('jwt expired'), { name: 'TokenExpiredError' })`, realm), want: ANSWERS.INVALID_AUTH_TOKEN },
    { name: 'a cross-realm null-prototype object with statusCode 406', make: () => vm.runInContext('Object.assign(Object.create(null), { statusCode: 406 })', realm), want: ANSWERS.LOGIC_BAD_REQUEST },
  ]);
});

// ---------------------------------------------------------------------------------------

const EVERY_TRAP = [
  'get', 'set', 'has', 'ownKeys', 'getOwnPropertyDescriptor', 'getPrototypeOf', 'setPrototypeOf', 'defineProperty',
  'deleteProperty', 'isExtensible', 'preventExtensions', 'apply', 'construct',
] as const;

/** A Proxy whose every trap throws. */
function hostileProxy<T extends object>(target: T): T {
  const handler: ProxyHandler<T> = {};
  for (const trap of EVERY_TRAP) (handler as Record<string, unknown>)[trap] = explode(`${trap} trap`);
  return new Proxy(target, handler);
}

function withThrowingGetters(base: object, names: readonly string[]): object {
  // V8 formats an Error's stack lazily, calling `name` and `message`: format it before they can throw.
  if (base instanceof Error && !names.includes('stack')) void base.stack;
  for (const name of names) Object.defineProperty(base, name, { get: explode(`${name} getter`), configurable: true });
  return base;
}

function circularCause(): Error {
  const a = secretError();
  const b = secretError({ cause: a });
  (a as { cause?: unknown }).cause = b;
  return a;
}

function circularObject(): object {
  const value: Record<string, unknown> = { message: 'loop' };
  value.self = value;
  value.cause = value;
  return value;
}

// A status that can be read once: a second read would throw (the answer reads it once).
function statusOnce(): object {
  let reads = 0;
  return new Proxy(secretError(), {
    get(target, name, receiver) {
      if (name === 'status' && reads++ > 0) throw new Error(`status read twice ${SECRET}`);
      return name === 'status' ? 404 : Reflect.get(target, name, receiver);
    },
  });
}

const tamperedCode = (family: boolean) => {
  const err = family ? errors['{RESOURCE}_NOT_EXIST']({ RESOURCE: 'USER' }) : errors.RESOURCE_NOT_FOUND();
  Object.defineProperty(err, 'code', { get: explode('code getter') });
  return err;
};
const tamperedParams = () => {
  const err = errors.ILLEGAL_STATE({ detail: 'order book locked' });
  Object.defineProperty(err, 'params', { get: explode('params getter') });
  return err;
};

describe('objects that fight back', () => {
  table([
    { name: 'an error whose cause is itself', make: () => { const e = secretError(); (e as { cause?: unknown }).cause = e; return e; }, want: ANSWERS.INTERNAL_ERROR },
    { name: 'a cause cycle of two errors', make: circularCause, want: ANSWERS.INTERNAL_ERROR },
    { name: 'a cause cycle with status 400', make: () => Object.assign(circularCause(), { status: 400 }), want: ANSWERS.BAD_REQUEST },
    { name: 'an object that is its own cause and member', make: circularObject, want: ANSWERS.INTERNAL_ERROR },
    { name: 'nested AggregateErrors around a 404', make: () => new AggregateError([new AggregateError([secretError({ status: 404 })], SECRET)], SECRET), want: ANSWERS.INTERNAL_ERROR },
    { name: 'an AggregateError with status 429 holding a hostile Proxy', make: () => Object.assign(new AggregateError([hostileProxy({})], SECRET), { status: 429 }), want: ANSWERS.TOO_MANY_REQUESTS },
    { name: 'a toJSON that throws', make: () => secretError({ toJSON: explode('toJSON') }), want: ANSWERS.INTERNAL_ERROR },
    { name: 'a toJSON that throws, with status 400', make: () => secretError({ toJSON: explode('toJSON'), status: 400 }), want: ANSWERS.BAD_REQUEST },
    { name: 'toString, valueOf and Symbol.toPrimitive that throw', make: () => secretError({ toString: explode('toString'), valueOf: explode('valueOf'), [Symbol.toPrimitive]: explode('toPrimitive') }), want: ANSWERS.INTERNAL_ERROR },
    { name: 'a status getter that throws', make: () => withThrowingGetters(secretError(), ['status']), want: ANSWERS.INTERNAL_ERROR },
    { name: 'a status getter that throws, statusCode 404', make: () => withThrowingGetters(secretError({ statusCode: 404 }), ['status']), want: ANSWERS.RESOURCE_NOT_FOUND },
    { name: 'a statusCode getter that throws, status 406', make: () => withThrowingGetters(secretError({ status: 406 }), ['statusCode']), want: ANSWERS.LOGIC_BAD_REQUEST },
    { name: 'a message getter that throws', make: () => withThrowingGetters(secretError(), ['message']), want: ANSWERS.INTERNAL_ERROR },
    { name: 'a name getter that throws', make: () => withThrowingGetters(secretError(), ['name']), want: ANSWERS.INTERNAL_ERROR },
    { name: 'a code getter that throws', make: () => withThrowingGetters(secretError(), ['code']), want: ANSWERS.INTERNAL_ERROR },
    { name: 'an expose getter that throws, status 400', make: () => withThrowingGetters(secretError({ status: 400 }), ['expose']), want: ANSWERS.BAD_REQUEST },
    { name: 'a headers getter that throws, status 429', make: () => withThrowingGetters(secretError({ status: 429 }), ['headers']), want: ANSWERS.TOO_MANY_REQUESTS },
    { name: 'stack and cause getters that throw', make: () => withThrowingGetters(secretError(), ['stack', 'cause']), want: ANSWERS.INTERNAL_ERROR },
    { name: 'every property a getter that throws', make: () => withThrowingGetters({}, ['status', 'statusCode', 'message', 'name', 'headers', 'expose', 'code', 'stack', 'cause', 'toJSON', 'then', 'constructor']), want: ANSWERS.INTERNAL_ERROR },
    { name: 'a Proxy whose every trap throws', make: () => hostileProxy(secretError()), want: ANSWERS.INTERNAL_ERROR, problems: ['answered with the 500 fallback'] },
    { name: 'a callable Proxy whose every trap throws', make: () => hostileProxy(() => SECRET), want: ANSWERS.INTERNAL_ERROR },
    { name: 'a revoked Proxy', make: () => { const { proxy, revoke } = Proxy.revocable(secretError({ status: 404 }), {}); revoke(); return proxy; }, want: ANSWERS.INTERNAL_ERROR },
    { name: 'a status that may be read only once (404)', make: statusOnce, want: ANSWERS.RESOURCE_NOT_FOUND },
    { name: 'a transparent Proxy around our 429 (answered by its status)', make: () => new Proxy(errors.TOO_MANY_REQUESTS(), {}), want: ANSWERS.TOO_MANY_REQUESTS },
    { name: 'a frozen error with status 404', make: () => Object.freeze(secretError({ status: 404 })), want: ANSWERS.RESOURCE_NOT_FOUND },
    { name: 'a frozen error with status 400', make: () => Object.freeze(secretError({ status: 400 })), want: ANSWERS.BAD_REQUEST },
    { name: 'a sealed error', make: () => Object.seal(secretError()), want: ANSWERS.INTERNAL_ERROR },
    { name: 'our frozen 400', make: () => Object.freeze(errors.BAD_REQUEST()), want: ANSWERS.BAD_REQUEST },
    { name: 'our frozen 403 with a scope', make: () => Object.freeze(errors.NOT_ENOUGH_PERMISSION({}, { scope: ['orders:write'] })), want: { ...ANSWERS.NOT_ENOUGH_PERMISSION, headers: { 'www-authenticate': 'Bearer realm="api", error="insufficient_scope", error_description="Not enough permission.", scope="orders:write"' } } },
    { name: 'our non-extensible ILLEGAL_STATE', make: () => Object.preventExtensions(errors.ILLEGAL_STATE({ detail: 'locked' })), want: illegalState('locked') },
    { name: 'our error with a cause cycle', make: () => errors.BAD_REQUEST(undefined, { cause: circularCause() }), want: ANSWERS.BAD_REQUEST },
    { name: 'our error whose code getter was made to throw (the definition wins)', make: () => tamperedCode(false), want: ANSWERS.RESOURCE_NOT_FOUND },
    { name: 'our family error whose code getter was made to throw', make: () => tamperedCode(true), want: ANSWERS.INTERNAL_ERROR },
    { name: 'our ILLEGAL_STATE whose code was overwritten (the definition wins)', make: () => Object.assign(errors.ILLEGAL_STATE({ detail: 'x' }), { code: '<script>' }), want: illegalState('x') },
    { name: 'our ILLEGAL_STATE whose params were overwritten with a 10 MB value', make: () => Object.assign(errors.ILLEGAL_STATE({ detail: 'x' }), { params: { detail: 'y'.repeat(10 * 2 ** 20) } }), want: ANSWERS.INTERNAL_ERROR },
    { name: 'our error whose params getter was made to throw', make: tamperedParams, want: ANSWERS.INTERNAL_ERROR },
    { name: 'our family error whose code was overwritten with an object', make: () => Object.assign(errors['{RESOURCE}_NOT_EXIST']({ RESOURCE: 'USER' }), { code: { toString: explode('code') } }), want: ANSWERS.INTERNAL_ERROR },
    { name: 'our error whose code was overwritten with another string (the definition wins)', make: () => Object.assign(errors.RESOURCE_NOT_FOUND(), { code: '<script>' }), want: ANSWERS.RESOURCE_NOT_FOUND },
  ]);

  /** Every own key and descriptor, to prove the answer never wrote to a thrown value. */
  function snapshot(value: object): string {
    return Reflect.ownKeys(value).map((key) => {
      const d = Reflect.getOwnPropertyDescriptor(value, key)!;
      const shown = key === 'stack' || typeof d.value === 'object' ? typeof d.value : String(d.value);
      return `${String(key)}:${typeof d.get}:${shown}:${String(d.writable)}:${String(d.enumerable)}`;
    }).join('|') + `|extensible=${String(Object.isExtensible(value))}`;
  }
  const untouched: ReadonlyArray<readonly [string, () => object, string]> = [
    ['a foreign 404 with headers', () => secretError({ status: 404, headers: { 'X-Request-Id': 'abc' } }), 'message:undefined:internal sk_live_SECRET_7f3a:true:false'],
    ['a sealed foreign 400', () => Object.seal(secretError({ status: 400 })), 'extensible=false'],
    ['our non-extensible 429 with headers', () => Object.preventExtensions(errors.TOO_MANY_REQUESTS(undefined, { headers: { 'X-Limit': '10' } })), 'extensible=false'],
    ['our ILLEGAL_STATE', () => errors.ILLEGAL_STATE({ detail: 'x' }), 'message:undefined:Illegal state: x:true:false'],
  ];
  for (const [name, make, part] of untouched) {
    it(`never writes to the thrown value: ${name}`, () => {
      const value = make();
      const before = snapshot(value);
      assert.ok(before.includes(part), `the snapshot shows ${part}: ${before}`);
      for (const format of FORMAT_NAMES) wireForm(errors, value, { format });
      assert.equal(snapshot(value), before, 'the thrown value was changed');
    });
  }
});

describe('secrets never reach a body', () => {
  const PATH = '/srv/app/src/db/pool.js';
  function realTypeError(): unknown {
    try {
      (JSON.parse('null') as { x: unknown }).x;
    } catch (err) {
      return Object.assign(err as Error, { detail: SECRET });
    }
    return undefined;
  }
  table([
    { name: 'an Error with a secret message and a stack', make: () => new Error(`connect ECONNREFUSED ${SECRET} at ${PATH}:12:3`), want: ANSWERS.INTERNAL_ERROR },
    { name: 'a real TypeError from the code', make: realTypeError, want: ANSWERS.INTERNAL_ERROR },
    { name: 'an Error whose cause holds a secret and a file path', make: () => new Error('wrapped', { cause: new Error(`${SECRET} ${PATH}`) }), want: ANSWERS.INTERNAL_ERROR },
    { name: 'http-errors 500 with a secret message', make: () => createHttpError(500, `${SECRET} ${PATH}`), want: ANSWERS.INTERNAL_ERROR },
    { name: 'http-errors 400 with expose and a secret message', make: () => createHttpError(400, `${SECRET}`, { expose: true }), want: ANSWERS.BAD_REQUEST },
    { name: 'our ILLEGAL_STATE with a secret cause', make: () => errors.ILLEGAL_STATE({ detail: 'order book locked' }, { cause: new Error(`${SECRET} ${PATH}`) }), want: illegalState('order book locked') },
    { name: 'our 401 with a secret cause', make: () => errors.INVALID_AUTH_TOKEN(undefined, { cause: new Error(SECRET) }), want: ANSWERS.INVALID_AUTH_TOKEN },
    { name: 'an error whose toJSON returns its stack', make: () => { const err = new Error(SECRET); return Object.assign(err, { toJSON: () => ({ stack: err.stack }) }); }, want: ANSWERS.INTERNAL_ERROR },
    { name: 'an AggregateError of secrets', make: () => new AggregateError([new Error(SECRET), new Error(PATH)], SECRET), want: ANSWERS.INTERNAL_ERROR },
    { name: 'a stack string thrown as is', make: () => new Error(SECRET).stack, want: ANSWERS.INTERNAL_ERROR },
    { name: 'an object with message, stack and cause members', make: () => ({ message: SECRET, stack: `Error\n    at x (${PATH}:1:1)`, cause: PATH, expose: true }), want: ANSWERS.INTERNAL_ERROR },
  ]);

  it('the leak scanner recognises what it must (a scanner that cannot fail would prove nothing)', () => {
    const leaks = (text: string): string | undefined => {
      try {
        assertNoLeak('probe', 500, text);
        return undefined;
      } catch (err) {
        return (err as Error).message;
      }
    };
    assert.match(leaks(JSON.stringify({ code: 'X', message: new Error('boom').stack }))!, /carries a stack frame/);
    assert.match(leaks(`{"message":"${SECRET}"}`)!, /carries an internal message/);
    assert.match(leaks(`{"message":"open ${PATH}"}`)!, /carries a file path/);
    assert.match(leaks('{"cause": {}}')!, /carries a stack or cause member/);
    assert.match(leaks('{"message":"TypeError: x is undefined"}')!, /carries an internal error name/);
    assert.equal(leaks(JSON.stringify({ code: 'INTERNAL_ERROR', message: 'Internal server error.' })), undefined);
    assert.equal(leaks(JSON.stringify({ type: 'about:blank', title: 'Not Found', status: 404, detail: 'x', code: 'A_B' })), undefined);
  });
});

describe('foreign errors are mapped, never passed through', () => {
  const JWT_SECRET = 'a-secret-of-32-bytes-or-more-for-hs256';
  const expired = jwt.sign({ sub: 'u1', exp: Math.floor(Date.now() / 1000) - 60 }, JWT_SECRET);
  const future = jwt.sign({ sub: 'u1', nbf: Math.floor(Date.now() / 1000) + 3600 }, JWT_SECRET);
  /** What jsonwebtoken throws for a call. */
  const thrownBy = (verify: () => unknown) => (): unknown => {
    try {
      verify();
    } catch (err) {
      return err;
    }
    return assert.fail('jsonwebtoken accepted the token');
  };

  describe('http-errors and jsonwebtoken, with the default fallbacks', () => table([
    { name: 'a 405 (no 405 definition): the 400 fallback, without its Allow header', make: () => createHttpError(405, { headers: { Allow: 'GET' } }), want: { ...ANSWERS.BAD_REQUEST, headers: { allow: undefined } } },
    { name: 'a jsonwebtoken TokenExpiredError', make: thrownBy(() => jwt.verify(expired, JWT_SECRET)), want: ANSWERS.INVALID_AUTH_TOKEN },
    { name: 'a jsonwebtoken bad signature', make: thrownBy(() => jwt.verify(expired, 'another-secret-of-32-bytes-or-more-for-hs256')), want: ANSWERS.INVALID_AUTH_TOKEN },
    { name: 'a malformed token', make: thrownBy(() => jwt.verify('not.a.jwt', JWT_SECRET)), want: ANSWERS.INVALID_AUTH_TOKEN },
    { name: 'a NotBeforeError', make: thrownBy(() => jwt.verify(future, JWT_SECRET)), want: ANSWERS.INVALID_AUTH_TOKEN },
    { name: 'a server misconfiguration (no secret): the 500 fallback, not a 401', make: thrownBy(() => jwt.verify(future, '')), want: ANSWERS.INTERNAL_ERROR, problems: ['server misconfiguration'] },
  ]));

  describe('with the jwt option telling expired from invalid', () => table([
    { name: 'an expired token', make: thrownBy(() => jwt.verify(expired, JWT_SECRET)), want: ANSWERS.EXPIRED_AUTH_TOKEN },
    { name: 'a bad signature', make: thrownBy(() => jwt.verify(expired, 'another-secret-of-32-bytes-or-more-for-hs256')), want: ANSWERS.INVALID_AUTH_TOKEN },
  ], { jwt: { expired: 'EXPIRED_AUTH_TOKEN', invalid: 'INVALID_AUTH_TOKEN' } }));

  describe('with an explicit fallback for a status', () => table([
    { name: 'a foreign 404', make: () => createHttpError(404), want: ANSWERS.RESOURCE_NOT_FOUND },
    { name: 'a foreign 429', make: () => createHttpError(429), want: ANSWERS.TOO_MANY_REQUESTS },
  ], { fallbacks: { 404: 'RESOURCE_NOT_FOUND', 429: 'TOO_MANY_REQUESTS' } }));

  it('keeps a foreign error\'s safe headers when its status is answered', () => {
    const catalog = defineCatalog({
      METHOD_NOT_ALLOWED: { status: 405, message: 'Method not allowed.' },
      INTERNAL_ERROR: { status: 500, message: 'Internal server error.' },
    });
    const wire = wireForm(catalog, createHttpError(405, { headers: { Allow: 'GET, HEAD', 'Set-Cookie': 'a=1' } }), { format: 'code-message' });
    assert.equal(wire.status, 405);
    assert.deepEqual(wire.headers, { 'Content-Type': 'application/json; charset=utf-8', Allow: 'GET, HEAD', 'Content-Length': '61' });
    assert.equal(wire.body, '{"code":"METHOD_NOT_ALLOWED","message":"Method not allowed."}');
  });

  it('answers a 4xx with the 500 fallback when the catalog has no 400 definition', () => {
    const catalog = defineCatalog({ INTERNAL_ERROR: { status: 500, message: 'Internal server error.' } });
    const wire = wireForm(catalog, createHttpError(418), { format: 'code-message' });
    assert.equal(wire.status, 500);
    assert.equal(wire.body, '{"code":"INTERNAL_ERROR","message":"Internal server error."}');
  });

  describe('default fallbacks never choose a Bearer definition', () => {
    // A marketplace-like catalog: the first 400 and the first 401 are Bearer definitions.
    const catalog = defineCatalog({
      INVALID_AUTH_REQUEST: { status: 400, message: 'Malformed Authorization header.', bearer: 'invalid_request' },
      BAD_REQUEST: { status: 400, message: 'Invalid request.' },
      MISSING_ACCESS_KEY: { status: 401, message: 'Access key missing.', bearer: true },
      EXPIRED_AUTH_TOKEN: { status: 401, message: 'Expired auth token: {reason}', bearer: 'invalid_token' },
      INVALID_AUTH_TOKEN: { status: 401, message: 'Invalid auth token.', bearer: 'invalid_token' },
      INTERNAL_ERROR: { status: 500, message: 'Internal server error.' },
    }, { realm: 'api' });
    const answer = (thrown: unknown) => wireForm(catalog, thrown, { format: 'code-message' });
    const plain400 = { status: 400, body: '{"code":"BAD_REQUEST","message":"Invalid request."}', challenge: undefined };
    const seen = (thrown: unknown) => {
      const wire = answer(thrown);
      return { status: wire.status, body: wire.body, challenge: wire.headers['WWW-Authenticate'] };
    };

    it('malformed JSON (body-parser\'s entity.parse.failed) is the plain 400, without a challenge', () => {
      assert.deepEqual(seen(Object.assign(new Error('Unexpected token'), { type: 'entity.parse.failed', status: 400, statusCode: 400, expose: true })), plain400);
    });
    it('an upstream 401 gets no challenge it did not ask for', () => {
      assert.deepEqual(seen(Object.assign(new Error('upstream said 401'), { status: 401 })), plain400);
    });
    it('a jsonwebtoken error is the first invalid_token definition without placeholders', () => {
      assert.deepEqual(seen(Object.assign(new Error('jwt malformed'), { name: 'JsonWebTokenError' })), {
        status: 401, body: '{"code":"INVALID_AUTH_TOKEN","message":"Invalid auth token."}',
        challenge: 'Bearer realm="api", error="invalid_token", error_description="Invalid auth token."',
      });
    });
  });
});

describe('parameters are read as own primitive values and capped', () => {
  const CAP = 1024;
  const notExist = (resource: string): Expectation => ({ status: 404, code: `${resource}_NOT_EXIST`, message: 'The specific resource could not be found.' });
  // A JSON request body passed straight to a factory, as a route would.
  const state = (json: string) => () => errors.ILLEGAL_STATE(JSON.parse(json) as { detail: string });
  const family = (json: string) => () => errors['{RESOURCE}_NOT_EXIST'](JSON.parse(json) as { RESOURCE: string });
  table([
    { name: 'a body with __proto__ beside a real parameter', make: state('{"__proto__":{"polluted":"yes","detail":"proto"},"detail":"x"}'), want: illegalState('x') },
    { name: 'a body with __proto__ carrying the parameter', make: state('{"__proto__":{"detail":"from the prototype"}}'), want: illegalState('{detail}'), problems: ['parameter "detail" is missing'] },
    { name: 'a body with constructor.prototype', make: state('{"constructor":{"prototype":{"polluted":"yes","detail":"proto"}}}'), want: illegalState('{detail}') },
    { name: 'a nested __proto__ as the value', make: state('{"detail":{"__proto__":{"polluted":"yes"}}}'), want: illegalState('{detail}') },
    { name: 'an object with a toString as the value', make: state('{"detail":{"toString":"boom"}}'), want: illegalState('{detail}') },
    { name: 'an array as the value', make: state('{"detail":["a","b"]}'), want: illegalState('{detail}') },
    { name: 'a number as the value', make: state('{"detail":12.5}'), want: illegalState('12.5') },
    { name: 'a boolean as the value', make: state('{"detail":true}'), want: illegalState('true') },
    { name: 'null as the value', make: state('{"detail":null}'), want: illegalState('{detail}') },
    { name: 'a JSON array as the parameters', make: state('["detail"]'), want: illegalState('{detail}') },
    { name: 'a family value', make: family('{"RESOURCE":"USER"}'), want: notExist('USER') },
    { name: 'a family value with a space (refused: the 500 fallback)', make: family('{"RESOURCE":"a b"}'), want: ANSWERS.INTERNAL_ERROR, problems: ['family code refused'] },
    { name: 'a family value "__proto__" (refused: codes start with a letter)', make: family('{"RESOURCE":"__proto__"}'), want: ANSWERS.INTERNAL_ERROR },
    { name: 'a family value from __proto__ (missing: refused)', make: family('{"__proto__":{"RESOURCE":"ADMIN"}}'), want: ANSWERS.INTERNAL_ERROR },
    { name: 'a family value with CR LF (refused)', make: family('{"RESOURCE":"A\\r\\nSet-Cookie: x"}'), want: ANSWERS.INTERNAL_ERROR },
    { name: 'a 5000-character family value (capped, so refused)', make: family(JSON.stringify({ RESOURCE: 'A'.repeat(5000) })), want: ANSWERS.INTERNAL_ERROR },
    { name: `a 10 MB parameter, capped to exactly ${CAP} characters ending in …`, make: () => errors.ILLEGAL_STATE({ detail: 'p'.repeat(10 * 2 ** 20) }), want: illegalState(`${'p'.repeat(CAP - 1)}…`) },
    { name: 'a cap that never splits a surrogate pair', make: () => errors.ILLEGAL_STATE({ detail: `${'a'.repeat(CAP - 2)}${'😀'.repeat(100)}` }), want: illegalState(`${'a'.repeat(CAP - 2)}…`) },
    { name: 'a foreign error with a 10 MB message: none of it sent', make: () => new Error(`${SECRET}${'m'.repeat(10 * 2 ** 20)}`), want: ANSWERS.INTERNAL_ERROR },
    { name: 'an exposed foreign 404 with a 10 MB message: the documented 404 message', make: () => Object.assign(new Error('m'.repeat(10 * 2 ** 20)), { status: 404, expose: true }), want: ANSWERS.RESOURCE_NOT_FOUND },
  ]);

  it('never pollutes Object.prototype', () => {
    for (const format of FORMAT_NAMES) {
      wireForm(errors, state('{"__proto__":{"polluted":"yes","detail":"proto"},"constructor":{"prototype":{"polluted":"yes"}}}')(), { format });
    }
    for (const probe of [{}, Object.prototype, Object.create({}) as object, []]) {
      assert.equal((probe as { polluted?: unknown }).polluted, undefined, 'Object.prototype was polluted');
      assert.equal((probe as { detail?: unknown }).detail, undefined, 'Object.prototype was polluted');
    }
  });
});

describe('the handler\'s own helpers failing', () => {
  const fail = (): never => { throw new Error(`format exploded ${SECRET}`); };
  function circular(): object {
    const value: Record<string, unknown> = { code: 'X' };
    value.self = value;
    return value;
  }
  const BROKEN_FORMATS: ReadonlyArray<readonly [string, (info: ErrorInfo) => unknown]> = [
    ['throws', fail],
    ['returns a circular object', circular],
    ['returns a BigInt inside', (info) => ({ code: info.code, n: 1n })],
    ['returns a string', (info) => info.message],
    ['returns null', () => null],
    ['returns an object whose toJSON gives undefined', () => ({ toJSON: () => undefined })],
    ['returns a Proxy whose ownKeys trap throws', () => new Proxy({}, { ownKeys: fail })],
    ['returns an object with a getter that throws', () => Object.defineProperty({}, 'code', { enumerable: true, get: fail })],
    ['returns an object whose toJSON throws', () => ({ toJSON: fail })],
  ];
  const THROWN: ReadonlyArray<readonly [string, () => unknown]> = [
    ['our Bearer 403', () => errors.NOT_ENOUGH_PERMISSION({}, { scope: ['a'], headers: { 'X-Mine': '1' } })],
    ['our ILLEGAL_STATE', () => errors.ILLEGAL_STATE({ detail: 'x' })],
    ['a foreign 404', () => createHttpError(404, SECRET)],
    ['a hostile Proxy', () => new Proxy({}, { get: fail, getPrototypeOf: fail })],
  ];

  for (const [name, body] of BROKEN_FORMATS) {
    it(`a custom format that ${name}: 500, the plain {"code","message"} JSON, no header of the error`, () => {
      const format = defineFormat({ name: 'broken', body: body as (info: ErrorInfo) => object, schema: { type: 'object' } });
      for (const [thrown, make] of THROWN) {
        const wire = wireForm(errors, make(), { format });
        assert.deepEqual({ status: wire.status, headers: wire.headers, body: wire.body }, {
          status: 500, body: PLAIN_500_BODY,
          headers: { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': String(PLAIN_500_BODY.length) },
        }, thrown);
        assert.ok(wire.problems.some((p) => p.includes('format "broken" failed')), `${thrown}: ${JSON.stringify(wire.problems)}`);
      }
    });
  }

  describe('a fallback whose template parameters are missing renders them as placeholders', () => table([
    { name: 'a foreign error', make: () => new Error(SECRET), want: illegalState('{detail}'), problems: ['fallback "ILLEGAL_STATE" has placeholders; they were sent as themselves ({detail})'] },
    { name: 'null', make: () => null, want: illegalState('{detail}') },
  ], { fallbacks: { 500: 'ILLEGAL_STATE' } }));

  it('a format that fails with a fallback that has placeholders: {"code":"ILLEGAL_STATE","message":"Illegal state: {detail}"}', () => {
    const format = defineFormat({ name: 'broken', body: fail, schema: { type: 'object' } });
    const wire = wireForm(errors, Symbol(SECRET), { format, fallbacks: { 500: 'ILLEGAL_STATE' } });
    assert.equal(wire.status, 500);
    assert.equal(wire.body, '{"code":"ILLEGAL_STATE","message":"Illegal state: {detail}"}');
  });
});
