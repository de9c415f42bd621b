/**
 * What the app already did before the error: a body it set, headers it wrote, `respond = false`,
 * a foreign error carrying an upstream's headers. Each rule is checked on every server it
 * concerns, with the exact bytes the client receives.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import { Readable } from 'node:stream';
import { ANSWERS, assertAnswer, Reports, watchProcess } from '../support/hostile.js';
import { errors } from '../support/catalog.js';
import { createServer, forEachServer, isExpress, Live, liveServer, type ExpressRoute, type KoaRoute, type ServerName } from '../support/servers.js';
import type { HandlerOptions, AnyCatalog } from '../../lib/index.js';

/** Sets `headers` on the response, then fails with `thrown`: the same app on each framework. */
function failAfter(headers: Record<string, string>, thrown: () => unknown): { express: ExpressRoute; koa: KoaRoute } {
  return {
    express: (_req, res) => {
      for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
      throw thrown();
    },
    koa: (ctx) => {
      for (const [name, value] of Object.entries(headers)) ctx.set(name, value);
      throw thrown();
    },
  };
}

/** A started app per server with the given routes; `reports` hears every onError; the process is watched. */
function liveApp(
  server: ServerName, routes: Record<string, { express?: ExpressRoute; koa?: KoaRoute }>,
  options: Partial<HandlerOptions<AnyCatalog>> = {},
): { live: Live; reports: Reports } {
  const reports = new Reports();
  const express: Record<string, ExpressRoute> = {};
  const koa: Record<string, KoaRoute> = {};
  for (const [path, route] of Object.entries(routes)) {
    if (route.express !== undefined) express[path] = route.express;
    if (route.koa !== undefined) koa[path] = route.koa;
  }
  watchProcess();
  const live = liveServer(server, { catalog: errors, express, koa, options: { format: 'code-message', onError: reports.onError, ...options } });
  return { live, reports };
}

/** A raw exchange on a fresh socket: every byte of the head, so duplicate framing headers show. */
function rawExchange(port: number, path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => {
      socket.write(`GET ${path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
    });
    let text = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => { text += chunk; });
    socket.on('end', () => resolve(text));
    socket.on('error', reject);
    socket.setTimeout(5000, () => { socket.destroy(); reject(new Error(`no answer for ${path} within 5 s`)); });
  });
}

describe('what the app did before the error', () => {
  forEachServer((server) => {
    const internal = () => new Error('boom');
    const { live, reports } = liveApp(server, {
      '/cached': failAfter({ 'Cache-Control': 'public, max-age=600', Expires: 'Thu, 01 Jan 2099 00:00:00 GMT', ETag: '"v1"', 'Last-Modified': 'Thu, 01 Jan 2026 00:00:00 GMT' }, internal),
      '/session': failAfter({ 'Set-Cookie': 'sid=rotated; HttpOnly', Location: '/orders/42', 'Access-Control-Allow-Origin': 'https://app.example', 'X-Request-Id': 'r-1' }, internal),
      '/trailer': failAfter({ Trailer: 'X-Checksum' }, internal),
      '/chunked': failAfter({ 'Transfer-Encoding': 'chunked', 'Content-Length': '999' }, internal),
      '/upstream': failAfter({ 'Access-Control-Allow-Origin': 'https://app.example', 'Retry-After': '5' }, () => Object.assign(
        new Error('Response status code 400: Bad Request'),
        {
          name: 'ResponseStatusCodeError', status: 400, statusCode: 400,
          headers: {
            'access-control-allow-origin': '*', 'strict-transport-security': 'max-age=0', 'cache-control': 'public, max-age=31536000',
            location: 'https://internal.example/login', 'clear-site-data': '"*"', refresh: '0; url=https://evil.example',
            'x-internal-host': 'db-7.internal', allow: 'GET, HEAD', 'retry-after': '120',
          },
        },
      )),
      '/upstream-allow': failAfter({}, () => Object.assign(new Error('x'), { status: 400, headers: { Allow: 'GET', 'Retry-After': '120' } })),
    });

    it('removes Cache-Control, Expires and validators: a CDN never caches the error', async () => {
      const res = await live.get('/cached');
      assertAnswer(res, 'code-message', { ...ANSWERS.INTERNAL_ERROR, headers: { 'cache-control': undefined, expires: undefined, etag: undefined, 'last-modified': undefined } }, server);
    });

    it('removes Set-Cookie and Location, keeps CORS and request ids', async () => {
      const res = await live.get('/session');
      assertAnswer(res, 'code-message', {
        ...ANSWERS.INTERNAL_ERROR,
        headers: { 'set-cookie': undefined, location: undefined, 'access-control-allow-origin': 'https://app.example', 'x-request-id': 'r-1' },
      }, server);
    });

    it('a Trailer header set before the error: the answer is complete and onError is told it was written', async () => {
      const report = reports.next('/trailer');
      const res = await live.get('/trailer');
      assertAnswer(res, 'code-message', { ...ANSWERS.INTERNAL_ERROR, headers: { trailer: undefined } }, server);
      const { context } = await report;
      assert.equal(context.headersSent, false);
      assert.deepEqual(context.problems.filter((p) => p.includes('writing')), []);
    });

    it('Transfer-Encoding set before the error: exactly one framing header, Content-Length', async () => {
      const head = (await rawExchange(live.port, '/chunked')).split('\r\n\r\n')[0]!.toLowerCase();
      assert.match(head, /^http\/1\.1 500 /);
      assert.equal(head.match(/^transfer-encoding:/gm), null, head);
      assert.deepEqual(head.match(/^content-length: .*$/gm), ['content-length: 60']);
    });

    it('a foreign error brings only Allow and Retry-After, and never replaces a header the app set', async () => {
      const report = reports.next('/upstream');
      const res = await live.get('/upstream');
      assertAnswer(res, 'code-message', {
        ...ANSWERS.BAD_REQUEST,
        headers: {
          'access-control-allow-origin': 'https://app.example', 'retry-after': '5', allow: 'GET, HEAD',
          'strict-transport-security': undefined, 'cache-control': undefined, location: undefined, 'clear-site-data': undefined,
          refresh: undefined, 'x-internal-host': undefined,
        },
      }, server);
      const { context } = await report;
      assert.ok(context.problems.some((p) => p.includes('"x-internal-host"') && p.includes('only Allow and Retry-After')), context.problems.join('\n'));
    });

    it('a foreign Retry-After is sent when the app set none', async () => {
      const res = await live.get('/upstream-allow');
      assertAnswer(res, 'code-message', { ...ANSWERS.BAD_REQUEST, headers: { allow: 'GET', 'retry-after': '120' } }, server);
    });

    if (isExpress(server)) return;

    describe('Koa bodies and respond = false', () => {
      const destroyed: string[] = [];
      const stream = new Readable({ read() { /* never produces */ } });
      const { live: koaLive } = liveApp(server, {
        '/record': {
          koa: (ctx) => {
            // A Sequelize-like record: destroy() deletes the row, and here it also rejects.
            ctx.body = { id: 42, destroy: () => { destroyed.push('record'); return Promise.reject(new Error('row deleted')); } };
            throw internal();
          },
        },
        '/stream': {
          koa: (ctx) => {
            ctx.body = stream;
            throw internal();
          },
        },
        '/web-stream': {
          koa: (ctx) => {
            ctx.body = new ReadableStream({ cancel: () => { destroyed.push('web stream'); return Promise.reject(new Error('cancel failed')); } });
            throw internal();
          },
        },
        '/respond-false': {
          koa: (ctx) => {
            ctx.respond = false; // a proxy or SSE middleware takes over the response…
            throw internal(); // …and fails before writing
          },
        },
      });

      it('leaves an object with a destroy() method alone (an ORM record is not a stream)', async () => {
        const res = await koaLive.get('/record');
        assertAnswer(res, 'code-message', ANSWERS.INTERNAL_ERROR, server);
        assert.deepEqual(destroyed, []);
      });

      it('destroys a real stream body it replaces', async () => {
        const res = await koaLive.get('/stream');
        assertAnswer(res, 'code-message', ANSWERS.INTERNAL_ERROR, server);
        assert.equal(stream.destroyed, true);
      });

      it('cancels a web ReadableStream body, and its rejection is handled', async () => {
        const res = await koaLive.get('/web-stream');
        assertAnswer(res, 'code-message', ANSWERS.INTERNAL_ERROR, server);
        await new Promise((resolve) => setImmediate(resolve));
        assert.deepEqual(destroyed, ['web stream']);
      });

      it('answers a throw after ctx.respond = false while the headers are unsent', async () => {
        const res = await koaLive.get('/respond-false');
        assertAnswer(res, 'code-message', ANSWERS.INTERNAL_ERROR, server);
      });
    });
  });
});

describe('http.ServerResponse that refuses to end', () => {
  it('an Express answer whose end() throws destroys the socket instead of leaving the client waiting', async () => {
    const reports = new Reports();
    const server = createServer('express5', {
      catalog: errors,
      express: {
        '/refuse': (_req, res) => {
          res.end = () => { throw new Error('refused'); };
          throw new Error('boom');
        },
      },
      options: { format: 'code-message', onError: reports.onError },
    });
    const live = await new Live(server).start();
    try {
      const report = reports.next('/refuse');
      const ended = await new Promise<string>((resolve) => {
        const req = http.get({ host: '127.0.0.1', port: live.port, path: '/refuse', agent: false }, () => resolve('answered'));
        req.on('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? 'error'));
        req.setTimeout(5000, () => { req.destroy(); resolve('hung'); });
      });
      assert.equal(ended, 'ECONNRESET');
      const { context } = await report;
      assert.ok(context.problems.includes('writing the response failed; the connection was ended'), context.problems.join('\n'));
    } finally {
      await live.stop();
    }
  });
});
