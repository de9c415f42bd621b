/**
 * The bearer middleware's own errors: a wrong option at startup, and a key problem at
 * request time. Neither carries an HTTP status: both are the server's fault, never the client's.
 */

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
Object.defineProperty(BearerKeyError.prototype, 'name', { value: 'BearerKeyError', writable: true, configurable: true });

/**
 * Thrown by `bearerAuth` / `koaBearerAuth` when the app starts with wrong options: every
 * problem at once, one line each in `problems`, naming the option or code key. A `TypeError`,
 * as Node throws for an invalid argument.
 * @example
 * try {
 *   bearerAuth(errors, { secret: 'x', algorithms: ['HS256'], codes });
 * } catch (err) {
 *   if (err instanceof BearerOptionsError) console.error(err.problems.join('\n'));
 *   // bearerAuth secret: an HMAC secret of 1 byte cannot verify HS256 (RFC 7518 §3.2: …)
 * }
 */
export class BearerOptionsError extends TypeError {
  /** Every problem found, one line each, starting with the factory and the option. */
  readonly problems: readonly string[];
  constructor(factory: string, problems: readonly string[]) {
    super(`house-errors: invalid ${factory} options:\n  - ${problems.join('\n  - ')}`);
    this.problems = problems;
  }
}
Object.defineProperty(BearerOptionsError.prototype, 'name', { value: 'BearerOptionsError', writable: true, configurable: true });
