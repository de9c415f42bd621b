/**
 * `BearerKeyError`: a key problem is the server's fault. It carries no HTTP status, so the
 * error handler answers with its 500 fallback and `onError` sees what went wrong.
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
