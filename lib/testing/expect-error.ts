/**
 * `expectError` / `matchError`: assert that a response is exactly one catalog error. The
 * expected answer is built by the same wire form the middleware uses, so an expectation and
 * what the server sends can never disagree about a body, a header or a message.
 */
import { AssertionError } from 'node:assert';
import { isDeepStrictEqual } from 'node:util';
import { FACTORY_CATALOG } from '../catalog/define.js';
import { type AnyCatalog } from '../catalog/types.js';
import type { HouseError } from '../catalog/house-error.js';
import type { ThrowOptions } from '../catalog/types.js';
import type { CatalogParser } from '../catalog/parse.js';
import { builtinFormats, resolveFormat, type BuiltinFormatName, type FormatRef } from '../formats/builtin.js';
import type { HouseFormat, ParsedBody } from '../formats/format.js';
import { parseErrorBody, readErrorBody } from '../formats/parse-body.js';
import type { ViolationLocation } from '../formats/violations.js';
import { wireForm, type PublicWireForm, type WireFormOptions } from '../http/answer.js';

/**
 * What the server was configured with, and what the error was thrown with.
 * @example expectError(res, errors.NOT_ENOUGH_PERMISSION, {}, { format: 'code-message', scope: ['admin'] })
 */
export interface ExpectErrorOptions {
  /** The house format the server answers in. */
  readonly format: FormatRef;
  /** The scopes thrown with (`errors.KEY(params, { scope })`): expected in `scope="…"`. */
  readonly scope?: readonly string[];
  /** The `errorDescription` thrown with. */
  readonly errorDescription?: string;
  /** The handler's fixed `locale` or the negotiated language: expects that text and `Content-Language`. */
  readonly locale?: string;
  /** The handler's `realm`, when it overrides the catalog's. */
  readonly realm?: string;
  /** The handler's `fallbacks`, when the catalog needs them (no 500 definition without placeholders). */
  readonly fallbacks?: { readonly [status: number]: string };
  /** The handler's `detailsField`, when it is not `'details'`. */
  readonly detailsField?: string;
  /**
   * The details thrown with (`errors.KEY(params, { details })`): the body must carry exactly them,
   * violations with their rendered messages in the expected order.
   */
  readonly details?: unknown;
  /**
   * Instead of `details`: the body must carry at least these violations (by pointer and code, and
   * location when given), in any order; the rest of the body is checked by code and message.
   */
  readonly violations?: readonly ExpectedViolation[];
}

/**
 * A violation the response must carry (`expectError(..., { violations: [...] })`).
 * @example const v: ExpectedViolation = { pointer: '/email', code: 'REQUIRED' };
 */
export interface ExpectedViolation {
  readonly pointer: string;
  readonly code: string;
  readonly location?: ViolationLocation;
}

/**
 * A response: supertest's, or any `{ status, headers, body }` (with `text`, the raw body wins).
 * @example expectError({ status: 404, headers: { 'content-type': 'application/json' }, body }, errors.NOT_FOUND, {}, { format })
 */
export interface ResponseLike {
  readonly status: number;
  /** Header values by name (any case), or a fetch `Headers`. */
  readonly headers: HeaderBag | { get(name: string): string | null };
  /** The parsed JSON body, or its text. */
  readonly body?: unknown;
  /** The raw body text (supertest's `res.text`); parsed as JSON when present. */
  readonly text?: unknown;
}

type HeaderBag = { readonly [name: string]: string | readonly string[] | number | undefined };

/**
 * A catalog factory: `errors.KEY`.
 * @example function expectUnauthorized(res: ResponseLike, factory: CatalogFactory) { … }
 */
export type CatalogFactory = ((params: never, options?: never) => HouseError) & {
  readonly key: string;
  readonly status: number;
  readonly code: string;
};

/**
 * The params argument of a factory: the definition's exact parameters when its key, code or
 * message has placeholders, otherwise `{}` or `undefined`.
 * @example type P = FactoryParams<typeof errors.ILLEGAL_STATE>; // { readonly detail: string | number }
 */
export type FactoryParams<F> = F extends (params: infer P, options?: never) => HouseError ? P : never;

/**
 * Asserts `res` is exactly the catalog error `factory(params)` answered in `options.format`:
 * status, body (message interpolated), `Content-Type` (media type and charset), every header
 * the definition adds (`WWW-Authenticate` exactly, scope included; `Retry-After`…), and
 * `Content-Language` when `options.locale` is given. Throws an `AssertionError` that shows
 * the expected and the received status, code and body, and names the catalog key received.
 * @example
 * const res = await request(app).get('/orders/7');
 * expectError(res, errors['{RESOURCE}_NOT_EXIST'], { RESOURCE: 'ORDER' }, { format: 'code-message' });
 */
export function expectError<F extends CatalogFactory>(
  res: ResponseLike, factory: F, params: FactoryParams<F>, options: ExpectErrorOptions,
): void {
  check(res, factory, params, options, expectError);
}

/**
 * `expectError` as a supertest assertion: `.expect(matchError(errors.KEY, params, options))`.
 * @example
 * await request(app).get('/admin').expect(matchError(errors.NOT_ENOUGH_PERMISSION, {}, {
 *   format: 'code-message', scope: ['admin'],
 * }));
 */
export function matchError<F extends CatalogFactory>(
  factory: F, params: FactoryParams<F>, options: ExpectErrorOptions,
): (res: ResponseLike) => void {
  // Build the expectation now: a wrong key or option fails where the test is written.
  expected(factory, params, options);
  return (res) => check(res, factory, params, options, matchError);
}

interface Expected {
  readonly catalog: AnyCatalog;
  readonly wire: PublicWireForm;
  readonly body: unknown;
  /** That body read back by the format. */
  readonly parsed: ParsedBody | undefined;
  readonly key: string;
  readonly code: string;
  readonly formatName: string;
  readonly format: HouseFormat;
  /** Violations the body must contain, when only some are asserted. */
  readonly violations: readonly ExpectedViolation[] | undefined;
}

interface Actual {
  readonly status: unknown;
  readonly body: unknown;
  header(name: string): string | undefined;
}

function check(res: ResponseLike, factory: CatalogFactory, params: unknown, options: ExpectErrorOptions, from: Function): void {
  const want = expected(factory, params, options);
  const got = actualOf(res);
  const failures = compare(want, got);
  if (failures.length === 0) return;
  const lines = [`${describeExpected(want)}; received ${describeReceived(want, got, options.format)}`];
  for (const failure of failures) lines.push(`  ${failure}`);
  if (want.wire.problems.length > 0) lines.push(`  (the expected answer itself: ${want.wire.problems.join('; ')})`);
  throw new AssertionError({
    message: lines.join('\n'),
    actual: { status: got.status, body: got.body },
    expected: { status: want.wire.status, body: want.body },
    operator: 'expectError',
    stackStartFn: from,
  });
}

function expected(factory: CatalogFactory, params: unknown, options: ExpectErrorOptions): Expected {
  const catalog = typeof factory === 'function' ? (factory as { [FACTORY_CATALOG]?: AnyCatalog })[FACTORY_CATALOG] : undefined;
  if (catalog === undefined) throw new TypeError('house-errors/testing: expected a catalog factory such as errors.KEY');
  if (typeof options !== 'object' || options === null) {
    throw new TypeError('house-errors/testing: options with the server\'s format are required ({ format: ... })');
  }
  const throwOptions: ThrowOptions = {
    ...(options.scope !== undefined && { scope: options.scope }),
    ...(options.errorDescription !== undefined && { errorDescription: options.errorDescription }),
    ...(options.details !== undefined && { details: options.details }),
  };
  if (options.details !== undefined && options.violations !== undefined) {
    throw new TypeError('house-errors/testing: give details (exactly) or violations (at least these), not both');
  }
  const thrown = (factory as unknown as (p: unknown, o: ThrowOptions) => HouseError)(params, throwOptions);
  const wire = wireForm(catalog, thrown, {
    format: options.format,
    ...(options.realm !== undefined && { realm: options.realm }),
    ...(options.locale !== undefined && { locale: options.locale }),
    ...(options.fallbacks !== undefined && { fallbacks: options.fallbacks }),
    ...(options.detailsField !== undefined && { detailsField: options.detailsField }),
  } as WireFormOptions<AnyCatalog>);
  const body: unknown = JSON.parse(wire.body);
  const format = resolveFormat(options.format, options.detailsField);
  const parsed = readErrorBody(body, format);
  return { catalog, wire, body, parsed, key: factory.key, code: parsed?.code ?? thrown.code, formatName: format.name, format, violations: options.violations };
}

function actualOf(res: ResponseLike): Actual {
  if (typeof res !== 'object' || res === null) throw new TypeError('house-errors/testing: expected a response { status, headers, body }');
  const headers: unknown = res.headers;
  let header: (name: string) => string | undefined;
  if (typeof headers === 'object' && headers !== null && typeof (headers as { get?: unknown }).get === 'function') {
    header = (name) => (headers as { get(name: string): string | null }).get(name) ?? undefined;
  } else {
    const bag = new Map<string, string>();
    if (typeof headers === 'object' && headers !== null) {
      for (const [name, value] of Object.entries(headers)) {
        if (value !== undefined) bag.set(name.toLowerCase(), Array.isArray(value) ? value.join(', ') : String(value));
      }
    }
    header = (name) => bag.get(name.toLowerCase());
  }
  return { status: res.status, body: bodyOf(res), header };
}

// The raw text, when there is one, is what was sent: supertest leaves `body` as `{}` for a
// response whose Content-Type it does not parse.
function bodyOf(res: ResponseLike): unknown {
  const raw = typeof res.text === 'string' ? res.text : res.body;
  if (typeof raw !== 'string') return raw;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}

function compare(want: Expected, got: Actual): string[] {
  const failures: string[] = [];
  if (got.status !== want.wire.status) failures.push(`status: expected ${want.wire.status}, received ${show(got.status)}`);
  if (want.violations !== undefined) failures.push(...compareViolations(want, got));
  else if (!isDeepStrictEqual(got.body, want.body)) {
    failures.push(`body: expected ${show(want.body)}`, `      received ${show(got.body)}`);
  }
  for (const [name, value] of Object.entries(want.wire.headers)) {
    const lower = name.toLowerCase();
    if (lower === 'content-length') continue;
    const received = got.header(lower);
    const same = lower === 'content-type' ? sameMediaType(value, received) : value === received;
    if (!same) failures.push(`header ${name}: expected ${show(value)}, received ${received === undefined ? 'none' : show(received)}`);
  }
  return failures;
}

// Code and message as expected, and every listed violation among the received ones.
function compareViolations(want: Expected, got: Actual): string[] {
  const expected = want.parsed;
  const received = typeof got.body === 'object' && got.body !== null ? want.format.parse(got.body) : undefined;
  if (received === undefined) return [`body: expected a "${want.formatName}" error body, received ${show(got.body)}`];
  const failures: string[] = [];
  if (received.code !== expected?.code) failures.push(`code: expected ${show(expected?.code)}, received ${show(received.code)}`);
  if (received.message !== expected?.message) failures.push(`message: expected ${show(expected?.message)}, received ${show(received.message)}`);
  const list = Array.isArray(received.details) ? received.details as readonly unknown[] : [];
  for (const violation of want.violations!) {
    const found = list.some((entry) => typeof entry === 'object' && entry !== null
      && (entry as { pointer?: unknown }).pointer === violation.pointer && (entry as { code?: unknown }).code === violation.code
      && (violation.location === undefined || (entry as { location?: unknown }).location === violation.location));
    if (!found) failures.push(`violation ${show(violation)}: not among the received ${list.length === 0 ? 'details (none)' : show(received.details)}`);
  }
  return failures;
}

// Media type and charset, case-insensitive; spacing around parameters is not significant.
function sameMediaType(expected: string, received: string | undefined): boolean {
  if (received === undefined) return false;
  const parse = (value: string): string => {
    const [type = '', ...parameters] = value.split(';').map((part) => part.trim().toLowerCase());
    const charset = parameters.find((p) => p.startsWith('charset='))?.slice(8).replace(/^"(.*)"$/, '$1');
    return `${type};${charset ?? ''}`;
  };
  return parse(expected) === parse(received);
}

function describeExpected(want: Expected): string {
  return `expected ${want.key} (${want.wire.status} ${want.code}) in format "${want.formatName}"`;
}

// Names what was received: a catalog error (by key), a foreign code, or another body shape.
function describeReceived(want: Expected, got: Actual, format: FormatRef): string {
  const status = show(got.status);
  const inFormat = codeIn(want.catalog, got, format);
  if (inFormat !== undefined) return `${status} ${inFormat}`;
  for (const other of Object.keys(builtinFormats) as BuiltinFormatName[]) {
    if (other === want.formatName) continue;
    const code = codeIn(want.catalog, got, other);
    if (code !== undefined) return `${status} ${code} in format "${other}", not "${want.formatName}"`;
  }
  return `${status} with a body that is not a "${want.formatName}" error body`;
}

function codeIn(catalog: AnyCatalog, got: Actual, format: FormatRef): string | undefined {
  const parse = (catalog as unknown as { parse: CatalogParser }).parse;
  const atStatus = typeof got.status === 'number' ? { status: got.status } : {};
  const known = (parse(got.body, format, atStatus) ?? parse(got.body, format)) as { key: string; code: string } | undefined;
  if (known !== undefined) return `${known.code} (catalog key ${JSON.stringify(known.key)})`;
  const foreign = parseErrorBody(got.body, format);
  return foreign === undefined ? undefined : `${foreign.code} (not a code of this catalog)`;
}

const SHOWN = 400;

function show(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = Object.prototype.toString.call(value);
  }
  return text.length > SHOWN ? `${text.slice(0, SHOWN)}…` : text;
}
