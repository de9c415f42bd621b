/**
 * Validates a middleware's options against its catalog once, at startup, and resolves
 * everything the error path needs: the format, the fallbacks, the JWT mappings, the locales.
 */
import type { AnyCatalog, KeyOf, ParamsOf } from '../catalog/types.js';
import { internalsOf } from '../catalog/define.js';
import type { CatalogInternals, CompiledDefinition } from '../catalog/types.js';
import { CatalogDefinitionError, describe } from '../catalog/compile.js';
import { bodyWriterOf, DEFAULT_DETAILS_FIELD, PROBLEM_DETAILS_MEMBERS, resolveFormat, type BodyWriter, type FormatRef } from '../formats/builtin.js';
import type { HouseFormat } from '../formats/format.js';
import { errorInternals, HouseError } from '../catalog/house-error.js';
import { isQuotable, MAX_REALM_LENGTH } from '../rules/challenge.js';
import statuses from 'statuses';
import { isLocaleTag } from '../rules/syntax.js';
import { NO_VALUES } from '../rules/template.js';

/** The request as the middleware sees it (Node's `IncomingMessage`, Express's `req`). */
export interface RequestLike {
  readonly method?: string | undefined;
  readonly headers: { readonly [name: string]: string | string[] | undefined };
}

/** What `onError` is told about an answer. */
export interface ErrorContext {
  /** The request (Node's `IncomingMessage`; Koa's `ctx.req`). */
  readonly req: RequestLike;
  /** The status sent, or that would have been sent when headers were already out. */
  readonly status: number;
  /** The catalog key answered with. */
  readonly key: string;
  /** The wire code answered with. */
  readonly code: string;
  /** Why the answer differs from what was thrown, or what was dropped from it. */
  readonly problems: readonly string[];
  /** True when the response had already started: nothing was written, the connection is ended. */
  readonly headersSent: boolean;
}

/** Options of `errorHandler` and `koaErrorHandler`. */
export interface HandlerOptions<C extends AnyCatalog> {
  /** The house format: a built-in name or a `defineFormat(...)` value. */
  readonly format: FormatRef;
  /** `realm` of every Bearer challenge; defaults to the catalog's `realm`. */
  readonly realm?: string;
  /**
   * Definition answering foreign errors, by status: a key, or a family (or templated definition)
   * with fixed values, `['{RESOURCE}_NOT_FOUND', { RESOURCE: 'ROUTE' }]`. Default: for each
   * status, the catalog's first definition at it without placeholders and without `bearer` (a
   * foreign error never gets a challenge it did not ask for). A foreign 4xx with none uses the
   * 400 one, else the 500 one; everything else uses the 500 one, which must exist.
   */
  readonly fallbacks?: { readonly [status: number]: FallbackRef<C> };
  /**
   * Definitions for jsonwebtoken's errors. Default: the first definition with
   * `bearer: 'invalid_token'` and no placeholders, else the 401 fallback (then 400, then 500).
   */
  readonly jwt?: { readonly expired?: KeyOf<C>; readonly invalid?: KeyOf<C> };
  /** Hears of every error answered, with the original thrown value. Its own failures are ignored. */
  readonly onError?: (err: unknown, context: ErrorContext) => void | Promise<void>;
  /** A fixed answer language: no negotiation. */
  readonly locale?: string;
  /** Languages to negotiate from `Accept-Language`, in order of preference. */
  readonly locales?: readonly string[];
  /** Language when nothing in `Accept-Language` matches; defaults to the catalog's. */
  readonly defaultLocale?: string;
  /**
   * The body member holding an error's details in the three house formats (default `'details'`).
   * Bodies without details never have it. Problem details uses its `errors` extension instead.
   */
  readonly detailsField?: string;
}

/**
 * A fallback choice: a key, or a key with fixed values for its placeholders.
 * @example const ref: FallbackRef<typeof errors> = ['{RESOURCE}_NOT_EXIST', { RESOURCE: 'ROUTE' }];
 */
export type FallbackRef<C extends AnyCatalog> = KeyOf<C> | { [K in KeyOf<C>]: readonly [K, ParamsOf<C, K>] }[KeyOf<C>];

/** A definition answering values the catalog did not make, with its code and fixed values. */
export interface Fallback {
  readonly def: CompiledDefinition;
  readonly code: string;
  readonly values: Readonly<Record<string, string>>;
  /** Where its answers are cached: the definition's index, or a slot after the definitions'. */
  readonly slot: number;
}

/** How the answer's language is chosen. */
export type LocalePolicy =
  | { readonly kind: 'none' }
  | { readonly kind: 'fixed'; readonly locale: string }
  | { readonly kind: 'negotiate'; readonly locales: readonly string[]; readonly defaultLocale: string };

/** Everything the error path reads, resolved once per middleware. */
export interface HandlerSetup {
  readonly catalog: CatalogInternals;
  readonly format: HouseFormat;
  /** The built-in format's writer of its body as text; undefined for a `defineFormat` value. */
  readonly writer: BodyWriter | undefined;
  readonly realm: string | undefined;
  readonly fallbacks: ReadonlyMap<number, Fallback>;
  readonly fallback500: Fallback;
  readonly jwtExpired: Fallback;
  readonly jwtInvalid: Fallback;
  /** Statuses the handler was not told how to answer: a foreign error there gets another status. */
  readonly rewritten: ReadonlyMap<number, Fallback>;
  readonly onError: HandlerOptions<AnyCatalog>['onError'];
  readonly locale: LocalePolicy;
  /** Slots for constant answers: one per definition, then one per fallback with fixed values. */
  readonly slots: number;
  /** Constant answers by language ('' without one), then by slot; the answer module fills it. */
  readonly cache: Map<string, unknown[]>;
}


/** Resolves and validates handler options; throws `CatalogDefinitionError` listing every problem. */
export function createSetup(catalog: unknown, options: HandlerOptions<AnyCatalog>): HandlerSetup {
  const internals = internalsOf(catalog);
  if (typeof options !== 'object' || options === null) throw new TypeError('house-errors: options with a format are required');
  const problems: string[] = [];
  const format = resolveFormat(options.format, detailsFieldOf(options.detailsField));
  if (format.name === 'problem-details') {
    // A definition's own details become extension members: they must not take a member problem details uses.
    for (const def of internals.definitions) {
      if (def.details?.kind !== 'schema') continue;
      const taken = Object.keys(def.details.schema.properties).filter((name) => PROBLEM_DETAILS_MEMBERS.includes(name));
      if (taken.length > 0) problems.push(`"${def.key}": its details use ${taken.map((n) => `"${n}"`).join(', ')}, which problem details uses itself; rename them`);
    }
  }
  let slots = internals.definitions.length;
  const plain = (def: CompiledDefinition): Fallback => ({ def, code: def.code.source, values: NO_VALUES, slot: def.index });
  const byKey = (key: unknown, what: string): Fallback | undefined => {
    const def = typeof key === 'string' ? internals.byKey.get(key) : undefined;
    if (def === undefined) problems.push(`${what}: ${describe(key)} is not a key of the catalog`);
    else if (def.isFamily) problems.push(`${what}: "${def.key}" is a code family; give it fixed values: ['${def.key}', { ${def.code.names.map((n) => `${n}: '…'`).join(', ')} }]`);
    else return plain(def);
    return undefined;
  };
  // `[key, values]`: the error is made once, here, so a value that breaks the code fails at startup.
  const fallbackOf = (ref: unknown, what: string): Fallback | undefined => {
    if (!Array.isArray(ref)) return byKey(ref, what);
    const [key, values] = ref as unknown[];
    const def = typeof key === 'string' ? internals.byKey.get(key) : undefined;
    if (ref.length === 2 && typeof key === 'string' && def === undefined) return byKey(key, what);
    if (ref.length !== 2 || def === undefined || typeof values !== 'object' || values === null) {
      problems.push(`${what}: expected a key or [key, values], got ${describe(ref)}`);
      return undefined;
    }
    const made = new HouseError(def, values, undefined);
    const { problems: found, refused } = errorInternals(made)!;
    if (refused || found !== undefined) {
      problems.push(`${what}: ${found?.join('; ') ?? 'the values make an invalid code'}`);
      return undefined;
    }
    return { def, code: made.code, values: made.params, slot: slots++ };
  };

  const realm = options.realm ?? internals.options.realm;
  if (realm !== undefined && (typeof realm !== 'string' || !isQuotable(realm) || realm.length > MAX_REALM_LENGTH)) {
    problems.push(`realm: expected printable ASCII without " or \\, at most ${MAX_REALM_LENGTH} characters, got ${describe(realm)}`);
  }

  // Defaults first, then the explicit choices over them.
  const fallbacks = new Map<number, Fallback>();
  // A default never has a challenge: a foreign error must not be answered with a Bearer
  // challenge it did not ask for (malformed JSON as "Malformed Authorization header").
  for (const def of internals.definitions) {
    if (def.params.length === 0 && def.bearer === undefined && !fallbacks.has(def.status)) fallbacks.set(def.status, plain(def));
  }
  const chosen = new Set<number>();
  for (const [status, ref] of Object.entries(options.fallbacks ?? {})) {
    const code = Number(status);
    if (!Number.isInteger(code) || code < 400 || code > 599) { problems.push(`fallbacks: status ${status} is not 400–599`); continue; }
    const fallback = fallbackOf(ref, `fallbacks[${status}]`);
    if (fallback !== undefined) fallbacks.set(code, fallback);
    chosen.add(code);
  }
  const fallback500 = fallbacks.get(500);
  if (fallback500 === undefined) {
    problems.push('no 500 fallback: add a 500 definition without placeholders, or set fallbacks[500]');
  }
  const rewritten = new Map<number, Fallback>();
  for (const status of COMMON_FOREIGN_STATUSES) {
    const used = fallbackFor(fallbacks, status);
    if (!chosen.has(status) && used !== undefined && used.def.status !== status) rewritten.set(status, used);
  }

  // jsonwebtoken's errors are token errors: only an `invalid_token` definition describes them.
  const invalidToken = internals.definitions.find((d) => d.bearer === 'invalid_token' && d.params.length === 0);
  const defaultJwt = (invalidToken && plain(invalidToken)) ?? fallbacks.get(401) ?? fallbacks.get(400) ?? fallback500;
  const jwtExpired = options.jwt?.expired === undefined ? defaultJwt : byKey(options.jwt.expired, 'jwt.expired');
  const jwtInvalid = options.jwt?.invalid === undefined ? defaultJwt : byKey(options.jwt.invalid, 'jwt.invalid');

  if (options.onError !== undefined && typeof options.onError !== 'function') problems.push('onError must be a function');
  const locale = localePolicy(options, internals, problems);
  if (problems.length > 0) throw new CatalogDefinitionError(problems);
  return {
    catalog: internals, format, writer: bodyWriterOf(format), realm: realm as string | undefined, fallbacks, fallback500: fallback500!,
    jwtExpired: jwtExpired!, jwtInvalid: jwtInvalid!, rewritten, onError: options.onError, locale, slots, cache: new Map(),
  };
}

function detailsFieldOf(field: unknown): string {
  if (field === undefined) return DEFAULT_DETAILS_FIELD;
  if (typeof field !== 'string') throw new TypeError(`house-errors: detailsField must be a string, got ${describe(field)}`);
  return field;
}

/**
 * The fallback answering a foreign error of `status`: the one at that status, else the 400 one for a
 * 4xx, else the 500 one (undefined only while the options are still being checked).
 */
export function fallbackFor(fallbacks: ReadonlyMap<number, Fallback>, status: number): Fallback | undefined {
  return fallbacks.get(status) ?? (status < 500 ? fallbacks.get(400) : undefined) ?? fallbacks.get(500);
}

/** Statuses that middleware and HTTP libraries commonly throw: the handler says when it rewrites them. */
export const COMMON_FOREIGN_STATUSES: readonly number[] = [404, 405, 413, 415, 429];

const announced = new Set<string>();

/**
 * Says once per process, as a Node warning (`HouseErrorsWarning`, code
 * `HOUSE_ERRORS_REWRITES_STATUS`), which common foreign statuses the handler answers with
 * another status because the catalog has no definition there and `fallbacks` chose none.
 */
export function announceRewrites(setup: HandlerSetup): void {
  if (setup.rewritten.size === 0) return;
  const lines = [...setup.rewritten].map(([status, { def, code }]) => `${status} ${statuses.message[status] ?? ''} → ${def.status} ${code}`);
  const example = [...setup.rewritten.keys()][0]!;
  const message = `house-errors: foreign errors at these statuses will be answered with another status, as the catalog has no definition without placeholders or Bearer challenge there: ${lines.join('; ')}. `
    + `Add definitions, or choose in the handler's fallbacks option (e.g. fallbacks: { ${example}: 'KEY' }) to silence this.`;
  if (announced.has(message)) return;
  announced.add(message);
  // Node's warning channel where there is one (Deno and Bun have it too); a console line elsewhere.
  const host = (globalThis as { process?: { emitWarning?: (message: string, options: object) => void } }).process;
  if (typeof host?.emitWarning === 'function') host.emitWarning(message, { type: 'HouseErrorsWarning', code: 'HOUSE_ERRORS_REWRITES_STATUS' });
  else console.warn(`HouseErrorsWarning: ${message}`);
}

function localePolicy(options: HandlerOptions<AnyCatalog>, catalog: CatalogInternals, problems: string[]): LocalePolicy {
  const check = (tag: unknown, what: string): tag is string => {
    const ok = typeof tag === 'string' && isLocaleTag(tag);
    if (!ok) problems.push(`${what}: expected a BCP 47 tag such as 'en', got ${describe(tag)}`);
    return ok;
  };
  if (options.locale !== undefined) {
    if (options.locales !== undefined) problems.push('locale and locales: choose one (a fixed language, or negotiation)');
    return check(options.locale, 'locale') ? { kind: 'fixed', locale: options.locale } : { kind: 'none' };
  }
  if (options.locales === undefined) return { kind: 'none' };
  if (!Array.isArray(options.locales) || options.locales.length === 0) {
    problems.push('locales: expected a non-empty array of BCP 47 tags');
    return { kind: 'none' };
  }
  const locales = options.locales.filter((tag, i) => check(tag, `locales[${i}]`));
  const defaultLocale = options.defaultLocale ?? catalog.options.defaultLocale;
  check(defaultLocale, 'defaultLocale');
  return { kind: 'negotiate', locales, defaultLocale };
}
