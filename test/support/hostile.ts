/**
 * What the hostile tests share: the hand-written answers of the shared catalog that hostile
 * values end up in, the exact-answer assertions (in process on a wire form, and on a raw HTTP
 * response), the leak scanner every body goes through, what `onError` hears, and a watch on
 * the process for uncaught exceptions, warnings and double answers, installed only by the
 * suites that call `watchProcess()`.
 */
import assert from 'node:assert/strict';
import http, { type IncomingHttpHeaders } from 'node:http';
import * as authHeader from 'auth-header';
import { checkBearerChallenge } from './abnf.js';
import { within, type Live, type RawResponse } from './servers.js';
import { expectedBody, FORMATS, type FormatName } from './catalog.js';
import type { ErrorContext, PublicWireForm } from '../../lib/index.js';
import { MAX_HEADER_VALUE_LENGTH } from '../../lib/rules/headers.js';

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
  EXPIRED_AUTH_TOKEN: {
    status: 401, code: 'EXPIRED_AUTH_TOKEN', message: 'Expired auth token.',
    headers: { 'www-authenticate': 'Bearer realm="api", error="invalid_token", error_description="Expired auth token."' },
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

/** A marker put in every internal message, cause and stack of the suite; it must never reach a body. */
export const SECRET = 'sk_live_SECRET_7f3a';

/** A hostile value, how to make a fresh one, and the answer it must get. */
export interface ThrowCase {
  readonly name: string;
  readonly make: () => unknown;
  readonly want: Expectation;
  /** Problems the answer must report (substrings). */
  readonly problems?: readonly string[];
}

// ---------------------------------------------------------------------------------------
// Leak scanning: every body is scanned.

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

/** Fails when a body leaks. */
export function assertNoLeak(where: string, status: number, text: string): void {
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

/** A wire form's headers by lower-case name; fails when two differ only in case or Node would refuse one. */
export function headersOf(wire: PublicWireForm, where: string): Record<string, string> {
  const lower: Record<string, string> = {};
  for (const [name, value] of Object.entries(wire.headers)) {
    http.validateHeaderName(name);
    http.validateHeaderValue(name, value);
    assert.ok(!Object.hasOwn(lower, name.toLowerCase()), `${where}: header ${name} twice`);
    lower[name.toLowerCase()] = value;
  }
  return lower;
}

/** Checks what every error answer must satisfy, whatever it is: an error status, no header past the cap, a valid challenge, no cookie. */
function assertWellFormedHeaders(status: number, headers: IncomingHttpHeaders, where: string): void {
  assert.ok(status >= 400 && status <= 599, `${where}: status ${status} is not an error status`);
  for (const [name, value] of Object.entries(headers)) {
    for (const one of Array.isArray(value) ? value : [value ?? '']) {
      assert.ok(one.length <= MAX_HEADER_VALUE_LENGTH, `${where}: header ${name} is ${one.length} characters`);
    }
  }
  const challenge = headers['www-authenticate'];
  if (typeof challenge === 'string') assertChallenge(challenge, where);
  assert.equal(headers['set-cookie'], undefined, `${where}: Set-Cookie on an error answer`);
}

/** Checks the parts every response assertion shares: status, content type and length, JSON body, listed headers. */
function assertExact(status: number, headers: IncomingHttpHeaders, text: string, format: FormatName, want: Expectation, where: string): void {
  assert.equal(status, want.status, `${where}: status (body ${text.slice(0, 200)})`);
  assertWellFormedHeaders(status, headers, where);
  assert.equal(headers['content-type'], FORMATS[format].contentType, `${where}: content type`);
  assert.equal(headers['content-length'], String(Buffer.byteLength(text)), `${where}: content length`);
  assertNoLeak(where, status, text);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    assert.fail(`${where}: the body is not JSON: ${text.slice(0, 200)}`);
  }
  assert.deepEqual(body, expectedBody(format, want.code, want.status, want.message), `${where}: body`);
  const expected = { ...('headers' in want ? want.headers : {}) };
  if (!('www-authenticate' in expected)) expected['www-authenticate'] = undefined;
  for (const [name, value] of Object.entries(expected)) assert.equal(headers[name], value, `${where}: header ${name}`);
}

/** Asserts an in-process answer exactly: status, content type and length, body, listed headers, and the problems it must report. */
export function assertWire(wire: PublicWireForm, format: FormatName, want: Expectation, where: string, problems: readonly string[] = []): void {
  assertExact(wire.status, headersOf(wire, where), wire.body, format, want, where);
  for (const expected of problems) {
    assert.ok(wire.problems.some((p) => p.includes(expected)), `${where}: the problems name ${expected}; they were ${JSON.stringify(wire.problems)}`);
  }
}

/** Asserts an HTTP answer exactly: status, content type and length, body, listed headers. */
export function assertAnswer(res: RawResponse, format: FormatName, want: Expectation, where: string): void {
  assertExact(res.status, res.headers, res.text, format, want, where);
}

/** Checks what every answer must satisfy (an error status, headers within the cap, a valid challenge) and scans the body. */
export function assertWellFormed(res: RawResponse, where: string): void {
  assertWellFormedHeaders(res.status, res.headers, where);
  assertNoLeak(where, res.status, res.text);
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

/** What the process saw while a watch was installed. */
export interface ProcessWatch {
  /** Fails when the process saw an uncaught exception, an unhandled rejection or a warning since the last check. */
  assertQuiet(): void;
}

/**
 * Watches the process for the tests of the calling `describe`: listeners are added in `before`
 * and removed in `after`, and every test that ends with trouble fails.
 */
export function watchProcess(): ProcessWatch {
  const trouble: string[] = [];
  const onException = (err: unknown): void => { trouble.push(`uncaught: ${String((err as Error | undefined)?.stack ?? err)}`); };
  const onWarning = (warning: Error): void => {
    // A double write shows up as ERR_HTTP_HEADERS_SENT; listener leaks as MaxListenersExceededWarning.
    // HouseErrorsWarning is the handler's documented startup notice, not trouble.
    if (warning.name !== 'DeprecationWarning' && warning.name !== 'HouseErrorsWarning') trouble.push(`warning ${warning.name}: ${warning.message}`);
  };
  const watch: ProcessWatch = {
    assertQuiet() {
      const seen = trouble.splice(0);
      assert.deepEqual(seen, [], `the process saw trouble:\n${seen.join('\n')}`);
    },
  };
  before(() => {
    process.on('uncaughtException', onException);
    process.on('unhandledRejection', onException);
    process.on('warning', onWarning);
  });
  after(() => {
    process.off('uncaughtException', onException);
    process.off('unhandledRejection', onException);
    process.off('warning', onWarning);
  });
  beforeEach(() => { trouble.length = 0; });
  afterEach(() => watch.assertQuiet());
  return watch;
}

/** The server is alive and well: a healthy route answers 200 `{ ok: true }`. */
export async function assertAlive(live: Live): Promise<void> {
  const res = await live.get('/healthy');
  assert.equal(res.status, 200, 'a healthy route answers after the case');
  assert.deepEqual(JSON.parse(res.text), { ok: true });
}
