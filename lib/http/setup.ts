/**
 * Validates a middleware's options against its catalog once, at startup, and resolves
 * everything the error path needs: the format, the fallbacks, the JWT mappings, the locales.
 */
import type { AnyCatalog, KeyOf } from '../catalog/define.js';
import { internalsOf } from '../catalog/define.js';
import type { CatalogInternals, CompiledDefinition } from '../catalog/compiled.js';
import { CatalogDefinitionError, describe } from '../catalog/compile.js';
import { resolveFormat, type FormatRef } from '../formats/builtin.js';
import type { HouseFormat } from '../formats/format.js';
import { isQuotable, MAX_REALM_LENGTH } from './www-authenticate.js';
import type { WireForm } from './wire-form.js';
import { isLocaleTag } from '../catalog/syntax.js';

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
   * Definition answering foreign errors, by status. Default: for each status, the catalog's
   * first definition at it without placeholders and without `bearer` (a foreign error never gets
   * a challenge it did not ask for). A foreign 4xx with none uses the 400 one, else the 500 one;
   * everything else uses the 500 one, which must exist.
   */
  readonly fallbacks?: { readonly [status: number]: KeyOf<C> };
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
  readonly realm: string | undefined;
  readonly fallbacks: ReadonlyMap<number, CompiledDefinition>;
  readonly fallback500: CompiledDefinition;
  readonly jwtExpired: CompiledDefinition;
  readonly jwtInvalid: CompiledDefinition;
  readonly onError: HandlerOptions<AnyCatalog>['onError'];
  readonly locale: LocalePolicy;
  /** Constant answers by locale ('' without one), indexed by definition. */
  readonly cache: Map<string, Array<WireForm | undefined>>;
}


/** Resolves and validates handler options; throws `CatalogDefinitionError` listing every problem. */
export function createSetup(catalog: unknown, options: HandlerOptions<AnyCatalog>): HandlerSetup {
  const internals = internalsOf(catalog);
  if (typeof options !== 'object' || options === null) throw new TypeError('house-errors: options with a format are required');
  const format = resolveFormat(options.format);
  const problems: string[] = [];
  const byKey = (key: unknown, what: string): CompiledDefinition | undefined => {
    const def = typeof key === 'string' ? internals.byKey.get(key) : undefined;
    if (def === undefined) problems.push(`${what}: ${describe(key)} is not a key of the catalog`);
    else if (def.isFamily) problems.push(`${what}: "${def.key}" is a code family; a fallback needs a fixed code`);
    return def;
  };

  const realm = options.realm ?? internals.options.realm;
  if (realm !== undefined && (typeof realm !== 'string' || !isQuotable(realm) || realm.length > MAX_REALM_LENGTH)) {
    problems.push(`realm: expected printable ASCII without " or \\, at most ${MAX_REALM_LENGTH} characters, got ${describe(realm)}`);
  }

  // Defaults first, then the explicit choices over them.
  const fallbacks = new Map<number, CompiledDefinition>();
  // A default never has a challenge: a foreign error must not be answered with a Bearer
  // challenge it did not ask for (malformed JSON as "Malformed Authorization header").
  for (const def of internals.definitions) {
    if (def.params.length === 0 && def.bearer === undefined && !fallbacks.has(def.status)) fallbacks.set(def.status, def);
  }
  for (const [status, key] of Object.entries(options.fallbacks ?? {})) {
    const code = Number(status);
    if (!Number.isInteger(code) || code < 400 || code > 599) { problems.push(`fallbacks: status ${status} is not 400–599`); continue; }
    const def = byKey(key, `fallbacks[${status}]`);
    if (def !== undefined) fallbacks.set(code, def);
  }
  const fallback500 = fallbacks.get(500);
  if (fallback500 === undefined) {
    problems.push('no 500 fallback: add a 500 definition without placeholders, or set fallbacks[500]');
  }

  // jsonwebtoken's errors are token errors: only an `invalid_token` definition describes them.
  const defaultJwt = internals.definitions.find((d) => d.bearer === 'invalid_token' && d.params.length === 0)
    ?? fallbacks.get(401) ?? fallbacks.get(400) ?? fallback500;
  const jwtExpired = options.jwt?.expired === undefined ? defaultJwt : byKey(options.jwt.expired, 'jwt.expired');
  const jwtInvalid = options.jwt?.invalid === undefined ? defaultJwt : byKey(options.jwt.invalid, 'jwt.invalid');

  if (options.onError !== undefined && typeof options.onError !== 'function') problems.push('onError must be a function');
  const locale = localePolicy(options, internals, problems);
  if (problems.length > 0) throw new CatalogDefinitionError(problems);
  return {
    catalog: internals, format, realm: realm as string | undefined, fallbacks, fallback500: fallback500!,
    jwtExpired: jwtExpired!, jwtInvalid: jwtInvalid!, onError: options.onError, locale, cache: new Map(),
  };
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
