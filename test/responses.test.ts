import assert from 'node:assert/strict';
import request from 'supertest';
import { createServer, forEachServer, type Route, type ServerName } from './support/servers.js';
import { errors, expectedBody, FORMAT_NAMES, FORMATS, type FormatName } from './support/catalog.js';
import type { ErrorContext, HandlerOptions, AnyCatalog } from '../lib/index.js';
import { checkBearerChallenge } from './support/abnf.js';

const routes: Record<string, Route> = {
  '/invalid-token': () => { throw errors.INVALID_AUTH_TOKEN(); },
  '/missing-token': () => { throw errors.MISSING_AUTH_TOKEN(); },
  '/scope': () => { throw errors.NOT_ENOUGH_PERMISSION({}, { scope: ['orders:write'] }); },
  '/illegal': () => Promise.reject(errors.ILLEGAL_STATE({ detail: 'order book locked' })),
  '/family': () => { throw errors['{RESOURCE}_NOT_EXIST']({ RESOURCE: 'USER' }); },
  '/logic': () => { throw errors.LOGIC_BAD_REQUEST(); },
  '/bad-request': () => { throw errors.BAD_REQUEST(); },
  '/too-many': () => { throw errors.TOO_MANY_REQUESTS(); },
  '/ok': () => ({ ok: true }),
};

interface Case {
  readonly path: string;
  readonly status: number;
  readonly code: string;
  readonly message: string;
  readonly challenge?: string;
  readonly headers?: Record<string, string>;
}

const cases: Case[] = [
  { path: '/invalid-token', status: 401, code: 'INVALID_AUTH_TOKEN', message: 'Invalid auth token.',
    challenge: 'Bearer realm="api", error="invalid_token", error_description="Invalid auth token."' },
  { path: '/missing-token', status: 401, code: 'MISSING_AUTH_TOKEN', message: 'Auth token missing in the request.', challenge: 'Bearer realm="api"' },
  { path: '/scope', status: 403, code: 'NOT_ENOUGH_PERMISSION', message: 'Not enough permission.',
    challenge: 'Bearer realm="api", error="insufficient_scope", error_description="Not enough permission.", scope="orders:write"' },
  { path: '/illegal', status: 500, code: 'ILLEGAL_STATE', message: 'Illegal state: order book locked' },
  { path: '/family', status: 404, code: 'USER_NOT_EXIST', message: 'The specific resource could not be found.' },
  { path: '/logic', status: 406, code: 'BAD_REQUEST', message: 'Bad request' },
  { path: '/bad-request', status: 400, code: 'BAD_REQUEST', message: 'Invalid or missing query parameters.' },
  { path: '/too-many', status: 429, code: 'TOO_MANY_REQUESTS', message: 'Too many requests.', headers: { 'retry-after': '30' } },
];

function server(name: ServerName, format: FormatName, extra: Partial<HandlerOptions<AnyCatalog>> = {}, more: Record<string, Route> = {}) {
  return createServer(name, { catalog: errors, options: { format, ...extra }, routes: { ...routes, ...more } });
}

describe('responses', () => {
  forEachServer((name) => {
    for (const format of FORMAT_NAMES) {
      describe(`in ${format}`, () => {
        const app = server(name, format);
        for (const c of cases) {
          it(`answers ${c.path} with ${c.status} ${c.code}`, async () => {
            const res = await request(app).get(c.path).timeout(5000);
            assert.equal(res.status, c.status);
            assert.equal(res.headers['content-type'], FORMATS[format].contentType);
            assert.deepEqual(JSON.parse(res.text), expectedBody(format, c.code, c.status, c.message));
            assert.deepEqual(Object.keys(JSON.parse(res.text)), Object.keys(expectedBody(format, c.code, c.status, c.message)));
            assert.equal(res.headers['content-length'], String(Buffer.byteLength(res.text)));
            assert.equal(res.headers['www-authenticate'], c.challenge);
            if (c.challenge !== undefined) checkBearerChallenge(c.challenge);
            for (const [header, value] of Object.entries(c.headers ?? {})) assert.equal(res.headers[header], value);
          });
        }
      });
    }

    it('answers HEAD with the status and headers but no body', async () => {
      const app = server(name, 'code-message');
      const get = await request(app).get('/invalid-token');
      const head = await request(app).head('/invalid-token');
      assert.equal(head.status, 401);
      assert.equal(head.text, undefined);
      assert.equal(head.headers['content-length'], get.headers['content-length']);
      assert.equal(head.headers['www-authenticate'], get.headers['www-authenticate']);
    });

    it('keeps headers set before the error and removes representation headers', async () => {
      const app = server(name, 'code-message', {}, {
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
      const res = await request(app).get('/with-headers');
      assert.equal(res.status, 400);
      assert.equal(res.headers['access-control-allow-origin'], 'https://app.example');
      assert.equal(res.headers['x-request-id'], 'req-42');
      for (const gone of ['content-encoding', 'content-language', 'content-disposition', 'etag', 'last-modified']) {
        assert.equal(res.headers[gone], undefined, `${gone} was kept`);
      }
      assert.equal(res.headers['content-type'], 'application/json; charset=utf-8');
      assert.deepEqual(res.body, { code: 'BAD_REQUEST', message: 'Invalid or missing query parameters.' });
    });

    it('applies per-throw headers, an explicit error_description, and drops unsafe ones', async () => {
      const heard: ErrorContext[] = [];
      const app = server(name, 'code-message', { onError: (_err, ctx) => { heard.push(ctx); } }, {
        '/per-throw': () => {
          throw errors.INVALID_AUTH_TOKEN({}, {
            errorDescription: 'The access token expired',
            headers: { 'X-Trace': 't-1', 'Set-Cookie': 'a=1', 'X-Evil': 'a\r\nInjected: 1', 'WWW-Authenticate': 'Basic' },
          });
        },
      });
      const res = await request(app).get('/per-throw');
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

    it('uses the handler realm over the catalog realm', async () => {
      const res = await request(server(name, 'code-message', { realm: 'orders' })).get('/missing-token');
      assert.equal(res.headers['www-authenticate'], 'Bearer realm="orders"');
    });

    it('tells onError about the original error and the answer; its failures change nothing', async () => {
      const heard: Array<[unknown, ErrorContext]> = [];
      const thrown = errors.ILLEGAL_STATE({ detail: 'x' });
      for (const onError of [
        (err: unknown, ctx: ErrorContext) => { heard.push([err, ctx]); },
        () => { throw new Error('logger down'); },
        () => Promise.reject(new Error('async logger down')),
      ]) {
        const app = server(name, 'code-message', { onError }, { '/thrown': () => { throw thrown; } });
        const res = await request(app).get('/thrown');
        assert.equal(res.status, 500);
        assert.deepEqual(res.body, { code: 'ILLEGAL_STATE', message: 'Illegal state: x' });
      }
      assert.equal(heard.length, 1);
      assert.equal(heard[0]![0], thrown);
      assert.equal(heard[0]![1].status, 500);
      assert.equal(heard[0]![1].key, 'ILLEGAL_STATE');
      assert.equal(heard[0]![1].code, 'ILLEGAL_STATE');
      assert.equal(heard[0]![1].headersSent, false);
      assert.equal(typeof heard[0]![1].req.headers, 'object');
    });

    it('does not write twice when headers were already sent, and ends the connection', async () => {
      const heard: ErrorContext[] = [];
      const app = server(name, 'code-message', { onError: (_e, ctx) => { heard.push(ctx); } }, {
        '/half': (input) => { input.write('partial'); throw errors.BAD_REQUEST(); },
      });
      let text = '';
      try {
        const res = await request(app).get('/half').timeout(5000);
        text = res.text;
      } catch (err) {
        assert.match(String((err as Error).message), /aborted|socket hang up|ECONNRESET|terminated|premature/i);
      }
      assert.ok(!text.includes('BAD_REQUEST'), 'no error body after a started response');
      assert.equal(heard.length, 1);
      assert.equal(heard[0]!.headersSent, true);
      const alive = await request(app).get('/ok');
      assert.equal(alive.status, 200);
    });
  });
});
