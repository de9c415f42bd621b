/**
 * Finding the token (RFC 6750 §2): the `Authorization: Bearer` header, and the
 * `access_token` query parameter when allowed. A client may use one method only.
 */
import type { BearerRequest } from './types.js';

/** What the request carries. */
export type Extracted =
  | { readonly kind: 'token'; readonly token: string }
  /** No Bearer credentials at all: no header, or another scheme (RFC 6750 §3.1: no error code). */
  | { readonly kind: 'missing' }
  /** A request RFC 6750 calls malformed (`invalid_request`). */
  | { readonly kind: 'malformed'; readonly reason: string };

// RFC 6750 §2.1: credentials = "Bearer" 1*SP b64token; the scheme is case-insensitive (RFC 9110 §11.1).
const CREDENTIALS = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+)(?: +(.*))?$/s;
const B64TOKEN = /^[A-Za-z0-9\-._~+/]+=*$/;
const MISSING: Extracted = Object.freeze({ kind: 'missing' });

/** Reads the token of a request; never throws. */
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
