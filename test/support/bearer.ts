/**
 * Shared pieces of the bearer tests: the marketplace API's auth errors, real keys, and
 * token signers, including the tokens an attacker can forge.
 */
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import jwt from 'jsonwebtoken';
import { defineCatalog } from '../../lib/index.js';
import type { AuthPayload, BearerOptions, ExpressBearerMiddleware } from '../../lib/bearer/index.js';

/** The marketplace API's auth errors, plus a 400 invalid_request one (as groupware has) and the 500 fallback. */
export const authErrors = defineCatalog({
  BAD_REQUEST: { status: 400, message: 'Invalid or missing query parameters.' },
  INVALID_AUTH_REQUEST: { status: 400, message: 'Malformed Authorization header.', bearer: 'invalid_request' },
  MISSING_AUTH_TOKEN: { status: 401, message: 'Auth token missing in the request.', bearer: true },
  MISSING_ACCESS_KEY: { status: 401, message: 'Access key missing in the request.', bearer: 'invalid_token' },
  INVALID_ACCESS_KEY: { status: 401, message: 'Invalid access Key.', bearer: 'invalid_token' },
  MISSING_IAT_CLAIM: { status: 401, message: "JWT 'iat' claim missing in the request.", bearer: 'invalid_token' },
  INVALID_AUTH_TOKEN: { status: 401, message: 'Invalid auth token.', bearer: 'invalid_token' },
  EXPIRED_AUTH_TOKEN: { status: 401, message: 'Expired auth token.', bearer: 'invalid_token' },
  NOT_ENOUGH_PERMISSION: { status: 403, message: 'Not enough permission.', bearer: 'insufficient_scope' },
  RESOURCE_NOT_FOUND: { status: 404, message: 'The resource could not be found.' },
  ILLEGAL_STATE: { status: 500, message: 'Illegal state: {detail}' },
  KEYS_UNAVAILABLE: { status: 503, message: 'Authentication is unavailable, try again shortly.' },
  INTERNAL_ERROR: { status: 500, message: 'Internal server error.' },
}, { realm: 'marketplace' });

/** Bearer options for the test catalog. */
export type Options = BearerOptions<typeof authErrors>;

/** Every failure of `codes`, answered by the test catalog. */
export const CODES = {
  missing: 'MISSING_AUTH_TOKEN',
  invalid: 'INVALID_AUTH_TOKEN',
  expired: 'EXPIRED_AUTH_TOKEN',
  missingIat: 'MISSING_IAT_CLAIM',
  insufficientScope: 'NOT_ENOUGH_PERMISSION',
  invalidRequest: 'INVALID_AUTH_REQUEST',
  missingAccessKey: 'MISSING_ACCESS_KEY',
  invalidAccessKey: 'INVALID_ACCESS_KEY',
} as const;

/** The HMAC secret of the HS256 configs (33 bytes). */
export const SECRET = 'a-32-byte-secret-for-hs256-tests!';

/** An HS256 config with every claim check on. */
export const STRICT: Options = {
  secret: SECRET, algorithms: ['HS256'], issuer: 'https://auth.example', audience: 'orders-api',
  requireIat: true, maxAgeSeconds: 300, scope: ['orders:read', 'orders:write'], codes: CODES,
};

/**
 * A key pair from test/fixtures/keys/ (test keys, committed: generating RSA keys costs the suite
 * up to a second at every start).
 */
export function fixtureKeyPair(name: string): { readonly privateKey: KeyObject; readonly publicKey: KeyObject } {
  const privateKey = createPrivateKey(readFileSync(new URL(`../fixtures/keys/${name}.pem`, import.meta.url), 'utf8'));
  return { privateKey, publicKey: createPublicKey(privateKey) };
}

/** Two RSA key pairs (rotation: kid "2025" is old, "2026" new) and one EC P-256 pair. */
export const RSA_OLD = fixtureKeyPair('rsa-old');
export const RSA_NEW = fixtureKeyPair('rsa-new');
export const EC = fixtureKeyPair('ec-p256');

/** The public key of a pair as PEM text (how keys usually arrive from config). */
export function pem(key: KeyObject): string {
  return key.export({ type: 'spki', format: 'pem' }) as string;
}

/** The public key of a pair as DER bytes (SPKI), how keys arrive from a JWKS `x5c` or a key file. */
export function der(key: KeyObject): Buffer {
  return key.export({ type: 'spki', format: 'der' });
}

/** Now, in seconds since the epoch. */
export function now(): number {
  return Math.floor(Date.now() / 1000);
}

/** Claims of a token every HS256 config accepts. */
export function goodClaims(): Record<string, unknown> {
  const t = now();
  return { sub: 'user-42', iss: 'https://auth.example', aud: 'orders-api', iat: t - 10, exp: t + 600, scope: 'orders:read orders:write' };
}

/** The claims without one of them. */
export function without(claims: Record<string, unknown>, name: string): Record<string, unknown> {
  const copy = { ...claims };
  delete copy[name];
  return copy;
}

/** Signs claims exactly as given (jsonwebtoken adds no iat to a string payload). */
export function sign(claims: Record<string, unknown>, key: jwt.Secret | KeyObject = SECRET, options: jwt.SignOptions = {}): string {
  return jwt.sign(JSON.stringify(claims), key, { algorithm: 'HS256', ...options });
}

/** An unsigned token, `alg: none`, with the given signature part (empty by default). */
export function unsigned(claims: Record<string, unknown>, signature = ''): string {
  const part = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'none', typ: 'JWT' })}.${part(claims)}.${signature}`;
}

/** A token with any header at all (a string is sent as it is) and a made-up signature. */
export function withHeader(header: unknown, claims: Record<string, unknown>): string {
  const part = (value: unknown): string => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
  return `${part(header)}.${part(claims)}.c2lnbmF0dXJl`;
}

/** The token with its payload replaced (sub: admin), signature kept. */
export function tamper(token: string): string {
  const [header, payload, signature] = token.split('.') as [string, string, string];
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
  const forged = Buffer.from(JSON.stringify({ ...claims, sub: 'admin' })).toString('base64url');
  return `${header}.${forged}.${signature}`;
}

/** What the middleware gave `next`: `{ auth }` when it passed, else the error. */
export type Outcome = { readonly auth: AuthPayload | undefined } | Error;

/**
 * Calls an Express bearer middleware in process, as Express would, with a request carrying
 * `token` as `Authorization: Bearer` (none when undefined) and any other headers.
 */
export function call(handle: ExpressBearerMiddleware, token?: string, headers: Record<string, string> = {}): Promise<Outcome> {
  const all: Record<string, string> = { ...headers, ...(token === undefined ? {} : { authorization: `Bearer ${token}` }) };
  const req: { headers: Record<string, string>; rawHeaders: string[]; url: string; auth?: AuthPayload } = {
    headers: all, rawHeaders: Object.entries(all).flat(), url: '/me',
  };
  return new Promise((resolve) => {
    handle(req, undefined, (err) => resolve(err === undefined ? { auth: req.auth } : err as Error));
  });
}

/** The catalog key of an outcome, 'pass' when it passed, or the error's name. */
export function keyOf(outcome: Outcome): string {
  if (!(outcome instanceof Error)) return 'pass';
  const key = (outcome as { key?: unknown }).key;
  return typeof key === 'string' ? key : outcome.name;
}
