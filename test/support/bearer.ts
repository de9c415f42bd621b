/**
 * Shared pieces of the bearer tests: a catalog modelled on seed 000, real keys, a token
 * signer, the exact answer each failure must produce, and one assertion for all of it.
 */
import assert from 'node:assert/strict';
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { parse as parseAuthHeader } from 'auth-header';
import type { Response } from 'supertest';
import { defineCatalog } from '../../lib/index.js';

/** Seed 000's auth errors, plus a 400 invalid_request one (seed 001) and the 500 fallback. */
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
  INTERNAL_ERROR: { status: 500, message: 'Internal server error.' },
}, { realm: 'bunjang' });

/** The codes every bearer config of the tests uses. */
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

/** What one failure looks like on the wire, written out by hand (not derived from the library). */
export interface Expected {
  readonly status: number;
  readonly reason: string;
  /** The exact WWW-Authenticate value; undefined when there must be none. */
  readonly challenge: string | undefined;
  /** What an independent parser must read from it. */
  readonly params: Readonly<Record<string, string>> | undefined;
}

/** The answer of each key, with `scope` filled in for NOT_ENOUGH_PERMISSION. */
export function expected(key: keyof typeof EXPECTED, scope?: string): Expected {
  const base = EXPECTED[key];
  if (scope === undefined) return base;
  return {
    ...base,
    challenge: `${base.challenge!}, scope="${scope}"`,
    params: { ...base.params, scope },
  };
}

const EXPECTED = {
  INVALID_AUTH_REQUEST: {
    status: 400, reason: 'Malformed Authorization header.',
    challenge: 'Bearer realm="bunjang", error="invalid_request", error_description="Malformed Authorization header."',
    params: { realm: 'bunjang', error: 'invalid_request', error_description: 'Malformed Authorization header.' },
  },
  MISSING_AUTH_TOKEN: {
    status: 401, reason: 'Auth token missing in the request.',
    challenge: 'Bearer realm="bunjang"', params: { realm: 'bunjang' },
  },
  MISSING_ACCESS_KEY: {
    status: 401, reason: 'Access key missing in the request.',
    challenge: 'Bearer realm="bunjang", error="invalid_token", error_description="Access key missing in the request."',
    params: { realm: 'bunjang', error: 'invalid_token', error_description: 'Access key missing in the request.' },
  },
  INVALID_ACCESS_KEY: {
    status: 401, reason: 'Invalid access Key.',
    challenge: 'Bearer realm="bunjang", error="invalid_token", error_description="Invalid access Key."',
    params: { realm: 'bunjang', error: 'invalid_token', error_description: 'Invalid access Key.' },
  },
  MISSING_IAT_CLAIM: {
    status: 401, reason: "JWT 'iat' claim missing in the request.",
    challenge: 'Bearer realm="bunjang", error="invalid_token", error_description="JWT \'iat\' claim missing in the request."',
    params: { realm: 'bunjang', error: 'invalid_token', error_description: "JWT 'iat' claim missing in the request." },
  },
  INVALID_AUTH_TOKEN: {
    status: 401, reason: 'Invalid auth token.',
    challenge: 'Bearer realm="bunjang", error="invalid_token", error_description="Invalid auth token."',
    params: { realm: 'bunjang', error: 'invalid_token', error_description: 'Invalid auth token.' },
  },
  EXPIRED_AUTH_TOKEN: {
    status: 401, reason: 'Expired auth token.',
    challenge: 'Bearer realm="bunjang", error="invalid_token", error_description="Expired auth token."',
    params: { realm: 'bunjang', error: 'invalid_token', error_description: 'Expired auth token.' },
  },
  NOT_ENOUGH_PERMISSION: {
    status: 403, reason: 'Not enough permission.',
    challenge: 'Bearer realm="bunjang", error="insufficient_scope", error_description="Not enough permission."',
    params: { realm: 'bunjang', error: 'insufficient_scope', error_description: 'Not enough permission.' },
  },
  INTERNAL_ERROR: { status: 500, reason: 'Internal server error.', challenge: undefined, params: undefined },
} as const satisfies Record<string, Expected>;

/** The catalog key a failure answers with. */
export type ExpectedKey = keyof typeof EXPECTED;

/** Asserts status, exact body, exact challenge, and that auth-header parses the challenge to the same params. */
export function assertAnswer(res: Response, key: ExpectedKey, scope?: string): void {
  const want = expected(key, scope);
  assert.equal(res.status, want.status, `status of ${key}: ${res.text}`);
  assert.deepEqual(res.body, { errorCode: key, reason: want.reason });
  assert.equal(res.headers['content-type'], 'application/json; charset=utf-8');
  assert.equal(res.headers['www-authenticate'], want.challenge);
  if (want.challenge !== undefined) {
    const parsed = parseAuthHeader(res.headers['www-authenticate'] as string);
    assert.equal(parsed.scheme, 'Bearer');
    assert.equal(parsed.token, null);
    assert.deepEqual(parsed.params, want.params);
  }
}

/** Now, in seconds since the epoch. */
export function now(): number {
  return Math.floor(Date.now() / 1000);
}

/** The HMAC secret of the HS256 configs. */
export const SECRET = 'a-32-byte-secret-for-hs256-tests!';

/** Two RSA key pairs (rotation: kid "2025" is old, "2026" new) and one EC P-256 pair. */
export const RSA_OLD = generateKeyPairSync('rsa', { modulusLength: 2048 });
export const RSA_NEW = generateKeyPairSync('rsa', { modulusLength: 2048 });
export const EC = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });

/** The public key of a pair as PEM text (how keys usually arrive from config). */
export function pem(key: KeyObject): string {
  return key.export({ type: 'spki', format: 'pem' }) as string;
}

/** Claims of a token every HS256 config accepts. */
export function goodClaims(): Record<string, unknown> {
  const t = now();
  return { sub: 'user-42', iss: 'https://auth.example', aud: 'orders-api', iat: t - 10, exp: t + 600, scope: 'orders:read orders:write' };
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

/** The public key of a pair as DER bytes (SPKI), how keys arrive from a JWKS `x5c` or a key file. */
export function der(key: KeyObject): Buffer {
  return key.export({ type: 'spki', format: 'der' });
}

/** A token with any header at all and a made-up signature: what an attacker can send. */
export function withHeader(header: unknown, claims: Record<string, unknown>): string {
  const part = (value: unknown): string => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
  return `${part(header)}.${part(claims)}.c2lnbmF0dXJl`;
}
