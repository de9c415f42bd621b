/**
 * `HouseError`: the one error class every catalog factory returns. It honours the
 * http-errors contract (`status === statusCode`, `expose`, `headers`), so Express's
 * finalhandler and Koa's `ctx.onerror` answer it sensibly even without our middleware.
 */
import { cutText, NO_VALUES, renderTemplate, type Template } from '../rules/template.js';
import { templateIn, type CompiledDefinition } from './types.js';
import type { ThrowOptions } from './types.js';
import { buildChallenge, isQuotable } from '../rules/challenge.js';
import { throwHeaders } from '../rules/headers.js';
import { isWireCode } from '../rules/syntax.js';
import { readViolations, violationsIn, type ReadViolations } from './details.js';
import { readCustomDetails } from './schema.js';
import type { Violation } from '../formats/violations.js';

const BRAND = Symbol.for('house-errors.HouseError');

/** The private state of one of our errors. */
export interface ErrorInternals {
  readonly definition: CompiledDefinition;
  /** The per-throw options (scope, errorDescription, headers), read as own properties. */
  readonly options: ThrowOptions | undefined;
  /** What went wrong while building the error (missing or refused parameters). */
  readonly problems: readonly string[] | undefined;
  /** True when a family value made an invalid wire code; the answer is the 500 fallback. */
  readonly refused: boolean;
  /** The details as read when the error was made; undefined when none were given or they were refused. */
  readonly details: ReadDetails | undefined;
}

/** Details as an error carries them: its violations as read (private records, their JSON made), or the schema's object. */
export type ReadDetails =
  | { readonly kind: 'violations'; readonly read: ReadViolations }
  | { readonly kind: 'schema'; readonly value: unknown };

// One method, keyed by a Symbol.for, reads an error's private state. The ESM and CommonJS builds
// of this package are two classes whose private fields cannot see each other; through the
// shared symbol either build reads the errors the other made (an app that `require`s the
// catalog and `import`s the middleware). Prototype methods stay out of logs and JSON.
const INTERNALS = Symbol.for('house-errors.internals');

/** Internal: the private state of one of our errors, from either build; undefined for anything else. */
export function errorInternals(value: unknown): ErrorInternals | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  try {
    const read = (value as { [INTERNALS]?: unknown })[INTERNALS];
    if (typeof read !== 'function') return undefined;
    const found: unknown = read.call(value);
    return typeof found === 'object' && found !== null ? found as ErrorInternals : undefined;
  } catch {
    return undefined;
  }
}

/** Internal: the compiled definition of one of our errors (undefined for anything else). */
export function definitionOf(value: unknown): CompiledDefinition | undefined {
  return errorInternals(value)?.definition;
}

/**
 * An error from the catalog. Create it with `errors.KEY(params?, options?)`, never with `new`.
 * @example
 * throw errors.ILLEGAL_STATE({ detail: 'order book locked' });
 */
export class HouseError<K extends string = string, C extends string = string, Details = unknown> extends Error {
  /** The catalog key (`'{RESOURCE}_NOT_EXIST'`). */
  declare readonly key: K;
  /** The resolved wire code (`'USER_NOT_EXIST'`). */
  declare readonly code: C;
  /** HTTP status, 400–599. */
  declare readonly status: number;
  /** The interpolated parameters, as strings. */
  declare readonly params: Readonly<Record<string, string>>;
  /** Whether the definition is documented as retryable. */
  declare readonly retryable: boolean;
  /** Always true: a catalog message is documented, so it may be shown to clients. */
  declare readonly expose: true;
  // Private fields: internals stay out of util.inspect, JSON and logs.
  readonly #internals: ErrorInternals;
  #headers: Readonly<Record<string, string>> | undefined;
  #violations: readonly Violation[] | undefined;

  /** @internal Read with `errorInternals`. */
  [INTERNALS](): ErrorInternals {
    return this.#internals;
  }

  /** @internal Use the catalog's factories. */
  constructor(def: CompiledDefinition, params: unknown, given: ThrowOptions | undefined) {
    const options = ownOptions(given);
    let problems: string[] | undefined;
    let values = NO_VALUES;
    let message = def.constantMessage;
    let details: ReadDetails | undefined;
    if (options?.details !== undefined) {
      problems = [];
      details = readDetails(def, options.details, problems);
    }
    if (def.params.length > 0) {
      problems ??= [];
      values = readParams(def, params, problems);
      message = renderWith(def.message.fallback, values);
    }
    const cause = options?.cause;
    if (def.stack) {
      super(message, cause === undefined ? undefined : { cause });
    } else {
      // Capturing a stack is most of the cost of an Error; documented client errors skip it.
      const limit = Error.stackTraceLimit;
      Error.stackTraceLimit = 0;
      super(message, cause === undefined ? undefined : { cause });
      Error.stackTraceLimit = limit;
    }
    let code = def.code.source;
    let refused = false;
    if (def.isFamily) {
      const resolved = renderWith(def.code, values);
      // An empty value would make a code that no client (errors.parse, the documented pattern) reads back.
      const empty = def.code.names.find((name) => values[name] === '');
      if (empty === undefined && isWireCode(resolved)) code = resolved;
      else {
        refused = true;
        problems!.push(empty !== undefined
          ? `family code refused: parameter "${empty}" is empty`
          : `family code refused: ${JSON.stringify(resolved.slice(0, 80))} does not match [A-Za-z][A-Za-z0-9_]*`);
      }
    }
    this.key = def.key as K;
    this.code = code as C;
    this.status = def.status;
    this.params = values;
    this.retryable = def.retryable;
    this.#internals = { definition: def, options, problems: problems !== undefined && problems.length > 0 ? problems : undefined, refused, details };
    this.#headers = options === undefined ? def.constantErrorHeaders : undefined;
  }

  /**
   * Response headers: the definition's, the throw's, and `WWW-Authenticate` for Bearer
   * definitions (the http-errors contract, for handlers other than ours). Built on first read:
   * the middleware answers from the definition and never needs them.
   */
  get headers(): Readonly<Record<string, string>> {
    if (this.#headers === undefined) {
      const { definition: def, options } = this.#internals;
      try {
        const params = this.params;
        this.#headers = errorHeaders(def, renderWith(def.message.fallback, params), params, options);
      } catch {
        // `params` is a writable property: if someone broke it, the definition's headers remain.
        this.#headers = errorHeaders(def, renderWith(def.message.fallback, NO_VALUES), NO_VALUES, undefined);
      }
    }
    return this.#headers;
  }

  /** Same as `status` (the http-errors contract). */
  get statusCode(): number {
    return this.status;
  }

  /**
   * The field-level details as they are sent (violations with their messages in the catalog's
   * default language), or undefined when the error carries none or they were refused.
   */
  get details(): Details | undefined {
    const read = this.#internals.details;
    if (read === undefined) return undefined;
    if (read.kind === 'schema') return read.value as Details;
    // Made on first read: the answer writes from what was read, so changing this list changes no answer.
    this.#violations ??= Object.freeze(violationsIn(read.read, undefined));
    return this.#violations as Details;
  }
}
Object.defineProperty(HouseError.prototype, 'name', { value: 'HouseError', writable: true, configurable: true });
Object.defineProperty(HouseError.prototype, 'expose', { value: true });
Object.defineProperty(HouseError.prototype, BRAND, { value: true });

/**
 * True when `value` is a `HouseError` from any catalog and any installed copy of this
 * package (the brand is `Symbol.for`). Never throws, even on a hostile Proxy.
 * @example if (isHouseError(err)) log.info(err.code);
 */
export function isHouseError(value: unknown): value is HouseError {
  try {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  } catch {
    return false;
  }
}

/** Renders a template from a name → value record. */
export function renderWith(template: Template, values: Readonly<Record<string, string>>): string {
  if (template.names.length === 0) return template.literals[0]!;
  return renderTemplate(template, template.names.map((name) => values[name] ?? `{${name}}`));
}

/** Text of the message in `locale`, interpolated with the error's parameters. */
export function messageIn(def: CompiledDefinition, values: Readonly<Record<string, string>>, locale: string | undefined): string {
  return renderWith(templateIn(def.message, locale), values);
}

// Throw options are read once, as own properties: with a polluted `Object.prototype.headers`
// or `.scope`, an error thrown with `{ cause }` must not gain headers or a scope. The copy has
// every member as its own (undefined when absent), so reading it never reaches a prototype.
class OwnOptions implements ThrowOptions {
  constructor(
    readonly cause: unknown, readonly scope: readonly string[] | undefined, readonly errorDescription: string | undefined,
    readonly headers: ThrowOptions['headers'], readonly details: unknown,
  ) {}
}

function ownOptions(given: unknown): ThrowOptions | undefined {
  if (typeof given !== 'object' || given === null) return undefined;
  const o = given as Record<string, unknown>;
  // Literal names: one shape per call site, where a loop over names would go megamorphic. Each read
  // is tried alone: a getter that throws (or a Proxy's trap) makes that option absent, not the others.
  let cause: unknown, scope: unknown, errorDescription: unknown, headers: unknown, details: unknown;
  try { if (Object.hasOwn(o, 'cause')) cause = o.cause; } catch { /* absent */ }
  try { if (Object.hasOwn(o, 'scope')) scope = o.scope; } catch { /* absent */ }
  try { if (Object.hasOwn(o, 'errorDescription')) errorDescription = o.errorDescription; } catch { /* absent */ }
  try { if (Object.hasOwn(o, 'headers')) headers = o.headers; } catch { /* absent */ }
  try { if (Object.hasOwn(o, 'details')) details = o.details; } catch { /* absent */ }
  if (cause === undefined && scope === undefined && errorDescription === undefined && headers === undefined && details === undefined) return undefined;
  return new OwnOptions(cause, scope as readonly string[] | undefined, errorDescription as string | undefined, headers as ThrowOptions['headers'], details);
}

// Details are read once, here: the answer never touches what the caller passed again.
function readDetails(def: CompiledDefinition, given: unknown, problems: string[]): ReadDetails | undefined {
  const declared = def.details;
  if (declared === undefined) {
    problems.push(`details refused: "${def.key}" declares no details`);
    return undefined;
  }
  if (declared.kind === 'violations') {
    const read = readViolations(given, def.catalog, problems);
    return read === undefined ? undefined : { kind: 'violations', read };
  }
  const read = readCustomDetails(declared.schema, given, def.catalog.options.maxParamLength);
  if (typeof read === 'string') {
    problems.push(read);
    return undefined;
  }
  return { kind: 'schema', value: read.value };
}

// Reads only own, primitive values: prototype keys (`__proto__`) and getters on the
// prototype never reach a message, and a throwing getter or Proxy is a missing value.
function readParams(def: CompiledDefinition, params: unknown, problems: string[]): Record<string, string> {
  const cap = def.catalog.options.maxParamLength;
  const values = Object.create(null) as Record<string, string>;
  for (const name of def.params) {
    let raw: unknown;
    try {
      raw = params !== null && typeof params === 'object' && Object.hasOwn(params, name)
        ? (params as Record<string, unknown>)[name]
        : undefined;
    } catch {
      raw = undefined;
    }
    let text: string | undefined;
    if (typeof raw === 'string') text = raw;
    else if (typeof raw === 'number' || typeof raw === 'bigint' || typeof raw === 'boolean') text = String(raw);
    if (text === undefined) {
      problems.push(`parameter "${name}" is missing or not a string or number; rendered as {${name}}`);
      values[name] = `{${name}}`;
    } else {
      values[name] = cutText(text, cap);
    }
  }
  return values;
}

/** `err.headers` for one error: definition headers, throw headers, Bearer challenge. */
function errorHeaders(
  def: CompiledDefinition, message: string, values: Readonly<Record<string, string>>, options: ThrowOptions | undefined,
): Record<string, string> {
  const headers: Record<string, string> = { ...def.headers };
  // The wire form's rules and caps: a throw may give a definition header a new value, never a challenge.
  if (options?.headers !== undefined) {
    const ignore = (): void => { /* the middleware reports it */ };
    for (const [name, value] of throwHeaders(options.headers, [], ignore)) {
      const lower = name.toLowerCase();
      for (const declared of Object.keys(def.headers)) if (declared.toLowerCase() === lower) delete headers[declared];
      headers[name] = value;
    }
  }
  if (def.bearer !== undefined) {
    const description = options?.errorDescription
      ?? (def.catalog.options.challengeDescription ? asciiDescription(def, message, values) : undefined);
    headers['WWW-Authenticate'] = buildChallenge(
      { bearer: def.bearer, realm: def.catalog.options.realm, scope: options?.scope, errorDescription: description },
      () => {},
    );
  }
  return headers;
}

/**
 * RFC 6750 keeps `error_description` ASCII: the message when it is, else the definition's
 * English (`en`, `en-*`) text, else nothing.
 */
export function asciiDescription(def: CompiledDefinition, message: string, values: Readonly<Record<string, string>>): string | undefined {
  if (isQuotable(message)) return message;
  const english = def.message.byLocale.get('en') ?? [...def.message.byLocale].find(([tag]) => tag.startsWith('en-'))?.[1];
  if (english === undefined) return undefined;
  const text = renderWith(english, values);
  return isQuotable(text) ? text : undefined;
}

/** Precomputes `err.headers` and the message of a definition when they never vary. */
export function constantParts(def: CompiledDefinition): Pick<CompiledDefinition, 'constantErrorHeaders' | 'constantMessage'> {
  if (def.params.length > 0) return { constantErrorHeaders: undefined, constantMessage: undefined };
  const message = def.message.fallback.literals[0]!;
  return { constantErrorHeaders: Object.freeze(errorHeaders(def, message, NO_VALUES, undefined)), constantMessage: message };
}
