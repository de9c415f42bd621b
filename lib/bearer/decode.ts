/**
 * Reading a token's structure before anything trusts it: three base64url parts, a JSON
 * object header whose `alg` is one we accept, a JSON object payload. Done here rather than
 * left to jsonwebtoken, whose decoder throws plain `SyntaxError`s on some malformed input.
 */
import type { AuthPayload, JwtHeader } from './types.js';

/** A structurally sound JWS compact token; nothing in it is verified yet. */
export interface DecodedToken {
  readonly header: JwtHeader;
  readonly payload: AuthPayload;
}

const BASE64URL = /^[A-Za-z0-9_-]*$/;

/** Decodes a token; returns the reason as a string when it is not one we could verify. */
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
