/**
 * Response state, once per server: headers already sent (a first write, a piped stream that
 * fails after its first chunk), HEAD, clients that go away, a large unread POST body, and
 * body-parser's `request.aborted`. No double write, no ERR_HTTP_HEADERS_SENT (the process watch
 * fails the test on any uncaught exception or warning), no hang: every exchange has a deadline.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import { Readable, pipeline } from 'node:stream';
import { promisify } from 'node:util';
import { ANSWERS, assertAlive, assertAnswer, Reports, SECRET, watchProcess } from '../support/hostile.js';
import { errors } from '../support/catalog.js';
import { forEachServer, isExpress, liveServer, within, type ExpressRoute, type KoaRoute, type Route } from '../support/servers.js';

const pipe = promisify(pipeline);

function secretError(): Error {
  return new Error(`disk read failed ${SECRET}`);
}

/** A stream that sends one chunk, then fails. */
function failingStream(): Readable {
  let sent = false;
  return new Readable({
    read() {
      if (sent) setImmediate(() => this.destroy(secretError()));
      else { sent = true; this.push('first chunk;'); }
    },
  });
}

/** What a client saw of a response that may be cut off. */
interface Partial {
  readonly status: number;
  readonly text: string;
  readonly cut: boolean;
}

/** A request whose response may be cut: resolves with what arrived, or fails at the deadline. */
function readPossiblyCut(port: number, path: string): Promise<Partial> {
  return within(`GET ${path}`, new Promise<Partial>((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, agent: false }, (res) => {
      let text = '';
      let done = false;
      const finish = (cut: boolean): void => { if (!done) { done = true; resolve({ status: res.statusCode!, text, cut }); } };
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => { text += chunk; });
      res.on('aborted', () => finish(true));
      res.on('error', () => finish(true));
      res.on('close', () => finish(!res.complete));
      res.on('end', () => finish(!res.complete));
    });
    req.on('error', reject);
    req.end();
  }));
}

const HOSTILE_LATE: ReadonlyArray<readonly [string, () => unknown]> = [
  ['our error', () => errors.ILLEGAL_STATE({ detail: 'late' })],
  ['an Error with a secret', secretError],
  ['Object.create(null) (Express 4 would log it with err.toString())', () => Object.create(null)],
  ['a Proxy whose every trap throws', () => new Proxy({}, { get() { throw secretError(); }, has() { throw secretError(); }, ownKeys() { throw secretError(); }, getPrototypeOf() { throw secretError(); }, getOwnPropertyDescriptor() { throw secretError(); } })],
  ['an error whose status and stack getters throw', () => Object.defineProperties(new Error(SECRET), { status: { get() { throw secretError(); } }, stack: { get() { throw secretError(); } } })],
  ['a Symbol', () => Symbol(SECRET)],
];

const expressLate: Record<string, ExpressRoute> = {};
const koaLate: Record<string, KoaRoute> = {};
HOSTILE_LATE.forEach(([, make], i) => {
  expressLate[`/late/${i}`] = (_req, res) => { res.write('partial'); throw make(); };
  koaLate[`/late/${i}`] = (ctx) => { ctx.status = 200; ctx.respond = false; ctx.res.write('partial'); throw make(); };
});
expressLate['/stream'] = (_req, res, next) => {
  const stream = failingStream();
  stream.once('error', next);
  res.setHeader('Content-Type', 'text/plain');
  stream.pipe(res);
};
koaLate['/stream'] = async (ctx) => {
  ctx.status = 200;
  ctx.respond = false;
  ctx.set('Content-Type', 'text/plain');
  await pipe(failingStream(), ctx.res);
};
koaLate['/koa-body-stream'] = (ctx) => {
  ctx.type = 'text/plain';
  ctx.body = failingStream();
};

describe('hostile 5: response state', () => {
  describe('headers already sent (framework routes, env development)', () => {
    forEachServer((server) => {
      watchProcess();
      const reports = new Reports();
      const live = liveServer(server, {
        catalog: errors, options: { format: 'code-message', onError: reports.onError }, env: 'development',
        express: expressLate, koa: koaLate, routes: { '/healthy': () => ({ ok: true }) },
      });
      const consoleError = console.error;
      // Express's finalhandler logs the error it is handed outside env 'test': keep it off the test output.
      before(() => { console.error = () => {}; });
      after(() => { console.error = consoleError; });
      afterEach(async () => {
        await assertAlive(live);
        reports.assertNoDoubleAnswer();
      });

      HOSTILE_LATE.forEach(([name], i) => {
        it(`${name} after a first write: the connection is cut, nothing is written twice`, async () => {
          const reported = reports.next(`/late/${i}`);
          const res = await readPossiblyCut(live.port, `/late/${i}`);
          assert.equal(res.status, 200);
          assert.equal(res.text, 'partial');
          assert.equal(res.cut, true, 'the response must end in a cut connection, not as a complete 200');
          const { context } = await reported;
          assert.equal(context.headersSent, true);
          assert.ok(context.status >= 400);
          // Let finalhandler's deferred log run: it must not throw (the process watch would see it).
          await new Promise((resolve) => setImmediate(resolve));
        });
      });

      it('a piped stream that fails after its first chunk: the connection is cut', async () => {
        const reported = reports.next('/stream');
        const res = await readPossiblyCut(live.port, '/stream');
        assert.deepEqual(res, { status: 200, text: 'first chunk;', cut: true });
        const { context } = await reported;
        assert.equal(context.headersSent, true);
        assert.equal(context.status, 500);
        await new Promise((resolve) => setImmediate(resolve));
      });

      if (!isExpress(server)) {
        it('Koa: a ctx.body stream that fails after its first chunk: the connection is cut, not left hanging', async () => {
          const res = await readPossiblyCut(live.port, '/koa-body-stream');
          assert.equal(res.status, 200);
          assert.equal(res.cut, true);
        });
      }
    });
  });

  // HEAD, big unread bodies, clients that leave.
  const started = new Map<string, () => void>();
  const routes: Record<string, Route> = {
    '/healthy': () => ({ ok: true }),
    '/head/ours': () => { throw errors.ILLEGAL_STATE({ detail: 'head' }); },
    '/head/foreign': () => Promise.reject(Object.assign(new Error(SECRET), { status: 404 })),
    '/head/hostile': () => { throw new Proxy({}, { get() { throw secretError(); } }); },
    '/head/bearer': () => { throw errors.NOT_ENOUGH_PERMISSION({}, { scope: ['a'] }); },
    '/big': () => { throw errors.BAD_REQUEST(); },
    '/gone': ({ res }) => new Promise((_, reject) => {
      res.once('close', () => reject(errors.ILLEGAL_STATE({ detail: 'client gone' })));
      started.get('/gone')?.();
    }),
    '/echo': ({ body }) => body,
  };

  forEachServer((server) => {
    watchProcess();
    const reports = new Reports();
    const live = liveServer(server, { catalog: errors, options: { format: 'problem-details', onError: reports.onError }, routes, json: true });
    afterEach(async () => {
      await assertAlive(live);
      reports.assertNoDoubleAnswer();
    });

    const heads: ReadonlyArray<readonly [string, string, number, string | undefined]> = [
      ['/head/ours', 'our error', 500, undefined],
      ['/head/foreign', 'a foreign 404', 404, undefined],
      ['/head/hostile', 'a hostile Proxy', 500, undefined],
      ['/head/bearer', 'a Bearer 403', 403, 'Bearer realm="api", error="insufficient_scope", error_description="Not enough permission.", scope="a"'],
    ];
    for (const [path, name, status, challenge] of heads) {
      it(`HEAD with ${name}: the GET's status and headers, no body`, async () => {
        const get = await live.get(path);
        const head = await live.request({ method: 'HEAD', path });
        assert.equal(head.status, status);
        assert.equal(get.status, status);
        assert.equal(head.text, '');
        assert.equal(head.headers['content-type'], 'application/problem+json; charset=utf-8');
        assert.equal(head.headers['content-length'], String(Buffer.byteLength(get.text)));
        assert.equal(head.headers['www-authenticate'], challenge);
        assert.equal(get.headers['www-authenticate'], challenge);
      });
    }

    it('a large POST body thrown at before it is read: the answer arrives whole', async () => {
      const res = await live.request({ method: 'POST', path: '/big', headers: { 'content-type': 'application/octet-stream' }, body: Buffer.alloc(8 * 2 ** 20, 'x') });
      assertAnswer(res, 'problem-details', ANSWERS.BAD_REQUEST, `${server} big unread body`);
    });

    it('a client that goes away while the route works: one onError, no failed write, the server answers on', async () => {
      const reported = reports.next('/gone');
      const routeStarted = new Promise<void>((resolve) => started.set('/gone', resolve));
      const req = http.request({ host: '127.0.0.1', port: live.port, path: '/gone', agent: false });
      req.on('error', () => { /* we destroy it */ });
      req.end();
      await within('the route starts', routeStarted);
      req.destroy();
      const { context } = await reported;
      assert.equal(context.status, 500);
      assert.equal(context.key, 'ILLEGAL_STATE');
    });

    it('a client aborting in the middle of a JSON body: 400 (request.aborted) to nobody, once, and the server answers on', async () => {
      const reported = reports.next('/echo');
      const arrived = new Promise<void>((resolve) => live.server.once('request', () => resolve()));
      const req = http.request({
        host: '127.0.0.1', port: live.port, path: '/echo', method: 'POST', agent: false,
        headers: { 'content-type': 'application/json', 'content-length': '1000' },
      });
      req.on('error', () => { /* we destroy it */ });
      req.write('{"detail":');
      await within('the request reaches the server', arrived);
      req.destroy();
      const { context } = await reported;
      assert.equal(context.status, 400);
      assert.equal(context.key, 'BAD_REQUEST');
    });
  });
});
