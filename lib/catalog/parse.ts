/**
 * `errors.parse(body, format)`: a body read back into the catalog entry it came from — key,
 * typed code, message and the parameters that can be recovered from the code and message.
 */
import type {
  AnyCatalog, CATALOG, CatalogInternals, CodeOf, CodeTemplate, CompiledDefinition, Definition, Definitions, DetailsOutput, KeyOf,
  PlaceholdersOf, ParamNames, WireCodeOf,
} from './types.js';
import { isPlainObject, isScalar, readCustomDetails } from './schema.js';
import { safeGet } from '../rules/headers.js';
import { isPointer } from '../rules/pointer.js';
import { isWireCode } from '../rules/syntax.js';
import { MAX_VIOLATIONS, VIOLATION_LOCATIONS, type Violation } from '../formats/violations.js';
import { matchTemplate, type Template } from '../rules/template.js';
import type { BuiltinBodies, BuiltinFormatName, FormatRef } from '../formats/builtin.js';
import type { HouseFormat } from '../formats/format.js';
import { readErrorBody } from '../formats/parse-body.js';
import { resolveFormat } from '../formats/builtin.js';

/**
 * The body type of a format: `BodyOf<'code-message'>` is `{ code: string; message: string }`.
 * Given a catalog, the code member is narrowed to the catalog's codes.
 * @example
 * type Body = BodyOf<'errorCode-reason', typeof errors>; // { errorCode: CodeOf<typeof errors>; reason: string }
 */
export type BodyOf<F extends FormatRef, C extends AnyCatalog | undefined = undefined> = F extends BuiltinFormatName
  ? C extends AnyCatalog ? WithCode<BuiltinBodies[F], CodeFieldOf<F>, CodeOf<C>> : BuiltinBodies[F]
  : F extends HouseFormat<infer B> ? B : never;

type CodeFieldOf<N extends BuiltinFormatName> = N extends 'errorCode-reason' ? 'errorCode' : 'code';
type WithCode<B, Field extends string, Code> = { readonly [P in keyof B]: P extends Field ? Code : B[P] };

/**
 * Options of `errors.parse`.
 * @example errors.parse(body, 'code-message', { status: res.status })
 */
export interface ParseOptions {
  /**
   * The response status. Several definitions may share a wire code at different statuses
   * (`BAD_REQUEST` at 400 and 406); with the status, the right one is chosen. Without it,
   * the first definition in catalog order with that code.
   */
  readonly status?: number;
  /** The handler's `detailsField`, when it is not `'details'` (where the house formats carry details). */
  readonly detailsField?: string;
}

type CodeNames<K extends string, D> = PlaceholdersOf<CodeTemplate<K, D>>;

/**
 * Parameters recovered from a body: the code family's values always (they are in the code),
 * the message's when the message still matches its template (it may be another language, or
 * a newer text); as strings, since they were read from text.
 * @example
 * // '{RESOURCE}_NOT_EXIST' with message 'No {RESOURCE} with id {id}.' gives
 * // { readonly RESOURCE: string; readonly id?: string }
 */
export type ParsedParams<K extends string, D> = Flatten<
  & { readonly [P in CodeNames<K, D>]: string }
  & { readonly [P in Exclude<ParamNames<K, D>, CodeNames<K, D>>]?: string }
>;

// One object type instead of an intersection: what the editor shows.
type Flatten<T> = { [P in keyof T]: T[P] };

/**
 * One definition's parsed error.
 * @example
 * const e: ParsedDefinition<'ILLEGAL_STATE', { status: 500; message: 'Illegal state: {detail}' }> = {
 *   key: 'ILLEGAL_STATE', code: 'ILLEGAL_STATE', message: 'Illegal state: locked', params: { detail: 'locked' },
 *   status: 500, retryable: true,
 * };
 */
export interface ParsedDefinition<K extends string, D extends Definition> {
  /** The catalog key (`'{RESOURCE}_NOT_EXIST'` for `USER_NOT_EXIST`). */
  readonly key: K;
  /** The wire code as received. */
  readonly code: WireCodeOf<K, D>;
  /** The message as received. */
  readonly message: string;
  readonly params: ParsedParams<K, D>;
  /** The definition's status. */
  readonly status: D['status'];
  /** Whether the definition is documented as retryable. */
  readonly retryable: boolean;
  /**
   * The body's details, for a definition that declares them, when they fit its declaration:
   * the well-formed violations, or the object its schema describes. Undefined otherwise.
   */
  readonly details?: DetailsOutput<D>;
}

/**
 * What `errors.parse` returns: a union discriminated by `key` (and by `code` where codes are
 * fixed), so `switch (e.key)` or `switch (e.code)` narrows and can be checked exhaustive.
 * @example
 * type Parsed = ParsedError<{ A: { status: 400; message: 'a' }; B: { status: 500; message: 'b' } }>;
 */
export type ParsedError<D extends Definitions> = {
  [K in keyof D & string]: ParsedDefinition<K, D[K]>;
}[keyof D & string];

/**
 * What `errors.parse` returns, from the catalog's type: `ParsedErrorOf<typeof errors>`, or
 * `ParsedErrorOf<typeof errors, 'ILLEGAL_STATE'>` for one key.
 * @example
 * function explain(e: ParsedErrorOf<typeof errors>): string { switch (e.key) { ... } }
 */
export type ParsedErrorOf<C extends AnyCatalog, K extends KeyOf<C> = KeyOf<C>> = {
  [P in K]: ParsedDefinition<P, C[typeof CATALOG]['definitions'][P]>;
}[K];

/** @internal The runtime of `errors.parse`, untyped. */
export type CatalogParser = (body: unknown, format: FormatRef, options?: ParseOptions) => unknown;

interface CodeIndex {
  readonly exact: ReadonlyMap<string, readonly CompiledDefinition[]>;
  readonly families: readonly CompiledDefinition[];
}

/** @internal Builds `errors.parse` for one catalog; the code index is built on the first call. */
export function makeParser(catalog: CatalogInternals): CatalogParser {
  let index: CodeIndex | undefined;
  return (body, format, options) => {
    // Options are read guarded: a throwing getter is an option not given.
    const field = safeGet(options, 'detailsField');
    const parsed = readErrorBody(body, resolveFormat(format, typeof field === 'string' ? field : undefined));
    if (parsed === undefined) return undefined;
    index ??= indexCodes(catalog);
    const given = safeGet(options, 'status');
    const status = typeof given === 'number' ? given : undefined;
    const found = findDefinition(index, parsed.code, status);
    if (found === undefined) return undefined;
    const { def, familyValues } = found;
    // The code is exact where the message may have been cut to maxParamLength: the code wins.
    // fromEntries defines own properties, so even a placeholder named __proto__ stays data.
    const params = Object.fromEntries([...messageParams(def, parsed.message) ?? [], ...familyValues]);
    const details = parsed.details === undefined ? undefined : detailsOf(def, parsed.details);
    return Object.freeze({
      key: def.key, code: parsed.code, message: parsed.message, params: Object.freeze(params),
      status: def.status, retryable: def.retryable, ...(details === undefined ? {} : { details }),
    });
  };
}

function indexCodes(catalog: CatalogInternals): CodeIndex {
  const exact = new Map<string, CompiledDefinition[]>();
  const families: CompiledDefinition[] = [];
  for (const def of catalog.definitions) {
    if (def.isFamily) { families.push(def); continue; }
    const list = exact.get(def.code.source);
    if (list === undefined) exact.set(def.code.source, [def]);
    else list.push(def);
  }
  return { exact, families };
}

// Exact codes first, then families, each in catalog order.
function findDefinition(
  index: CodeIndex, code: string, status: number | undefined,
): { def: CompiledDefinition; familyValues: ReadonlyMap<string, string> } | undefined {
  const exact = index.exact.get(code)?.find((def) => status === undefined || def.status === status);
  if (exact !== undefined) return { def: exact, familyValues: new Map() };
  for (const def of index.families) {
    if (status !== undefined && def.status !== status) continue;
    const values = matchValues(def.code, code, 1);
    if (values !== undefined) return { def, familyValues: values };
  }
  return undefined;
}

function messageParams(def: CompiledDefinition, message: string): ReadonlyMap<string, string> | undefined {
  const { message: text } = def;
  const match = matchValues(text.fallback, message, 0);
  if (match !== undefined || !text.translated) return match;
  for (const template of text.byLocale.values()) {
    if (template === text.fallback) continue;
    const values = matchValues(template, message, 0);
    if (values !== undefined) return values;
  }
  return undefined;
}

// A placeholder used twice must have read the same value both times, or the text did not match.
// A family value is never empty; a message value may be.
function matchValues(template: Template, text: string, minLength: number): Map<string, string> | undefined {
  const values = matchTemplate(template, text, minLength);
  if (values === undefined) return undefined;
  const byName = new Map<string, string>();
  for (let i = 0; i < values.length; i++) {
    const name = template.names[i]!;
    const seen = byName.get(name);
    if (seen !== undefined && seen !== values[i]) return undefined;
    byName.set(name, values[i]!);
  }
  return byName;
}

const LOCATIONS = new Set<string>(VIOLATION_LOCATIONS);

// Details read back only as the definition declares them; never throws (the caller's try covers Proxies).
function detailsOf(def: CompiledDefinition, raw: unknown): unknown {
  try {
    if (def.details === undefined) return undefined;
    if (def.details.kind === 'schema') {
      const read = readCustomDetails(def.details.schema, raw, def.catalog.options.maxParamLength);
      return typeof read === 'string' ? undefined : read.value;
    }
    if (!Array.isArray(raw)) return undefined;
    const list: Violation[] = [];
    for (let i = 0; i < Math.min(raw.length, MAX_VIOLATIONS); i++) {
      const violation = violationOf(raw[i]);
      if (violation !== undefined) list.push(violation);
    }
    return Object.freeze(list);
  } catch {
    return undefined;
  }
}

// A violation as a body carries it; problem details' entries say `detail` where the others say `message`.
function violationOf(raw: unknown): Violation | undefined {
  if (!isPlainObject(raw)) return undefined;
  const get = (name: string): unknown => (Object.hasOwn(raw, name) ? raw[name] : undefined);
  const pointer = get('pointer');
  const location = get('location');
  const code = get('code');
  const message = get('message') ?? get('detail');
  if (typeof pointer !== 'string' || !isPointer(pointer) || typeof location !== 'string' || !LOCATIONS.has(location)) return undefined;
  if (typeof code !== 'string' || !isWireCode(code) || typeof message !== 'string') return undefined;
  const out: { -readonly [K in keyof Violation]: Violation[K] } = { pointer, location: location as Violation['location'], code, message };
  const params = get('params');
  if (isPlainObject(params)) {
    const read: Record<string, string | number> = {};
    for (const name of Object.keys(params)) {
      const value = params[name];
      if (typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value))) read[name] = value;
    }
    out.params = Object.freeze(read);
  }
  const value = get('value');
  if (isScalar(value)) out.value = value;
  return Object.freeze(out);
}
