/**
 * The Express and Koa middleware, on real servers (Express 4, Express 5, Koa 2, Koa 3), for
 * what only a server shows, once per server: our errors answered as thrown, sync and async;
 * headers the app set before the error; per-throw headers; what `onError` hears; unexpected
 * errors reported the framework's way; the README's unmatched-route tip; negotiated languages.
 * Which answer a thrown value gets is the answer's job, tested in process (test/http/).
 */
import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import request from 'supertest';
import { errors, expectedBody } from './support/catalog.js';
import { buildApp, createServer, forEachServer, isExpress, type AppSpec, type Route, type ServerName } from './support/servers.js';
import { checkBearerChallenge } from './support/abnf.js';
import { defineCatalog, type AnyCatalog, type ErrorContext, type HandlerOptions } from '../lib/index.js';

const DEADLINE = { response: 5000, deadline: 10_000 };

/** An app of the shared catalog answering in `code-message`, with extra options and routes. */
function app(name: ServerName, routes: Record<string, Route>, options: Partial<HandlerOptions<AnyCatalog>> = {}, catalog: AnyCatalog = errors): Server {
  return createServer(name, { catalog, options: { format: 'code-message', ...options }, routes: { ...routes, '/ok': () => ({ ok: true }) } });
}

describe('our errors, as thrown', () => {
  const routes: Record<string, Route> = {
    '/invalid-token': () => { throw errors.INVALID_AUTH_TOKEN(); },
    '/missing-token': () => { throw errors.MISSING_AUTH_TOKEN(); },
    '/scope': () => { throw errors.NOT_ENOUGH_PERMISSION({}, { scope: ['orders:write'] }); },
    '/illegal': () => Promise.reject(errors.ILLEGAL_STATE({ detail: 'order book locked' })),
    '/family': () => { throw errors['{RESOURCE}_NOT_EXIST']({ RESOURCE: 'USER' }); },
    '/logic': () => { throw errors.LOGIC_BAD_REQUEST(); },
    '/too-many': () => { throw errors.TOO_MANY_REQUESTS(); },
  };
  const cases: ReadonlyArray<{ path: string; status: number; text: string; headers: Record<string, string | undefined> }> = [
    { path: '/invalid-token', status: 401, text: '{"code":"INVALID_AUTH_TOKEN","message":"Invalid auth token."}',
      headers: { 'www-authenticate': 'Bearer realm="api", error="invalid_token", error_description="Invalid auth token."' } },
    { path: '/missing-token', status: 401, text: '{"code":"MISSING_AUTH_TOKEN","message":"Auth token missing in the request."}',
      headers: { 'www-authenticate': 'Bearer realm="api"' } },
    { path: '/scope', status: 403, text: '{"code":"NOT_ENOUGH_PERMISSION","message":"Not enough permission."}',
      headers: { 'www-authenticate': 'Bearer realm="api", error="insufficient_scope", error_description="Not enough permission.", scope="orders:write"' } },
    { path: '/illegal', status: 500, text: '{"code":"ILLEGAL_STATE","message":"Illegal state: order book locked"}', headers: { 'www-authenticate': undefined } },
    { path: '/family', status: 404, text: '{"code":"USER_NOT_EXIST","message":"The specific resource could not be found."}', headers: {} },
    { path: '/logic', status: 406, text: '{"code":"BAD_REQUEST","message":"Bad request"}', headers: {} },
    { path: '/too-many', status: 429, text: '{"code":"TOO_MANY_REQUESTS","message":"Too many requests."}', headers: { 'retry-after': '30' } },
  ];

  forEachServer((name) => {
    const server = app(name, routes);
    for (const c of cases) {
      it(`answers ${c.path} with ${c.status} and its exact bytes`, async () => {
        const res = await request(server).get(c.path).timeout(DEADLINE);
        assert.equal(res.status, c.status);
        assert.equal(res.text, c.text);
        assert.equal(res.headers['content-type'], 'application/json; charset=utf-8');
        assert.equal(res.headers['content-length'], String(Buffer.byteLength(c.text)));
        for (const [header, value] of Object.entries(c.headers)) assert.equal(res.headers[header], value, header);
        if (c.headers['www-authenticate'] !== undefined) checkBearerChallenge(c.headers['www-authenticate']);
      });
    }

    it('answers in problem+json with the format\'s content type', async () => {
      const res = await request(app(name, routes, { format: 'problem-details' })).get('/family').timeout(DEADLINE);
      assert.equal(res.status, 404);
      assert.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8');
      assert.deepEqual(JSON.parse(res.text), expectedBody('problem-details', 'USER_NOT_EXIST', 404, 'The specific resource could not be found.'));
    });
  });
});

describe('headers around the answer', () => {
  forEachServer((name) => {
    it('keeps headers set before the error and removes representation headers', async () => {
      const server = app(name, {
        '/with-headers': (input) => {
          input.set('Access-Control-Allow-Origin', 'https://app.example');
          input.set('X-Request-Id', 'req-42');
          input.set('Content-Encoding', 'gzip');
          input.set('Content-Language', 'fr');
          input.set('Content-Disposition', 'attachment; filename="report.csv"');
          input.set('ETag', '"abc"');
          input.set('Last-Modified', 'Wed, 21 Oct 2015 07:28:00 GMT');
          input.set('Content-Type', 'text/csv');
          throw errors.BAD_REQUEST();
        },
      });
      const res = await request(server).get('/with-headers').timeout(DEADLINE);
      assert.equal(res.status, 400);
      assert.equal(res.headers['access-control-allow-origin'], 'https://app.example');
      assert.equal(res.headers['x-request-id'], 'req-42');
      for (const gone of ['content-encoding', 'content-language', 'content-disposition', 'etag', 'last-modified']) {
        assert.equal(res.headers[gone], undefined, `${gone} was kept`);
      }
      assert.equal(res.headers['content-type'], 'application/json; charset=utf-8');
      assert.equal(res.text, '{"code":"BAD_REQUEST","message":"Invalid or missing query parameters."}');
    });

    it('applies per-throw headers and an explicit error_description, drops unsafe ones, and tells onError', async () => {
      const heard: ErrorContext[] = [];
      const server = app(name, {
        '/per-throw': () => {
          throw errors.INVALID_AUTH_TOKEN({}, {
            errorDescription: 'The access token expired',
            headers: { 'X-Trace': 't-1', 'Set-Cookie': 'a=1', 'X-Evil': 'a\r\nInjected: 1', 'WWW-Authenticate': 'Basic' },
          });
        },
      }, { onError: (_err, ctx) => { heard.push(ctx); } });
      const res = await request(server).get('/per-throw').timeout(DEADLINE);
      assert.equal(res.status, 401);
      assert.equal(res.headers['www-authenticate'], 'Bearer realm="api", error="invalid_token", error_description="The access token expired"');
      assert.equal(res.headers['x-trace'], 't-1');
      assert.equal(res.headers['set-cookie'], undefined);
      assert.equal(res.headers['x-evil'], undefined);
      assert.equal(res.headers.injected, undefined);
      assert.equal(heard.length, 1);
      assert.deepEqual(heard[0]!.problems, [
        'header "Set-Cookie" from err.headers dropped: it is a framing or cookie header',
        'header "X-Evil" from err.headers dropped: it has a value that is not a non-negative integer or printable ASCII within 4096 characters',
        'header "WWW-Authenticate" from err.headers dropped: it is a challenge, built only from the definition\'s bearer',
      ]);
    });
  });
});

describe('onError', () => {
  forEachServer((name) => {
    it('hears the original error and the answer; its failures change nothing', async () => {
      const heard: Array<[unknown, ErrorContext]> = [];
      const thrown = errors.ILLEGAL_STATE({ detail: 'x' });
      for (const onError of [
        (err: unknown, ctx: ErrorContext) => { heard.push([err, ctx]); },
        () => { throw new Error('logger down'); },
        () => Promise.reject(new Error('async logger down')),
      ]) {
        const res = await request(app(name, { '/thrown': () => { throw thrown; } }, { onError })).get('/thrown').timeout(DEADLINE);
        assert.equal(res.status, 500);
        assert.equal(res.text, '{"code":"ILLEGAL_STATE","message":"Illegal state: x"}');
      }
      assert.equal(heard.length, 1);
      const [err, context] = heard[0]!;
      assert.equal(err, thrown);
      assert.deepEqual([context.status, context.key, context.code, context.headersSent], [500, 'ILLEGAL_STATE', 'ILLEGAL_STATE', false]);
      assert.equal(typeof context.req.headers, 'object');
    });
  });
});

describe('unexpected errors are never silent', () => {
  const ROUTES: Record<string, Route> = {
    '/type-error': () => { throw new TypeError('Cannot read properties of undefined (reading \'id\')'); },
    '/documented-400': () => { throw errors.BAD_REQUEST(); },
    '/documented-500': () => { throw errors.ILLEGAL_STATE({ detail: 'locked' }); },
    '/string': () => { throw 'a string'; }, // eslint-disable-line no-throw-literal
    '/unreadable': () => { throw new Proxy({}, { get() { throw new Error('trap'); }, getPrototypeOf() { throw new Error('trap'); } }); },
  };
  // Chosen explicitly, so the handler has no rewrite to warn about on stderr.
  const FALLBACKS = { fallbacks: { 405: 'BAD_REQUEST', 413: 'BAD_REQUEST', 415: 'BAD_REQUEST' } } as const;
  const spec = (options: Partial<HandlerOptions<typeof errors>> = {}, more: Partial<AppSpec> = {}): AppSpec => ({
    catalog: errors, options: { format: 'code-message', ...FALLBACKS, ...options } as HandlerOptions<AnyCatalog>, routes: ROUTES, ...more,
  });

  /** Replaces console.error for one test and returns what it was called with. */
  function spyConsoleError(): { calls: unknown[][]; restore(): void } {
    const original = console.error;
    const calls: unknown[][] = [];
    console.error = (...args: unknown[]) => { calls.push(args); };
    return { calls, restore: () => { console.error = original; } };
  }

  forEachServer((name) => {
    if (isExpress(name)) {
      describe('Express: the stack on stderr, as Express\'s own handler', () => {
        let spy: ReturnType<typeof spyConsoleError>;
        beforeEach(() => { spy = spyConsoleError(); });
        afterEach(() => spy.restore());
        const server = (env: string, options: Partial<HandlerOptions<typeof errors>> = {}) => createServer(name, spec(options, { env }));

        it('logs a TypeError from a route with its stack', async () => {
          const res = await request(server('development')).get('/type-error').timeout(DEADLINE);
          assert.equal(res.status, 500);
          assert.equal(spy.calls.length, 1, JSON.stringify(spy.calls));
          assert.match(String(spy.calls[0]![0]), /^TypeError: Cannot read properties of undefined \(reading 'id'\)\n\s+at /);
        });

        it('logs a thrown string and an unreadable value as plain Errors, without crashing', async () => {
          const app = server('production');
          await request(app).get('/string').timeout(DEADLINE).expect(500);
          await request(app).get('/unreadable').timeout(DEADLINE).expect(500);
          assert.deepEqual(spy.calls.map((args) => String(args[0]).split('\n')[0]), [
            'Error: non-error thrown: "a string"',
            'Error: house-errors: an unreadable value was thrown',
          ]);
        });

        it('does not log documented errors, 4xx or 5xx', async () => {
          const app = server('development');
          await request(app).get('/documented-400').timeout(DEADLINE).expect(400);
          await request(app).get('/documented-500').timeout(DEADLINE).expect(500);
          assert.deepEqual(spy.calls, []);
        });

        it('does not log when the app env is test', async () => {
          await request(server('test')).get('/type-error').timeout(DEADLINE).expect(500);
          assert.deepEqual(spy.calls, []);
        });

        it('onError replaces the default: nothing on stderr', async () => {
          const heard: unknown[] = [];
          await request(server('development', { onError: (err) => { heard.push(err); } })).get('/type-error').timeout(DEADLINE).expect(500);
          assert.deepEqual(spy.calls, []);
          assert.equal(heard.length, 1);
          assert.ok(heard[0] instanceof TypeError);
        });
      });
      return;
    }

    describe('Koa: app.emit(\'error\', err, ctx), as Koa itself', () => {
      // Koa adds its own logging listener when the server is made, unless the app has one: silent keeps it quiet.
      const build = (options: Partial<HandlerOptions<typeof errors>> = {}) => {
        const built = buildApp(name, spec(options));
        return { app: built.koa!, server: built.server };
      };

      it('emits a TypeError from a route with its ctx, to app.on(\'error\')', async () => {
        const { app, server } = build();
        const emitted: Array<[unknown, unknown]> = [];
        app.on('error', (err, ctx) => { emitted.push([err, (ctx as { path?: string } | undefined)?.path]); });
        const res = await request(server).get('/type-error').timeout(DEADLINE);
        assert.equal(res.status, 500);
        assert.equal(res.text, '{"code":"INTERNAL_ERROR","message":"Internal server error."}');
        assert.equal(emitted.length, 1);
        assert.ok(emitted[0]![0] instanceof TypeError);
        assert.equal(emitted[0]![1], '/type-error');
      });

      it('emits a thrown string as an Error (Koa\'s listener refuses non-errors)', async () => {
        const { app, server } = build();
        const emitted: unknown[] = [];
        app.on('error', (err) => { emitted.push(err); });
        await request(server).get('/string').timeout(DEADLINE).expect(500);
        assert.equal(emitted.length, 1);
        assert.equal((emitted[0] as Error).message, 'non-error thrown: "a string"');
      });

      it('without a listener, Koa logs it unless app.silent', async () => {
        const spy = spyConsoleError();
        try {
          const { app, server } = build();
          app.silent = false;
          await request(server).get('/type-error').timeout(DEADLINE).expect(500);
          assert.ok(spy.calls.some((args) => args.some((arg) => String(arg).includes('TypeError: Cannot read properties of undefined'))), JSON.stringify(spy.calls));
          spy.calls.length = 0;
          app.silent = true;
          await request(server).get('/type-error').timeout(DEADLINE).expect(500);
          assert.deepEqual(spy.calls, []);
        } finally {
          spy.restore();
        }
      });

      it('does not emit documented errors, 4xx or 5xx', async () => {
        const { app, server } = build();
        const emitted: unknown[] = [];
        app.on('error', (err) => { emitted.push(err); });
        await request(server).get('/documented-400').timeout(DEADLINE).expect(400);
        await request(server).get('/documented-500').timeout(DEADLINE).expect(500);
        assert.deepEqual(emitted, []);
      });

      it('onError replaces the default, and a listener that throws changes nothing', async () => {
        const heard: unknown[] = [];
        const quiet = build({ onError: (err) => { heard.push(err); } });
        const emitted: unknown[] = [];
        quiet.app.on('error', (err) => { emitted.push(err); });
        await request(quiet.server).get('/type-error').timeout(DEADLINE).expect(500);
        assert.deepEqual(emitted, []);
        assert.equal(heard.length, 1);

        const loud = build();
        loud.app.on('error', () => { throw new Error('the logger broke'); });
        const res = await request(loud.server).get('/type-error').timeout(DEADLINE);
        assert.equal(res.status, 500);
        assert.equal(res.text, '{"code":"INTERNAL_ERROR","message":"Internal server error."}');
      });
    });
  });
});

describe('the README\'s unmatched-route tip answers in the house format', () => {
  const body = '{"code":"ROUTE_NOT_EXIST","message":"The specific resource could not be found."}';
  forEachServer((name) => {
    it(isExpress(name) ? 'a last middleware that passes the family to next' : 'a last middleware that throws the family', async () => {
      const server = createServer(name, {
        catalog: errors, options: { format: 'code-message' }, routes: { '/known': () => ({ ok: true }) },
        after: {
          express: [(_req, _res, next) => next(errors['{RESOURCE}_NOT_EXIST']({ RESOURCE: 'ROUTE' }))],
          koa: [() => { throw errors['{RESOURCE}_NOT_EXIST']({ RESOURCE: 'ROUTE' }); }],
        },
      });
      const res = await request(server).get('/unknown').timeout(DEADLINE);
      assert.equal(res.status, 404);
      assert.equal(res.text, body);
      assert.equal((await request(server).get('/known').timeout(DEADLINE)).status, 200);
    });
  });
});

describe('languages negotiated from Accept-Language', () => {
  const i18n = defineCatalog({
    ACCESS_TOKEN_EXPIRED: {
      status: 401, bearer: 'invalid_token',
      message: { en: 'The access token has expired.', ko: '엑세스토큰이 만료되었습니다.', 'ko-KR': '엑세스토큰이 만료된 경우 발생합니다.' },
    },
    PLAIN: { status: 404, message: 'Not found.' },
    INTERNAL_ERROR: { status: 500, message: { en: 'Internal server error.', ko: '서버 에러입니다.' } },
  });
  const routes: Record<string, Route> = {
    '/expired': () => { throw i18n.ACCESS_TOKEN_EXPIRED(); },
    '/plain': () => { throw i18n.PLAIN(); },
    '/vary': (input) => { input.set('Vary', 'Origin'); throw i18n.PLAIN(); },
  };

  forEachServer((name) => {
    const negotiating = app(name, routes, { locales: ['en', 'ko', 'ko-KR'], defaultLocale: 'en' }, i18n);

    it('answers in the language asked for, with Content-Language and Vary', async () => {
      const res = await request(negotiating).get('/expired').set('Accept-Language', 'en;q=0.5, ko-KR;q=0.9').timeout(DEADLINE);
      assert.equal(res.status, 401);
      assert.equal(res.text, '{"code":"ACCESS_TOKEN_EXPIRED","message":"엑세스토큰이 만료된 경우 발생합니다."}');
      assert.equal(res.headers['content-language'], 'ko-KR');
      assert.equal(res.headers.vary, 'Accept-Language');
      // error_description stays ASCII: the English text stands in for Korean.
      assert.equal(res.headers['www-authenticate'], 'Bearer error="invalid_token", error_description="The access token has expired."');
    });

    it('answers the default language without a header, and labels an untranslated message with it', async () => {
      const res = await request(negotiating).get('/expired').timeout(DEADLINE);
      assert.equal(res.text, '{"code":"ACCESS_TOKEN_EXPIRED","message":"The access token has expired."}');
      assert.equal(res.headers['content-language'], 'en');
      const plain = await request(negotiating).get('/plain').set('Accept-Language', 'ko').timeout(DEADLINE);
      assert.equal(plain.text, '{"code":"PLAIN","message":"Not found."}');
      assert.equal(plain.headers['content-language'], 'en');
    });

    it('appends Accept-Language to an existing Vary', async () => {
      const res = await request(negotiating).get('/vary').set('Accept-Language', 'ko').timeout(DEADLINE);
      assert.equal(res.headers.vary, 'Origin, Accept-Language');
    });

    it('survives a hostile Accept-Language of thousands of ranges', async () => {
      const header = Array.from({ length: 2000 }, (_, i) => `x${i % 10}-r${i};q=0.${i % 10}`).join(',').slice(0, 14000);
      const res = await request(negotiating).get('/expired').set('Accept-Language', header).timeout(DEADLINE);
      assert.equal(res.status, 401);
      assert.equal(res.headers['content-language'], 'en');
      assert.equal((await request(negotiating).get('/ok').timeout(DEADLINE)).status, 200);
    });

    it('uses a fixed locale without negotiating or varying', async () => {
      const res = await request(app(name, routes, { locale: 'ko' }, i18n)).get('/expired').set('Accept-Language', 'en').timeout(DEADLINE);
      assert.equal(res.text, '{"code":"ACCESS_TOKEN_EXPIRED","message":"엑세스토큰이 만료되었습니다."}');
      assert.equal(res.headers['content-language'], 'ko');
      assert.equal(res.headers.vary, undefined);
    });
  });
});
