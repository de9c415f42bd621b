/**
 * Unexpected errors are never silent: without `onError`, a 5xx for a value the catalog did not
 * make is reported the framework's way (Koa: `app.emit('error', err, ctx)`; Express: the stack
 * on stderr unless the app's env is 'test'). A documented error is an answer, not a fault.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import request from 'supertest';
import express5 from 'express';
import express4 from 'express4';
import Koa3 from 'koa';
import Koa2 from 'koa2';
import { errorHandler, koaErrorHandler, type HandlerOptions } from '../lib/index.js';
import { errors } from './support/catalog.js';

const ROUTES: Record<string, () => never> = {
  '/type-error': () => { throw new TypeError('Cannot read properties of undefined (reading \'id\')'); },
  '/documented-400': () => { throw errors.BAD_REQUEST(); },
  '/documented-500': () => { throw errors.ILLEGAL_STATE({ detail: 'locked' }); },
  '/string': () => { throw 'a string'; }, // eslint-disable-line no-throw-literal
  '/unreadable': () => { throw new Proxy({}, { get() { throw new Error('trap'); }, getPrototypeOf() { throw new Error('trap'); } }); },
};

// Chosen explicitly, so the handler has no rewrite to warn about on stderr.
const FALLBACKS = { fallbacks: { 405: 'BAD_REQUEST', 413: 'BAD_REQUEST', 415: 'BAD_REQUEST' } } as const;

/** Replaces console.error for one test and returns what it was called with. */
function spyConsoleError(): { calls: unknown[][]; restore(): void } {
  const original = console.error;
  const calls: unknown[][] = [];
  console.error = (...args: unknown[]) => { calls.push(args); };
  return { calls, restore: () => { console.error = original; } };
}

describe('unexpected errors are never silent', () => {
  for (const [name, makeExpress] of [['express4', express4], ['express5', express5]] as const) {
    describe(`on ${name}: the stack on stderr, as Express's own handler`, () => {
      const build = (env: string, options: Partial<HandlerOptions<typeof errors>> = {}): http.Server => {
        const app = (makeExpress as unknown as typeof express5)();
        app.set('env', env);
        for (const [path, route] of Object.entries(ROUTES)) app.get(path, route);
        app.use(errorHandler(errors, { format: 'code-message', ...FALLBACKS, ...options }));
        return http.createServer(app);
      };
      let spy: ReturnType<typeof spyConsoleError>;
      beforeEach(() => { spy = spyConsoleError(); });
      afterEach(() => spy.restore());

      it('logs a TypeError from a route with its stack', async () => {
        const res = await request(build('development')).get('/type-error').timeout(5000);
        assert.equal(res.status, 500);
        assert.equal(spy.calls.length, 1, JSON.stringify(spy.calls));
        const text = String(spy.calls[0]![0]);
        assert.match(text, /^TypeError: Cannot read properties of undefined \(reading 'id'\)\n\s+at /);
      });

      it('logs a thrown string and an unreadable value as plain Errors, without crashing', async () => {
        const server = build('production');
        await request(server).get('/string').timeout(5000).expect(500);
        await request(server).get('/unreadable').timeout(5000).expect(500);
        assert.deepEqual(spy.calls.map((args) => String(args[0]).split('\n')[0]), [
          'Error: non-error thrown: "a string"',
          'Error: house-errors: an unreadable value was thrown',
        ]);
      });

      it('does not log documented errors, 4xx or 5xx', async () => {
        const server = build('development');
        await request(server).get('/documented-400').timeout(5000).expect(400);
        await request(server).get('/documented-500').timeout(5000).expect(500);
        assert.deepEqual(spy.calls, []);
      });

      it('does not log when the app env is test', async () => {
        await request(build('test')).get('/type-error').timeout(5000).expect(500);
        assert.deepEqual(spy.calls, []);
      });

      it('onError replaces the default: nothing on stderr', async () => {
        const heard: unknown[] = [];
        await request(build('development', { onError: (err) => { heard.push(err); } })).get('/type-error').timeout(5000).expect(500);
        assert.deepEqual(spy.calls, []);
        assert.equal(heard.length, 1);
        assert.ok(heard[0] instanceof TypeError);
      });
    });
  }

  for (const [name, KoaClass] of [['koa2', Koa2], ['koa3', Koa3]] as const) {
    describe(`on ${name}: app.emit('error', err, ctx), as Koa itself`, () => {
      const build = (options: Partial<HandlerOptions<typeof errors>> = {}): { app: Koa3; server: http.Server } => {
        const app = new (KoaClass as unknown as typeof Koa3)();
        app.use(koaErrorHandler(errors, { format: 'code-message', ...FALLBACKS, ...options }));
        app.use((ctx) => {
          const route = ROUTES[ctx.path];
          if (route !== undefined) route();
        });
        return { app, server: http.createServer(app.callback()) };
      };

      it('emits a TypeError from a route with its ctx, to app.on(\'error\')', async () => {
        const { app, server } = build();
        const emitted: Array<[unknown, unknown]> = [];
        app.on('error', (err, ctx) => { emitted.push([err, (ctx as { path?: string } | undefined)?.path]); });
        const res = await request(server).get('/type-error').timeout(5000);
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
        await request(server).get('/string').timeout(5000).expect(500);
        assert.equal(emitted.length, 1);
        assert.equal((emitted[0] as Error).message, 'non-error thrown: "a string"');
      });

      it('without a listener, Koa logs it unless app.silent', async () => {
        const spy = spyConsoleError();
        try {
          const { app, server } = build();
          await request(server).get('/type-error').timeout(5000).expect(500);
          assert.ok(spy.calls.some((args) => args.some((arg) => String(arg).includes('TypeError: Cannot read properties of undefined'))), JSON.stringify(spy.calls));
          spy.calls.length = 0;
          app.silent = true;
          await request(server).get('/type-error').timeout(5000).expect(500);
          assert.deepEqual(spy.calls, []);
        } finally {
          spy.restore();
        }
      });

      it('does not emit documented errors, 4xx or 5xx', async () => {
        const { app, server } = build();
        const emitted: unknown[] = [];
        app.on('error', (err) => { emitted.push(err); });
        await request(server).get('/documented-400').timeout(5000).expect(400);
        await request(server).get('/documented-500').timeout(5000).expect(500);
        assert.deepEqual(emitted, []);
      });

      it('onError replaces the default, and a listener that throws changes nothing', async () => {
        const heard: unknown[] = [];
        const quiet = build({ onError: (err) => { heard.push(err); } });
        const emitted: unknown[] = [];
        quiet.app.on('error', (err) => { emitted.push(err); });
        await request(quiet.server).get('/type-error').timeout(5000).expect(500);
        assert.deepEqual(emitted, []);
        assert.equal(heard.length, 1);

        const loud = build();
        loud.app.on('error', () => { throw new Error('the logger broke'); });
        const res = await request(loud.server).get('/type-error').timeout(5000);
        assert.equal(res.status, 500);
        assert.equal(res.text, '{"code":"INTERNAL_ERROR","message":"Internal server error."}');
      });
    });
  }
});
