/**
 * Reading what we can from a thrown value we did not make. Every read is guarded: a
 * getter that throws or a Proxy whose traps throw is a value with nothing to read.
 */
import { isForeignAllowed, ownGet, safeGet } from '../rules/headers.js';

/**
 * The HTTP error status a foreign error asks for: `status`, else `statusCode` (the order
 * finalhandler uses), trusted only when it is an integer number in 400–599. Strings,
 * BigInts, NaN, fractions and non-error statuses are ignored, so the answer is a 500.
 */
export function errorStatusOf(value: unknown): number | undefined {
  for (const name of ['status', 'statusCode']) {
    const status = safeGet(value, name);
    if (typeof status === 'number' && Number.isInteger(status) && status >= 400 && status <= 599) return status;
  }
  return undefined;
}

// The messages of jsonwebtoken 9's verify that blame the server, not the token: matched
// whole, never by substring, because its claim errors quote the configured issuer and
// audience ("jwt audience invalid. expected: …"), which may say "secret" or "public key".
const JWT_MISCONFIGURATION = new Set([
  'secret or public key must be provided',
  'secretOrPublicKey is not valid key material',
  'please specify "none" in "algorithms" to verify unsigned tokens',
  'verify must be called asynchronous if secret or public key is provided as a callback',
  'clockTimestamp must be a number',
  'nonce must be a non-empty string',
  'allowInvalidAsymmetricKeyTypes must be a boolean',
  '"maxAge" should be a number of seconds or string representing a timespan eg: "1d", "20h", 60',
]);
// The two that end with a value: the key callback's own error, and a key that cannot verify
// an `alg` the server's `algorithms` allowed.
const JWT_MISCONFIGURATION_PREFIX = /^(?:error in secret or public key callback: |secretOrPublicKey must be (?:a symmetric|an asymmetric) key when using [A-Z]{2}\d{3}$)/;

/**
 * What kind of jsonwebtoken error a value is, recognised by `name` so duplicate installs work;
 * a `JsonWebTokenError` is the server's fault only with one of jsonwebtoken's exact messages.
 */
export function jwtErrorKind(value: unknown): 'expired' | 'invalid' | 'misconfigured' | undefined {
  const name = safeGet(value, 'name');
  if (name === 'TokenExpiredError') return 'expired';
  if (name === 'NotBeforeError') return 'invalid';
  if (name !== 'JsonWebTokenError') return undefined;
  const message = safeGet(value, 'message');
  if (typeof message !== 'string') return 'invalid';
  return JWT_MISCONFIGURATION.has(message) || JWT_MISCONFIGURATION_PREFIX.test(message) ? 'misconfigured' : 'invalid';
}

/** The headers of a foreign error that may reach the answer, and the names of those that may not. */
export interface ForeignHeaders {
  /** `Allow` and `Retry-After`, each value read with `safeGet` (a throwing getter gives undefined). */
  readonly kept: Array<[string, unknown]>;
  /** Every other header name the error carried (an upstream's CORS, caching, internal hosts…). */
  readonly ignored: string[];
}

/**
 * The headers of a foreign error, split by the allow-list (`isForeignAllowed`). Only an *own*
 * `headers` property counts: with a polluted `Object.prototype.headers`, no error has headers.
 */
export function foreignHeadersOf(value: unknown): ForeignHeaders | undefined {
  const headers = ownGet(value, 'headers');
  if (typeof headers !== 'object' || headers === null) return undefined;
  let names: string[];
  try {
    names = Object.keys(headers);
  } catch {
    return undefined;
  }
  if (names.length === 0) return undefined;
  const kept: Array<[string, unknown]> = [];
  const ignored: string[] = [];
  // A value is read only for an allowed name: an upstream's other headers are never touched.
  for (const name of names) {
    if (isForeignAllowed(name)) kept.push([name, safeGet(headers, name)]);
    else ignored.push(name);
  }
  return { kept, ignored };
}
