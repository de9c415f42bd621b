import assert from 'node:assert/strict';
import request from 'supertest';
import createHttpError from 'http-errors';
import jwt from 'jsonwebtoken';
import express5 from 'express';
import express4 from 'express4';
import Koa3 from 'koa';
import Koa2 from 'koa2';
import { createServer, forEachServer, type Route, type ServerName } from './support/servers.js';
import { errors } from './support/catalog.js';
import { defineCatalog, errorHandler, koaErrorHandler, type AnyCatalog, type HandlerOptions } from '../lib/index.js';

const INTERNAL = { code: 'INTERNAL_ERROR', message: 'Internal server error.' };
const BAD_REQUEST = { code: 'BAD_REQUEST', message: 'Invalid or missing query parameters.' };
const INVALID_TOKEN = { code: 'INVALID_AUTH_TOKEN', message: 'Invalid auth token.' };
const SECRET = 'test-secret';

function app(name: ServerName, routes: Record<string, Route>, options: Partial<HandlerOptions<AnyCatalog>> = {}, catalog: AnyCatalog = errors) {
  return createServer(name, { catalog, options: { format: 'code-message', ...options }, routes: { ...routes, '/ok': () => ({ ok: true }) }, json: true });
}

async function expectAnswer(server: ReturnType<typeof app>, path: string, status: number, body: object, send?: string | Buffer, type?: string) {
  const req = send === undefined ? request(server).get(path) : request(server).post(path).set('Content-Type', type ?? 'application/json').send(send);
  const res = await req.timeout(5000);
  assert.equal(res.status, status, `status for ${path}: ${res.text}`);
  assert.deepEqual(JSON.parse(res.text), body);
  const alive = await request(server).get('/ok').timeout(5000);
  assert.equal(alive.status, 200, 'the process still answers');
  return res;
}

describe('foreign errors', () => {
  forEachServer((name) => {
    describe('http-errors', () => {
      it('maps a 404 to the first 404 definition without placeholders (families are skipped)', async () => {
        await expectAnswer(app(name, { '/x': () => { throw createHttpError(404, 'secret internal text'); } }), '/x', 404,
          { code: 'RESOURCE_NOT_FOUND', message: 'The resource could not be found.' });
      });

      it('uses an explicit fallback for its status', async () => {
        await expectAnswer(app(name, { '/x': () => { throw createHttpError(404); } }, { fallbacks: { 404: 'RESOURCE_NOT_FOUND', 429: 'TOO_MANY_REQUESTS' } }),
          '/x', 404, { code: 'RESOURCE_NOT_FOUND', message: 'The resource could not be found.' });
      });

      it('maps a 4xx without a definition to the 400 fallback and drops its headers', async () => {
        const res = await expectAnswer(app(name, { '/x': () => { throw createHttpError(405, { headers: { Allow: 'GET' } }); } }), '/x', 400, BAD_REQUEST);
        assert.equal(res.headers.allow, undefined);
      });

      it('keeps a foreign error\'s safe headers when its status is answered', async () => {
        const catalog = defineCatalog({
          METHOD_NOT_ALLOWED: { status: 405, message: 'Method not allowed.' },
          INTERNAL_ERROR: { status: 500, message: 'Internal server error.' },
        });
        const res = await expectAnswer(app(name, { '/x': () => { throw createHttpError(405, { headers: { Allow: 'GET, HEAD', 'Set-Cookie': 'a=1' } }); } }, {}, catalog),
          '/x', 405, { code: 'METHOD_NOT_ALLOWED', message: 'Method not allowed.' });
        assert.equal(res.headers.allow, 'GET, HEAD');
        assert.equal(res.headers['set-cookie'], undefined);
      });

      it('maps a 5xx without a definition to the 500 fallback', async () => {
        await expectAnswer(app(name, { '/x': () => { throw createHttpError(503, 'db: connection refused at 10.0.0.3'); } }), '/x', 500, INTERNAL);
      });

      it('maps a 4xx to the 500 fallback when the catalog has no 400 definition', async () => {
        const catalog = defineCatalog({ INTERNAL_ERROR: { status: 500, message: 'Internal server error.' } });
        await expectAnswer(app(name, { '/x': () => { throw createHttpError(418); } }, {}, catalog), '/x', 500, INTERNAL);
      });
    });

    describe('body-parser', () => {
      it('answers malformed JSON with the 400 fallback and never echoes the input', async () => {
        const res = await expectAnswer(app(name, { '/echo': (input) => input.body }), '/echo', 400, BAD_REQUEST, '{"user": <script>alert(1)</script>');
        assert.ok(!res.text.includes('script'));
      });

      it('answers a body over the limit with the 400 fallback (no 413 definition)', async () => {
        const huge = JSON.stringify({ blob: 'x'.repeat(2 * 1024 * 1024) });
        await expectAnswer(app(name, { '/echo': (input) => input.body }), '/echo', 400, BAD_REQUEST, huge);
      });

      // @koa/bodyparser accepts any charset; body-parser (Express) refuses with 415.
      if (name.startsWith('express')) it('answers an unsupported charset (415) with the 400 fallback', async () => {
        await expectAnswer(app(name, { '/echo': (input) => input.body }), '/echo', 400, BAD_REQUEST, '{}', 'application/json; charset=klingon');
      });
    });

    describe('jsonwebtoken', () => {
      const expired = jwt.sign({ sub: 'u1', exp: Math.floor(Date.now() / 1000) - 60 }, SECRET);
      const future = jwt.sign({ sub: 'u1', nbf: Math.floor(Date.now() / 1000) + 3600 }, SECRET);
      const routes: Record<string, Route> = {
        '/expired': () => jwt.verify(expired, SECRET),
        '/bad-signature': () => jwt.verify(expired, 'another-secret'),
        '/malformed': () => jwt.verify('not.a.jwt', SECRET),
        '/not-before': () => jwt.verify(future, SECRET),
        '/no-secret': () => jwt.verify(future, ''),
      };
      const challenge = 'Bearer realm="api", error="invalid_token", error_description="Invalid auth token."';

      it('maps TokenExpiredError, JsonWebTokenError and NotBeforeError to the invalid_token definition', async () => {
        const server = app(name, routes);
        for (const path of ['/expired', '/bad-signature', '/malformed', '/not-before']) {
          const res = await expectAnswer(server, path, 401, INVALID_TOKEN);
          assert.equal(res.headers['www-authenticate'], challenge);
        }
      });

      it('uses the jwt option to tell expired from invalid', async () => {
        const server = app(name, routes, { jwt: { expired: 'EXPIRED_AUTH_TOKEN', invalid: 'INVALID_AUTH_TOKEN' } });
        const res = await expectAnswer(server, '/expired', 401, { code: 'EXPIRED_AUTH_TOKEN', message: 'Expired auth token.' });
        assert.equal(res.headers['www-authenticate'], 'Bearer realm="api", error="invalid_token", error_description="Expired auth token."');
        await expectAnswer(server, '/bad-signature', 401, INVALID_TOKEN);
      });

      it('answers a server misconfiguration with the 500 fallback, not a 401', async () => {
        const res = await expectAnswer(app(name, routes), '/no-secret', 500, INTERNAL);
        assert.equal(res.headers['www-authenticate'], undefined);
      });
    });
  });
});

describe('handler options are validated at startup', () => {
  const base = { format: 'code-message' } as const;
  const factories = [['errorHandler', errorHandler], ['koaErrorHandler', koaErrorHandler]] as const;
  for (const [label, factory] of factories) {
    it(`${label} rejects a catalog without a 500 fallback`, () => {
      const catalog = defineCatalog({ ILLEGAL_STATE: { status: 500, message: 'Illegal state: {detail}' } });
      assert.throws(() => factory(catalog, base), /no 500 fallback: add a 500 definition without placeholders, or set fallbacks\[500\]/);
    });

    it(`${label} accepts an explicit 500 fallback with placeholders and renders it safely`, () => {
      const catalog = defineCatalog({ ILLEGAL_STATE: { status: 500, message: 'Illegal state: {detail}' } });
      assert.doesNotThrow(() => factory(catalog, { ...base, fallbacks: { 500: 'ILLEGAL_STATE' } }));
    });

    it(`${label} rejects unknown fallback and jwt keys, family fallbacks, bad statuses`, () => {
      const options = {
        ...base,
        fallbacks: { 404: 'NOPE', 418: '{RESOURCE}_NOT_EXIST', 200: 'BAD_REQUEST' },
        jwt: { expired: 'MISSING' },
      } as unknown as HandlerOptions<typeof errors>;
      assert.throws(() => factory(errors, options), (err: Error & { problems?: string[] }) => {
        assert.deepEqual(err.problems, [
          'fallbacks: status 200 is not 400–599',
          'fallbacks[404]: "NOPE" is not a key of the catalog',
          'fallbacks[418]: "{RESOURCE}_NOT_EXIST" is a code family; give it fixed values: [\'{RESOURCE}_NOT_EXIST\', { RESOURCE: \'…\' }]',
          'jwt.expired: "MISSING" is not a key of the catalog',
        ]);
        return true;
      });
    });

    it(`${label} rejects an unknown format, naming the choices`, () => {
      assert.throws(() => factory(errors, { format: 'xml' as 'code-message' }),
        /unknown format "xml" \(expected 'errorCode-reason', 'code-description', 'code-message', 'problem-details' or a defineFormat\(\.\.\.\) value\)/);
    });

    it(`${label} rejects a bad realm and bad locales`, () => {
      assert.throws(() => factory(errors, { ...base, realm: 'a\r\nb' }), /realm: expected printable ASCII/);
      assert.throws(() => factory(errors, { ...base, locales: [] }), /locales: expected a non-empty array/);
      assert.throws(() => factory(errors, { ...base, locale: 'en', locales: ['en'] }), /locale and locales: choose one/);
    });

    it(`${label} rejects something that is not a catalog`, () => {
      assert.throws(() => factory({} as typeof errors, base), /expected a catalog made by defineCatalog/);
    });
  }

  it('gives Express a four-parameter function', () => {
    assert.equal(errorHandler(errors, base).length, 4);
  });
});

describe('an explicit fallback with placeholders', () => {
  forEachServer((name) => {
    it('renders its placeholders as themselves', async () => {
      const catalog = defineCatalog({ ILLEGAL_STATE: { status: 500, message: 'Illegal state: {detail}' } });
      const heard: string[][] = [];
      const onError = (_err: unknown, ctx: { problems: readonly string[] }) => { heard.push([...ctx.problems]); };
      await expectAnswer(app(name, { '/x': () => { throw new Error('boom'); } }, { fallbacks: { 500: 'ILLEGAL_STATE' }, onError }, catalog), '/x', 500,
        { code: 'ILLEGAL_STATE', message: 'Illegal state: {detail}' });
      assert.deepEqual(heard[0], [
        'not an HTTP error (no status 400–599): answered with the 500 fallback',
        'fallback "ILLEGAL_STATE" has placeholders; they were sent as themselves ({detail})',
      ]);
    });
  });
});

describe('a family as a fallback, with fixed values', () => {
  const catalog = defineCatalog({
    BAD_REQUEST: { status: 400, message: 'Bad request.' },
    '{RESOURCE}_NOT_FOUND': { status: 404, message: 'The {RESOURCE} could not be found.' },
    NOT_ALLOWED: { status: 405, message: 'Method not allowed.' },
    INTERNAL_ERROR: { status: 500, message: 'Internal server error.' },
  });
  const fallbacks = { 404: ['{RESOURCE}_NOT_FOUND', { RESOURCE: 'ROUTE' }] as const };

  forEachServer((name) => {
    const server = app(name, {
      '/foreign-404': () => { throw createHttpError(404, 'no route for /x (internal text)'); },
      '/user': () => { throw catalog['{RESOURCE}_NOT_FOUND']({ RESOURCE: 'USER' }); },
      '/foreign-405': () => { throw createHttpError(405, { headers: { Allow: 'GET, HEAD' } }); },
    }, { fallbacks } as Partial<HandlerOptions<AnyCatalog>>, catalog);

    it('answers a foreign 404 with the family and its fixed values, the same bytes every time', async () => {
      for (let i = 0; i < 2; i++) {
        const res = await request(server).get('/foreign-404').timeout(5000);
        assert.equal(res.status, 404);
        assert.equal(res.text, '{"code":"ROUTE_NOT_FOUND","message":"The ROUTE could not be found."}');
      }
    });

    it('still answers the family thrown with other values by those values', async () => {
      await request(server).get('/foreign-404').timeout(5000);
      const res = await request(server).get('/user').timeout(5000);
      assert.equal(res.text, '{"code":"USER_NOT_FOUND","message":"The USER could not be found."}');
    });

    it('keeps a foreign 405 at 405 with its Allow header when the catalog has a 405', async () => {
      const res = await request(server).get('/foreign-405').timeout(5000);
      assert.equal(res.status, 405);
      assert.equal(res.text, '{"code":"NOT_ALLOWED","message":"Method not allowed."}');
      assert.equal(res.headers.allow, 'GET, HEAD');
    });
  });

  it('refuses at startup values that make a bad code or miss a placeholder, naming the status', () => {
    const cases: Array<[unknown, string]> = [
      [['{RESOURCE}_NOT_FOUND', { RESOURCE: 'a b' }], 'fallbacks[404]: family code refused: "a b_NOT_FOUND" does not match [A-Za-z][A-Za-z0-9_]*'],
      [['{RESOURCE}_NOT_FOUND', {}], 'fallbacks[404]: parameter "RESOURCE" is missing or not a string or number; rendered as {RESOURCE}; family code refused: "{RESOURCE}_NOT_FOUND" does not match [A-Za-z][A-Za-z0-9_]*'],
      [['{RESOURCE}_NOT_FOUND'], 'fallbacks[404]: expected a key or [key, values], got an array'],
      [['NOPE', { RESOURCE: 'X' }], 'fallbacks[404]: "NOPE" is not a key of the catalog'],
    ];
    for (const [ref, message] of cases) {
      assert.throws(() => errorHandler(catalog, { format: 'code-message', fallbacks: { 404: ref } } as never), (err: Error) => {
        assert.deepEqual((err as Error & { problems?: string[] }).problems, [message]);
        return true;
      });
    }
  });
});

describe('the handler says once which common foreign statuses it rewrites', () => {
  const warnings: Error[] = [];
  const listen = (warning: Error): void => { if (warning.name === 'HouseErrorsWarning') warnings.push(warning); };
  before(() => process.on('warning', listen));
  after(() => process.off('warning', listen));
  beforeEach(() => { warnings.length = 0; });
  const settle = () => new Promise((resolve) => setImmediate(resolve));

  it('names each rewritten status and what it becomes, once per process', async () => {
    const catalog = defineCatalog({
      QUERY_INVALID: { status: 400, message: 'Bad query.' },
      NO_SUCH_THING: { status: 404, message: 'No such thing.' },
      SLOW_DOWN: { status: 429, message: 'Slow down.' },
      OOPS: { status: 500, message: 'Oops.' },
    });
    errorHandler(catalog, { format: 'code-message' });
    koaErrorHandler(catalog, { format: 'code-message' });
    errorHandler(catalog, { format: 'problem-details' });
    await settle();
    assert.deepEqual(warnings.map((w) => [w.message, (w as Error & { code?: string }).code]), [[
      'house-errors: foreign errors at these statuses will be answered with another status, as the catalog has no definition without '
      + 'placeholders or Bearer challenge there: 405 Method Not Allowed → 400 QUERY_INVALID; 413 Payload Too Large → 400 QUERY_INVALID; '
      + '415 Unsupported Media Type → 400 QUERY_INVALID. Add definitions, or choose in the handler\'s fallbacks option '
      + '(e.g. fallbacks: { 405: \'KEY\' }) to silence this.',
      'HOUSE_ERRORS_REWRITES_STATUS',
    ]]);
  });

  it('says nothing when every common status is defined or chosen in fallbacks', async () => {
    const catalog = defineCatalog({
      WRONG_QUERY: { status: 400, message: 'Bad query.' },
      '{RESOURCE}_NOT_FOUND': { status: 404, message: 'Not found.' },
      OOPS_500: { status: 500, message: 'Oops.' },
    });
    errorHandler(catalog, {
      format: 'code-message',
      fallbacks: { 404: ['{RESOURCE}_NOT_FOUND', { RESOURCE: 'ROUTE' }], 405: 'WRONG_QUERY', 413: 'WRONG_QUERY', 415: 'WRONG_QUERY', 429: 'OOPS_500' },
    });
    await settle();
    assert.deepEqual(warnings, []);
  });
});

describe('the README\'s unmatched-route tip answers in the house format', () => {
  const body = '{"code":"ROUTE_NOT_EXIST","message":"The specific resource could not be found."}';
  for (const [name, make] of [['express4', express4], ['express5', express5]] as const) {
    it(`on ${name}: a last middleware that passes the family to next`, async () => {
      const app = (make as unknown as typeof express5)();
      app.get('/known', (_req, res) => { res.json({ ok: true }); });
      app.use((_req, _res, next) => next(errors['{RESOURCE}_NOT_EXIST']({ RESOURCE: 'ROUTE' })));
      app.use(errorHandler(errors, { format: 'code-message' }));
      const res = await request(app).get('/unknown').timeout(5000);
      assert.equal(res.status, 404);
      assert.equal(res.text, body);
      assert.equal((await request(app).get('/known').timeout(5000)).status, 200);
    });
  }
  for (const [name, KoaClass] of [['koa2', Koa2], ['koa3', Koa3]] as const) {
    it(`on ${name}: a last middleware that throws the family`, async () => {
      const koaApp = new (KoaClass as unknown as typeof Koa3)();
      koaApp.use(koaErrorHandler(errors, { format: 'code-message' }));
      koaApp.use(async (ctx, next) => { if (ctx.path === '/known') ctx.body = { ok: true }; else await next(); });
      koaApp.use(async () => { throw errors['{RESOURCE}_NOT_EXIST']({ RESOURCE: 'ROUTE' }); });
      const server = koaApp.callback();
      const res = await request(server).get('/unknown').timeout(5000);
      assert.equal(res.status, 404);
      assert.equal(res.text, body);
      assert.equal((await request(server).get('/known').timeout(5000)).status, 200);
    });
  }
});
