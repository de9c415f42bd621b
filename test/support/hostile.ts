/**
 * Shared machinery of the hostile suite (test/hostile/): live servers on a keep-alive
 * agent, raw requests with a deadline enforced by the test, the exact-answer assertion
 * every case goes through, the body collector scanned for leaks at the end (family 8),
 * and a watch on the process for uncaught exceptions, warnings and double answers.
 */
import assert from 'node:assert/strict';
import http, { type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express5 from 'express';
import express4 from 'express4';
import Koa3 from 'koa';
import Koa2 from 'koa2';
import * as authHeader from 'auth-header';
import { checkBearerChallenge } from './abnf.js';
import { createServer, forEachServer, type Route, type ServerName } from './servers.js';
import { errors, expectedBody, FORMATS, FORMAT_NAMES, type FormatName } from './catalog.js';
import { errorHandler, koaErrorHandler, type AnyCatalog, type ErrorContext, type HandlerOptions } from '../../lib/index.js';
import { MAX_HEADER_VALUE_LENGTH } from '../../lib/rules/headers.js';

/** Longest time any one exchange with a server may take before the test fails (not a timing assertion: a hang detector). */
export const DEADLINE_MS = 8_000;

/** Resolves like `work`, or fails with a message naming `label` when it has not settled within `ms`. */
export function within<T>(label: string, work: Promise<T>, ms = DEADLINE_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`deadline: ${label} did not finish within ${ms} ms (a hang)`)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

// ---------------------------------------------------------------------------------------
// Expected answers of the shared catalog (tests hard-code them: the library does not compute its own expectations).

/** What one answer must be, exactly. `headers`: value, or undefined for "must be absent". */
export interface Expectation {
  readonly status: number;
  readonly code: string;
  readonly message: string;
  readonly headers?: Readonly<Record<string, string | undefined>>;
}

/** The answers of the shared catalog that hostile values end up in. */
export const ANSWERS = {
  INTERNAL_ERROR: { status: 500, code: 'INTERNAL_ERROR', message: 'Internal server error.' },
  BAD_REQUEST: { status: 400, code: 'BAD_REQUEST', message: 'Invalid or missing query parameters.' },
  MISSING_AUTH_TOKEN: {
    status: 401, code: 'MISSING_AUTH_TOKEN', message: 'Auth token missing in the request.',
    headers: { 'www-authenticate': 'Bearer realm="api"' },
  },
  INVALID_AUTH_TOKEN: {
    status: 401, code: 'INVALID_AUTH_TOKEN', message: 'Invalid auth token.',
    headers: { 'www-authenticate': 'Bearer realm="api", error="invalid_token", error_description="Invalid auth token."' },
  },
  NOT_ENOUGH_PERMISSION: {
    status: 403, code: 'NOT_ENOUGH_PERMISSION', message: 'Not enough permission.',
    headers: { 'www-authenticate': 'Bearer realm="api", error="insufficient_scope", error_description="Not enough permission."' },
  },
  RESOURCE_NOT_FOUND: { status: 404, code: 'RESOURCE_NOT_FOUND', message: 'The resource could not be found.' },
  LOGIC_BAD_REQUEST: { status: 406, code: 'BAD_REQUEST', message: 'Bad request' },
  TOO_MANY_REQUESTS: { status: 429, code: 'TOO_MANY_REQUESTS', message: 'Too many requests.', headers: { 'retry-after': '30' } },
} as const satisfies Record<string, Expectation>;

/** `ILLEGAL_STATE` with its `{detail}` rendered. */
export function illegalState(detail: string): Expectation {
  return { status: 500, code: 'ILLEGAL_STATE', message: `Illegal state: ${detail}` };
}

/** The last-resort answer when the format itself failed: `{"code","message"}` JSON, always. */
export const PLAIN_500_BODY = '{"code":"INTERNAL_ERROR","message":"Internal server error."}';

// ---------------------------------------------------------------------------------------
// Raw HTTP.

/** A response as the client read it. `complete` is false when the connection ended mid-body. */
export interface RawResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly text: string;
}

/** What to send. */
export interface RawRequest {
  readonly method?: string;
  readonly path: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string | Buffer;
}

let requestIds = 0;

/** One request on `agent`; fails on a connection error, an aborted body, or the deadline. */
export function send(port: number, agent: http.Agent | false, spec: RawRequest): Promise<RawResponse> {
  const id = String(++requestIds);
  const work = new Promise<RawResponse>((resolve, reject) => {
    const req = http.request({
      host: '127.0.0.1', port, agent, method: spec.method ?? 'GET', path: spec.path,
      headers: { 'x-request-id': id, ...spec.headers, ...(spec.body === undefined ? {} : { 'content-length': Buffer.byteLength(spec.body) }) },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('aborted', () => reject(new Error(`${spec.path}: the response was cut off`)));
      res.on('end', () => {
        if (!res.complete) reject(new Error(`${spec.path}: the response was cut off`));
        else resolve({ status: res.statusCode!, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') });
      });
    });
    req.on('error', reject);
    req.end(spec.body);
  });
  return within(`${spec.method ?? 'GET'} ${spec.path}`, work);
}

/** A started server with a keep-alive agent. */
export class Live {
  port = 0;
  readonly agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
  constructor(readonly server: Server) {}

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    this.agent.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  request(spec: RawRequest): Promise<RawResponse> {
    return send(this.port, this.agent, spec);
  }

  get(path: string, headers?: Record<string, string>): Promise<RawResponse> {
    return this.request({ path, ...(headers === undefined ? {} : { headers }) });
  }
}

// ---------------------------------------------------------------------------------------
// What onError hears, and what the process does.

/** One call of `onError`. */
export interface Report {
  readonly id: string | undefined;
  readonly url: string | undefined;
  readonly err: unknown;
  readonly context: ErrorContext;
}

/** Records every `onError` call of an app; tests wait for the report of one path. */
export class Reports {
  readonly all: Report[] = [];
  private checked = 0;
  private waiters: Array<{ path: string; resolve: (report: Report) => void }> = [];

  readonly onError = (err: unknown, context: ErrorContext): void => {
    const req = context.req as { url?: string; headers: IncomingHttpHeaders };
    const id = req.headers['x-request-id'];
    const report: Report = { id: typeof id === 'string' ? id : undefined, url: req.url, err, context };
    this.all.push(report);
    for (const waiter of this.waiters.filter((w) => req.url === w.path)) waiter.resolve(report);
    this.waiters = this.waiters.filter((w) => req.url !== w.path);
  };

  /** The next report for `path`; call before sending the request. */
  next(path: string): Promise<Report> {
    return within(`onError for ${path}`, new Promise<Report>((resolve) => this.waiters.push({ path, resolve })));
  }

  /** The latest report for `path`. */
  last(path: string): Report | undefined {
    return this.all.filter((r) => r.url === path).at(-1);
  }

  /** Fails when a request was answered twice or a write failed, since the last check. */
  assertNoDoubleAnswer(): void {
    const fresh = this.all.slice(this.checked);
    this.checked = this.all.length;
    const ids = new Set<string>();
    for (const report of fresh) {
      if (report.id !== undefined) {
        assert.ok(!ids.has(report.id), `request ${report.id} (${report.url}) reached onError twice: a double answer`);
        ids.add(report.id);
      }
      const failed = report.context.problems.find((p) => p.includes('writing the response failed'));
      assert.equal(failed, undefined, `${report.url}: ${failed}`);
    }
  }
}

const trouble: string[] = [];
process.on('uncaughtException', (err) => trouble.push(`uncaughtException: ${String((err as Error | undefined)?.stack ?? err)}`));
process.on('unhandledRejection', (err) => trouble.push(`unhandledRejection: ${String((err as Error | undefined)?.stack ?? err)}`));
process.on('warning', (warning) => {
  // A double write shows up as ERR_HTTP_HEADERS_SENT; listener leaks as MaxListenersExceededWarning.
  // HouseErrorsWarning is the handler's documented startup notice, not trouble.
  if (warning.name !== 'DeprecationWarning' && warning.name !== 'HouseErrorsWarning') trouble.push(`warning ${warning.name}: ${warning.message}`);
});

// A root hook (registered when a hostile file imports this module): trouble is pinned on the test it happened in.
beforeEach(() => { trouble.length = 0; });

/** Fails when the process saw an uncaught exception, an unhandled rejection or a warning. */
export function assertProcessQuiet(): void {
  const seen = trouble.splice(0);
  assert.deepEqual(seen, [], `the process saw trouble:\n${seen.join('\n')}`);
}

// ---------------------------------------------------------------------------------------
// Leak scanning (family 8): every body of the suite is recorded and scanned.

/** A marker put in every internal message, cause and stack of the suite; it must never reach a body. */
export const SECRET = 'sk_live_SECRET_7f3a';

const LEAKS: ReadonlyArray<readonly [RegExp, string]> = [
  [/SECRET_7f3a/, 'an internal message'],
  [/\n\s*at\s|\bat\s+\S+\s+\(|\bat\s+(?:file|node):/, 'a stack frame'],
  [/file:\/\/|(?:^|[\s"'(])\/[\w.@-]+\/[\w.@/-]*\.[cm]?[jt]sx?\b|\b[A-Za-z]:\\[\w\\]/, 'a file path'],
  [/node_modules|node:internal/, 'a module path'],
  [/"(?:stack|cause)"\s*:/, 'a stack or cause member'],
  [/\b(?:TypeError|RangeError|ReferenceError|SyntaxError|EvalError)\b/, 'an internal error name'],
];

/** Why `text` leaks, or undefined. */
export function leakIn(text: string): string | undefined {
  for (const [pattern, what] of LEAKS) if (pattern.test(text)) return what;
  return undefined;
}

/** Every body the suite read: where it came from and its text. */
export const collected: Array<{ readonly where: string; readonly status: number; readonly text: string }> = [];

/** Records a body for the final scan and fails at once when it leaks. */
export function collect(where: string, status: number, text: string): void {
  collected.push({ where, status, text });
  const leak = leakIn(text);
  assert.equal(leak, undefined, `${where}: the ${status} body carries ${leak}: ${text.slice(0, 300)}`);
}

// ---------------------------------------------------------------------------------------
// Assertions.

/** Checks a `WWW-Authenticate` value with the strict ABNF checker and with `auth-header`. */
export function assertChallenge(value: string, where: string): void {
  assert.ok(value.length <= MAX_HEADER_VALUE_LENGTH, `${where}: WWW-Authenticate is ${value.length} characters`);
  try {
    checkBearerChallenge(value);
  } catch (err) {
    assert.fail(`${where}: WWW-Authenticate ${JSON.stringify(value.slice(0, 200))} breaks RFC 7235/6750: ${(err as Error).message}`);
  }
  if (value === 'Bearer') return; // auth-header cannot parse a scheme without parameters
  const parsed = authHeader.parse(value);
  assert.equal(parsed.scheme, 'Bearer', `${where}: auth-header scheme`);
  assert.equal(parsed.token, null, `${where}: auth-header found a stray token in ${value}`);
  for (const [name, param] of Object.entries(parsed.params)) {
    assert.equal(typeof param, 'string', `${where}: auth-header reports ${name} more than once in ${value}`);
  }
}

/** Checks what every error answer must satisfy, whatever it is: Node accepted it, no header past the cap. */
export function assertWellFormed(res: RawResponse, where: string): void {
  assert.ok(res.status >= 400 && res.status <= 599, `${where}: status ${res.status} is not an error status`);
  for (const [name, value] of Object.entries(res.headers)) {
    for (const one of Array.isArray(value) ? value : [value ?? '']) {
      assert.ok(one.length <= MAX_HEADER_VALUE_LENGTH, `${where}: header ${name} is ${one.length} characters`);
    }
  }
  const challenge = res.headers['www-authenticate'];
  if (challenge !== undefined) assertChallenge(challenge, where);
  assert.equal(res.headers['set-cookie'], undefined, `${where}: Set-Cookie on an error answer`);
}

/** Asserts an answer exactly: status, content type and length, body, headers; records the body. */
export function assertAnswer(res: RawResponse, format: FormatName, want: Expectation, where: string): void {
  assert.equal(res.status, want.status, `${where}: status (body ${res.text.slice(0, 200)})`);
  assertWellFormed(res, where);
  assert.equal(res.headers['content-type'], FORMATS[format].contentType, `${where}: content type`);
  assert.equal(res.headers['content-length'], String(Buffer.byteLength(res.text)), `${where}: content length`);
  collect(where, res.status, res.text);
  let body: unknown;
  try {
    body = JSON.parse(res.text);
  } catch {
    assert.fail(`${where}: the body is not JSON: ${res.text.slice(0, 200)}`);
  }
  assert.deepEqual(body, expectedBody(format, want.code, want.status, want.message), `${where}: body`);
  const headers = { ...('headers' in want ? want.headers : {}) };
  if (!('www-authenticate' in headers)) headers['www-authenticate'] = undefined;
  for (const [name, value] of Object.entries(headers)) {
    assert.equal(res.headers[name], value, `${where}: header ${name}`);
  }
}

// ---------------------------------------------------------------------------------------
// Suites: every case on four servers × four formats.

/** What a case sees. */
export interface SuiteContext {
  readonly server: ServerName;
  readonly format: FormatName;
  readonly live: Live;
  readonly reports: Reports;
}

/** How the apps of one suite are built. */
export interface SuiteSpec {
  readonly routes: Readonly<Record<string, Route>>;
  readonly json?: boolean;
  readonly catalog?: AnyCatalog;
  readonly options?: Partial<HandlerOptions<AnyCatalog>>;
  readonly formats?: readonly FormatName[];
}

/**
 * Registers `body` once per server and format, inside describes named after them, with the
 * app started before and stopped after. After every case: the process answers a healthy
 * route, saw no uncaught exception or warning, and no request was answered twice.
 */
export function eachServerAndFormat(spec: SuiteSpec, body: (ctx: SuiteContext) => void): void {
  forEachServer((server) => {
    for (const format of spec.formats ?? FORMAT_NAMES) {
      describe(format, () => {
        const reports = new Reports();
        const live = new Live(createServer(server, {
          catalog: spec.catalog ?? errors,
          options: { format, onError: reports.onError, ...spec.options },
          routes: { ...spec.routes, '/healthy': () => ({ ok: true }) },
          ...(spec.json === undefined ? {} : { json: spec.json }),
        }));
        before(() => live.start());
        after(() => live.stop());
        afterEach(() => assertAlive(live, reports));
        body({ server, format, live, reports });
      });
    }
  });
}

/** A hostile value, how to make a fresh one, and the answer it must get. */
export interface ThrowCase {
  readonly name: string;
  readonly make: () => unknown;
  readonly want: Expectation;
}

/** Adds `/sync/N` (throws the value) and `/reject/N` (rejects with it) routes for every case. */
export function addThrowRoutes(routes: Record<string, Route>, cases: readonly ThrowCase[]): void {
  cases.forEach((c, i) => {
    routes[`/sync/${i}`] = () => { throw c.make(); };
    routes[`/reject/${i}`] = () => Promise.reject(c.make());
  });
}

/** Registers, for every case, one test of the thrown value and one of the rejection. */
export function itThrownAndRejected(cases: readonly ThrowCase[], { server, format, live }: SuiteContext): void {
  cases.forEach((c, i) => {
    it(`${c.name}, thrown, answers ${c.want.status} ${c.want.code}`, async () => {
      assertAnswer(await live.get(`/sync/${i}`), format, c.want, `${server} ${format} throw ${c.name}`);
    });
    it(`${c.name}, rejected, answers ${c.want.status} ${c.want.code}`, async () => {
      assertAnswer(await live.get(`/reject/${i}`), format, c.want, `${server} ${format} reject ${c.name}`);
    });
  });
}

/** The process is alive and well: a healthy route answers, nothing went wrong on the side. */
export async function assertAlive(live: Live, reports?: Reports): Promise<void> {
  const res = await live.get('/healthy');
  assert.equal(res.status, 200, 'a healthy route answers after the case');
  assert.deepEqual(JSON.parse(res.text), { ok: true });
  reports?.assertNoDoubleAnswer();
  assertProcessQuiet();
}

// ---------------------------------------------------------------------------------------
// Native apps: for what the harness does not model (Express's own try/catch around a route,
// the app's `env`, Koa streaming bodies). Routes are written per framework.

type Next = (err?: unknown) => void;
/** An Express route, as Express calls it. */
export type ExpressRoute = (req: http.IncomingMessage, res: http.ServerResponse, next: Next) => unknown;
/** A Koa route, as Koa calls it. */
export type KoaRoute = (ctx: KoaContext) => unknown;
/** The Koa context (the parts routes use). */
export type KoaContext = Parameters<Parameters<InstanceType<typeof Koa3>['use']>[0]>[0];

/** One native app. */
export interface NativeSpec {
  readonly express?: Readonly<Record<string, ExpressRoute>>;
  readonly koa?: Readonly<Record<string, KoaRoute>>;
  readonly options: HandlerOptions<AnyCatalog>;
  /** The app's `env` (`'development'` unless said). */
  readonly env?: string;
  readonly catalog?: AnyCatalog;
}

/** Builds a native app of one kind with its routes, our middleware and a healthy route. */
export function nativeServer(name: ServerName, spec: NativeSpec): Server {
  const catalog = spec.catalog ?? errors;
  if (name === 'express4' || name === 'express5') {
    const express = (name === 'express4' ? express4 : express5) as unknown as typeof express5;
    const app = express();
    app.set('env', spec.env ?? 'development');
    app.get('/healthy', (_req, res) => { res.json({ ok: true }); });
    for (const [path, route] of Object.entries(spec.express ?? {})) app.all(path, route as never);
    app.use(errorHandler(catalog, spec.options));
    return http.createServer(app);
  }
  const Koa = (name === 'koa2' ? Koa2 : Koa3) as unknown as typeof Koa3;
  const app = new Koa();
  app.env = spec.env ?? 'development';
  app.silent = true;
  app.use(koaErrorHandler(catalog, spec.options));
  app.use(async (ctx, next) => {
    if (ctx.path === '/healthy') { ctx.body = { ok: true }; return; }
    const route = spec.koa !== undefined && Object.hasOwn(spec.koa, ctx.path) ? spec.koa[ctx.path] : undefined;
    if (route === undefined) { await next(); return; }
    await route(ctx);
  });
  return http.createServer(app.callback());
}
