/**
 * Startup validation of `bearerAuth` / `koaBearerAuth` options against the catalog. Every
 * problem is collected into one `BearerOptionsError` naming the option or code key, so
 * a wrong setup fails when the app starts, never on the first request.
 */
import { internalsOf } from '../catalog/define.js';
import { describe } from '../catalog/compile.js';
import type { CatalogInternals } from '../catalog/types.js';
import type { Bearer, ThrowOptions } from '../catalog/types.js';
import { isScopeToken } from '../rules/challenge.js';
import { BearerOptionsError } from './errors.js';
import { ambiguousKey, cannotVerify, resolveKey, type ResolvedKey } from './keys.js';
import { ALGORITHMS, type BearerOptions, type BearerRequest, type JwtHeader, type AuthPayload } from './types.js';
import type { AnyCatalog } from '../catalog/types.js';

/** A catalog factory called without parameters (checked: the definition has none). */
export type Fail = (params?: undefined, options?: ThrowOptions) => Error;

/** The name of one failure in `codes`. */
export type CodeName =
  | 'missing' | 'invalid' | 'expired' | 'missingIat' | 'insufficientScope' | 'invalidRequest'
  | 'missingAccessKey' | 'invalidAccessKey';

/** Everything a request needs, resolved once. */
export interface BearerSetup {
  readonly algorithms: readonly string[];
  readonly accepted: ReadonlySet<string>;
  readonly secret: ResolvedKey | undefined;
  /** The `keys` option by kid: own entries only, each resolved at startup. */
  readonly keys: ReadonlyMap<string, ResolvedKey> | undefined;
  readonly getKey: ((header: JwtHeader, payload: AuthPayload) => unknown) | undefined;
  readonly accessKey: ((req: BearerRequest) => unknown) | undefined;
  readonly verifyAccessKey: ((accessKey: string) => unknown) | undefined;
  readonly issuer: string | readonly string[] | undefined;
  readonly audience: string | readonly string[] | undefined;
  readonly tolerance: number;
  readonly requireIat: boolean;
  readonly maxAge: number | undefined;
  readonly scope: readonly string[];
  readonly allowQuery: boolean;
  readonly fail: Readonly<Record<'missing' | 'invalid' | 'expired' | 'invalidRequest', Fail>> & Readonly<Partial<Record<CodeName, Fail>>>;
}

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

const OPTION_NAMES = new Set([
  'algorithms', 'secret', 'keys', 'getKey', 'accessKey', 'verifyAccessKey', 'issuer', 'audience', 'clockToleranceSeconds',
  'requireIat', 'maxAgeSeconds', 'scope', 'allowQueryToken', 'realm', 'codes',
]);

/**
 * Largest `clockToleranceSeconds`: five minutes, the clock skew Kerberos tolerates by default.
 * Servers synchronised by NTP differ by far less; a leeway is added to every token's `exp`
 * and `maxAgeSeconds`, so a larger one quietly extends every token's lifetime.
 */
const MAX_TOLERANCE_SECONDS = 300;

/** Validates the options; throws `BearerOptionsError` listing every problem. */
export function resolveSetup(errors: unknown, options: BearerOptions<AnyCatalog>, factory: string): BearerSetup {
  const internals = internalsOf(errors);
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(`house-errors: ${factory}(errors, options): options with algorithms, a key and codes are required`);
  }
  const problems: string[] = [];
  const problem = (text: string): void => { problems.push(`${factory} ${text}`); };
  for (const name of Object.keys(options)) {
    if (!OPTION_NAMES.has(name)) problem(`option "${name}" is unknown`);
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
  checkRealm(options.realm, internals, problem);

  const needed: CodeName[] = ['missing', 'invalid', 'expired'];
  if (requireIat) needed.push('missingIat');
  if (scope.length > 0) needed.push('insufficientScope');
  if (options.accessKey !== undefined) needed.push('missingAccessKey', 'invalidAccessKey');
  const fail = checkCodes(errors, internals, options.codes, needed, problem);

  if (problems.length > 0) throw new BearerOptionsError(factory, problems);
  return {
    algorithms, accepted: new Set(algorithms), secret, keys,
    getKey: options.getKey, accessKey: options.accessKey, verifyAccessKey: options.verifyAccessKey,
    issuer, audience, tolerance, requireIat, maxAge, scope, allowQuery,
    fail: { ...fail, invalidRequest: fail.invalidRequest ?? fail.invalid } as BearerSetup['fail'],
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
  let resolved: ResolvedKey | string;
  try {
    resolved = resolveKey(material);
  } catch (err) {
    resolved = `unreadable key (${err instanceof Error ? err.message : describe(err)})`;
  }
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

// The challenge is written by the error handler from the catalog's realm (or its own), so a
// realm given here can only be a promise about that value: it is checked, not applied.
function checkRealm(value: unknown, internals: CatalogInternals, problem: (text: string) => void): void {
  if (value === undefined || value === internals.options.realm) return;
  problem(internals.options.realm === undefined
    ? `realm: ${describe(value)} cannot be applied here; set it on defineCatalog(…, { realm }) or errorHandler(…, { realm })`
    : `realm: ${describe(value)} differs from the catalog's realm "${internals.options.realm}", which the challenges use`);
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
