/**
 * One request's token, from the request to the verified payload: read it, look its key up,
 * verify it with jsonwebtoken, then `iat`, claims, scopes and revocation. With a fixed key
 * (`secret`, `keys`) the token is decoded once, by jsonwebtoken, and everything runs before
 * the middleware returns; key lookups (`getKey`, `jwksUri`, access keys) go asynchronous. A
 * token that passed is remembered by the verified-token cache when it is on. Every failure is
 * a catalog error (the client's fault) or a `BearerKeyError` (the server's). Framework-free:
 * the middleware only places the result.
 */
import type { KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { isHouseError } from '../catalog/house-error.js';
import type { ThrowOptions } from '../catalog/types.js';
import { isPlainObject } from '../catalog/schema.js';
import { jwtErrorKind } from '../http/foreign.js';
import { cacheKey, entryBytes, TokenCache, type CacheSettings } from './cache.js';
import { describeKid, type JwksLookup } from './jwks.js';
import { BearerKeyError, createKeyCache, lookedUpKey, type KeyCache, type ResolvedKey } from './keys.js';
import {
  decodeToken, extractToken, headerProblem, tokenFromGetter,
  type AuthPayload, type BearerRequest, type DecodedToken, type Extracted, type JwtHeader,
} from './token.js';

/** A catalog factory called without parameters (checked at startup: the definition has none). */
export type Fail = (params?: undefined, options?: ThrowOptions) => Error;

/** The failures of one middleware, each the catalog factory its `codes` entry named. */
export interface Failures {
  readonly missing: Fail;
  readonly invalid: Fail;
  readonly expired: Fail;
  /** `codes.invalidRequest`, else `codes.invalid`. */
  readonly invalidRequest: Fail;
  readonly missingIat?: Fail;
  readonly insufficientScope?: Fail;
  readonly missingAccessKey?: Fail;
  readonly invalidAccessKey?: Fail;
  /** Answers a `BearerKeyError` when given (a 5xx); otherwise the error goes to the handler as it is. */
  readonly keysUnavailable?: Fail;
}

/** A value a claim may be required to have. */
export type ClaimValue = string | number | boolean;

/** One `claims` entry, resolved at startup: accepted values, or a check of the app's. */
export interface ClaimRule {
  readonly name: string;
  readonly values?: ReadonlySet<ClaimValue>;
  readonly test?: (value: unknown, payload: AuthPayload) => unknown;
}

/** Everything a request needs, resolved once from the options (see `resolveOptions`). */
export interface BearerSetup {
  readonly algorithms: readonly string[];
  /** Exactly one of `secret`, `keys`, `getKey`, `verifyAccessKey`, `jwks` is set. */
  readonly secret: ResolvedKey | undefined;
  /** The `keys` option by kid: own entries only, each resolved at startup. */
  readonly keys: ReadonlyMap<string, ResolvedKey> | undefined;
  readonly getKey: ((header: JwtHeader, payload: AuthPayload) => unknown) | undefined;
  readonly accessKey: ((req: BearerRequest) => unknown) | undefined;
  readonly verifyAccessKey: ((accessKey: string) => unknown) | undefined;
  readonly jwks: JwksLookup | undefined;
  readonly getToken: ((req: BearerRequest) => unknown) | undefined;
  readonly credentialsRequired: boolean;
  readonly isRevoked: ((payload: AuthPayload, req: BearerRequest) => unknown) | undefined;
  readonly cache: CacheSettings | undefined;
  readonly issuer: string | readonly string[] | undefined;
  readonly audience: string | readonly string[] | undefined;
  readonly tolerance: number;
  readonly requireIat: boolean;
  readonly maxAge: number | undefined;
  readonly requiredClaims: readonly string[];
  readonly claims: readonly ClaimRule[];
  readonly scope: readonly string[];
  readonly allowQuery: boolean;
  /** Present for every failure the options can produce (checked at startup). */
  readonly fail: Failures;
}

/**
 * Authenticates one request: the verified payload (undefined when no credentials were sent and
 * none are required), returned at once or, when a lookup is asynchronous, as a promise; a
 * failure is thrown (or rejected) as the error to answer.
 */
export type Authenticate = (req: BearerRequest) => AuthPayload | undefined | Promise<AuthPayload | undefined>;

type Result = AuthPayload | undefined | Promise<AuthPayload | undefined>;
type KeyCallback = (err: null, key: KeyObject) => void;

/** The check shared by `bearerAuth` and `koaBearerAuth`, one per middleware (it owns its caches). */
export function createAuthenticator(setup: BearerSetup): Authenticate {
  const { fail, tolerance } = setup;
  const accepted = new Set(setup.algorithms);
  const keyCache = createKeyCache();
  const tokens = setup.cache === undefined ? undefined : new TokenCache(setup.cache);
  const fixedKey = setup.secret !== undefined || setup.keys !== undefined;
  // jsonwebtoken copies its options on every call; ours are built once, only the clock changes.
  const options = {
    algorithms: setup.algorithms as jwt.Algorithm[],
    issuer: setup.issuer as string | [string, ...string[]] | undefined,
    audience: setup.audience as string | [string, ...string[]] | undefined,
    clockTolerance: tolerance,
    clockTimestamp: 0,
  };

  // jsonwebtoken answers through its callback before `verify` returns when the key is at hand
  // (it always is by then): these hold the answer, so no closure is made per request.
  let verified: unknown;
  let refused: unknown;
  let lookedUp: ResolvedKey | undefined;
  const done = (err: unknown, payload: unknown): void => {
    refused = err;
    verified = payload;
  };
  // The key of the header jsonwebtoken decoded: the fixed one, or the one of its kid.
  const keyOfHeader = (header: unknown, callback: KeyCallback): void => {
    callback(null, fixedKeyOf(header).key as KeyObject);
  };
  const lookedUpKeyOf = (_header: unknown, callback: KeyCallback): void => {
    callback(null, lookedUp!.key as KeyObject);
  };

  function fixedKeyOf(header: unknown): ResolvedKey {
    if (!isPlainObject(header)) throw fail.invalid(undefined, { cause: 'the token header is not a JSON object' });
    const reason = headerProblem(header, accepted);
    if (reason !== undefined) throw fail.invalid(undefined, { cause: reason });
    let key = setup.secret;
    if (key === undefined) {
      const kid = header.kid as string | undefined;
      // jws decodes the header as Latin-1: a kid outside ASCII is read back as UTF-8.
      key = kid === undefined ? undefined : setup.keys!.get(kid) ?? setup.keys!.get(Buffer.from(kid, 'latin1').toString('utf8'));
      if (key === undefined) throw fail.invalid(undefined, { cause: `keys knows no key for kid ${describeKid(kid)}` });
    }
    return fitting(key, header.alg as string);
  }

  // A key that fits other accepted algorithms than the token's: the token claims the wrong
  // algorithm for its key (algorithm confusion), refused before jsonwebtoken uses the key.
  function fitting(key: ResolvedKey, alg: string): ResolvedKey {
    if (!key.fits.has(alg)) throw fail.invalid(undefined, { cause: `the key of this token (${key.kind}) cannot verify alg ${alg}` });
    return key;
  }

  // jsonwebtoken's checks: signature, `exp`, `nbf`, `iss`, `aud`. Its errors are the client's
  // (or a key it refused); they are built without a stack, as no code of the app runs in here.
  function runJwt(token: string, key: (header: unknown, callback: KeyCallback) => void, now: number): unknown {
    options.clockTimestamp = now;
    verified = undefined;
    refused = undefined;
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      jwt.verify(token, key as unknown as jwt.GetPublicKeyOrSecret, options, done);
    } finally {
      Error.stackTraceLimit = limit;
    }
    if (refused !== undefined && refused !== null) {
      switch (jwtErrorKind(refused)) {
        case 'expired': throw fail.expired(undefined, { cause: refused });
        case 'misconfigured': throw serverFault(new BearerKeyError('jsonwebtoken refused the key', { cause: refused }));
        // Invalid claims and signatures; and the plain errors its decoders throw on malformed
        // input (an ES256 signature of the wrong length is a TypeError).
        default: throw fail.invalid(undefined, { cause: refused });
      }
    }
    return verified;
  }

  // A key problem answered by `codes.keysUnavailable` when there is one.
  function serverFault(err: unknown): unknown {
    return err instanceof BearerKeyError && fail.keysUnavailable !== undefined ? fail.keysUnavailable(undefined, { cause: err }) : err;
  }

  // `iat`, then the claims, then the scopes: what jsonwebtoken does not check.
  function checkPayload(payload: unknown, now: number): AuthPayload {
    if (!isPlainObject(payload)) throw fail.invalid(undefined, { cause: 'the token payload is not a JSON object' });
    const iat: unknown = payload.iat;
    if (iat === undefined) {
      if (setup.requireIat) throw fail.missingIat!(undefined, { cause: 'the token has no iat claim' });
    } else {
      if (typeof iat !== 'number' || !Number.isFinite(iat)) throw fail.invalid(undefined, { cause: 'the iat claim is not a number' });
      if (iat > now + tolerance) throw fail.invalid(undefined, { cause: 'the iat claim is in the future' });
      if (setup.maxAge !== undefined && now >= iat + setup.maxAge + tolerance) {
        throw fail.expired(undefined, { cause: `issued more than maxAgeSeconds (${setup.maxAge}) ago` });
      }
    }
    if (setup.requiredClaims.length > 0 || setup.claims.length > 0) checkClaims(payload);
    if (setup.scope.length > 0) {
      const missing = missingScopes(payload, setup.scope);
      if (missing.length > 0) throw fail.insufficientScope!(undefined, { scope: missing });
    }
    return payload;
  }

  function checkClaims(payload: AuthPayload): void {
    for (const name of setup.requiredClaims) {
      if (!Object.hasOwn(payload, name) || payload[name] === null) throw fail.invalid(undefined, { cause: `the token has no "${name}" claim` });
    }
    for (const rule of setup.claims) {
      const value = Object.hasOwn(payload, rule.name) ? payload[rule.name] : undefined;
      if (rule.test === undefined) {
        if (!matches(value, rule.values!)) throw fail.invalid(undefined, { cause: `the "${rule.name}" claim has none of the accepted values` });
        continue;
      }
      const answer = rule.test(value, payload);
      if (answer === false) throw fail.invalid(undefined, { cause: `the "${rule.name}" claim fails its check` });
      if (answer !== true) throw new TypeError(`house-errors/bearer: claims.${rule.name} returned ${kindOf(answer)}, not true or false`);
    }
  }

  // Remembers a verified payload for the seconds in which an uncached check passes it too.
  function remember(key: string | undefined, token: string, payload: AuthPayload, now: number): void {
    const exp: unknown = payload.exp;
    // No exp, no cache: the token would live as long as the entry.
    if (key === undefined || typeof exp !== 'number') return;
    let from = -Infinity;
    let until = exp + tolerance;
    if (typeof payload.nbf === 'number') from = payload.nbf - tolerance;
    if (typeof payload.iat === 'number') {
      from = Math.max(from, payload.iat - tolerance);
      if (setup.maxAge !== undefined) until = Math.min(until, payload.iat + setup.maxAge + tolerance);
    }
    tokens!.set(key, payload, from, until, now, entryBytes(token));
  }

  // isRevoked runs on every request, cached or not: `true` refuses the token, `false` passes it.
  function revocation(payload: AuthPayload, req: BearerRequest): AuthPayload | Promise<AuthPayload> {
    if (setup.isRevoked === undefined) return payload;
    const answer = setup.isRevoked(payload, req);
    return isThenable(answer) ? Promise.resolve(answer).then((value) => revoked(value, payload)) : revoked(answer, payload);
  }

  function revoked(answer: unknown, payload: AuthPayload): AuthPayload {
    if (answer === false) return payload;
    if (answer === true) throw fail.invalid(undefined, { cause: 'isRevoked says the token is revoked' });
    throw new TypeError(`house-errors/bearer: isRevoked returned ${kindOf(answer)}, not true or false`);
  }

  function afterExtract(req: BearerRequest, found: Extracted): Result {
    if (found.kind === 'missing') {
      if (setup.credentialsRequired) throw fail.missing();
      return undefined;
    }
    if (found.kind === 'malformed') throw fail.invalidRequest(undefined, { cause: found.reason });
    const { token } = found;

    let accessKey: string | undefined;
    if (setup.accessKey !== undefined) {
      const value = setup.accessKey(req);
      if (typeof value !== 'string' || value === '') throw fail.missingAccessKey!(undefined, { cause: 'no access key' });
      accessKey = value;
    }

    const now = Math.floor(Date.now() / 1000);
    const key = tokens === undefined ? undefined : cacheKey(token, accessKey);
    if (key !== undefined) {
      const hit = tokens!.get(key, now);
      if (hit !== undefined) return revocation(hit, req);
    }
    if (!fixedKey) return verifyLookedUp(req, token, accessKey, key);
    const payload = checkPayload(runJwt(token, keyOfHeader, now), now);
    remember(key, token, payload, now);
    return revocation(payload, req);
  }

  // Key lookups need the header (and getKey the payload) first: decoded here, then verified
  // by jsonwebtoken with the key found.
  async function verifyLookedUp(req: BearerRequest, token: string, accessKey: string | undefined, key: string | undefined): Promise<AuthPayload> {
    const decoded = decodeToken(token, accepted);
    if (typeof decoded === 'string') throw fail.invalid(undefined, { cause: decoded });
    let resolved: ResolvedKey | string;
    try {
      resolved = await keyOf(decoded, accessKey);
    } catch (err) {
      throw serverFault(err);
    }
    if (typeof resolved === 'string') throw fail.invalid(undefined, { cause: resolved });
    lookedUp = fitting(resolved, decoded.header.alg);
    const now = Math.floor(Date.now() / 1000);
    const payload = checkPayload(runJwt(token, lookedUpKeyOf, now), now);
    remember(key, token, payload, now);
    return revocation(payload, req);
  }

  // The key of this token, or the reason no key is known for it (the token's fault, not the server's).
  async function keyOf(decoded: DecodedToken, accessKey: string | undefined): Promise<ResolvedKey | string> {
    const { header } = decoded;
    if (setup.jwks !== undefined) {
      const found = await setup.jwks(header.kid);
      if (typeof found === 'string') return found;
      // RFC 7517 §4.4: a key that names its algorithm is for that algorithm only.
      if (found.alg !== undefined && found.alg !== header.alg) return `the key set binds kid ${describeKid(header.kid)} to ${found.alg.slice(0, 10)}, not ${header.alg}`;
      return lookedUpKey(keyCache, found.pem, setup.algorithms, 'the key set at jwksUri');
    }
    if (setup.getKey !== undefined) {
      const material = await lookUp(() => setup.getKey!(header, decoded.payload), 'getKey');
      return material === undefined || material === null
        ? `getKey knows no key for kid ${describeKid(header.kid)}`
        : lookedUpKey(keyCache, material, setup.algorithms, 'getKey');
    }
    const material = await lookUp(() => setup.verifyAccessKey!(accessKey!), 'verifyAccessKey');
    if (material === undefined || material === null) throw fail.invalidAccessKey!(undefined, { cause: 'unknown access key' });
    return lookedUpKey(keyCache, material, setup.algorithms, 'verifyAccessKey');
  }

  return function authenticate(req) {
    if (setup.getToken === undefined) return afterExtract(req, extractToken(req, setup.allowQuery));
    const got = setup.getToken(req);
    return isThenable(got) ? Promise.resolve(got).then((value) => afterExtract(req, tokenFromGetter(value))) : afterExtract(req, tokenFromGetter(got));
  };
}

// A lookup that throws or rejects is the server's failure, unless it chose a catalog error.
async function lookUp(call: () => unknown, name: string): Promise<unknown> {
  try {
    return await call();
  } catch (err) {
    throw isHouseError(err) ? err : new BearerKeyError(`${name} failed`, { cause: err });
  }
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

function kindOf(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
}

// A claim matches when it is one of the accepted values, or, as a list, contains one.
function matches(value: unknown, accepted: ReadonlySet<ClaimValue>): boolean {
  if (Array.isArray(value)) return value.some((item) => accepted.has(item as ClaimValue));
  return accepted.has(value as ClaimValue);
}

// Every required scope must be granted by the `scope` claim (space-separated, RFC 8693 §4.2)
// or `scp` (the name some issuers use), each a string or an array of strings.
/** The required scopes a payload does not grant, in the order required. */
export function missingScopes(payload: AuthPayload, required: readonly string[]): string[] {
  const granted = new Set<string>();
  for (const claim of [payload.scope, payload.scp] as unknown[]) {
    if (typeof claim === 'string') {
      for (const scope of claim.split(' ')) if (scope !== '') granted.add(scope);
    } else if (Array.isArray(claim)) {
      for (const scope of claim) if (typeof scope === 'string') granted.add(scope);
    }
  }
  return required.filter((scope) => !granted.has(scope));
}
