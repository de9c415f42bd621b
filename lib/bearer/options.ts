/**
 * The options of `bearerAuth` and `koaBearerAuth`, and their one resolution: checked against
 * the catalog when the middleware is built, every problem collected into one
 * `BearerOptionsError` naming the option or code key, so a wrong setup fails when the app
 * starts, never on the first request. What comes out is all a request needs.
 */
import { internalsOf } from '../catalog/define.js';
import { describe } from '../catalog/compile.js';
import { isPlainObject, isScalar } from '../catalog/schema.js';
import type { AnyCatalog, CatalogInternals, CompiledDefinition, KeyOf } from '../catalog/types.js';
import { isScopeToken, type Bearer } from '../rules/challenge.js';
import { CACHE_DEFAULTS, type CacheSettings } from './cache.js';
import { createJwksLookup, JWKS_DEFAULTS, type JwksLookup } from './jwks.js';
import { ALGORITHMS, ambiguousKey, cannotVerify, resolveKey, type Algorithm, type ResolvedKey, type VerificationKey } from './keys.js';
import type { AuthPayload, BearerRequest, JwtHeader } from './token.js';
import type { BearerSetup, ClaimRule, ClaimValue, Fail, Failures } from './verify.js';

/**
 * Which catalog definition answers each failure, by catalog key. Checked at startup: the
 * key must exist, have no placeholders, and have the status and `bearer` its failure needs.
 * @example
 * codes: { missing: 'MISSING_AUTH_TOKEN', invalid: 'INVALID_AUTH_TOKEN', expired: 'EXPIRED_AUTH_TOKEN' }
 */
export interface BearerCodes<C extends AnyCatalog> {
  /** No Bearer credentials (401, `bearer: true`: the challenge carries no error, RFC 6750 §3.1). */
  readonly missing: KeyOf<C>;
  /** Malformed, wrongly signed, not yet valid, wrong issuer/audience (401, `bearer: 'invalid_token'`). */
  readonly invalid: KeyOf<C>;
  /** Past `exp`, or older than `maxAgeSeconds` (401, `bearer: 'invalid_token'`). */
  readonly expired: KeyOf<C>;
  /** No `iat` claim with `requireIat` or `maxAgeSeconds` (401, `bearer: 'invalid_token'`). Required with them. */
  readonly missingIat?: KeyOf<C>;
  /** A required scope not granted (403, `bearer: 'insufficient_scope'`). Required with `scope`. */
  readonly insufficientScope?: KeyOf<C>;
  /** A malformed request: two credentials, empty Bearer… (400, `bearer: 'invalid_request'`). Default: `invalid`. */
  readonly invalidRequest?: KeyOf<C>;
  /** `accessKey` gave nothing (401, `bearer: 'invalid_token'`). Required with `accessKey`. */
  readonly missingAccessKey?: KeyOf<C>;
  /** `verifyAccessKey` knows no such key (401, `bearer: 'invalid_token'`). Required with `accessKey`. */
  readonly invalidAccessKey?: KeyOf<C>;
  /**
   * The server cannot get a usable key: the key set at `jwksUri` is unreachable, slow or
   * malformed, `getKey` threw… (a 5xx without `bearer`). Default: the `BearerKeyError` itself
   * goes to the error handler, which answers with its 500 fallback.
   */
  readonly keysUnavailable?: KeyOf<C>;
}

/**
 * Settings of the key set at `jwksUri`, each optional.
 * @example jwks: { cacheMaxAgeSeconds: 600, requestsPerMinute: 10, timeoutMs: 2000 }
 */
export interface JwksOptions {
  /** Keys kept, by `kid` (default 5). */
  readonly cacheMaxEntries?: number;
  /** How long a fetched key is used before the set is fetched again, in seconds (default 600). */
  readonly cacheMaxAgeSeconds?: number;
  /** Most fetches a minute for `kid`s not in the cache (default 10); past it, such a token is `invalid`. */
  readonly requestsPerMinute?: number;
  /** Longest wait for the key set, in milliseconds (default 5000); past it, `keysUnavailable`. */
  readonly timeoutMs?: number;
}

/**
 * The verified-token cache, each setting optional: `{}` is 10,000 tokens, 8 MiB, five minutes.
 * @example cache: { max: 50_000, maxBytes: 32 * 1024 * 1024, maxAgeSeconds: 60 }
 */
export interface BearerCacheOptions {
  /** Most tokens held (default 10,000). */
  readonly max?: number;
  /** Most memory held, in bytes, as estimated from each token (default 8 MiB). */
  readonly maxBytes?: number;
  /** Longest a token is held, in seconds, whatever its `exp` (default 300). */
  readonly maxAgeSeconds?: number;
}

/**
 * One `claims` check: the value the claim must have, a list of values (any one; a claim that is a
 * list passes when it contains one), or a function of the claim's value (undefined when absent)
 * returning true or false.
 * @example claims: { tenant: 'marketplace', plan: ['pro', 'team'], email_verified: true, age: (v) => typeof v === 'number' && v >= 18 }
 */
export type ClaimCheck = ClaimValue | readonly ClaimValue[] | ((value: unknown, payload: AuthPayload) => boolean);

/**
 * Options of `bearerAuth` and `koaBearerAuth`. Exactly one key source: `secret`, `keys`,
 * `getKey`, or `accessKey` with `verifyAccessKey`. With `algorithms` mixing HMAC and
 * public-key ones, keys must be `KeyObject`s (text or bytes could be read as either kind).
 * @example
 * const options: BearerOptions<typeof errors> = {
 *   secret: process.env.JWT_SECRET!, algorithms: ['HS256'], requireIat: true,
 *   codes: { missing: 'MISSING_AUTH_TOKEN', invalid: 'INVALID_AUTH_TOKEN', expired: 'EXPIRED_AUTH_TOKEN', missingIat: 'MISSING_IAT_CLAIM' },
 * };
 */
export interface BearerOptions<C extends AnyCatalog> {
  /** Accepted signing algorithms; required, never inferred from the key, never `none`. */
  readonly algorithms: readonly Algorithm[];
  /** The one verification key. Must fit every algorithm in `algorithms` (checked at startup). */
  readonly secret?: VerificationKey;
  /**
   * Keys by `kid`, for key rotation without a lookup function. Read once at startup, own
   * properties only, each checked to fit one of `algorithms`; a token without a `kid`, or
   * whose `kid` is not listed (`__proto__` and `toString` included), is `invalid`.
   */
  readonly keys?: Readonly<Record<string, VerificationKey>>;
  /**
   * Looks up the key of a token (key rotation: by `header.kid`). It sees the header and the
   * *unverified* payload. Return undefined for a key it does not know (the token is `invalid`);
   * throw when the lookup itself fails (the answer is the 500 fallback). Look the kid up in a
   * `Map` or with `Object.hasOwn`: `store[kid]` answers `toString` with Object's own function.
   */
  readonly getKey?: (header: JwtHeader, payload: AuthPayload) => VerificationKey | undefined | Promise<VerificationKey | undefined>;
  /** Reads the client's access key from the request (an access key names the client); undefined when absent. */
  readonly accessKey?: (req: BearerRequest) => string | undefined;
  /** The secret the token of this access key is signed with; undefined when the key is unknown. */
  readonly verifyAccessKey?: (accessKey: string) => VerificationKey | undefined | Promise<VerificationKey | undefined>;
  /** Accepted `iss`. */
  readonly issuer?: string | readonly string[];
  /** Accepted `aud` (any one of them). */
  readonly audience?: string | readonly string[];
  /** Leeway for `exp`, `nbf`, `iat` and `maxAgeSeconds`, in seconds: 0 (the default) to 300. */
  readonly clockToleranceSeconds?: number;
  /** Refuse tokens without an `iat` claim (`codes.missingIat`). */
  readonly requireIat?: boolean;
  /** Refuse tokens issued longer ago than this (`codes.expired`); implies `requireIat`. */
  readonly maxAgeSeconds?: number;
  /** Scopes the token must grant, all of them (from its `scope` or `scp` claim). */
  readonly scope?: readonly string[];
  /** Also accept `?access_token=` (RFC 6750 §2.3; off by default: URLs end up in logs). */
  readonly allowQueryToken?: boolean;
  /**
   * The URL of a JSON Web Key Set (`https://…/.well-known/jwks.json`): each token's key is the
   * set's key of its `kid`, fetched with jwks-rsa (cached, unknown kids refetched at a limited
   * rate, a timeout on every fetch). An unknown kid is `invalid`; a set that cannot be read is
   * the server's fault (`codes.keysUnavailable`, else the 500 fallback).
   */
  readonly jwksUri?: string;
  /** Cache, rate-limit and timeout settings of `jwksUri`. */
  readonly jwks?: JwksOptions;
  /**
   * Whether a request must carry credentials (default true). With false, a request without any
   * passes with no `req.auth` / `ctx.state.auth`; a token that is sent must still be valid.
   */
  readonly credentialsRequired?: boolean;
  /**
   * Called with every verified payload, cached or not: return (or resolve) true to refuse the
   * token as `invalid`, false to accept it. A throw or rejection goes to the error handler as it
   * is (the 500 fallback unless it is a catalog error): a revocation list that cannot be read
   * never lets a token through.
   */
  readonly isRevoked?: (payload: AuthPayload, req: BearerRequest) => boolean | Promise<boolean>;
  /**
   * Reads the token from somewhere else than `Authorization` (a cookie, another header); it
   * replaces the header. Undefined, null or '' is no token (`codes.missing`); anything else must
   * be a string of RFC 6750 b64token characters, at most 16 KiB (`codes.invalidRequest`). A throw
   * goes to the error handler as it is.
   */
  readonly getToken?: (req: BearerRequest) => string | undefined | null | Promise<string | undefined | null>;
  /**
   * The verified-token cache (off by default): a token that passed every check is remembered by
   * its SHA-256 for as long as an uncached check would pass it too (its `exp`, `nbf`, `iat` and
   * `maxAgeSeconds`, with `clockToleranceSeconds`) and at most `cache.maxAgeSeconds`; a repeat
   * skips decoding and the signature. Tokens without `exp` are never cached; `isRevoked` runs
   * every time. A cached token's payload is frozen: every request with it shares the object.
   */
  readonly cache?: false | BearerCacheOptions;
  /** Claims the token must carry (not null), each refused as `invalid` when absent. */
  readonly requiredClaims?: readonly string[];
  /** Values or checks of claims, by claim name; a token failing one is `invalid`. */
  readonly claims?: { readonly [name: string]: ClaimCheck };
  /** Catalog keys answering each failure. */
  readonly codes: BearerCodes<C>;
}

/**
 * Thrown by `bearerAuth` / `koaBearerAuth` when the app starts with wrong options: every
 * problem at once, one line each in `problems`, naming the option or code key. A `TypeError`,
 * as Node throws for an invalid argument.
 * @example
 * try {
 *   bearerAuth(errors, { secret: 'x', algorithms: ['HS256'], codes });
 * } catch (err) {
 *   if (err instanceof BearerOptionsError) console.error(err.problems.join('\n'));
 *   // bearerAuth secret: an HMAC secret of 1 byte cannot verify HS256 (RFC 7518 §3.2: …)
 * }
 */
export class BearerOptionsError extends TypeError {
  /** Every problem found, one line each, starting with the factory and the option. */
  readonly problems: readonly string[];
  constructor(factory: string, problems: readonly string[]) {
    super(`house-errors: invalid ${factory} options:\n  - ${problems.join('\n  - ')}`);
    this.problems = problems;
  }
}
// A literal name survives minification; constructor.name would not.
Object.defineProperty(BearerOptionsError.prototype, 'name', { value: 'BearerOptionsError', writable: true, configurable: true });

/** The name of one failure in `codes`. */
type CodeName = keyof Failures;

/** What a failure's definition must be, and how a problem says it. */
interface Need {
  fits(def: CompiledDefinition): boolean;
  /** Ends "it needs …". */
  readonly text: string;
}

// RFC 6750 §3.1 ties each error code to one status.
const rfc6750 = (status: number, bearer: Bearer): Need => ({
  fits: (def) => def.status === status && def.bearer === bearer,
  text: `status ${status} and bearer ${bearerText(bearer)} (RFC 6750 §3.1)`,
});

// What each failure must answer with; a key problem is the server's: any 5xx, without a challenge.
const NEEDS: Readonly<Record<CodeName, Need>> = {
  missing: rfc6750(401, true),
  invalid: rfc6750(401, 'invalid_token'),
  expired: rfc6750(401, 'invalid_token'),
  missingIat: rfc6750(401, 'invalid_token'),
  missingAccessKey: rfc6750(401, 'invalid_token'),
  invalidAccessKey: rfc6750(401, 'invalid_token'),
  insufficientScope: rfc6750(403, 'insufficient_scope'),
  invalidRequest: rfc6750(400, 'invalid_request'),
  keysUnavailable: {
    fits: (def) => def.status >= 500 && def.bearer === undefined,
    text: 'a 5xx status and no bearer (the fault is the server\'s)',
  },
};

// Hints for options that belong elsewhere: the error handler writes the challenge, so its
// realm is the catalog's or the handler's; a realm here would be a check that applies nothing.
const MISPLACED: Readonly<Record<string, string>> = {
  realm: 'set the realm on defineCatalog(…, { realm }) or errorHandler(…, { realm }), which write the challenge',
};

const OPTION_NAMES = new Set([
  'algorithms', 'secret', 'keys', 'getKey', 'accessKey', 'verifyAccessKey', 'issuer', 'audience', 'clockToleranceSeconds',
  'requireIat', 'maxAgeSeconds', 'scope', 'allowQueryToken', 'codes', 'jwksUri', 'jwks', 'credentialsRequired', 'isRevoked',
  'getToken', 'cache', 'requiredClaims', 'claims',
]);

/**
 * Largest `clockToleranceSeconds`: five minutes, the clock skew Kerberos tolerates by default.
 * Servers synchronised by NTP differ by far less; a leeway is added to every token's `exp`
 * and `maxAgeSeconds`, so a larger one quietly extends every token's lifetime.
 */
const MAX_TOLERANCE_SECONDS = 300;

/**
 * Checks the options against the catalog and resolves them, once, into what each request
 * needs; throws a `BearerOptionsError` listing every problem, headed with `factory`.
 */
export function resolveOptions(errors: unknown, options: BearerOptions<AnyCatalog>, factory: string): BearerSetup {
  const internals = internalsOf(errors);
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(`house-errors: ${factory}(errors, options): options with algorithms, a key and codes are required`);
  }
  const problems: string[] = [];
  const problem = (text: string): void => { problems.push(`${factory} ${text}`); };
  for (const name of Object.keys(options)) {
    if (!OPTION_NAMES.has(name)) problem(`option "${name}" is unknown${Object.hasOwn(MISPLACED, name) ? `; ${MISPLACED[name]}` : ''}`);
  }

  const algorithms = checkAlgorithms(options.algorithms, problem);
  const { secret, keys } = checkKeySource(options, algorithms, problem);
  const issuer = checkNames(options.issuer, 'issuer', problem);
  const audience = checkNames(options.audience, 'audience', problem);
  const tolerance = checkTolerance(options.clockToleranceSeconds, problem);
  const maxAge = checkSeconds(options.maxAgeSeconds, 'maxAgeSeconds', 1, problem);
  const requireIat = checkFlag(options.requireIat, 'requireIat', problem) || maxAge !== undefined;
  const allowQuery = checkFlag(options.allowQueryToken, 'allowQueryToken', problem);
  const scope = checkScope(options.scope, 'scope', problem);
  const jwks = checkJwks(options, problem);
  const credentialsRequired = options.credentialsRequired === undefined || checkFlag(options.credentialsRequired, 'credentialsRequired', problem);
  for (const name of ['isRevoked', 'getToken'] as const) {
    if (options[name] !== undefined && typeof options[name] !== 'function') problem(`${name}: expected a function, got ${describe(options[name])}`);
  }
  if (options.getToken !== undefined && allowQuery) problem('getToken and allowQueryToken: getToken replaces reading the request, so it reads a query token itself if it wants one');
  const cache = checkCache(options.cache, problem);
  const requiredClaims = checkClaimNames(options.requiredClaims, problem);
  const claims = checkClaims(options.claims, problem);

  const needed: CodeName[] = ['missing', 'invalid', 'expired'];
  if (requireIat) needed.push('missingIat');
  if (scope.length > 0) needed.push('insufficientScope');
  if (options.accessKey !== undefined) needed.push('missingAccessKey', 'invalidAccessKey');
  const fail = checkCodes(errors, internals, options.codes, needed, problem);

  if (problems.length > 0) throw new BearerOptionsError(factory, problems);
  return {
    algorithms, secret, keys, jwks,
    getKey: options.getKey, accessKey: options.accessKey, verifyAccessKey: options.verifyAccessKey,
    getToken: options.getToken, credentialsRequired, isRevoked: options.isRevoked, cache,
    issuer, audience, tolerance, requireIat, maxAge, requiredClaims, claims, scope, allowQuery,
    // Complete when no problem was found: checkCodes required every failure the options can produce.
    fail: { ...fail, invalidRequest: fail.invalidRequest ?? fail.invalid } as Failures,
  };
}

// Lists are copied first, each element read once; the copy is checked and the copy is used,
// so an own `findIndex`, iterator or getter, or a later change to the caller's array, changes nothing.
function copyOf(value: unknown): unknown[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const copy: unknown[] = [];
  for (let i = 0, length = value.length; i < length; i++) copy.push(value[i]);
  return copy;
}

function checkAlgorithms(value: unknown, problem: (text: string) => void): string[] {
  const list = copyOf(value);
  if (list === undefined || list.length === 0) {
    problem(`algorithms: required, a non-empty array such as ['HS256'] or ['RS256'] (never inferred from the key), got ${list === undefined ? describe(value) : 'an empty array'}`);
    return [];
  }
  const known: readonly string[] = ALGORITHMS;
  const accepted = new Set<string>();
  for (const alg of list) {
    if (typeof alg === 'string' && alg.toLowerCase() === 'none') problem('algorithms: "none" is never accepted: it would let unsigned tokens through');
    else if (!known.includes(alg as string)) problem(`algorithms: ${describe(alg)} is not one of ${ALGORITHMS.join(', ')}`);
    else accepted.add(alg as string);
  }
  return [...accepted];
}

// Exactly one source of keys; a fixed secret must fit every accepted algorithm, each key of
// `keys` at least one of them.
function checkKeySource(
  options: BearerOptions<AnyCatalog>, algorithms: readonly string[], problem: (text: string) => void,
): { secret?: ResolvedKey; keys?: ReadonlyMap<string, ResolvedKey> } {
  const sources = (['secret', 'keys', 'getKey', 'verifyAccessKey', 'jwksUri'] as const).filter((name) => options[name] !== undefined);
  if (sources.length !== 1) {
    problem(sources.length === 0
      ? 'needs a key: secret, keys, getKey, jwksUri, or accessKey with verifyAccessKey'
      : `takes one key source, got ${sources.join(' and ')}`);
  }
  for (const name of ['getKey', 'accessKey', 'verifyAccessKey'] as const) {
    if (options[name] !== undefined && typeof options[name] !== 'function') problem(`${name}: expected a function, got ${describe(options[name])}`);
  }
  if ((options.accessKey === undefined) !== (options.verifyAccessKey === undefined)) {
    problem('accessKey and verifyAccessKey: give both (the key names the client, verifyAccessKey gives its secret) or neither');
  }
  if (options.secret !== undefined) {
    const secret = checkKey(options.secret, 'secret', problem);
    const unfit = algorithms.filter((alg) => secret !== undefined && !secret.fits.has(alg));
    if (secret !== undefined && unfit.length > 0) {
      // A short HMAC secret needs a longer one, not another key source.
      const tooShort = secret.key.type === 'secret' && unfit.some((alg) => alg.startsWith('HS'));
      problem(`secret: ${secret.kind} ${cannotVerify(secret, unfit)}${tooShort ? '' : '; use a key that fits every algorithm, or getKey'}`);
    }
    return { secret };
  }
  if (options.keys !== undefined) return { keys: checkKeys(options.keys, algorithms, problem) };
  return {};
}

// Own enumerable entries only, copied into a Map: a token's kid is looked up there, so
// "__proto__" or "toString" is an unknown key, never a member of Object.prototype.
function checkKeys(value: unknown, algorithms: readonly string[], problem: (text: string) => void): ReadonlyMap<string, ResolvedKey> {
  const keys = new Map<string, ResolvedKey>();
  const isObject = typeof value === 'object' && value !== null && !Array.isArray(value);
  const entries = isObject ? Object.entries(value) : [];
  if (entries.length === 0) {
    problem(`keys: expected an object of keys by kid, got ${isObject ? 'an object with no own keys' : describe(value)}`);
    return keys;
  }
  for (const [kid, material] of entries) {
    const name = `keys[${JSON.stringify(kid)}]`;
    const ambiguous = ambiguousKey(material, algorithms);
    if (ambiguous !== undefined) { problem(`${name}: ${ambiguous}`); continue; }
    const key = checkKey(material, name, problem);
    if (key === undefined) continue;
    if (!algorithms.some((alg) => key.fits.has(alg))) problem(`${name}: ${key.kind} ${cannotVerify(key, algorithms)}`);
    else keys.set(kid, key);
  }
  return keys;
}

function checkKey(material: unknown, name: string, problem: (text: string) => void): ResolvedKey | undefined {
  const resolved = resolveKey(material);
  if (typeof resolved === 'string') {
    problem(`${name}: expected an HMAC secret, a PEM key or a KeyObject, got ${resolved}`);
    return undefined;
  }
  return resolved;
}

function checkNames(value: unknown, name: string, problem: (text: string) => void): string | readonly string[] | undefined {
  if (value === undefined) return undefined;
  const list = copyOf(value) ?? [value];
  const bad = list.find((item) => typeof item !== 'string' || item === '');
  if (bad !== undefined || list.length === 0) {
    problem(`${name}: expected a non-empty string or array of them, got ${list.length === 0 ? 'an empty array' : describe(bad)}`);
    return undefined;
  }
  return Array.isArray(value) ? list as string[] : value as string;
}

function checkSeconds(value: unknown, name: string, min: number, problem: (text: string) => void): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min) {
    problem(`${name}: expected a number of seconds ≥ ${min}, got ${describe(value)}`);
    return undefined;
  }
  return value;
}

function checkTolerance(value: unknown, problem: (text: string) => void): number {
  if (value === undefined) return 0;
  if (typeof value !== 'number' || !(value >= 0 && value <= MAX_TOLERANCE_SECONDS)) {
    problem(`clockToleranceSeconds: expected a number of seconds from 0 to ${MAX_TOLERANCE_SECONDS} (a leeway is added to every token's lifetime), got ${describe(value)}`);
    return 0;
  }
  return value;
}

function checkFlag(value: unknown, name: string, problem: (text: string) => void): boolean {
  if (value !== undefined && typeof value !== 'boolean') problem(`${name}: expected a boolean, got ${describe(value)}`);
  return value === true;
}

function checkScope(value: unknown, name: string, problem: (text: string) => void): readonly string[] {
  if (value === undefined) return [];
  const list = copyOf(value);
  const bad = list === undefined ? -1 : list.findIndex((s) => typeof s !== 'string' || !isScopeToken(s));
  if (list === undefined || bad !== -1) {
    const got = list === undefined ? describe(value) : `${name}[${bad}] = ${describe(list[bad])}`;
    problem(`${name}: expected an array of RFC 6750 scope tokens (printable ASCII, no space, " or \\), got ${got}`);
    return [];
  }
  return [...new Set(list as string[])];
}

// Whole numbers in a range, for sizes and counts: 0, negatives, NaN, fractions and the absurd are refused.
function checkCount(value: unknown, name: string, min: number, max: number, fallback: number, problem: (text: string) => void): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    problem(`${name}: expected a whole number from ${min.toLocaleString('en-US')} to ${max.toLocaleString('en-US')}, got ${describe(value)}`);
    return fallback;
  }
  return value;
}

function checkSettings(value: unknown, name: string, known: readonly string[], problem: (text: string) => void): Record<string, unknown> {
  if (!isPlainObject(value)) {
    problem(`${name}: expected an object (${known.join(', ')}, each optional), got ${describe(value)}`);
    return {};
  }
  for (const key of Object.keys(value)) if (!known.includes(key)) problem(`${name}.${key}: unknown; the settings are ${known.join(', ')}`);
  return value as Record<string, unknown>;
}

function checkJwks(options: BearerOptions<AnyCatalog>, problem: (text: string) => void): JwksLookup | undefined {
  const uri: unknown = options.jwksUri;
  if (uri === undefined) {
    if (options.jwks !== undefined) problem('jwks: its settings need jwksUri');
    return undefined;
  }
  let url: URL | undefined;
  try {
    url = typeof uri === 'string' ? new URL(uri) : undefined;
  } catch { /* reported below */ }
  if (url === undefined || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    problem(`jwksUri: expected an https:// (or http://) URL, got ${describe(uri)}`);
  }
  const given = options.jwks === undefined ? {} : checkSettings(options.jwks, 'jwks', Object.keys(JWKS_DEFAULTS), problem);
  const settings = {
    uri: uri as string,
    cacheMaxEntries: checkCount(given.cacheMaxEntries, 'jwks.cacheMaxEntries', 1, 1000, JWKS_DEFAULTS.cacheMaxEntries, problem),
    cacheMaxAgeSeconds: checkCount(given.cacheMaxAgeSeconds, 'jwks.cacheMaxAgeSeconds', 1, 86_400, JWKS_DEFAULTS.cacheMaxAgeSeconds, problem),
    requestsPerMinute: checkCount(given.requestsPerMinute, 'jwks.requestsPerMinute', 1, 600, JWKS_DEFAULTS.requestsPerMinute, problem),
    timeoutMs: checkCount(given.timeoutMs, 'jwks.timeoutMs', 1, 60_000, JWKS_DEFAULTS.timeoutMs, problem),
  };
  return createJwksLookup(settings);
}

function checkCache(value: unknown, problem: (text: string) => void): CacheSettings | undefined {
  if (value === undefined || value === false) return undefined;
  if (value === true) {
    problem('cache: expected false or an object of settings ({} for the defaults), got true');
    return undefined;
  }
  const given = checkSettings(value, 'cache', Object.keys(CACHE_DEFAULTS), problem);
  return {
    max: checkCount(given.max, 'cache.max', 1, 10_000_000, CACHE_DEFAULTS.max, problem),
    maxBytes: checkCount(given.maxBytes, 'cache.maxBytes', 64 * 1024, 2 ** 32, CACHE_DEFAULTS.maxBytes, problem),
    maxAgeSeconds: checkCount(given.maxAgeSeconds, 'cache.maxAgeSeconds', 1, 86_400, CACHE_DEFAULTS.maxAgeSeconds, problem),
  };
}

function checkClaimNames(value: unknown, problem: (text: string) => void): readonly string[] {
  if (value === undefined) return [];
  const list = copyOf(value);
  const bad = list === undefined ? -1 : list.findIndex((name) => typeof name !== 'string' || name === '');
  if (list === undefined || list.length === 0 || bad !== -1) {
    const got = list === undefined ? describe(value) : list.length === 0 ? 'an empty array' : `requiredClaims[${bad}] = ${describe(list[bad])}`;
    problem(`requiredClaims: expected a non-empty array of claim names, got ${got}`);
    return [];
  }
  return [...new Set(list as string[])];
}

// Own enumerable entries, each a value, a non-empty list of values, or a function.
function checkClaims(value: unknown, problem: (text: string) => void): readonly ClaimRule[] {
  if (value === undefined) return [];
  if (!isPlainObject(value) || Object.keys(value).length === 0) {
    problem(`claims: expected an object of checks by claim name, got ${isPlainObject(value) ? 'an object with no own keys' : describe(value)}`);
    return [];
  }
  const rules: ClaimRule[] = [];
  for (const [name, check] of Object.entries(value)) {
    if (typeof check === 'function') {
      rules.push({ name, test: check as ClaimRule['test'] });
      continue;
    }
    const list = copyOf(check) ?? [check];
    if (list.length === 0 || !list.every(isClaimValue)) {
      problem(`claims[${JSON.stringify(name)}]: expected a string, a finite number, a boolean, a non-empty array of them, or a function, got ${list.length === 0 ? 'an empty array' : describe(list.find((item) => !isClaimValue(item)))}`);
      continue;
    }
    rules.push({ name, values: new Set(list as ClaimValue[]) });
  }
  return rules;
}

function isClaimValue(value: unknown): value is ClaimValue {
  return value !== null && isScalar(value);
}

// `known`: the failures this caller can produce (every one for the middleware, two for a scope check).
function checkCodes(
  errors: unknown, internals: CatalogInternals, codes: unknown, needed: readonly CodeName[], problem: (text: string) => void,
  known: readonly CodeName[] = Object.keys(NEEDS) as CodeName[],
): Partial<Record<CodeName, Fail>> {
  const fail: Partial<Record<CodeName, Fail>> = {};
  if (typeof codes !== 'object' || codes === null) {
    problem(`codes: required, an object of catalog keys by failure (${needed.join(', ')}), got ${describe(codes)}`);
    return fail;
  }
  const given = codes as Record<string, unknown>;
  for (const name of Object.keys(given)) {
    if (!(known as readonly string[]).includes(name)) problem(`codes.${name}: unknown; the failures are ${known.join(', ')}`);
  }
  for (const name of known) {
    const key = given[name];
    if (key === undefined) {
      if (needed.includes(name)) problem(`codes.${name}: required${requiredBy(name)}`);
      continue;
    }
    const def = typeof key === 'string' ? internals.byKey.get(key) : undefined;
    if (def === undefined) { problem(`codes.${name}: ${describe(key)} is not a key of the catalog`); continue; }
    const need = NEEDS[name];
    if (!need.fits(def)) {
      problem(`codes.${name}: "${def.key}" has status ${def.status} and bearer ${bearerText(def.bearer)}; it needs ${need.text}`);
    } else if (def.params.length > 0) {
      problem(`codes.${name}: "${def.key}" has placeholders (${def.params.join(', ')}); an auth failure has no parameters to fill them`);
    } else {
      fail[name] = (errors as Record<string, Fail>)[def.key];
    }
  }
  return fail;
}

function requiredBy(name: CodeName): string {
  if (name === 'missingIat') return ' with requireIat or maxAgeSeconds';
  if (name === 'insufficientScope') return ' with scope';
  if (name === 'missingAccessKey' || name === 'invalidAccessKey') return ' with accessKey';
  return '';
}

function bearerText(bearer: Bearer | undefined): string {
  return bearer === undefined ? '(none)' : bearer === true ? 'true' : `'${bearer}'`;
}

/** What `requireScopes` / `koaRequireScopes` need per request. */
export interface ScopeCheck {
  readonly scopes: readonly string[];
  readonly missing: Fail;
  readonly insufficientScope: Fail;
}

/**
 * Checks the arguments of `requireScopes` / `koaRequireScopes` against the catalog, once;
 * throws a `BearerOptionsError` listing every problem, headed with `factory`.
 */
export function resolveScopeCheck(errors: unknown, scopes: unknown, options: unknown, factory: string): ScopeCheck {
  const internals = internalsOf(errors);
  const problems: string[] = [];
  const problem = (text: string): void => { problems.push(`${factory} ${text}`); };
  const list = checkScope(scopes, 'scopes', problem);
  if (scopes !== undefined && list.length === 0 && problems.length === 0) problem('scopes: expected at least one scope');
  if (scopes === undefined) problem('scopes: required, an array of RFC 6750 scope tokens such as [\'orders:write\']');
  const given = typeof options === 'object' && options !== null ? options as Record<string, unknown> : undefined;
  if (given === undefined) problem(`options: expected { codes: { missing, insufficientScope } }, got ${describe(options)}`);
  for (const name of Object.keys(given ?? {})) if (name !== 'codes') problem(`option "${name}" is unknown`);
  const scopeFailures: readonly CodeName[] = ['missing', 'insufficientScope'];
  const fail = given === undefined ? {} : checkCodes(errors, internals, given.codes, scopeFailures, problem, scopeFailures);
  if (problems.length > 0) throw new BearerOptionsError(factory, problems);
  return { scopes: list, missing: fail.missing!, insufficientScope: fail.insufficientScope! };
}
