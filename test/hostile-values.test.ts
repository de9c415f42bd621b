import assert from 'node:assert/strict';
import request from 'supertest';
import { createServer, forEachServer, type Route } from './support/servers.js';
import { errors } from './support/catalog.js';
import type { ErrorContext } from '../lib/index.js';

const INTERNAL = { code: 'INTERNAL_ERROR', message: 'Internal server error.' };
const BAD_REQUEST = { code: 'BAD_REQUEST', message: 'Invalid or missing query parameters.' };

function circular(): object {
  const value: Record<string, unknown> = { message: 'loop' };
  value.self = value;
  value.cause = value;
  return value;
}

function withThrowingGetter(name: string): Error {
  const err = new Error('getter');
  Object.defineProperty(err, name, { get() { throw new Error(`${name} getter exploded`); } });
  return err;
}

function withStatus(status: unknown): Error {
  return Object.assign(new Error('internal detail: /srv/app/db.js'), { status });
}

const proxy = new Proxy({}, {
  get() { throw new Error('get trap'); }, has() { throw new Error('has trap'); }, ownKeys() { throw new Error('ownKeys trap'); },
  getPrototypeOf() { throw new Error('getPrototypeOf trap'); }, getOwnPropertyDescriptor() { throw new Error('gopd trap'); },
});

/** Each hostile value, how it is thrown, and the body it must produce. */
const cases: Array<[string, () => unknown, object, number]> = [
  ['a string', () => { throw 'something broke at /srv/app/index.js'; }, INTERNAL, 500],
  ['a number', () => { throw 404; }, INTERNAL, 500],
  ['null via a rejected promise', () => Promise.reject(null), INTERNAL, 500],
  ['undefined via a rejected promise', () => Promise.reject(undefined), INTERNAL, 500],
  ['Object.create(null)', () => { throw Object.create(null); }, INTERNAL, 500],
  ['a circular object', () => { throw circular(); }, INTERNAL, 500],
  ['a Proxy whose every trap throws', () => { throw proxy; }, INTERNAL, 500],
  ['an error whose status getter throws', () => { throw withThrowingGetter('status'); }, INTERNAL, 500],
  ['an error whose name and message getters throw', () => { throw withThrowingGetter('message'); }, INTERNAL, 500],
  ['status 200', () => { throw withStatus(200); }, INTERNAL, 500],
  ['status 302', () => { throw withStatus(302); }, INTERNAL, 500],
  ['status 600', () => { throw withStatus(600); }, INTERNAL, 500],
  ["status '404'", () => { throw withStatus('404'); }, INTERNAL, 500],
  ['status NaN', () => { throw withStatus(Number.NaN); }, INTERNAL, 500],
  ['status 404.5', () => { throw withStatus(404.5); }, INTERNAL, 500],
  ['a frozen error with status 400', () => { throw Object.freeze(withStatus(400)); }, BAD_REQUEST, 400],
  ['a frozen HouseError', () => { throw Object.freeze(errors.BAD_REQUEST()); }, BAD_REQUEST, 400],
  ['a Symbol', () => { throw Symbol('x'); }, INTERNAL, 500],
  ['a BigInt', () => { throw 10n; }, INTERNAL, 500],
];

describe('hostile thrown values', () => {
  forEachServer((name) => {
    const heard: unknown[] = [];
    const routes: Record<string, Route> = { '/ok': () => ({ ok: true }) };
    cases.forEach(([, thrower], i) => { routes[`/case/${i}`] = thrower; });
    const app = createServer(name, {
      catalog: errors, routes,
      options: { format: 'code-message', onError: (err: unknown, _ctx: ErrorContext) => { heard.push(err); } },
    });

    cases.forEach(([label, , body, status], i) => {
      it(`answers ${label} with a valid ${status} and stays alive`, async () => {
        heard.length = 0;
        const res = await request(app).get(`/case/${i}`).timeout(5000);
        assert.equal(res.status, status);
        assert.equal(res.headers['content-type'], 'application/json; charset=utf-8');
        assert.deepEqual(JSON.parse(res.text), body);
        assert.doesNotMatch(res.text, /srv|internal detail|getter|trap|loop|at /);
        assert.equal(heard.length, 1, 'onError heard the original value once');
        const alive = await request(app).get('/ok').timeout(5000);
        assert.equal(alive.status, 200);
      });
    });
  });
});
