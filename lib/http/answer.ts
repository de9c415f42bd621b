/**
 * The one place where a thrown value becomes what goes on the wire, `{ status, headers, body }`,
 * and where the app is told about it. Express, Koa, the docs and the test helpers all answer
 * through `answer()`; an adapter only writes the wire form (see `createResponder`).
 */
import { asciiDescription, errorInternals, isHouseError, renderWith, type HouseError, type ReadDetails } from '../catalog/house-error.js';
import { violationsIn, violationsJson } from '../catalog/details.js';
import { templateIn, type AnyCatalog, type CompiledDefinition, type ThrowOptions } from '../catalog/types.js';
import type { ErrorInfo } from '../formats/format.js';
import { buildChallenge, isQuotable } from '../rules/challenge.js';
import { admitExtraHeaders, NO_HEADERS, throwHeaders } from '../rules/headers.js';
import { isWireCode } from '../rules/syntax.js';
import { NO_VALUES } from '../rules/template.js';
import { errorStatusOf, foreignHeadersOf, jwtErrorKind, type ForeignHeaders } from './foreign.js';
import { createLocalePicker } from './locale.js';
import {
  announceRewrites, createSetup, fallbackFor, type ErrorContext, type Fallback, type HandlerOptions, type HandlerSetup, type RequestLike,
} from './setup.js';

/** A response ready to write. `headers` never holds framing headers; `length` is the body's byte length. */
export interface WireForm {
  readonly status: number;
  readonly headers: ReadonlyArray<readonly [string, string]>;
  /** Headers from a foreign error (`Allow`, `Retry-After`): set only where the app has not set them. */
  readonly ifAbsent?: ReadonlyArray<readonly [string, string]>;
  readonly body: string;
  readonly length: number;
}

/** A wire form and what it answered with. */
export interface Answer {
  readonly wire: WireForm;
  readonly def: CompiledDefinition;
  readonly code: string;
  readonly problems: string[];
  /** True when the answer is made from one of this catalog's own errors, as thrown. */
  readonly ours: boolean;
}

/** What the thrown value resolves to before anything is rendered. */
interface Resolution {
  readonly def: CompiledDefinition;
  /** Our own error, when the answer is made from it. */
  readonly err?: HouseError;
  /** Its per-throw options. */
  readonly options?: ThrowOptions | undefined;
  /** The wire code and values to render: our error's (read once and checked) or a fallback's. */
  readonly own?: { readonly code: string; readonly values: Readonly<Record<string, string>> };
  /** Set when the answer depends only on the definition, code and values: its cache slot. */
  readonly slot?: number;
  /** A foreign error's own headers, kept when its status is the answer's status. */
  readonly foreignHeaders?: ForeignHeaders;
  /** Our error's details, as read when it was made. */
  readonly details?: ReadDetails | undefined;
}

const fromFallback = (fallback: Fallback, foreignHeaders?: ForeignHeaders): Resolution => ({
  def: fallback.def, own: fallback, slot: fallback.slot, ...(foreignHeaders === undefined ? {} : { foreignHeaders }),
});

/**
 * Answers a thrown value. `locale` is the negotiated language (undefined without i18n).
 * Never throws: whatever goes wrong becomes the 500 fallback and a line in `problems`.
 */
export function answer(setup: HandlerSetup, thrown: unknown, locale: string | undefined): Answer {
  const problems: string[] = [];
  let resolution: Resolution;
  try {
    resolution = resolve(setup, thrown, problems);
  } catch {
    problems.push('the thrown value could not be read; answered with the 500 fallback');
    resolution = fromFallback(setup.fallback500);
  }
  const { def, err, options, own, slot, foreignHeaders, details } = resolution;
  const ours = err !== undefined;
  if (!ours && def.params.length > 0) {
    const unfilled = def.params.filter((name) => own?.values[name] === undefined);
    if (unfilled.length > 0) problems.push(`fallback "${def.key}" has placeholders; they were sent as themselves ({${unfilled.join('}, {')}})`);
  }
  const code = own?.code ?? def.code.source;
  const values = own?.values ?? NO_VALUES;
  try {
    const wire = options === undefined && slot !== undefined && foreignHeaders === undefined
      ? constantWire(setup, def, code, values, slot, locale, problems)
      : render(setup, def, code, values, options, foreignHeaders, locale, problems, details);
    return { wire, def, code, problems, ours };
  } catch {
    problems.push('rendering failed; answered with the plain 500 fallback');
    return { wire: plain500(setup), def: setup.fallback500.def, code: setup.fallback500.code, problems, ours: false };
  }
}

function resolve(setup: HandlerSetup, thrown: unknown, problems: string[]): Resolution {
  const internals = errorInternals(thrown);
  if (internals !== undefined) {
    const err = thrown as HouseError;
    const { definition: own, options } = internals;
    if (own.catalog === setup.catalog) {
      if (internals.problems !== undefined) problems.push(...internals.problems);
      if (internals.refused) {
        problems.push('answered with the 500 fallback');
        return fromFallback(setup.fallback500);
      }
      // Without parameters nothing is read from the error: the code is the definition's.
      const { details } = internals;
      return own.params.length === 0 ? { def: own, err, options, slot: own.index, details } : { def: own, err, options, own: ownParts(own, err), details };
    }
    problems.push('a HouseError of another catalog: answered by its status');
  } else if (isHouseError(thrown)) {
    problems.push('a HouseError of another copy of house-errors: answered by its status');
  }
  switch (jwtErrorKind(thrown)) {
    case 'expired': return fromFallback(setup.jwtExpired);
    case 'invalid': return fromFallback(setup.jwtInvalid);
    case 'misconfigured':
      problems.push('jsonwebtoken reports a server misconfiguration: answered with the 500 fallback');
      return fromFallback(setup.fallback500);
    default: break;
  }
  const status = errorStatusOf(thrown);
  if (status === undefined) {
    problems.push('not an HTTP error (no status 400–599): answered with the 500 fallback');
    return fromFallback(setup.fallback500);
  }
  const fallback = fallbackFor(setup.fallbacks, status) ?? setup.fallback500;
  return fromFallback(fallback, fallback.def.status === status ? foreignHeadersOf(thrown) : undefined);
}

// `code` and `params` of our errors are ordinary writable properties: read them once, trust
// only what fits (a fixed code always comes from the definition); anything else throws, and
// the caller answers with the 500 fallback.
function ownParts(def: CompiledDefinition, err: HouseError): NonNullable<Resolution['own']> {
  const code: unknown = def.isFamily ? err.code : def.code.source;
  // A fixed code was checked at startup; only a family's code, read from the error, is checked here.
  if (typeof code !== 'string' || (def.isFamily && !isWireCode(code))) throw new TypeError('the error\'s code was tampered with');
  const params: unknown = err.params;
  const cap = def.catalog.options.maxParamLength;
  const values = Object.create(null) as Record<string, string>;
  for (const name of def.params) {
    const value: unknown = (params as Record<string, unknown>)[name];
    if (typeof value !== 'string' || value.length > cap) throw new TypeError('the error\'s params were tampered with');
    values[name] = value;
  }
  return { code, values };
}

// Answers that depend only on the definition (or a fallback's fixed values) and the language
// are built once per handler: by language ('' without one), then by `Fallback.slot` or index.
function constantWire(
  setup: HandlerSetup, def: CompiledDefinition, code: string, values: Readonly<Record<string, string>>, slot: number,
  locale: string | undefined, problems: string[],
): WireForm {
  const language = locale ?? '';
  let forms = setup.cache.get(language) as Array<WireForm | undefined> | undefined;
  if (forms === undefined) {
    forms = new Array<WireForm | undefined>(setup.slots);
    setup.cache.set(language, forms);
  }
  const cached = forms[slot];
  if (cached !== undefined) return cached;
  const wire = render(setup, def, code, values, undefined, undefined, locale, problems);
  // A format that failed is not cached: the plain 500 is built again, and reported, every time.
  if (wire.status === def.status) forms[slot] = wire;
  return wire;
}

function render(
  setup: HandlerSetup, def: CompiledDefinition, code: string, values: Readonly<Record<string, string>>,
  options: ThrowOptions | undefined, foreignHeaders: ForeignHeaders | undefined,
  locale: string | undefined, problems: string[], details?: ReadDetails,
): WireForm {
  const catalog = setup.catalog;
  const contentLanguage = setup.locale.kind === 'none'
    ? undefined
    : locale !== undefined && def.message.byLocale.has(locale) ? locale : catalog.options.defaultLocale;
  const message = renderWith(templateIn(def.message, contentLanguage), values);
  // A built-in format writes violations as text, made from what was read; a `defineFormat` value
  // receives them as objects of its own.
  const { writer } = setup;
  let violationsText: string | undefined;
  let shown: ErrorInfo['details'];
  if (details?.kind === 'violations') {
    if (writer === undefined) shown = violationsIn(details.read, contentLanguage);
    else violationsText = violationsJson(details.read, writer.form, contentLanguage);
  } else if (details !== undefined) {
    shown = details.value as ErrorInfo['details'];
  }
  // Two literals, not one object and a later `info.details = …`: each is built in one allocation with its final shape.
  const info: ErrorInfo = shown === undefined
    ? { key: def.key, code, status: def.status, message, params: values, retryable: def.retryable, locale: contentLanguage }
    : { key: def.key, code, status: def.status, message, params: values, retryable: def.retryable, locale: contentLanguage, details: shown };
  let body: string;
  try {
    body = writer === undefined ? serialise(setup.format.body(info)) : writer.write(info, violationsText);
  } catch {
    problems.push(`format "${setup.format.name}" failed; answered with the plain 500 fallback`);
    return plain500(setup);
  }

  const headers: Array<[string, string]> = [['Content-Type', setup.format.contentType]];
  if (contentLanguage !== undefined) headers.push(['Content-Language', contentLanguage]);
  // The throw's headers come first: they may give a new value to one the definition declares
  // (a rate limiter's `Retry-After`), never to what the answer itself sets.
  const thrown = options?.headers === undefined ? NO_HEADERS : throwHeaders(options.headers, problems, droppedHeader(problems, 'err.headers'));
  for (const name of Object.keys(def.headers)) {
    if (thrown.length === 0 || !thrown.some(([given]) => given.toLowerCase() === name.toLowerCase())) headers.push([name, def.headers[name]!]);
  }
  if (def.bearer !== undefined) {
    const explicit = options?.errorDescription;
    const description = explicit !== undefined
      ? explicit
      : catalog.options.challengeDescription ? asciiDescription(def, message, values) : undefined;
    const challenge = buildChallenge(
      { bearer: def.bearer, realm: setup.realm, scope: options?.scope, errorDescription: description },
      (problem) => problems.push(problem),
    );
    headers.push(['WWW-Authenticate', challenge]);
  }
  headers.push(...thrown);
  let ifAbsent: Array<[string, string]> | undefined;
  if (foreignHeaders !== undefined) {
    // Nothing the answer set is the foreign error's to override.
    const taken = new Set(headers.map(([name]) => name.toLowerCase()));
    ifAbsent = admitExtraHeaders(foreignHeaders.kept, taken, droppedHeader(problems, 'the foreign error\'s headers'));
    if (foreignHeaders.ignored.length > 0) {
      const names = foreignHeaders.ignored.slice(0, 8).map((name) => JSON.stringify(name.slice(0, 64))).join(', ');
      problems.push(`the foreign error's headers ${names}${foreignHeaders.ignored.length > 8 ? ', …' : ''} were not sent: only Allow and Retry-After are taken from a foreign error`);
    }
  }
  return { status: def.status, headers, ifAbsent, body, length: utf8Length(body) };
}

// Reports a header that was not sent; made only when there are headers to check, not on every answer.
function droppedHeader(problems: string[], from: string): (name: string, why: string) => void {
  return (name, why) => {
    problems.push(`header ${JSON.stringify(name.slice(0, 64))} from ${from} dropped: it ${why}`);
  };
}

// A `defineFormat` body: an object JSON can write, or the format failed.
function serialise(shaped: unknown): string {
  if (typeof shaped !== 'object' || shaped === null) throw new TypeError('not an object');
  const body = JSON.stringify(shaped);
  if (typeof body !== 'string') throw new TypeError('not serialisable');
  return body;
}

const byteLength = (globalThis as { Buffer?: { byteLength(text: string, encoding: 'utf8'): number } }).Buffer?.byteLength;

/** The UTF-8 length of a string (what `Content-Length` counts). */
function utf8Length(text: string): number {
  // Node's native count where there is one (bodies with details run to kilobytes); the loop elsewhere.
  if (byteLength !== undefined) return byteLength(text, 'utf8');
  let length = text.length;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) continue;
    if (unit < 0x800) length += 1;
    // A surrogate pair is 2 units and 4 bytes; a lone surrogate is encoded as U+FFFD (3 bytes).
    else if (unit >= 0xd800 && unit <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) { length += 2; i++; }
    else length += 2;
  }
  return length;
}

/** The last resort: the 500 fallback as `{"code","message"}` JSON, built without the format. */
function plain500(setup: HandlerSetup): WireForm {
  const { def, code, values } = setup.fallback500;
  const body = JSON.stringify({ code, message: renderWith(def.message.fallback, values) });
  return {
    status: 500,
    headers: [['Content-Type', 'application/json; charset=utf-8']],
    body,
    length: utf8Length(body),
  };
}

// ---------------------------------------------------------------------------------------
// The wire form as data.

/** Options of `wireForm`: the handler's, plus the language to answer in. */
export type WireFormOptions<C extends AnyCatalog> = Omit<HandlerOptions<C>, 'locales' | 'onError'>;

/** A response as data. */
export interface PublicWireForm {
  readonly status: number;
  /** Every header the middleware sets, with `Content-Length`. */
  readonly headers: Readonly<Record<string, string>>;
  /** The body, serialised. */
  readonly body: string;
  /** Why the answer differs from what was thrown, or what was dropped from it. */
  readonly problems: readonly string[];
}

/**
 * What the middleware would send for `thrown`, as data. Validates the options each call:
 * use the middleware on a hot path, this in docs, tests and adapters.
 * @example
 * wireForm(errors, errors.INVALID_AUTH_TOKEN(), { format: 'code-message', realm: 'api' }).headers['WWW-Authenticate'];
 */
export function wireForm<C extends AnyCatalog>(errors: C, thrown: unknown, options: WireFormOptions<C>): PublicWireForm {
  return wireFormWith(createSetup(errors, options as HandlerOptions<AnyCatalog>), thrown);
}

/** `wireForm` with a setup made once (the docs answer every definition of a catalog with one). */
export function wireFormWith(setup: HandlerSetup, thrown: unknown): PublicWireForm {
  const locale = setup.locale.kind === 'fixed' ? setup.locale.locale : undefined;
  const { wire, problems } = answer(setup, thrown, locale);
  const headers: Record<string, string> = {};
  for (const [name, value] of wire.headers) headers[name] = value;
  for (const [name, value] of wire.ifAbsent ?? []) headers[name] = value;
  headers['Content-Length'] = String(wire.length);
  return { status: wire.status, headers, body: wire.body, problems };
}

// ---------------------------------------------------------------------------------------
// Telling the app.

/** Calls `onError` if there is one; never throws, never leaves a rejection unhandled. */
export function notify(
  onError: ((err: unknown, context: ErrorContext) => void | Promise<void>) | undefined,
  err: unknown,
  context: ErrorContext,
): void {
  if (onError === undefined) return;
  try {
    const result: unknown = onError(err, context);
    if (typeof result === 'object' && result !== null) {
      const then = (result as { then?: unknown }).then;
      if (typeof then === 'function') then.call(result, undefined, () => {});
    }
  } catch {
    // The answer is already decided; a failing logger must not change it.
  }
}

/**
 * True when, without `onError`, the answer must be reported the framework's way: a 5xx for a
 * value the catalog did not make (a `TypeError` in a route, a refused family value). A catalog
 * error is an answer the API documents, not a fault.
 */
export function isUnexpected(result: Answer): boolean {
  return !result.ours && result.wire.status >= 500;
}

/**
 * An `Error` that loggers and frameworks can read: the thrown value itself when it is a native
 * error whose `stack`, `message`, `status`, `statusCode`, `expose`, `headers` and `toString`
 * read without throwing; otherwise a
 * plain Error describing it (Koa's `app.onerror` refuses non-errors, and a getter that throws
 * would crash the logger). `onError` always sees the original.
 */
export function loggable(err: unknown): Error {
  try {
    if (err instanceof Error || Object.prototype.toString.call(err) === '[object Error]') {
      const probe = err as Error & { status?: unknown; statusCode?: unknown; expose?: unknown; headers?: unknown };
      void probe.status;
      void probe.statusCode;
      void probe.expose;
      void probe.message;
      const headers = probe.headers;
      if (typeof headers === 'object' && headers !== null) for (const name of Object.keys(headers)) void (headers as Record<string, unknown>)[name];
      if (typeof probe.toString !== 'function') throw new TypeError('no toString');
      String(probe.stack || probe.toString());
      return probe;
    }
    return new Error(`non-error thrown: ${describeValue(err)}`);
  } catch {
    return new Error('house-errors: an unreadable value was thrown');
  }
}

function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 200 ? `${value.slice(0, 200)}…` : value);
  if (typeof value === 'function') return 'a function';
  if (typeof value !== 'object' || value === null) return String(value);
  return Array.isArray(value) ? 'an array' : 'an object';
}

// ---------------------------------------------------------------------------------------
// What an adapter uses.

/** What an adapter needs from this module: one per middleware, made at startup. */
export interface Responder {
  /** True when the handler negotiates the language: the answer varies by `Accept-Language`. */
  readonly negotiates: boolean;
  /** The answer for a thrown value on a request. Never throws. */
  answer(thrown: unknown, req: RequestLike): Answer;
  /**
   * Tells the app about an answer through `onError` when there is one. Returns true when the
   * adapter must report it the framework's own way instead: no `onError`, and an unexpected
   * error (`isUnexpected`).
   */
  tell(thrown: unknown, req: RequestLike, result: Answer, headersSent: boolean): boolean;
}

/**
 * Validates a middleware's options (throws `CatalogDefinitionError` at startup), says which
 * common statuses it rewrites, and returns what the adapter calls per error.
 */
export function createResponder(errors: unknown, options: HandlerOptions<AnyCatalog>): Responder {
  const setup = createSetup(errors, options);
  announceRewrites(setup);
  const pickLocale = createLocalePicker(setup.locale);
  const { onError } = setup;
  return {
    negotiates: setup.locale.kind === 'negotiate',
    answer: (thrown, req) => answer(setup, thrown, pickLocale(req)),
    tell(thrown, req, result, headersSent) {
      if (onError === undefined) return isUnexpected(result);
      notify(onError, thrown, contextOf(req, result, headersSent));
      return false;
    },
  };
}

function contextOf(req: RequestLike, result: Answer, headersSent: boolean): ErrorContext {
  return { req, status: result.wire.status, key: result.def.key, code: result.code, problems: result.problems, headersSent };
}
