/**
 * Keys from a JWKS URI, through jwks-rsa: keys cached by `kid`, an unknown `kid` refetched at a
 * limited rate, every request to the key set bounded by a timeout. jwks-rsa is loaded on the
 * first lookup, so an app that never uses `jwksUri` never loads it. What jwks-rsa answers is
 * sorted into the token's fault (no key for its `kid`) and the server's (the key set is
 * unreachable, slow or malformed: a `BearerKeyError`).
 */
import { BearerKeyError } from './keys.js';

/** The resolved `jwksUri` and `jwks` options. */
export interface JwksSettings {
  readonly uri: string;
  readonly cacheMaxEntries: number;
  readonly cacheMaxAgeSeconds: number;
  readonly requestsPerMinute: number;
  readonly timeoutMs: number;
}

/** Defaults of the `jwks` option. */
export const JWKS_DEFAULTS = { cacheMaxEntries: 5, cacheMaxAgeSeconds: 600, requestsPerMinute: 10, timeoutMs: 5000 } as const;

/** A key of the set: its public key as PEM, and the `alg` the set binds it to, if any. */
export interface JwksKey {
  readonly pem: string;
  readonly alg: string | undefined;
}

/** The key of a `kid`, or the reason no key is known for it (the token's fault). Throws a `BearerKeyError` otherwise. */
export type JwksLookup = (kid: string | undefined) => Promise<JwksKey | string>;

// The part of jwks-rsa's client used here, by shape: its own types must not reach our declarations.
interface SigningKey { getPublicKey(): string; readonly alg?: string }
interface Client { getSigningKey(kid?: string): Promise<SigningKey> }

// jwks-rsa's answers that mean "no key for this kid now", by their literal names.
const UNKNOWN_KID = new Set(['SigningKeyNotFoundError', 'JwksRateLimitError']);

/** A lookup on one key set, with its own jwks-rsa client (created on the first call). */
export function createJwksLookup(settings: JwksSettings): JwksLookup {
  let client: Promise<Client> | undefined;
  return async function lookUpJwks(kid) {
    client ??= import('jwks-rsa').then((module) => module.default({
      jwksUri: settings.uri,
      cache: true,
      cacheMaxEntries: settings.cacheMaxEntries,
      cacheMaxAge: settings.cacheMaxAgeSeconds * 1000,
      rateLimit: true,
      jwksRequestsPerMinute: settings.requestsPerMinute,
      timeout: settings.timeoutMs,
    }) as Client);
    let key: SigningKey;
    try {
      key = await (await client).getSigningKey(kid);
    } catch (err) {
      const name = typeof err === 'object' && err !== null ? (err as { name?: unknown }).name : undefined;
      if (typeof name === 'string' && UNKNOWN_KID.has(name)) {
        return name === 'JwksRateLimitError'
          ? `no key for kid ${describeKid(kid)} in the key set, and its refetch limit (${settings.requestsPerMinute} a minute) is spent`
          : `no key for kid ${describeKid(kid)} in the key set`;
      }
      throw new BearerKeyError(`the key set at ${settings.uri} could not be read`, { cause: err });
    }
    return { pem: key.getPublicKey(), alg: typeof key.alg === 'string' ? key.alg : undefined };
  };
}

/** A kid for a message: quoted, at most 40 characters. */
export function describeKid(kid: string | undefined): string {
  return kid === undefined ? '(none)' : JSON.stringify(kid.slice(0, 40));
}
