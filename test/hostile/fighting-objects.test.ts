/**
 * Family 2 — objects that fight back: circular causes, nested AggregateErrors, a toJSON
 * that throws, getters that throw, Proxies whose every trap throws, frozen and sealed
 * errors (which the handler must never write to), and our own errors tampered with.
 */
import assert from 'node:assert/strict';
import {
  addThrowRoutes, ANSWERS, eachServerAndFormat, illegalState, itThrownAndRejected, SECRET, type Expectation, type ThrowCase,
} from '../support/hostile.js';
import { errors } from '../support/catalog.js';
import type { Route } from '../support/servers.js';

const explode = (what: string) => (): never => { throw new Error(`${what} ${SECRET} /srv/app/secret.js`); };

function secretError(props: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(`internal ${SECRET}`), props);
}

function withThrowingGetters(base: object, names: readonly string[]): object {
  for (const name of names) Object.defineProperty(base, name, { get: explode(`${name} getter`), configurable: true });
  return base;
}

const EVERY_TRAP = [
  'get', 'set', 'has', 'ownKeys', 'getOwnPropertyDescriptor', 'getPrototypeOf', 'setPrototypeOf', 'defineProperty',
  'deleteProperty', 'isExtensible', 'preventExtensions', 'apply', 'construct',
] as const;

function hostileProxy<T extends object>(target: T): T {
  const handler: ProxyHandler<T> = {};
  for (const trap of EVERY_TRAP) (handler as Record<string, unknown>)[trap] = explode(`${trap} trap`);
  return new Proxy(target, handler);
}

function circularCause(): Error {
  const a = secretError();
  const b = secretError({ cause: a });
  (a as { cause?: unknown }).cause = b;
  return a;
}

// A status that can be read once: a second read would throw (the handler reads it once).
function statusOnce(): object {
  let reads = 0;
  return new Proxy(secretError(), {
    get(target, name, receiver) {
      if (name === 'status' && reads++ > 0) throw new Error(`status read twice ${SECRET}`);
      return name === 'status' ? 404 : Reflect.get(target, name, receiver);
    },
  });
}

type Case = ThrowCase;

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

const CASES: readonly Case[] = [
  { name: 'an error whose cause is itself', make: () => { const e = secretError(); (e as { cause?: unknown }).cause = e; return e; }, want: ANSWERS.INTERNAL_ERROR },
  { name: 'a cause cycle of two errors', make: circularCause, want: ANSWERS.INTERNAL_ERROR },
  { name: 'a cause cycle with status 400', make: () => Object.assign(circularCause(), { status: 400 }), want: ANSWERS.BAD_REQUEST },
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
  { name: 'a Proxy whose every trap throws', make: () => hostileProxy(secretError()), want: ANSWERS.INTERNAL_ERROR },
  { name: 'a callable Proxy whose every trap throws', make: () => hostileProxy(() => SECRET), want: ANSWERS.INTERNAL_ERROR },
  { name: 'a revoked Proxy', make: () => { const { proxy, revoke } = Proxy.revocable(secretError({ status: 404 }), {}); revoke(); return proxy; }, want: ANSWERS.INTERNAL_ERROR },
  { name: 'a status that may be read only once (404)', make: statusOnce, want: ANSWERS.RESOURCE_NOT_FOUND },
  { name: 'a transparent Proxy around our 429 (answered by its status)', make: () => new Proxy(errors.TOO_MANY_REQUESTS(), {}), want: ANSWERS.TOO_MANY_REQUESTS },
  { name: 'a frozen error with status 404', make: () => Object.freeze(secretError({ status: 404 })), want: ANSWERS.RESOURCE_NOT_FOUND },
  { name: 'a sealed error', make: () => Object.seal(secretError()), want: ANSWERS.INTERNAL_ERROR },
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
];

/** Every own key and descriptor, to prove the handler never wrote to a thrown value. */
function snapshot(value: object): string {
  return Reflect.ownKeys(value).map((key) => {
    const d = Reflect.getOwnPropertyDescriptor(value, key)!;
    const shown = key === 'stack' || typeof d.value === 'object' ? typeof d.value : String(d.value);
    return `${String(key)}:${typeof d.get}:${shown}:${String(d.writable)}:${String(d.enumerable)}`;
  }).join('|') + `|extensible=${String(Object.isExtensible(value))}`;
}

const untouched: Array<() => object> = [
  () => secretError({ status: 404, headers: { 'X-Request-Id': 'abc' } }),
  () => Object.seal(secretError({ status: 400 })),
  () => Object.preventExtensions(errors.TOO_MANY_REQUESTS(undefined, { headers: { 'X-Limit': '10' } })),
  () => errors.ILLEGAL_STATE({ detail: 'x' }),
];
const lastThrown: object[] = [];

const routes: Record<string, Route> = {};
addThrowRoutes(routes, CASES);
untouched.forEach((make, i) => {
  routes[`/untouched/${i}`] = () => { const value = make(); lastThrown[i] = value; throw value; };
});

describe('hostile 2: objects that fight back', () => {
  eachServerAndFormat({ routes }, (suite) => {
    const { live } = suite;
    itThrownAndRejected(CASES, suite);

    untouched.forEach((make, i) => {
      it(`never writes to a thrown value (#${i})`, async () => {
        const res = await live.get(`/untouched/${i}`);
        assert.ok(res.status >= 400);
        assert.equal(snapshot(lastThrown[i]!), snapshot(make()), 'the thrown value was changed by the handler');
      });
    });
  });
});
