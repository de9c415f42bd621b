/**
 * Verification with jsonwebtoken: the key for a token (fixed, looked up by `getKey`, or the
 * access key's), the signature and registered claims, then `iat` against `maxAgeSeconds`.
 * Every outcome is a catalog error (the token's fault) or a `BearerKeyError` (the server's).
 */
import jwt from 'jsonwebtoken';
import { jwtErrorKind } from '../http/foreign.js';
import { BearerKeyError } from './errors.js';
import { ambiguousKey, cannotVerify, resolveKey, type ResolvedKey } from './keys.js';
import type { BearerSetup } from './options.js';
import type { DecodedToken } from './decode.js';
import type { AuthPayload } from './types.js';

/** Keys by identity (KeyObject, bytes) and by text (PEM, secrets), so a PEM is parsed once. */
export interface KeyCache {
  readonly objects: WeakMap<object, ResolvedKey | string>;
  readonly texts: Map<string, ResolvedKey | string>;
}

/** Most PEM or secret strings remembered; past it the cache starts over. */
const MAX_CACHED_TEXTS = 256;

/** An empty key cache, one per middleware. */
export function createKeyCache(): KeyCache {
  return { objects: new WeakMap(), texts: new Map() };
}

/**
 * The key a token must be verified with. `lookup` says what the key came from, for messages.
 * Undefined material is the token's fault (an unknown `kid`); anything unusable is the server's.
 */
export function usableKey(
  setup: BearerSetup, cache: KeyCache, material: unknown, token: DecodedToken, lookup: string,
): ResolvedKey {
  if (material === undefined || material === null) throw unknownKey(setup, token, lookup);
  const ambiguous = ambiguousKey(material, setup.algorithms);
  if (ambiguous !== undefined) throw new BearerKeyError(`${lookup} returned ${ambiguous}`);
  const resolved = cachedKey(cache, material);
  if (typeof resolved === 'string') throw new BearerKeyError(`${lookup} returned ${resolved}`);
  // A key that fits none of the accepted algorithms is a broken key store.
  if (!setup.algorithms.some((alg) => resolved.fits.has(alg))) {
    throw new BearerKeyError(`${lookup} returned ${resolved.kind}, which ${cannotVerify(resolved, setup.algorithms)}`);
  }
  return keyForToken(setup, resolved, token);
}

/** The key of a token's `kid` in the `keys` store, read as own entries only (a `Map` made at startup). */
export function storedKey(setup: BearerSetup, token: DecodedToken): ResolvedKey {
  const kid = token.header.kid;
  const resolved = kid === undefined ? undefined : setup.keys!.get(kid);
  if (resolved === undefined) throw unknownKey(setup, token, 'keys');
  return keyForToken(setup, resolved, token);
}

// A key that fits other accepted algorithms than the token's: the token claims the wrong
// algorithm for its key (algorithm confusion), checked before jsonwebtoken sees the key.
function keyForToken(setup: BearerSetup, resolved: ResolvedKey, token: DecodedToken): ResolvedKey {
  if (!resolved.fits.has(token.header.alg)) {
    throw setup.fail.invalid(undefined, { cause: `the key of this token (${resolved.kind}) cannot verify alg ${token.header.alg}` });
  }
  return resolved;
}

function unknownKey(setup: BearerSetup, token: DecodedToken, lookup: string): Error {
  const kid = token.header.kid;
  return setup.fail.invalid(undefined, { cause: `${lookup} knows no key for kid ${kid === undefined ? '(none)' : JSON.stringify(kid.slice(0, 40))}` });
}

function cachedKey(cache: KeyCache, material: unknown): ResolvedKey | string {
  const byObject = typeof material === 'object' && material !== null;
  let found = byObject ? cache.objects.get(material) : typeof material === 'string' ? cache.texts.get(material) : undefined;
  if (found !== undefined) return found;
  try {
    found = resolveKey(material);
  } catch (err) {
    found = `unreadable key material (${err instanceof Error ? err.message : 'unknown error'})`;
  }
  if (byObject) cache.objects.set(material, found);
  else if (typeof material === 'string') {
    if (cache.texts.size >= MAX_CACHED_TEXTS) cache.texts.clear();
    cache.texts.set(material, found);
  }
  return found;
}

/** Checks signature, `exp`, `nbf`, `iss`, `aud` with jsonwebtoken, then `iat`. */
export function verifyToken(setup: BearerSetup, token: string, decoded: DecodedToken, key: ResolvedKey): AuthPayload {
  // One clock for jsonwebtoken's checks and ours.
  const now = Math.floor(Date.now() / 1000);
  try {
    jwt.verify(token, key.key, {
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
  checkIssuedAt(setup, decoded.payload, now);
  return decoded.payload;
}

function checkIssuedAt(setup: BearerSetup, payload: AuthPayload, now: number): void {
  const iat: unknown = payload.iat;
  if (iat === undefined) {
    if (setup.requireIat) throw setup.fail.missingIat!(undefined, { cause: 'the token has no iat claim' });
    return;
  }
  if (typeof iat !== 'number' || !Number.isFinite(iat)) throw setup.fail.invalid(undefined, { cause: 'the iat claim is not a number' });
  if (iat > now + setup.tolerance) throw setup.fail.invalid(undefined, { cause: 'the iat claim is in the future' });
  if (setup.maxAge !== undefined && now >= iat + setup.maxAge + setup.tolerance) {
    throw setup.fail.expired(undefined, { cause: `issued more than maxAgeSeconds (${setup.maxAge}) ago` });
  }
}
