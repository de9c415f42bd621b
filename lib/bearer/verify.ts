/**
 * One request's token, from the header to the verified payload: extract it (RFC 6750 §2),
 * decode it before anything trusts it, find its key, verify it with jsonwebtoken, then `iat`
 * and scopes. Every failure is a catalog error (the client's fault) or a `BearerKeyError`
 * (the server's). Framework-free: the middleware only places the result.
 */
import type { KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { isHouseError } from '../catalog/house-error.js';
import type { ThrowOptions } from '../catalog/types.js';
import { jwtErrorKind } from '../http/foreign.js';
import { BearerKeyError, createKeyCache, lookedUpKey, type KeyCache, type ResolvedKey } from './keys.js';

/**
 * The decoded JOSE header of a token, as `getKey` receives it (before the signature is checked).
 * @example getKey: (header) => keys.get(header.kid ?? '')
 */
export interface JwtHeader {
  /** The signing algorithm; always one of `algorithms` by the time `getKey` is called. */
  readonly alg: string;
  /** Key id, for key rotation. */
  readonly kid?: string;
  readonly typ?: string;
  readonly [name: string]: unknown;
}

/**
 * The verified token payload: `req.auth` (Express) and `ctx.state.auth` (Koa). Augment it
 * to type your own claims.
 * @example
 * declare module 'house-errors/bearer' {
 *   interface AuthPayload { tenant: string }
 * }
 */
export interface AuthPayload {
  readonly iss?: string;
  readonly sub?: string;
  readonly aud?: string | readonly string[];
  readonly exp?: number;
  readonly nbf?: number;
  readonly iat?: number;
  readonly jti?: string;
  /** Granted scopes, space-separated (RFC 8693) or as an array. */
  readonly scope?: string | readonly string[];
  /** Granted scopes under the name some issuers use (Azure AD, Okta). */
  readonly scp?: string | readonly string[];
  readonly [claim: string]: unknown;
}

/**
 * The request as the middleware reads it: Node's `IncomingMessage` (Express's `req`, Koa's `ctx.req`).
 * @example accessKey: (req: BearerRequest) => req.headers['x-access-key'] as string | undefined
 */
export interface BearerRequest {
  readonly headers: { readonly [name: string]: string | readonly string[] | undefined };
  /** The headers as received; Node keeps only the first `Authorization` in `headers`, this shows a second. */
  readonly rawHeaders?: readonly string[];
  readonly url?: string | undefined;
}

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
}

/** Everything a request needs, resolved once from the options (see `resolveOptions`). */
export interface BearerSetup {
  readonly algorithms: readonly string[];
  /** Exactly one of `secret`, `keys`, `getKey`, `verifyAccessKey` is set. */
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
  /** Present for every failure the options can produce (checked at startup). */
  readonly fail: Failures;
}

/** Authenticates one request: the verified payload, or a rejection with the error to answer. */
export type Authenticate = (req: BearerRequest) => Promise<AuthPayload>;

/** The check shared by `bearerAuth` and `koaBearerAuth`, one per middleware (it owns a key cache). */
export function createAuthenticator(setup: BearerSetup): Authenticate {
  const cache = createKeyCache();
  const { fail } = setup;
  const accepted = new Set(setup.algorithms);
  return async function authenticate(req) {
    // Cheap checks first; key lookups (a database, a JWKS) only for tokens that could pass.
    const found = extractToken(req, setup.allowQuery);
    if (found.kind === 'missing') throw fail.missing();
    if (found.kind === 'malformed') throw fail.invalidRequest(undefined, { cause: found.reason });

    let accessKey: unknown;
    if (setup.accessKey !== undefined) {
      accessKey = setup.accessKey(req);
      if (typeof accessKey !== 'string' || accessKey === '') throw fail.missingAccessKey!(undefined, { cause: 'no access key' });
    }

    const decoded = decodeToken(found.token, accepted);
    if (typeof decoded === 'string') throw fail.invalid(undefined, { cause: decoded });

    const key = await keyOf(setup, cache, decoded, accessKey);
    if (key === undefined) {
      const kid = decoded.header.kid;
      const source = setup.keys !== undefined ? 'keys' : 'getKey';
      throw fail.invalid(undefined, { cause: `${source} knows no key for kid ${kid === undefined ? '(none)' : JSON.stringify(kid.slice(0, 40))}` });
    }
    // A key that fits other accepted algorithms than the token's: the token claims the wrong
    // algorithm for its key (algorithm confusion), refused before jsonwebtoken sees the key.
    if (!key.fits.has(decoded.header.alg)) {
      throw fail.invalid(undefined, { cause: `the key of this token (${key.kind}) cannot verify alg ${decoded.header.alg}` });
    }

    const payload = verifyToken(setup, found.token, decoded.payload, key);
    if (setup.scope.length > 0) {
      const missing = missingScopes(payload, setup.scope);
      if (missing.length > 0) throw fail.insufficientScope!(undefined, { scope: missing });
    }
    return payload;
  };
}

// The key of this token: the fixed one, the one of its kid, or the one a lookup returned;
// undefined when the token names a key nobody knows (the token's fault, not the server's).
async function keyOf(setup: BearerSetup, cache: KeyCache, decoded: DecodedToken, accessKey: unknown): Promise<ResolvedKey | undefined> {
  if (setup.secret !== undefined) return setup.secret;
  const kid = decoded.header.kid;
  if (setup.keys !== undefined) return kid === undefined ? undefined : setup.keys.get(kid);
  if (setup.getKey !== undefined) {
    const material = await lookUp(() => setup.getKey!(decoded.header, decoded.payload), 'getKey');
    return material === undefined || material === null ? undefined : lookedUpKey(cache, material, setup.algorithms, 'getKey');
  }
  const material = await lookUp(() => setup.verifyAccessKey!(accessKey as string), 'verifyAccessKey');
  if (material === undefined || material === null) throw setup.fail.invalidAccessKey!(undefined, { cause: 'unknown access key' });
  return lookedUpKey(cache, material, setup.algorithms, 'verifyAccessKey');
}

// A lookup that throws or rejects is the server's failure, unless it chose a catalog error.
async function lookUp(call: () => unknown, name: string): Promise<unknown> {
  try {
    return await call();
  } catch (err) {
    throw isHouseError(err) ? err : new BearerKeyError(`${name} failed`, { cause: err });
  }
}

/** What a request carries: a token, no Bearer credentials at all, or a malformed request. */
export type Extracted =
  | { readonly kind: 'token'; readonly token: string }
  /** No header, or another scheme (RFC 6750 §3.1: no error code). */
  | { readonly kind: 'missing' }
  /** A request RFC 6750 calls malformed (`invalid_request`). */
  | { readonly kind: 'malformed'; readonly reason: string };

// RFC 6750 §2.1: credentials = "Bearer" 1*SP b64token; the scheme is case-insensitive (RFC 9110 §11.1).
const CREDENTIALS = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+)(?: +(.*))?$/s;
const B64TOKEN = /^[A-Za-z0-9\-._~+/]+=*$/;
const MISSING: Extracted = Object.freeze({ kind: 'missing' });

/**
 * Reads the token of a request from `Authorization: Bearer` and, when allowed, the
 * `access_token` query parameter; a client may use one method only (RFC 6750 §2). Never throws.
 */
export function extractToken(req: BearerRequest, allowQuery: boolean): Extracted {
  const fromHeader = readHeader(req);
  if (!allowQuery) return fromHeader;
  const fromQuery = readQuery(req.url);
  if (fromQuery === undefined) return fromHeader;
  if (fromQuery.kind === 'malformed' || fromHeader.kind === 'malformed') return fromQuery.kind === 'malformed' ? fromQuery : fromHeader;
  if (fromHeader.kind === 'token') return malformed('a token in both the Authorization header and the access_token parameter');
  return fromQuery;
}

function readHeader(req: BearerRequest): Extracted {
  if (countAuthorization(req.rawHeaders) > 1) return malformed('more than one Authorization header');
  const value = req.headers.authorization;
  if (typeof value !== 'string' || value === '') return MISSING;
  const match = CREDENTIALS.exec(value);
  if (match === null) return malformed('the Authorization header is not "<scheme> <credentials>"');
  // Another scheme (Basic…) is not a Bearer attempt: the client lacks credentials for us.
  if (match[1]!.toLowerCase() !== 'bearer') return MISSING;
  const token = match[2];
  if (token === undefined || token === '') return malformed('an empty Bearer token');
  if (!B64TOKEN.test(token)) return malformed('the Bearer token has characters outside RFC 6750 b64token');
  return { kind: 'token', token };
}

// Node keeps only the first Authorization header in req.headers; rawHeaders has them all.
function countAuthorization(raw: readonly string[] | undefined): number {
  if (raw === undefined) return 0;
  let count = 0;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!;
    if (name.length === 13 && name.toLowerCase() === 'authorization') count++;
  }
  return count;
}

function readQuery(url: string | undefined): Extracted | undefined {
  const start = url === undefined ? -1 : url.indexOf('?');
  if (start === -1 || !url!.includes('access_token', start)) return undefined;
  const values = new URLSearchParams(url!.slice(start + 1)).getAll('access_token');
  if (values.length === 0) return undefined;
  if (values.length > 1) return malformed('more than one access_token parameter');
  const token = values[0]!;
  if (token === '') return malformed('an empty access_token parameter');
  if (!B64TOKEN.test(token)) return malformed('the access_token parameter has characters outside RFC 6750 b64token');
  return { kind: 'token', token };
}

function malformed(reason: string): Extracted {
  return { kind: 'malformed', reason };
}

/** A structurally sound JWS compact token; nothing in it is verified yet. */
export interface DecodedToken {
  readonly header: JwtHeader;
  readonly payload: AuthPayload;
}

const BASE64URL = /^[A-Za-z0-9_-]*$/;

/**
 * Reads a token's structure before anything trusts it: three base64url parts, a JSON object
 * header whose `alg` is accepted, a JSON object payload. Done here rather than left to
 * jsonwebtoken, whose decoder throws plain `SyntaxError`s on some malformed input.
 * Returns the reason as a string when the token is not one we could verify.
 */
export function decodeToken(token: string, accepted: ReadonlySet<string>): DecodedToken | string {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts.every((part) => BASE64URL.test(part))) return 'not a JWS compact token (three base64url parts)';
  const header = parseObject(parts[0]!);
  if (header === undefined) return 'the token header is not a JSON object';
  const alg = header.alg;
  // A reason never serializes a token value: a deeply nested one would overflow the stack.
  if (typeof alg !== 'string') return 'the token header alg is not a string';
  if (!accepted.has(alg)) return `alg ${JSON.stringify(alg.slice(0, 40))} is not one of the accepted algorithms`;
  // RFC 7515 §4.1.11: extensions listed in "crit" must be understood; we understand none.
  if (header.crit !== undefined) return 'the token header has "crit" extensions';
  if (header.kid !== undefined && typeof header.kid !== 'string') return 'the token header kid is not a string';
  if (parts[2] === '') return 'the token has no signature';
  const payload = parseObject(parts[1]!);
  if (payload === undefined) return 'the token payload is not a JSON object';
  return { header: header as JwtHeader, payload: payload as AuthPayload };
}

function parseObject(part: string): Record<string, unknown> | undefined {
  if (part === '') return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? value as Record<string, unknown> : undefined;
  } catch {
    return undefined;
  }
}

// Signature, `exp`, `nbf`, `iss`, `aud` with jsonwebtoken, then `iat` against `maxAgeSeconds`.
function verifyToken(setup: BearerSetup, token: string, payload: AuthPayload, key: ResolvedKey): AuthPayload {
  // One clock for jsonwebtoken's checks and ours.
  const now = Math.floor(Date.now() / 1000);
  try {
    jwt.verify(token, key.key as KeyObject, {
      algorithms: setup.algorithms as jwt.Algorithm[],
      issuer: setup.issuer as string | [string, ...string[]] | undefined,
      audience: setup.audience as string | [string, ...string[]] | undefined,
      clockTolerance: setup.tolerance,
      clockTimestamp: now,
    });
  } catch (err) {
    switch (jwtErrorKind(err)) {
      case 'expired': throw setup.fail.expired(undefined, { cause: err });
      case 'misconfigured': throw new BearerKeyError('jsonwebtoken refused the key', { cause: err });
      // Invalid claims and signatures; and the plain errors its signature decoders throw on
      // malformed signatures (an ES256 signature of the wrong length is a TypeError).
      default: throw setup.fail.invalid(undefined, { cause: err });
    }
  }
  const iat: unknown = payload.iat;
  if (iat === undefined) {
    if (setup.requireIat) throw setup.fail.missingIat!(undefined, { cause: 'the token has no iat claim' });
    return payload;
  }
  if (typeof iat !== 'number' || !Number.isFinite(iat)) throw setup.fail.invalid(undefined, { cause: 'the iat claim is not a number' });
  if (iat > now + setup.tolerance) throw setup.fail.invalid(undefined, { cause: 'the iat claim is in the future' });
  if (setup.maxAge !== undefined && now >= iat + setup.maxAge + setup.tolerance) {
    throw setup.fail.expired(undefined, { cause: `issued more than maxAgeSeconds (${setup.maxAge}) ago` });
  }
  return payload;
}

// Every required scope must be granted by the `scope` claim (space-separated, RFC 8693 §4.2)
// or `scp` (the name some issuers use), each a string or an array of strings.
function missingScopes(payload: AuthPayload, required: readonly string[]): string[] {
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
