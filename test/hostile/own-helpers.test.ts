/**
 * Family 6 — the handler's own helpers failing: a custom format that throws or returns what
 * JSON cannot hold, an `onError` that throws or rejects, a fallback whose template
 * parameters are missing. Each still gives one valid answer.
 */
import assert from 'node:assert/strict';
import createHttpError from 'http-errors';
import {
  ANSWERS, assertAlive, assertAnswer, assertWellFormed, collect, eachServerAndFormat, illegalState, Live, PLAIN_500_BODY, Reports, SECRET,
  type Expectation,
} from '../support/hostile.js';
import { errors } from '../support/catalog.js';
import { createServer, forEachServer, type Route } from '../support/servers.js';
import { CatalogDefinitionError, defineFormat, errorHandler, koaErrorHandler, type ErrorContext, type ErrorInfo } from '../../lib/index.js';

const explode = (): never => { throw new Error(`format exploded ${SECRET}`); };

function circular(): object {
  const value: Record<string, unknown> = { code: 'X' };
  value.self = value;
  return value;
}

const BROKEN_FORMATS: ReadonlyArray<readonly [string, (info: ErrorInfo) => unknown]> = [
  ['throws', explode],
  ['returns a circular object', circular],
  ['returns a BigInt inside', (info) => ({ code: info.code, n: 1n })],
  ['returns a string', (info) => info.message],
  ['returns null', () => null],
  ['returns an object whose toJSON gives undefined', () => ({ toJSON: () => undefined })],
  ['returns a Proxy whose ownKeys trap throws', () => new Proxy({}, { ownKeys: explode })],
  ['returns an object with a getter that throws', () => Object.defineProperty({}, 'code', { enumerable: true, get: explode })],
  ['returns an object whose toJSON throws', () => ({ toJSON: explode })],
];

const THROWN: ReadonlyArray<readonly [string, () => unknown]> = [
  ['our Bearer 403', () => errors.NOT_ENOUGH_PERMISSION({}, { scope: ['a'], headers: { 'X-Mine': '1' } })],
  ['our ILLEGAL_STATE', () => errors.ILLEGAL_STATE({ detail: 'x' })],
  ['a foreign 404', () => createHttpError(404, SECRET)],
  ['a hostile Proxy', () => new Proxy({}, { get: explode, getPrototypeOf: explode })],
];

const thrownRoutes: Record<string, Route> = {};
THROWN.forEach(([, make], i) => { thrownRoutes[`/t/${i}`] = () => { throw make(); }; });

describe('hostile 6: the handler\'s own helpers failing', () => {
  describe('a custom format that fails: the plain 500 {"code","message"} JSON', () => {
    forEachServer((server) => {
      BROKEN_FORMATS.forEach(([name, body]) => {
        describe(`a format that ${name}`, () => {
          const reports = new Reports();
          const format = defineFormat({ name: 'broken', body: body as (info: ErrorInfo) => object, schema: { type: 'object' } });
          const live = new Live(createServer(server, {
            catalog: errors, options: { format, onError: reports.onError }, routes: { ...thrownRoutes, '/healthy': () => ({ ok: true }) },
          }));
          before(() => live.start());
          after(() => live.stop());
          afterEach(() => assertAlive(live, reports));
          THROWN.forEach(([thrown], i) => {
            it(`${thrown}: 500, plain JSON, no header of the error`, async () => {
              const res = await live.get(`/t/${i}`);
              assertWellFormed(res, `${server} ${name} ${thrown}`);
              collect(`${server} ${name} ${thrown}`, res.status, res.text);
              assert.equal(res.status, 500);
              assert.equal(res.text, PLAIN_500_BODY);
              assert.equal(res.headers['content-type'], 'application/json; charset=utf-8');
              assert.equal(res.headers['content-length'], String(Buffer.byteLength(PLAIN_500_BODY)));
              assert.equal(res.headers['www-authenticate'], undefined);
              assert.equal(res.headers['x-mine'], undefined);
              const problems = reports.last(`/t/${i}`)?.context.problems ?? [];
              assert.ok(problems.some((p) => p.includes('format "broken" failed')), JSON.stringify(problems));
            });
          });
        });
      });
    });
  });

  const FAILING_ON_ERROR: ReadonlyArray<readonly [string, (err: unknown, context: ErrorContext) => unknown]> = [
    ['throws', explode],
    ['throws a hostile Proxy', () => { throw new Proxy({}, { get: explode }); }],
    ['rejects', () => Promise.reject(new Error(SECRET))],
    ['is async and throws after a tick', async () => { await new Promise((resolve) => setImmediate(resolve)); explode(); }],
    ['returns a thenable whose then throws', () => ({ then: explode })],
    ['returns an object whose then getter throws', () => Object.defineProperty({}, 'then', { get: explode })],
    ['returns a thenable that rejects later', () => ({ then: (_: unknown, reject: (e: unknown) => void) => setImmediate(() => reject(new Error(SECRET))) })],
  ];
  const routes: Record<string, Route> = {
    '/ours': () => { throw errors.TOO_MANY_REQUESTS(); },
    '/foreign': () => Promise.reject(createHttpError(404, SECRET)),
  };
  FAILING_ON_ERROR.forEach(([name, onError]) => {
    describe(`an onError that ${name}: the answer stays what it was`, () => {
      eachServerAndFormat({ routes, options: { onError: onError as (err: unknown, context: ErrorContext) => void } }, ({ server, format, live }) => {
        it('our 429', async () => {
          assertAnswer(await live.get('/ours'), format, ANSWERS.TOO_MANY_REQUESTS, `${server} ${format} onError ${name}`);
          await new Promise((resolve) => setImmediate(resolve));
        });
        it('a foreign 404', async () => {
          assertAnswer(await live.get('/foreign'), format, ANSWERS.RESOURCE_NOT_FOUND, `${server} ${format} onError ${name}`);
          await new Promise((resolve) => setImmediate(resolve));
        });
      });
    });
  });

  describe('a fallback whose template parameters are missing renders them as placeholders', () => {
    const placeholder: Expectation = illegalState('{detail}');
    eachServerAndFormat({ routes: { '/foreign': () => { throw new Error(SECRET); }, '/null': () => Promise.reject(null) }, options: { fallbacks: { 500: 'ILLEGAL_STATE' } } }, ({ server, format, live }) => {
      it('a foreign error', async () => {
        assertAnswer(await live.get('/foreign'), format, placeholder, `${server} ${format} fallback with params`);
      });
      it('a rejected null', async () => {
        assertAnswer(await live.get('/null'), format, placeholder, `${server} ${format} fallback with params`);
      });
    });

    it('a code family as a fallback fails at startup (a fallback needs a fixed code)', () => {
      assert.throws(() => errorHandler(errors, { format: 'code-message', fallbacks: { 404: '{RESOURCE}_NOT_EXIST' } }), CatalogDefinitionError);
      assert.throws(() => koaErrorHandler(errors, { format: 'code-message', fallbacks: { 404: '{RESOURCE}_NOT_EXIST' } }), CatalogDefinitionError);
    });
  });

  describe('plain 500 with a fallback that has placeholders', () => {
    forEachServer((server) => {
      const format = defineFormat({ name: 'broken', body: explode, schema: { type: 'object' } });
      const live = new Live(createServer(server, {
        catalog: errors, options: { format, fallbacks: { 500: 'ILLEGAL_STATE' } }, routes: { '/x': () => { throw Symbol(SECRET); }, '/healthy': () => ({ ok: true }) },
      }));
      before(() => live.start());
      after(() => live.stop());
      afterEach(() => assertAlive(live));
      it('answers {"code":"ILLEGAL_STATE","message":"Illegal state: {detail}"}', async () => {
        const res = await live.get('/x');
        assert.equal(res.status, 500);
        assert.equal(res.text, '{"code":"ILLEGAL_STATE","message":"Illegal state: {detail}"}');
        collect(`${server} plain 500 with placeholders`, res.status, res.text);
      });
    });
  });
});
