/**
 * Reading what we can from a thrown value we did not make. Every read is guarded: a
 * getter that throws or a Proxy whose traps throw is a value with nothing to read.
 */

/** Reads one property; undefined when the value has none or the read throws. */
export function safeGet(value: unknown, name: string): unknown {
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return undefined;
  try {
    return (value as Record<string, unknown>)[name];
  } catch {
    return undefined;
  }
}

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

// jsonwebtoken says "secret or public key must be provided", "secretOrPublicKey must be an
// asymmetric key…", "error in secret or public key callback…": the server's fault, not the token's.
const JWT_MISCONFIGURATION = /secret|public key|asymmetric|symmetric key|please specify|algorithms should be/i;

/** What kind of jsonwebtoken error a value is, recognised by `name` so duplicate installs work. */
export function jwtErrorKind(value: unknown): 'expired' | 'invalid' | 'misconfigured' | undefined {
  const name = safeGet(value, 'name');
  if (name === 'TokenExpiredError') return 'expired';
  if (name === 'NotBeforeError') return 'invalid';
  if (name !== 'JsonWebTokenError') return undefined;
  const message = safeGet(value, 'message');
  return typeof message === 'string' && JWT_MISCONFIGURATION.test(message) ? 'misconfigured' : 'invalid';
}

/** The own headers of a foreign error (http-errors' `Allow`, `Retry-After`…), read as `headerEntries` does. */
export function foreignHeadersOf(value: unknown): Array<[string, unknown]> | undefined {
  return headerEntries(safeGet(value, 'headers'));
}

/**
 * The name → value pairs of an error's headers, read without trusting them: a getter that throws
 * gives `undefined` for its own header only (refused later, and reported), and undefined is
 * returned when the object itself is missing or cannot be listed.
 */
export function headerEntries(headers: unknown): Array<[string, unknown]> | undefined {
  if (typeof headers !== 'object' || headers === null) return undefined;
  try {
    return Object.keys(headers).map((name) => [name, safeGet(headers, name)]);
  } catch {
    return undefined;
  }
}
