/**
 * What the bearer benchmark's variants share: the marketplace API's HS256 secret, issuer,
 * audience and required scope, its auth errors, and the two tokens every variant is sent.
 */
import jwt from 'jsonwebtoken';
import { defineCatalog } from './built.js';

export const SECRET = 'a-32-byte-secret-for-the-benchmark-of-hs256';
export const ISSUER = 'https://auth.example.com/';
export const AUDIENCE = 'orders-api';
export const SCOPE = 'orders:read';
/** The body of the route behind authentication. */
export const ROUTE = '/orders';

/** The variants of bench/servers/bearer.ts, in the order the tables list them; `no-auth` is the reference. */
export const BEARER_VARIANTS = [
  'no-auth', 'bearerAuth+cache', 'bearerAuth', 'fast-jwt+cache', 'fast-jwt', 'express-oauth2-jwt-bearer', 'jose', 'express-jwt',
] as const;

/** The catalog house-errors answers failures from. */
export const bearerErrors = defineCatalog({
  MISSING_AUTH_TOKEN: { status: 401, message: 'Auth token missing in the request.', bearer: true },
  INVALID_AUTH_TOKEN: { status: 401, message: 'Invalid auth token.', bearer: 'invalid_token' },
  EXPIRED_AUTH_TOKEN: { status: 401, message: 'Expired auth token.', bearer: 'invalid_token' },
  NOT_ENOUGH_PERMISSION: { status: 403, message: 'Not enough permission.', bearer: 'insufficient_scope' },
  INTERNAL_ERROR: { status: 500, message: 'Internal server error.' },
}, { realm: 'marketplace' });

/** A valid token (iss, aud, exp an hour from now, scope) and the same with its signature broken. */
export function tokens(): { readonly valid: string; readonly badSignature: string } {
  const now = Math.floor(Date.now() / 1000);
  const valid = jwt.sign({ sub: 'user-42', iss: ISSUER, aud: AUDIENCE, iat: now, exp: now + 3600, scope: 'orders:read orders:write' }, SECRET, { algorithm: 'HS256' });
  const [header, payload, signature] = valid.split('.') as [string, string, string];
  // Another valid base64url signature of the same length: the HMAC fails, nothing else does.
  const broken = `${signature[0] === 'A' ? 'B' : 'A'}${signature.slice(1)}`;
  return { valid, badSignature: `${header}.${payload}.${broken}` };
}
