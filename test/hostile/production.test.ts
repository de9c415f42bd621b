/**
 * Family 8 — production safety: with `NODE_ENV=production` and without, no stack, internal
 * message, `cause` or file path ever reaches a body. Leak-prone values are answered by
 * native apps whose `env` follows NODE_ENV; and every body the whole hostile suite read
 * (support/hostile.ts collects them) is scanned once more when the run ends.
 */
import assert from 'node:assert/strict';
import createHttpError from 'http-errors';
import {
  ANSWERS, assertAlive, assertAnswer, collected, leakIn, Live, nativeServer, SECRET, illegalState,
  type ExpressRoute, type Expectation, type KoaRoute,
} from '../support/hostile.js';
import { errors, FORMAT_NAMES } from '../support/catalog.js';
import { forEachServer } from '../support/servers.js';

const PATH = '/srv/app/src/db/pool.js';

function realTypeError(): unknown {
  try {
    (JSON.parse('null') as { x: unknown }).x;
  } catch (err) {
    return Object.assign(err as Error, { detail: SECRET });
  }
  return undefined;
}

const LEAKY: ReadonlyArray<readonly [string, () => unknown, Expectation]> = [
  ['an Error with a secret message and a stack', () => new Error(`connect ECONNREFUSED ${SECRET} at ${PATH}:12:3`), ANSWERS.INTERNAL_ERROR],
  ['a real TypeError from the code', realTypeError, ANSWERS.INTERNAL_ERROR],
  ['an Error whose cause holds a secret and a file path', () => new Error('wrapped', { cause: new Error(`${SECRET} ${PATH}`) }), ANSWERS.INTERNAL_ERROR],
  ['http-errors 500 with a secret message', () => createHttpError(500, `${SECRET} ${PATH}`), ANSWERS.INTERNAL_ERROR],
  ['http-errors 400 with expose and a secret message', () => createHttpError(400, `${SECRET}`, { expose: true }), ANSWERS.BAD_REQUEST],
  ['our ILLEGAL_STATE with a secret cause', () => errors.ILLEGAL_STATE({ detail: 'order book locked' }, { cause: new Error(`${SECRET} ${PATH}`) }), illegalState('order book locked')],
  ['our 401 with a secret cause', () => errors.INVALID_AUTH_TOKEN(undefined, { cause: new Error(SECRET) }), ANSWERS.INVALID_AUTH_TOKEN],
  ['an error whose toJSON returns its stack', () => { const err = new Error(SECRET); return Object.assign(err, { toJSON: () => ({ stack: err.stack }) }); }, ANSWERS.INTERNAL_ERROR],
  ['an AggregateError of secrets', () => new AggregateError([new Error(SECRET), new Error(PATH)], SECRET), ANSWERS.INTERNAL_ERROR],
  ['a stack string thrown as is', () => new Error(SECRET).stack, ANSWERS.INTERNAL_ERROR],
  ['an object with message, stack and cause members', () => ({ message: SECRET, stack: `Error\n    at x (${PATH}:1:1)`, cause: PATH, expose: true }), ANSWERS.INTERNAL_ERROR],
];

const expressRoutes: Record<string, ExpressRoute> = {};
const koaRoutes: Record<string, KoaRoute> = {};
LEAKY.forEach(([, make], i) => {
  expressRoutes[`/leak/${i}`] = () => { throw make(); };
  koaRoutes[`/leak/${i}`] = () => { throw make(); };
  expressRoutes[`/leak-async/${i}`] = (_req, _res, next) => { Promise.reject(make()).catch(next); };
  koaRoutes[`/leak-async/${i}`] = () => Promise.reject(make());
});

describe('hostile 8: production safety', () => {
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
        for (const format of FORMAT_NAMES) {
          describe(format, () => {
            let live: Live;
            // Built once NODE_ENV is set, so the frameworks read it as they would in production.
            before(() => {
              live = new Live(nativeServer(server, { options: { format }, env: process.env.NODE_ENV ?? 'development', express: expressRoutes, koa: koaRoutes }));
              return live.start();
            });
            after(() => live.stop());
            afterEach(() => assertAlive(live));

            LEAKY.forEach(([name, , want], i) => {
              it(`${name}: ${want.status} ${want.code} and nothing else`, async () => {
                assertAnswer(await live.get(`/leak/${i}`), format, want, `${server} ${format} NODE_ENV=${env} ${name}`);
                assertAnswer(await live.get(`/leak-async/${i}`), format, want, `${server} ${format} NODE_ENV=${env} async ${name}`);
              });
            });
          });
        }
      });
    });
  }

  it('the leak scanner recognises what it must (a scanner that cannot fail would prove nothing)', () => {
    assert.equal(leakIn(JSON.stringify({ code: 'X', message: new Error('boom').stack })), 'a stack frame');
    assert.equal(leakIn(`{"message":"${SECRET}"}`), 'an internal message');
    assert.equal(leakIn(`{"message":"open ${PATH}"}`), 'a file path');
    assert.equal(leakIn('{"cause": {}}'), 'a stack or cause member');
    assert.equal(leakIn('{"message":"TypeError: x is undefined"}'), 'an internal error name');
    assert.equal(leakIn(JSON.stringify({ code: 'INTERNAL_ERROR', message: 'Internal server error.' })), undefined);
    assert.equal(leakIn(JSON.stringify({ type: 'about:blank', title: 'Not Found', status: 404, detail: 'x', code: 'A_B' })), undefined);
  });
});

// A root hook: runs once every file of the run is done, over every body the hostile suite read.
after('hostile 8: no body of the whole hostile suite leaks', () => {
  assert.ok(collected.length > 0, 'the hostile suite recorded its bodies');
  const leaks = collected.map((c) => ({ ...c, leak: leakIn(c.text) })).filter((c) => c.leak !== undefined);
  assert.deepEqual(leaks.map((c) => `${c.where}: ${c.leak}`), [], 'bodies that leak');
});
