/**
 * Key material: a configured or looked-up key becomes a `KeyObject` once, with the JWS
 * algorithms it can verify, so jsonwebtoken never guesses and a key/algorithm mismatch is
 * told apart from a bad token.
 */
import { createPublicKey, createSecretKey, KeyObject } from 'node:crypto';
import type { Algorithm } from './types.js';

const HMAC: readonly Algorithm[] = ['HS256', 'HS384', 'HS512'];
const RSA: readonly Algorithm[] = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512'];
const CURVES: Readonly<Record<string, Algorithm>> = { prime256v1: 'ES256', secp384r1: 'ES384', secp521r1: 'ES512' };

/** A key ready for jsonwebtoken, with the algorithms it can verify. */
export interface ResolvedKey {
  readonly key: KeyObject;
  readonly fits: ReadonlySet<string>;
}

/**
 * Turns key material into a `KeyObject` (so jsonwebtoken never guesses) and lists the
 * algorithms it can verify. Returns a reason string when the value is not key material.
 */
export function resolveKey(material: unknown): ResolvedKey | string {
  let key: KeyObject;
  if (material instanceof KeyObject) {
    key = material.type === 'private' ? createPublicKey(material) : material;
  } else if (typeof material === 'string' || material instanceof Uint8Array) {
    if (material.length === 0) return 'an empty key';
    key = parseKey(material);
  } else {
    return `not key material (${material === null ? 'null' : typeof material})`;
  }
  return { key, fits: new Set(algorithmsOf(key)) };
}

// A PEM (or DER-less) string is tried as a public/private key first, as jsonwebtoken does;
// anything else is an HMAC secret.
function parseKey(material: string | Uint8Array): KeyObject {
  const text = typeof material === 'string' ? material : undefined;
  if (text === undefined || text.includes('-----BEGIN')) {
    try {
      return createPublicKey(typeof material === 'string' ? material : Buffer.from(material));
    } catch { /* not a PEM key: an HMAC secret */ }
  }
  return createSecretKey(typeof material === 'string' ? Buffer.from(material, 'utf8') : material);
}

function algorithmsOf(key: KeyObject): readonly Algorithm[] {
  if (key.type === 'secret') return HMAC;
  switch (key.asymmetricKeyType) {
    case 'rsa': return RSA;
    case 'rsa-pss': {
      // An RSA-PSS key may be bound to one hash; PS256 needs sha256 and so on.
      const hash = key.asymmetricKeyDetails?.hashAlgorithm;
      return hash === undefined ? RSA.filter((alg) => alg.startsWith('PS')) : RSA.filter((alg) => alg === `PS${hash.slice(3)}`);
    }
    case 'ec': {
      const alg = CURVES[key.asymmetricKeyDetails?.namedCurve ?? ''];
      return alg === undefined ? [] : [alg];
    }
    default: return [];
  }
}
