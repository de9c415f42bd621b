/**
 * Family 7 — request-borne attacks: JSON bodies with `__proto__` / `constructor.prototype`
 * keys passed straight to a factory as template parameters (parameters are read only as
 * own properties with primitive values: no pollution, no prototype values in a message),
 * and 10 MB messages, parameters and bodies (every interpolated value is capped at
 * `maxParamLength`, 1024 UTF-16 units by default, ending in `…`, never splitting a character).
 */
import assert from 'node:assert/strict';
import { ANSWERS, assertAnswer, eachServerAndFormat, illegalState, SECRET, type Expectation } from '../support/hostile.js';
import { errors } from '../support/catalog.js';
import type { Route } from '../support/servers.js';

const TEN_MB = 10 * 2 ** 20;
const CAP = 1024;

const notExist = (resource: string): Expectation => ({ status: 404, code: `${resource}_NOT_EXIST`, message: 'The specific resource could not be found.' });

const BODIES: ReadonlyArray<readonly [string, string, string, Expectation]> = [
  ['__proto__ beside a real parameter', '/state', '{"__proto__":{"polluted":"yes","detail":"proto"},"detail":"x"}', illegalState('x')],
  ['__proto__ carrying the parameter', '/state', '{"__proto__":{"detail":"from the prototype"}}', illegalState('{detail}')],
  ['constructor.prototype', '/state', '{"constructor":{"prototype":{"polluted":"yes","detail":"proto"}}}', illegalState('{detail}')],
  ['a nested __proto__ as the value', '/state', '{"detail":{"__proto__":{"polluted":"yes"}}}', illegalState('{detail}')],
  ['an object with a toString as the value', '/state', '{"detail":{"toString":"boom"}}', illegalState('{detail}')],
  ['an array as the value', '/state', '{"detail":["a","b"]}', illegalState('{detail}')],
  ['a number as the value', '/state', '{"detail":12.5}', illegalState('12.5')],
  ['a boolean as the value', '/state', '{"detail":true}', illegalState('true')],
  ['null as the value', '/state', '{"detail":null}', illegalState('{detail}')],
  ['a JSON array body', '/state', '["detail"]', illegalState('{detail}')],
  ['a family value', '/family', '{"RESOURCE":"USER"}', notExist('USER')],
  ['a family value with a space (refused: the 500 fallback)', '/family', '{"RESOURCE":"a b"}', ANSWERS.INTERNAL_ERROR],
  ['a family value "__proto__" (refused: codes start with a letter)', '/family', '{"RESOURCE":"__proto__"}', ANSWERS.INTERNAL_ERROR],
  ['a family value from __proto__ (missing: refused)', '/family', '{"__proto__":{"RESOURCE":"ADMIN"}}', ANSWERS.INTERNAL_ERROR],
  ['a family value with CR LF (refused)', '/family', '{"RESOURCE":"A\\r\\nSet-Cookie: x"}', ANSWERS.INTERNAL_ERROR],
  ['a 5000-character family value (capped, so refused)', '/family', JSON.stringify({ RESOURCE: 'A'.repeat(5000) }), ANSWERS.INTERNAL_ERROR],
];

const routes: Record<string, Route> = {
  '/state': ({ body }) => { throw errors.ILLEGAL_STATE(body as { detail: string }); },
  '/family': ({ body }) => { throw errors['{RESOURCE}_NOT_EXIST'](body as { RESOURCE: string }); },
  '/big-param': () => { throw errors.ILLEGAL_STATE({ detail: 'p'.repeat(TEN_MB) }); },
  '/big-emoji': () => { throw errors.ILLEGAL_STATE({ detail: `${'a'.repeat(CAP - 2)}${'😀'.repeat(100)}` }); },
  '/big-message': () => { throw new Error(`${SECRET}${'m'.repeat(TEN_MB)}`); },
  '/big-foreign': () => Promise.reject(Object.assign(new Error('m'.repeat(TEN_MB)), { status: 404, expose: true })),
  '/big-description': () => { throw errors.INVALID_AUTH_TOKEN(undefined, { errorDescription: 'd'.repeat(TEN_MB) }); },
};

function assertNoPollution(): void {
  for (const probe of [{}, Object.prototype, Object.create({}) as object, []]) {
    assert.equal((probe as { polluted?: unknown }).polluted, undefined, 'Object.prototype was polluted');
    assert.equal((probe as { detail?: unknown }).detail, undefined, 'Object.prototype was polluted');
  }
}

describe('hostile 7: request-borne attacks', () => {
  eachServerAndFormat({ routes, json: true }, ({ server, format, live }) => {
    afterEach(assertNoPollution);

    for (const [name, path, json, parsed] of BODIES) {
      // @koa/bodyparser refuses a body with a __proto__ key itself (a 400); express.json keeps it as an own key.
      const want = server.startsWith('koa') && json.includes('"__proto__":') ? ANSWERS.BAD_REQUEST : parsed;
      it(`a JSON body with ${name} → ${want.status} ${want.code}`, async () => {
        const res = await live.request({ method: 'POST', path, headers: { 'content-type': 'application/json' }, body: json });
        assertAnswer(res, format, want, `${server} ${format} body ${name}`);
      });
    }

    it(`a 10 MB parameter is capped to exactly ${CAP} characters ending in …`, async () => {
      const res = await live.get('/big-param');
      const capped = `${'p'.repeat(CAP - 1)}…`;
      assert.equal(capped.length, CAP);
      assertAnswer(res, format, illegalState(capped), `${server} ${format} 10 MB parameter`);
      assert.ok(Buffer.byteLength(res.text) < 2 * CAP, 'the body stays small');
    });

    it('a cap never splits a surrogate pair', async () => {
      const res = await live.get('/big-emoji');
      const capped = `${'a'.repeat(CAP - 2)}…`;
      assertAnswer(res, format, illegalState(capped), `${server} ${format} emoji at the cap`);
    });

    it('a foreign error with a 10 MB message: the 500 fallback, none of it sent', async () => {
      assertAnswer(await live.get('/big-message'), format, ANSWERS.INTERNAL_ERROR, `${server} ${format} 10 MB message`);
    });

    it('an exposed foreign 404 with a 10 MB message: the documented 404 message', async () => {
      assertAnswer(await live.get('/big-foreign'), format, ANSWERS.RESOURCE_NOT_FOUND, `${server} ${format} 10 MB foreign message`);
    });

    it('a 10 MB error_description: cut to 512 characters in the challenge', async () => {
      const res = await live.get('/big-description');
      assertAnswer(res, format, {
        ...ANSWERS.INVALID_AUTH_TOKEN,
        headers: { 'www-authenticate': `Bearer realm="api", error="invalid_token", error_description="${'d'.repeat(509)}..."` },
      }, `${server} ${format} 10 MB description`);
    });

    it('a 10 MB JSON body: the parser refuses it (413), answered with the 400 fallback', async () => {
      const body = JSON.stringify({ detail: 'b'.repeat(TEN_MB) });
      const res = await live.request({ method: 'POST', path: '/state', headers: { 'content-type': 'application/json' }, body });
      assertAnswer(res, format, ANSWERS.BAD_REQUEST, `${server} ${format} 10 MB body`);
    });
  });
});
