/**
 * A request's token, before anything trusts it: read from `Authorization: Bearer` (RFC 6750
 * §2.1), the `access_token` query parameter (§2.3) or the app's own `getToken`, each held to
 * the same grammar; and, for key lookups that need it first, its header and payload decoded.
 */
import { isPlainObject } from '../catalog/schema.js';

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


/** What a request carries: a token, no Bearer credentials at all, or a malformed request. */
export type Extracted =
  | { readonly kind: 'token'; readonly token: string }
  /** No header, or another scheme (RFC 6750 §3.1: no error code). */
  | { readonly kind: 'missing' }
  /** A request RFC 6750 calls malformed (`invalid_request`). */
  | { readonly kind: 'malformed'; readonly reason: string };

// RFC 6750 §2.1: credentials = "Bearer" 1*SP b64token; the scheme is case-insensitive (RFC 9110 §11.1).
const CREDENTIALS = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+)(?: +(.*))?$/s;
const MISSING: Extracted = Object.freeze({ kind: 'missing' });

/**
 * Longest token read from `getToken` or the query: Node's own limit on all request headers
 * (16 KiB), so no source admits a token the header could not carry.
 */
export const MAX_TOKEN_LENGTH = 16 * 1024;

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

/**
 * What `getToken` returned, held to the header's grammar: undefined, null or '' is no token;
 * anything else must be a b64token string of at most `MAX_TOKEN_LENGTH` characters (a query
 * parser may hand over an array or an object for `?token[]=…`: the client's doing, a 400).
 */
export function tokenFromGetter(value: unknown): Extracted {
  if (value === undefined || value === null || value === '') return MISSING;
  if (typeof value !== 'string') return malformed(`getToken returned ${Array.isArray(value) ? 'an array' : typeof value}, not a string`);
  if (value.length > MAX_TOKEN_LENGTH) return malformed(`getToken returned more than ${MAX_TOKEN_LENGTH} characters`);
  if (!isB64Token(value)) return malformed('getToken returned characters outside RFC 6750 b64token');
  return { kind: 'token', token: value };
}

// The common case, "Bearer <b64token>", is read with a character scan; anything else takes the
// general grammar below, which tells the malformed cases apart.
function readHeader(req: BearerRequest): Extracted {
  const value = req.headers.authorization;
  if (typeof value !== 'string') return MISSING;
  if (countAuthorization(req.rawHeaders) > 1) return malformed('more than one Authorization header');
  if (value === '') return MISSING;
  if (value.length > 7 && isBearerScheme(value) && value.charCodeAt(6) === 0x20) {
    let start = 7;
    while (value.charCodeAt(start) === 0x20) start++;
    const token = start === 7 ? value.slice(7) : value.slice(start);
    if (token !== '' && isB64Token(token)) return { kind: 'token', token };
  }
  return readCredentials(value);
}

function readCredentials(value: string): Extracted {
  const match = CREDENTIALS.exec(value);
  if (match === null) return malformed('the Authorization header is not "<scheme> <credentials>"');
  // Another scheme (Basic…) is not a Bearer attempt: the client lacks credentials for us.
  if (match[1]!.toLowerCase() !== 'bearer') return MISSING;
  const token = match[2];
  if (token === undefined || token === '') return malformed('an empty Bearer token');
  if (!isB64Token(token)) return malformed('the Bearer token has characters outside RFC 6750 b64token');
  return { kind: 'token', token };
}

// "bearer" in any case, by character codes.
function isBearerScheme(value: string): boolean {
  return (value.charCodeAt(0) | 0x20) === 0x62 && (value.charCodeAt(1) | 0x20) === 0x65 && (value.charCodeAt(2) | 0x20) === 0x61
    && (value.charCodeAt(3) | 0x20) === 0x72 && (value.charCodeAt(4) | 0x20) === 0x65 && (value.charCodeAt(5) | 0x20) === 0x72;
}

/** RFC 6750 b64token: 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"=", by a character scan. */
export function isB64Token(token: string): boolean {
  const length = token.length;
  let i = 0;
  for (; i < length; i++) {
    const c = token.charCodeAt(i);
    // a-z, A-Z, 0-9, then - . _ ~ + /
    if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39)
      || c === 0x2d || c === 0x2e || c === 0x5f || c === 0x7e || c === 0x2b || c === 0x2f) continue;
    break;
  }
  if (i === 0) return false;
  for (; i < length; i++) if (token.charCodeAt(i) !== 0x3d) return false;
  return true;
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
  if (token.length > MAX_TOKEN_LENGTH) return malformed(`the access_token parameter is longer than ${MAX_TOKEN_LENGTH} characters`);
  if (!isB64Token(token)) return malformed('the access_token parameter has characters outside RFC 6750 b64token');
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
 * header whose `alg` is accepted, a JSON object payload. Key lookups that need the header or
 * payload first (`getKey`, `jwksUri`, access keys) use it; with a fixed key, jsonwebtoken's own
 * decoding is the only one. Returns the reason as a string when the token is not one we could verify.
 */
export function decodeToken(token: string, accepted: ReadonlySet<string>): DecodedToken | string {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts.every((part) => BASE64URL.test(part))) return 'not a JWS compact token (three base64url parts)';
  const header = parseObject(parts[0]!);
  if (header === undefined) return 'the token header is not a JSON object';
  const reason = headerProblem(header, accepted);
  if (reason !== undefined) return reason;
  if (parts[2] === '') return 'the token has no signature';
  const payload = parseObject(parts[1]!);
  if (payload === undefined) return 'the token payload is not a JSON object';
  return { header: header as JwtHeader, payload: payload as AuthPayload };
}

/** Why a decoded header is refused before any key is looked up, or undefined. */
export function headerProblem(header: Record<string, unknown>, accepted: ReadonlySet<string>): string | undefined {
  const alg = header.alg;
  // A reason never serializes a token value: a deeply nested one would overflow the stack.
  if (typeof alg !== 'string') return 'the token header alg is not a string';
  if (!accepted.has(alg)) return `alg ${JSON.stringify(alg.slice(0, 40))} is not one of the accepted algorithms`;
  // RFC 7515 §4.1.11: extensions listed in "crit" must be understood; we understand none.
  if (header.crit !== undefined) return 'the token header has "crit" extensions';
  if (header.kid !== undefined && typeof header.kid !== 'string') return 'the token header kid is not a string';
  return undefined;
}

function parseObject(part: string): Record<string, unknown> | undefined {
  if (part === '') return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return isPlainObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}
