/**
 * Key material and algorithms. A configured or looked-up key becomes a `KeyObject` once, with
 * the JWS algorithms it can verify, so jsonwebtoken never guesses and a key that cannot verify
 * a token's `alg` is told apart from a bad token. A key problem is the server's, never the client's.
 */
import { createPublicKey, createSecretKey, KeyObject } from 'node:crypto';

/** The JWS algorithms `bearerAuth` can be told to accept (`none` is not one of them). */
export const ALGORITHMS = [
  'HS256', 'HS384', 'HS512', 'RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512',
] as const;

/**
 * A JWS algorithm for `algorithms`.
 * @example const algorithms: Algorithm[] = ['RS256'];
 */
export type Algorithm = (typeof ALGORITHMS)[number];

/**
 * Node's `crypto.KeyObject`, described by shape so the published types need no `@types/node`.
 * @example const key: KeyObjectLike = crypto.createPublicKey(pem);
 */
export interface KeyObjectLike {
  readonly type: 'secret' | 'public' | 'private';
  readonly asymmetricKeyType?: string | undefined;
}

/**
 * A key that verifies signatures: a `crypto.KeyObject`, a public key as PEM, DER bytes or
 * base64 DER text (a private key works too: its public half is used), or an HMAC secret
 * (string or bytes that read as no key) of at least 32 bytes for HS256, 48 for HS384, 64 for HS512.
 * @example const key: VerificationKey = process.env.JWT_SECRET!;
 */
export type VerificationKey = string | Uint8Array | KeyObjectLike;

/**
 * Thrown (Express: passed to `next`) when the server cannot get a usable key: `getKey` or
 * `verifyAccessKey` threw, returned something that is not key material, or a key that fits
 * none of `algorithms`. The client gets the 500 fallback, never a 401: its token was not
 * at fault. The original failure is on `cause`.
 * @example
 * app.use(errorHandler(errors, {
 *   format: 'errorCode-reason',
 *   onError(err) { if (err instanceof BearerKeyError) logger.error({ cause: err.cause }, err.message); },
 * }));
 */
export class BearerKeyError extends Error {
  constructor(message: string, options?: { readonly cause?: unknown }) {
    super(`house-errors/bearer: ${message}`, options);
  }
}
// A literal name survives minification; constructor.name would not.
Object.defineProperty(BearerKeyError.prototype, 'name', { value: 'BearerKeyError', writable: true, configurable: true });

const HMAC: readonly Algorithm[] = ['HS256', 'HS384', 'HS512'];
const RSA: readonly Algorithm[] = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512'];
const CURVES: Readonly<Record<string, { readonly alg: Algorithm; readonly name: string }>> = {
  prime256v1: { alg: 'ES256', name: 'P-256' }, secp384r1: { alg: 'ES384', name: 'P-384' }, secp521r1: { alg: 'ES512', name: 'P-521' },
};
const BASE64 = /^[A-Za-z0-9+/\s]+={0,2}\s*$/;
const HMAC_RULE = '(RFC 7518 §3.2: an HMAC key needs at least as many bytes as its hash, 32 for HS256, 48 for HS384, 64 for HS512)';

/** A key ready for jsonwebtoken, with the algorithms it can verify and what it is, in words. */
export interface ResolvedKey {
  /** A `crypto.KeyObject`; typed by shape, so these declarations need no `@types/node`. */
  readonly key: KeyObjectLike;
  readonly fits: ReadonlySet<string>;
  /** "an HMAC secret of 32 bytes", "an RSA public key", "an EC public key (P-256)". */
  readonly kind: string;
}

/**
 * Turns key material into a `KeyObject` and lists the algorithms it can verify. Returns the
 * reason, in words, when the value is not key material; never throws.
 */
export function resolveKey(material: unknown): ResolvedKey | string {
  let key: KeyObject;
  try {
    if (material instanceof KeyObject) {
      key = material.type === 'private' ? createPublicKey(material) : material;
    } else if (typeof material === 'string' || material instanceof Uint8Array) {
      if (material.length === 0) return 'an empty key';
      const parsed = parseKey(material);
      if (typeof parsed === 'string') return parsed;
      key = parsed;
    } else {
      return `not key material (${material === null ? 'null' : typeof material})`;
    }
  } catch (err) {
    return `unreadable key material (${err instanceof Error ? err.message : 'unknown error'})`;
  }
  return { key, fits: new Set(algorithmsOf(key)), kind: kindOf(key) };
}

/** Why `resolved` cannot verify `algorithms`, after its kind: "cannot verify HS256 (RFC 7518…)". */
export function cannotVerify(resolved: ResolvedKey, algorithms: readonly string[]): string {
  const short = resolved.key.type === 'secret' && algorithms.some((alg) => alg.startsWith('HS'));
  return `cannot verify ${algorithms.join(', ')}${short ? ` ${HMAC_RULE}` : ''}`;
}

/**
 * With `algorithms` mixing HMAC and public-key ones, text or bytes could be read as either
 * kind (a public key's bytes as an HMAC secret: algorithm confusion), so only a `KeyObject`,
 * whose type says which it is, is accepted. The reason for refusing `material`, or undefined.
 */
export function ambiguousKey(material: unknown, algorithms: readonly string[]): string | undefined {
  if (material instanceof KeyObject || (typeof material !== 'string' && !(material instanceof Uint8Array))) return undefined;
  const hmac = algorithms.some((alg) => alg.startsWith('HS'));
  if (!hmac || algorithms.every((alg) => alg.startsWith('HS'))) return undefined;
  return `${typeof material === 'string' ? 'a string' : 'bytes'}, not a KeyObject: with algorithms mixing HMAC and `
    + `public-key ones (${algorithms.join(', ')}), only a KeyObject says which kind a key is`;
}

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
 * The key a lookup (`getKey`, `verifyAccessKey`: named by `lookup`) returned, made usable.
 * Material that is ambiguous, unreadable or fits none of `algorithms` is a broken key store:
 * a `BearerKeyError`. Whether it fits the token's own `alg` is the token's business.
 */
export function lookedUpKey(cache: KeyCache, material: unknown, algorithms: readonly string[], lookup: string): ResolvedKey {
  const ambiguous = ambiguousKey(material, algorithms);
  if (ambiguous !== undefined) throw new BearerKeyError(`${lookup} returned ${ambiguous}`);
  const resolved = cachedKey(cache, material);
  if (typeof resolved === 'string') throw new BearerKeyError(`${lookup} returned ${resolved}`);
  if (!algorithms.some((alg) => resolved.fits.has(alg))) {
    throw new BearerKeyError(`${lookup} returned ${resolved.kind}, which ${cannotVerify(resolved, algorithms)}`);
  }
  return resolved;
}

function cachedKey(cache: KeyCache, material: unknown): ResolvedKey | string {
  const byObject = typeof material === 'object' && material !== null;
  let found = byObject ? cache.objects.get(material) : typeof material === 'string' ? cache.texts.get(material) : undefined;
  if (found !== undefined) return found;
  found = resolveKey(material);
  if (byObject) cache.objects.set(material, found);
  else if (typeof material === 'string') {
    if (cache.texts.size >= MAX_CACHED_TEXTS) cache.texts.clear();
    cache.texts.set(material, found);
  }
  return found;
}

// Whatever reads as a public key is one, never an HMAC secret: PEM (text or bytes), DER bytes
// (SPKI, or PKCS#1 for RSA), or base64 text of such DER. Anything else is an HMAC secret.
function parseKey(material: string | Uint8Array): KeyObject | string {
  const bytes = typeof material === 'string' ? undefined : Buffer.from(material.buffer, material.byteOffset, material.byteLength);
  const text = typeof material === 'string' ? material : bytes!.toString('latin1');
  if (text.includes('-----BEGIN')) {
    try {
      return createPublicKey(text);
    } catch (err) {
      return `a PEM block that is not a readable key (${err instanceof Error ? err.message : 'unknown error'})`;
    }
  }
  const ders = [bytes, BASE64.test(text) ? Buffer.from(text, 'base64') : undefined];
  for (const der of ders) {
    // Every DER key is a SEQUENCE (0x30): anything else is not worth a parse.
    if (der === undefined || der[0] !== 0x30) continue;
    for (const type of ['spki', 'pkcs1'] as const) {
      try {
        return createPublicKey({ key: der, format: 'der', type });
      } catch { /* not this encoding */ }
    }
  }
  return createSecretKey(bytes ?? Buffer.from(text, 'utf8'));
}

function algorithmsOf(key: KeyObject): readonly Algorithm[] {
  // RFC 7518 §3.2: an HMAC key at least as long as the hash (HS256: 32 bytes).
  if (key.type === 'secret') return HMAC.filter((alg) => key.symmetricKeySize! * 8 >= Number(alg.slice(2)));
  switch (key.asymmetricKeyType) {
    case 'rsa': return RSA;
    case 'rsa-pss': {
      // An RSA-PSS key may be bound to one hash; PS256 needs sha256 and so on.
      const hash = key.asymmetricKeyDetails?.hashAlgorithm;
      return hash === undefined ? RSA.filter((alg) => alg.startsWith('PS')) : RSA.filter((alg) => alg === `PS${hash.slice(3)}`);
    }
    case 'ec': {
      const curve = CURVES[key.asymmetricKeyDetails?.namedCurve ?? ''];
      return curve === undefined ? [] : [curve.alg];
    }
    default: return [];
  }
}

function kindOf(key: KeyObject): string {
  if (key.type === 'secret') {
    const size = key.symmetricKeySize!;
    return `an HMAC secret of ${size} byte${size === 1 ? '' : 's'}`;
  }
  const type = key.asymmetricKeyType ?? 'unknown';
  const curve = type === 'ec' ? CURVES[key.asymmetricKeyDetails?.namedCurve ?? '']?.name : undefined;
  return `an ${type === 'rsa' || type === 'ec' ? type.toUpperCase() : type} public key${curve === undefined ? '' : ` (${curve})`}`;
}
