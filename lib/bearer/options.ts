/**
 * The options of `bearerAuth` and `koaBearerAuth`, and their one resolution: checked against
 * the catalog when the middleware is built, every problem collected into one
 * `BearerOptionsError` naming the option or code key, so a wrong setup fails when the app
 * starts, never on the first request. What comes out is all a request needs.
 */
import { internalsOf } from '../catalog/define.js';
import { describe } from '../catalog/compile.js';
import type { AnyCatalog, CatalogInternals, KeyOf } from '../catalog/types.js';
import { isScopeToken, type Bearer } from '../rules/challenge.js';
import { ALGORITHMS, ambiguousKey, cannotVerify, resolveKey, type Algorithm, type ResolvedKey, type VerificationKey } from './keys.js';
import type { AuthPayload, BearerRequest, BearerSetup, Fail, Failures, JwtHeader } from './verify.js';

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
}

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

// What each failure must answer with: RFC 6750 §3.1 ties each error code to one status.
const NEEDS: Readonly<Record<CodeName, { readonly status: number; readonly bearer: Bearer }>> = {
  missing: { status: 401, bearer: true },
  invalid: { status: 401, bearer: 'invalid_token' },
  expired: { status: 401, bearer: 'invalid_token' },
  missingIat: { status: 401, bearer: 'invalid_token' },
  missingAccessKey: { status: 401, bearer: 'invalid_token' },
  invalidAccessKey: { status: 401, bearer: 'invalid_token' },
  insufficientScope: { status: 403, bearer: 'insufficient_scope' },
  invalidRequest: { status: 400, bearer: 'invalid_request' },
};

// Hints for options that belong elsewhere: the error handler writes the challenge, so its
// realm is the catalog's or the handler's; a realm here would be a check that applies nothing.
const MISPLACED: Readonly<Record<string, string>> = {
  realm: 'set the realm on defineCatalog(…, { realm }) or errorHandler(…, { realm }), which write the challenge',
};

const OPTION_NAMES = new Set([
  'algorithms', 'secret', 'keys', 'getKey', 'accessKey', 'verifyAccessKey', 'issuer', 'audience', 'clockToleranceSeconds',
  'requireIat', 'maxAgeSeconds', 'scope', 'allowQueryToken', 'codes',
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
  const scope = checkScope(options.scope, problem);

  const needed: CodeName[] = ['missing', 'invalid', 'expired'];
  if (requireIat) needed.push('missingIat');
  if (scope.length > 0) needed.push('insufficientScope');
  if (options.accessKey !== undefined) needed.push('missingAccessKey', 'invalidAccessKey');
  const fail = checkCodes(errors, internals, options.codes, needed, problem);

  if (problems.length > 0) throw new BearerOptionsError(factory, problems);
  return {
    algorithms, secret, keys,
    getKey: options.getKey, accessKey: options.accessKey, verifyAccessKey: options.verifyAccessKey,
    issuer, audience, tolerance, requireIat, maxAge, scope, allowQuery,
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
  const sources = (['secret', 'keys', 'getKey', 'verifyAccessKey'] as const).filter((name) => options[name] !== undefined);
  if (sources.length !== 1) {
    problem(sources.length === 0
      ? 'needs a key: secret, keys, getKey, or accessKey with verifyAccessKey'
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

function checkScope(value: unknown, problem: (text: string) => void): readonly string[] {
  if (value === undefined) return [];
  const list = copyOf(value);
  const bad = list === undefined ? -1 : list.findIndex((s) => typeof s !== 'string' || !isScopeToken(s));
  if (list === undefined || bad !== -1) {
    const got = list === undefined ? describe(value) : `scope[${bad}] = ${describe(list[bad])}`;
    problem(`scope: expected an array of RFC 6750 scope tokens (printable ASCII, no space, " or \\), got ${got}`);
    return [];
  }
  return [...new Set(list as string[])];
}

function checkCodes(
  errors: unknown, internals: CatalogInternals, codes: unknown, needed: readonly CodeName[], problem: (text: string) => void,
): Partial<Record<CodeName, Fail>> {
  const fail: Partial<Record<CodeName, Fail>> = {};
  if (typeof codes !== 'object' || codes === null) {
    problem(`codes: required, an object of catalog keys by failure (${needed.join(', ')}), got ${describe(codes)}`);
    return fail;
  }
  const given = codes as Record<string, unknown>;
  for (const name of Object.keys(given)) {
    if (!Object.hasOwn(NEEDS, name)) problem(`codes.${name}: unknown; the failures are ${Object.keys(NEEDS).join(', ')}`);
  }
  for (const name of Object.keys(NEEDS) as CodeName[]) {
    const key = given[name];
    if (key === undefined) {
      if (needed.includes(name)) problem(`codes.${name}: required${requiredBy(name)}`);
      continue;
    }
    const def = typeof key === 'string' ? internals.byKey.get(key) : undefined;
    if (def === undefined) { problem(`codes.${name}: ${describe(key)} is not a key of the catalog`); continue; }
    const need = NEEDS[name];
    if (def.status !== need.status || def.bearer !== need.bearer) {
      problem(`codes.${name}: "${def.key}" has status ${def.status} and bearer ${bearerText(def.bearer)}; `
        + `it needs status ${need.status} and bearer ${bearerText(need.bearer)} (RFC 6750 §3.1)`);
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
