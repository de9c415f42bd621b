/**
 * Hostile values on real servers, once per server: what the in-process tables of
 * test/http/answer.test.ts cannot show. The values that stress an adapter's own reads (Proxies,
 * getters that throw, falsy values Express reads as "no error") thrown and rejected; JSON bodies
 * through the frameworks' real parsers; NODE_ENV=production; `onError` and formats that fail.
 * After every test the process saw no uncaught exception, warning or double answer.
 */
import assert from 'node:assert/strict';
import vm from 'node:vm';
import createHttpError from 'http-errors';
import { errors, type FormatName } from '../support/catalog.js';
import {
  ANSWERS, assertAlive, assertAnswer, assertWellFormed, illegalState, PLAIN_500_BODY, Reports, SECRET, watchProcess,
  type Expectation, type ThrowCase,
} from '../support/hostile.js';
import {
  createServer, forEachServer, isExpress, Live, liveServer, type ExpressRoute, type KoaRoute, type RawResponse, type Route,
} from '../support/servers.js';
import { defineFormat, type ErrorContext } from '../../lib/index.js';
import { MAX_EXTRA_HEADERS, MAX_HEADER_VALUE_LENGTH } from '../../lib/rules/headers.js';

const FORMAT: FormatName = 'code-message';
const healthy: Record<string, Route> = { '/healthy': () => ({ ok: true }) };
const explode = (what: string) => (): never => { throw new Error(`${what} ${SECRET}`); };
const secretError = (props: Record<string, unknown> = {}): Error => Object.assign(new Error(`internal ${SECRET}`), props);

function hostileProxy<T extends object>(target: T): T {
  const traps = ['get', 'set', 'has', 'ownKeys', 'getOwnPropertyDescriptor', 'getPrototypeOf', 'setPrototypeOf', 'defineProperty',
    'deleteProperty', 'isExtensible', 'preventExtensions', 'apply', 'construct'];
  return new Proxy(target, Object.fromEntries(traps.map((trap) => [trap, explode(`${trap} trap`)])));
}

/** Express's finalhandler 404 for a path: not our answer, because no error reached us. */
function assertExpressNotFound(res: RawResponse, path: string): void {
  assert.equal(res.status, 404);
  assert.equal(res.headers['content-type'], 'text/html; charset=utf-8');
  assert.match(res.text, new RegExp(`Cannot GET ${path.replace(/\//g, '\\/')}`));
}

describe('hostile values thrown and rejected on a real server', () => {
  const realm = vm.createContext({});
  // The values an adapter reads (status, headersSent, expose…) before or around the answer.
  const CASES: readonly ThrowCase[] = [
    { name: 'a string', make: () => `db password ${SECRET} rejected`, want: ANSWERS.INTERNAL_ERROR },
    { name: 'a Symbol', make: () => Symbol(SECRET), want: ANSWERS.INTERNAL_ERROR },
    { name: 'a BigInt', make: () => 10n ** 40n, want: ANSWERS.INTERNAL_ERROR },
    { name: 'Object.create(null)', make: () => Object.create(null), want: ANSWERS.INTERNAL_ERROR },
    { name: 'a null-prototype object with status 404', make: () => Object.assign(Object.create(null) as object, { status: 404 }), want: ANSWERS.RESOURCE_NOT_FOUND },
    { name: 'a function with status 404', make: () => Object.assign(() => SECRET, { status: 404 }), want: ANSWERS.RESOURCE_NOT_FOUND },
    { name: 'a cross-realm TypeError with status 429', make: () => vm.runInContext(`Object.assign(new TypeError('${SECRET}'), { status: 429 })`, realm), want: ANSWERS.TOO_MANY_REQUESTS },
    { name: 'a Proxy whose every trap throws', make: () => hostileProxy(secretError()), want: ANSWERS.INTERNAL_ERROR },
    { name: 'a callable Proxy whose every trap throws', make: () => hostileProxy(() => SECRET), want: ANSWERS.INTERNAL_ERROR },
    { name: 'a revoked Proxy', make: () => { const { proxy, revoke } = Proxy.revocable(secretError({ status: 404 }), {}); revoke(); return proxy; }, want: ANSWERS.INTERNAL_ERROR },
    { name: 'a status getter that throws, statusCode 404', make: () => Object.defineProperty(secretError({ statusCode: 404 }), 'status', { get: explode('status') }), want: ANSWERS.RESOURCE_NOT_FOUND },
    {
      name: 'every property a getter that throws',
      make: () => {
        const value = {};
        for (const name of ['status', 'statusCode', 'message', 'name', 'headers', 'expose', 'code', 'stack', 'cause', 'toJSON', 'then', 'constructor']) {
          Object.defineProperty(value, name, { get: explode(`${name} getter`) });
        }
        return value;
      },
      want: ANSWERS.INTERNAL_ERROR,
    },
    { name: 'a frozen error with status 404', make: () => Object.freeze(secretError({ status: 404 })), want: ANSWERS.RESOURCE_NOT_FOUND },
    { name: 'a toJSON that throws, with status 400', make: () => secretError({ toJSON: explode('toJSON'), status: 400 }), want: ANSWERS.BAD_REQUEST },
    { name: 'an AggregateError with status 429 holding a hostile Proxy', make: () => Object.assign(new AggregateError([hostileProxy({})], SECRET), { status: 429 }), want: ANSWERS.TOO_MANY_REQUESTS },
    { name: 'our frozen 403 with a scope', make: () => Object.freeze(errors.NOT_ENOUGH_PERMISSION({}, { scope: ['orders:write'] })), want: { ...ANSWERS.NOT_ENOUGH_PERMISSION, headers: { 'www-authenticate': 'Bearer realm="api", error="insufficient_scope", error_description="Not enough permission.", scope="orders:write"' } } },
    { name: 'our ILLEGAL_STATE', make: () => errors.ILLEGAL_STATE({ detail: 'order book locked' }), want: illegalState('order book locked') },
  ];
  // Falsy values: a rejection is an error everywhere; a synchronous throw is not, in Express.
  const FALSY: ReadonlyArray<readonly [string, unknown]> = [
    ['null', null], ['undefined', undefined], ['0', 0], ['the empty string', ''], ['false', false], ['NaN', Number.NaN],
  ];
  // Express reads next('route') and next('router') as "skip", so these strings never reach an error handler there.
  const SKIPS: readonly string[] = ['route', 'router'];

  const routes: Record<string, Route> = { ...healthy };
  CASES.forEach((c, i) => {
    routes[`/sync/${i}`] = () => { throw c.make(); };
    routes[`/reject/${i}`] = () => Promise.reject(c.make());
  });
  FALSY.forEach(([, value], i) => {
    routes[`/falsy-sync/${i}`] = () => { throw value; };
    routes[`/falsy-reject/${i}`] = () => Promise.reject(value);
  });
  SKIPS.forEach((value, i) => { routes[`/skip/${i}`] = () => { throw value; }; });
  // Values whose every own property is recorded before the throw: the adapters must not write to them.
  const UNTOUCHED: ReadonlyArray<readonly [string, () => object]> = [
    ['a foreign 404 with headers', () => secretError({ status: 404, headers: { 'X-Request-Id': 'abc' } })],
    ['our 429 with headers, not extensible', () => Object.preventExtensions(errors.TOO_MANY_REQUESTS(undefined, { headers: { 'X-Limit': '10' } }))],
  ];
  const thrownValues: object[] = [];
  UNTOUCHED.forEach(([, make], i) => {
    routes[`/untouched/${i}`] = () => { const value = make(); thrownValues[i] = value; throw value; };
    routes[`/untouched-reject/${i}`] = () => { const value = make(); thrownValues[i] = value; return Promise.reject(value); };
  });
  const snapshot = (value: object): string => Reflect.ownKeys(value).map((key) => {
    const d = Reflect.getOwnPropertyDescriptor(value, key)!;
    return `${String(key)}:${typeof d.get}:${typeof d.value === 'object' ? JSON.stringify(d.value) : key === 'stack' ? '' : String(d.value)}:${String(d.writable)}`;
  }).join('|') + `|extensible=${String(Object.isExtensible(value))}`;
  // Routes Express itself runs (no harness forwarding): its router's own try/catch.
  const express: Record<string, ExpressRoute> = {
    '/native/throw-null': () => { throw null; },
    '/native/throw-undefined': () => { throw undefined; },
    '/native/async-null': async () => { await Promise.resolve(); throw null; },
  };

  forEachServer((server) => {
    const watch = watchProcess();
    const reports = new Reports();
    const live = liveServer(server, { catalog: errors, options: { format: FORMAT, onError: reports.onError }, routes, express });
    afterEach(() => { reports.assertNoDoubleAnswer(); watch.assertQuiet(); });

    CASES.forEach((c, i) => {
      it(`${c.name}, thrown and rejected → ${c.want.status} ${c.want.code}`, async () => {
        assertAnswer(await live.get(`/sync/${i}`), FORMAT, c.want, `${server} throw ${c.name}`);
        assertAnswer(await live.get(`/reject/${i}`), FORMAT, c.want, `${server} reject ${c.name}`);
      });
    });

    FALSY.forEach(([name], i) => {
      const path = `/falsy-sync/${i}`;
      if (isExpress(server)) {
        it(`throw ${name}: Express reads next(${name}) as "no error" and falls through to its 404`, async () => {
          assertExpressNotFound(await live.get(path), path);
        });
      } else {
        it(`throw ${name}: answers the 500 fallback`, async () => {
          assertAnswer(await live.get(path), FORMAT, ANSWERS.INTERNAL_ERROR, `${server} throw ${name}`);
        });
      }
      it(`Promise.reject(${name}): answers the 500 fallback`, async () => {
        assertAnswer(await live.get(`/falsy-reject/${i}`), FORMAT, ANSWERS.INTERNAL_ERROR, `${server} reject ${name}`);
      });
    });

    SKIPS.forEach((value, i) => {
      const path = `/skip/${i}`;
      it(isExpress(server) ? `throw '${value}': Express skips to the next route and its 404` : `throw '${value}': answers the 500 fallback`, async () => {
        const res = await live.get(path);
        if (isExpress(server)) assertExpressNotFound(res, path);
        else assertAnswer(res, FORMAT, ANSWERS.INTERNAL_ERROR, `${server} throw '${value}'`);
      });
    });

    UNTOUCHED.forEach(([name, make], i) => {
      it(`never writes to the thrown value: ${name}, thrown and rejected`, async () => {
        for (const path of [`/untouched/${i}`, `/untouched-reject/${i}`]) {
          const res = await live.get(path);
          assert.ok(res.status >= 400);
          assert.equal(snapshot(thrownValues[i]!), snapshot(make()), `${path}: the thrown value was changed`);
        }
      });
    });

    if (isExpress(server)) {
      it('Express\'s own router: a synchronous `throw null` or `throw undefined` is "no error", so the request falls through to the 404', async () => {
        assertExpressNotFound(await live.get('/native/throw-null'), '/native/throw-null');
        assertExpressNotFound(await live.get('/native/throw-undefined'), '/native/throw-undefined');
      });
    }
    if (server === 'express5') {
      it('Express 5 turns a falsy rejection into new Error(\'Rejected promise\'): the 500 fallback', async () => {
        assertAnswer(await live.get('/native/async-null'), FORMAT, ANSWERS.INTERNAL_ERROR, 'express5 async throw null');
      });
    }

    it('still answers a healthy route', () => assertAlive(live));
  });
});

describe('request bodies through the frameworks\' real JSON parsers', () => {
  const BODIES: ReadonlyArray<readonly [string, string, string, Expectation]> = [
    ['__proto__ beside a real parameter', '/state', '{"__proto__":{"polluted":"yes","detail":"proto"},"detail":"x"}', illegalState('x')],
    ['__proto__ carrying the parameter', '/state', '{"__proto__":{"detail":"from the prototype"}}', illegalState('{detail}')],
    ['constructor.prototype', '/state', '{"constructor":{"prototype":{"polluted":"yes","detail":"proto"}}}', illegalState('{detail}')],
    ['a family value from __proto__ (missing: refused)', '/family', '{"__proto__":{"RESOURCE":"ADMIN"}}', ANSWERS.INTERNAL_ERROR],
    ['a family value', '/family', '{"RESOURCE":"USER"}', { status: 404, code: 'USER_NOT_EXIST', message: 'The specific resource could not be found.' }],
    ['a family value with CR LF (refused)', '/family', '{"RESOURCE":"A\\r\\nSet-Cookie: x"}', ANSWERS.INTERNAL_ERROR],
  ];
  const routes: Record<string, Route> = {
    ...healthy,
    '/state': ({ body }) => { throw errors.ILLEGAL_STATE(body as { detail: string }); },
    '/family': ({ body }) => { throw errors['{RESOURCE}_NOT_EXIST'](body as { RESOURCE: string }); },
    '/echo': ({ body }) => body,
  };
  const post = (path: string, body: string, type = 'application/json') => ({ method: 'POST', path, headers: { 'content-type': type }, body });

  forEachServer((server) => {
    watchProcess();
    const live = liveServer(server, { catalog: errors, options: { format: FORMAT }, routes, json: true });
    afterEach(() => {
      for (const probe of [{}, Object.prototype, []]) assert.equal((probe as { polluted?: unknown }).polluted, undefined, 'Object.prototype was polluted');
    });

    for (const [name, path, json, parsed] of BODIES) {
      // @koa/bodyparser refuses a body with a __proto__ key itself (a 400); express.json keeps it as an own key.
      const want = !isExpress(server) && json.includes('"__proto__":') ? ANSWERS.BAD_REQUEST : parsed;
      it(`a JSON body with ${name} → ${want.status} ${want.code}`, async () => {
        assertAnswer(await live.request(post(path, json)), FORMAT, want, `${server} body ${name}`);
      });
    }

    it('malformed JSON: the 400 fallback, never echoing the input', async () => {
      const res = await live.request(post('/echo', '{"user": <script>alert(1)</script>'));
      assertAnswer(res, FORMAT, ANSWERS.BAD_REQUEST, `${server} malformed JSON`);
      assert.ok(!res.text.includes('script'));
    });

    it('a 10 MB JSON body: the parser refuses it (413), answered with the 400 fallback', async () => {
      const res = await live.request(post('/state', JSON.stringify({ detail: 'b'.repeat(10 * 2 ** 20) })));
      assertAnswer(res, FORMAT, ANSWERS.BAD_REQUEST, `${server} 10 MB body`);
    });

    // @koa/bodyparser accepts any charset; body-parser (Express) refuses with 415.
    if (isExpress(server)) {
      it('an unsupported charset (415): the 400 fallback', async () => {
        assertAnswer(await live.request(post('/echo', '{}', 'application/json; charset=klingon')), FORMAT, ANSWERS.BAD_REQUEST, `${server} charset`);
      });
    }
  });
});

describe('production: nothing internal reaches a body, whatever NODE_ENV says', () => {
  const PATH = '/srv/app/src/db/pool.js';
  const LEAKY: ReadonlyArray<readonly [string, () => unknown, Expectation]> = [
    ['an Error with a secret message and a stack', () => new Error(`connect ECONNREFUSED ${SECRET} at ${PATH}:12:3`), ANSWERS.INTERNAL_ERROR],
    ['an Error whose cause holds a secret and a file path', () => new Error('wrapped', { cause: new Error(`${SECRET} ${PATH}`) }), ANSWERS.INTERNAL_ERROR],
    ['http-errors 400 with expose and a secret message', () => createHttpError(400, `${SECRET}`, { expose: true }), ANSWERS.BAD_REQUEST],
    ['our ILLEGAL_STATE with a secret cause', () => errors.ILLEGAL_STATE({ detail: 'order book locked' }, { cause: new Error(`${SECRET} ${PATH}`) }), illegalState('order book locked')],
    ['an object with message, stack and cause members', () => ({ message: SECRET, stack: `Error\n    at x (${PATH}:1:1)`, cause: PATH, expose: true }), ANSWERS.INTERNAL_ERROR],
  ];
  const express: Record<string, ExpressRoute> = {};
  const koa: Record<string, KoaRoute> = {};
  LEAKY.forEach(([, make], i) => {
    express[`/leak/${i}`] = () => { throw make(); };
    koa[`/leak/${i}`] = () => { throw make(); };
    express[`/leak-async/${i}`] = (_req, _res, next) => { Promise.reject(make()).catch(next); };
    koa[`/leak-async/${i}`] = () => Promise.reject(make());
  });

  for (const env of ['production', undefined]) {
    describe(`NODE_ENV=${env ?? '(unset)'}`, () => {
      const saved = process.env.NODE_ENV;
      before(() => {
        if (env === undefined) delete process.env.NODE_ENV;
        else process.env.NODE_ENV = env;
      });
      after(() => {
        if (saved === undefined) delete process.env.NODE_ENV;
        else process.env.NODE_ENV = saved;
      });

      forEachServer((server) => {
        watchProcess();
        let live: Live;
        // Built once NODE_ENV is set, so the frameworks read it as they would in production.
        before(async () => {
          const spec = { catalog: errors, options: { format: FORMAT, onError: () => {} }, env: process.env.NODE_ENV ?? 'development', express, koa };
          live = await new Live(createServer(server, spec)).start();
        });
        after(() => live.stop());

        LEAKY.forEach(([name, , want], i) => {
          it(`${name}: ${want.status} ${want.code} and nothing else, thrown and rejected`, async () => {
            assertAnswer(await live.get(`/leak/${i}`), FORMAT, want, `${server} NODE_ENV=${env} ${name}`);
            assertAnswer(await live.get(`/leak-async/${i}`), FORMAT, want, `${server} NODE_ENV=${env} async ${name}`);
          });
        });
      });
    });
  }
});

describe('the handler\'s own helpers failing on a real server', () => {
  const FAILING_ON_ERROR: ReadonlyArray<readonly [string, (err: unknown, context: ErrorContext) => unknown]> = [
    ['throws', explode('onError')],
    ['throws a hostile Proxy', () => { throw new Proxy({}, { get: explode('get') }); }],
    ['rejects', () => Promise.reject(new Error(SECRET))],
    ['is async and throws after a tick', async () => { await new Promise((resolve) => setImmediate(resolve)); explode('later')(); }],
    ['returns a thenable whose then throws', () => ({ then: explode('then') })],
    ['returns an object whose then getter throws', () => Object.defineProperty({}, 'then', { get: explode('then getter') })],
    ['returns a thenable that rejects later', () => ({ then: (_: unknown, reject: (e: unknown) => void) => setImmediate(() => reject(new Error(SECRET))) })],
  ];
  const routes: Record<string, Route> = {
    ...healthy,
    '/ours': () => { throw errors.TOO_MANY_REQUESTS(); },
    '/foreign': () => Promise.reject(createHttpError(404, SECRET)),
  };
  const broken = defineFormat({ name: 'broken', body: explode('format'), schema: { type: 'object' } });
  const brokenRoutes: Record<string, Route> = {
    ...healthy,
    '/bearer': () => { throw errors.NOT_ENOUGH_PERMISSION({}, { scope: ['a'], headers: { 'X-Mine': '1' } }); },
    '/proxy': () => { throw new Proxy({}, { get: explode('get'), getPrototypeOf: explode('getPrototypeOf') }); },
  };

  forEachServer((server) => {
    for (const [name, onError] of FAILING_ON_ERROR) {
      describe(`an onError that ${name}: the answer stays what it was`, () => {
        watchProcess();
        const live = liveServer(server, { catalog: errors, options: { format: FORMAT, onError: onError as (err: unknown, context: ErrorContext) => void }, routes });
        it('our 429 and a foreign 404', async () => {
          assertAnswer(await live.get('/ours'), FORMAT, ANSWERS.TOO_MANY_REQUESTS, `${server} onError ${name}`);
          assertAnswer(await live.get('/foreign'), FORMAT, ANSWERS.RESOURCE_NOT_FOUND, `${server} onError ${name}`);
          await new Promise((resolve) => setImmediate(resolve));
        });
      });
    }

    describe('a custom format that throws: 500, the plain {"code","message"} JSON, no header of the error', () => {
      watchProcess();
      const reports = new Reports();
      const live = liveServer(server, { catalog: errors, options: { format: broken, onError: reports.onError }, routes: brokenRoutes });
      for (const path of ['/bearer', '/proxy']) {
        it(path.slice(1), async () => {
          const res = await live.get(path);
          assertWellFormed(res, `${server} broken format ${path}`);
          assert.equal(res.status, 500);
          assert.equal(res.text, PLAIN_500_BODY);
          assert.equal(res.headers['content-type'], 'application/json; charset=utf-8');
          assert.equal(res.headers['content-length'], String(Buffer.byteLength(PLAIN_500_BODY)));
          assert.equal(res.headers['www-authenticate'], undefined);
          assert.equal(res.headers['x-mine'], undefined);
          assert.ok(reports.last(path)?.context.problems.some((p) => p.includes('format "broken" failed')));
        });
      }
    });
  });
});

describe('header attacks that only the wire shows', () => {
  const routes: Record<string, Route> = {
    ...healthy,
    '/framing': () => {
      throw errors.TOO_MANY_REQUESTS(undefined, {
        headers: { 'X-Ok': 'fine', 'Content-Length': '0', 'Transfer-Encoding': 'chunked', Connection: 'close', Upgrade: 'websocket', 'Keep-Alive': 'timeout=1', Trailer: 'X' },
      });
    },
    '/many': () => { throw errors.BAD_REQUEST(undefined, { headers: Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`X-H${i}`, `v${i}`])) }); },
    '/big': () => { throw errors.BAD_REQUEST(undefined, { headers: Object.fromEntries(Array.from({ length: MAX_EXTRA_HEADERS }, (_, i) => [`X-Big${i}`, 'b'.repeat(MAX_HEADER_VALUE_LENGTH)])) }); },
  };
  forEachServer((server) => {
    watchProcess();
    const live = liveServer(server, { catalog: errors, options: { format: FORMAT }, routes });

    it('err.headers cannot set framing or connection headers: the connection stays keep-alive, the body whole', async () => {
      const res = await live.get('/framing');
      assertAnswer(res, FORMAT, { ...ANSWERS.TOO_MANY_REQUESTS, headers: { 'retry-after': '30', 'x-ok': 'fine', 'transfer-encoding': undefined, upgrade: undefined, trailer: undefined, 'keep-alive': 'timeout=5' } }, server);
      assert.equal(res.headers.connection, 'keep-alive');
    });

    it(`at most ${MAX_EXTRA_HEADERS} extra headers, within a size every client reads`, async () => {
      const many = await live.get('/many');
      assertAnswer(many, FORMAT, ANSWERS.BAD_REQUEST, server);
      assert.equal(Object.keys(many.headers).filter((name) => name.startsWith('x-h')).length, MAX_EXTRA_HEADERS);
      assertAnswer(await live.get('/big'), FORMAT, ANSWERS.BAD_REQUEST, server);
      await assertAlive(live);
    });
  });
});
