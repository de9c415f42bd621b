/**
 * Family 1 — non-Error throws and rejections: strings, numbers, symbols, BigInts, null and
 * undefined, null-prototype objects, arrays, functions, boxed values, cross-realm errors.
 */
import assert from 'node:assert/strict';
import vm from 'node:vm';
import {
  addThrowRoutes, ANSWERS, assertAlive, assertAnswer, collect, eachServerAndFormat, itThrownAndRejected, Live, nativeServer,
  SECRET, type Expectation, type ThrowCase,
} from '../support/hostile.js';
import { forEachServer, type Route, type ServerName } from '../support/servers.js';

type Case = ThrowCase;

const realm = vm.createContext({});

const CASES: readonly Case[] = [
  { name: 'a string', make: () => `db password ${SECRET} rejected`, want: ANSWERS.INTERNAL_ERROR },
  { name: 'a number', make: () => 42, want: ANSWERS.INTERNAL_ERROR },
  { name: 'the number 404 (a status, but no object)', make: () => 404, want: ANSWERS.INTERNAL_ERROR },
  { name: 'a negative number', make: () => -1, want: ANSWERS.INTERNAL_ERROR },
  { name: 'true', make: () => true, want: ANSWERS.INTERNAL_ERROR },
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
];

// Falsy values: a rejection is an error everywhere; a synchronous throw is not, in Express.
const FALSY: ReadonlyArray<readonly [string, unknown]> = [
  ['null', null], ['undefined', undefined], ['0', 0], ['the empty string', ''], ['false', false], ['NaN', Number.NaN],
];
// Express reads next('route') and next('router') as "skip", so these strings never reach an error handler there.
const SKIPS: readonly string[] = ['route', 'router'];

const routes: Record<string, Route> = {};
addThrowRoutes(routes, CASES);
FALSY.forEach(([, value], i) => {
  routes[`/falsy-sync/${i}`] = () => { throw value; };
  routes[`/falsy-reject/${i}`] = () => Promise.reject(value);
});
SKIPS.forEach((value, i) => { routes[`/skip/${i}`] = () => { throw value; }; });

const isExpress = (server: ServerName): boolean => server.startsWith('express');

/** Express's finalhandler 404 for a path: not our answer, because no error reached us. */
function assertExpressNotFound(res: { status: number; headers: Record<string, unknown>; text: string }, path: string): void {
  assert.equal(res.status, 404);
  assert.equal(res.headers['content-type'], 'text/html; charset=utf-8');
  assert.match(res.text, new RegExp(`Cannot GET ${path.replace(/\//g, '\\/')}`));
  collect(path, res.status, res.text);
}

describe('hostile 1: non-Error throws and rejections', () => {
  eachServerAndFormat({ routes }, (suite) => {
    const { server, format, live } = suite;
    itThrownAndRejected(CASES, suite);

    FALSY.forEach(([name], i) => {
      const path = `/falsy-sync/${i}`;
      if (isExpress(server)) {
        it(`throw ${name}: Express reads next(${name}) as "no error" and falls through to its 404`, async () => {
          assertExpressNotFound(await live.get(path), path);
        });
      } else {
        it(`throw ${name}: answers the 500 fallback`, async () => {
          assertAnswer(await live.get(path), format, ANSWERS.INTERNAL_ERROR, `${server} ${format} throw ${name}`);
        });
      }
      it(`Promise.reject(${name}): answers the 500 fallback`, async () => {
        assertAnswer(await live.get(`/falsy-reject/${i}`), format, ANSWERS.INTERNAL_ERROR, `${server} ${format} reject ${name}`);
      });
    });

    SKIPS.forEach((value, i) => {
      const path = `/skip/${i}`;
      if (isExpress(server)) {
        it(`throw '${value}': Express skips to the next route and its 404`, async () => {
          assertExpressNotFound(await live.get(path), path);
        });
      } else {
        it(`throw '${value}': answers the 500 fallback`, async () => {
          assertAnswer(await live.get(path), format, ANSWERS.INTERNAL_ERROR, `${server} ${format} throw '${value}'`);
        });
      }
    });
  });

  // The harness forwards throws itself; these apps let Express's own router catch them.
  describe('what Express itself does with falsy values (no harness)', () => {
    forEachServer((server) => {
      if (!isExpress(server)) return;
      const live = new Live(nativeServer(server, {
        options: { format: 'code-message' },
        express: {
          '/throw-null': () => { throw null; },
          '/throw-undefined': () => { throw undefined; },
          // eslint-disable-next-line @typescript-eslint/require-await
          '/async-null': async () => { throw null; },
        },
      }));
      before(() => live.start());
      after(() => live.stop());
      afterEach(() => assertAlive(live));

      it('a synchronous `throw null` calls next(null): "no error", so the request falls through to the 404', async () => {
        assertExpressNotFound(await live.get('/throw-null'), '/throw-null');
      });
      it('a synchronous `throw undefined` does the same', async () => {
        assertExpressNotFound(await live.get('/throw-undefined'), '/throw-undefined');
      });
      if (server === 'express5') {
        it('Express 5 turns a falsy rejection into new Error(\'Rejected promise\'): the 500 fallback', async () => {
          const res = await live.get('/async-null');
          assertAnswer(res, 'code-message', ANSWERS.INTERNAL_ERROR, 'express5 async throw null');
        });
      }
    });
  });
});
