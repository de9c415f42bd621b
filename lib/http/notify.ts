/**
 * Telling the app about an answer: the user's `onError`, or, without one, each framework's
 * own convention for unexpected errors, so that a bug is never silent.
 */
import type { ErrorContext } from './setup.js';
import type { Answer } from './wire-form.js';

/** Calls `onError` if there is one; never throws, never leaves a rejection unhandled. */
export function notify(
  onError: ((err: unknown, context: ErrorContext) => void | Promise<void>) | undefined,
  err: unknown,
  context: ErrorContext,
): void {
  if (onError === undefined) return;
  try {
    const result: unknown = onError(err, context);
    if (typeof result === 'object' && result !== null) {
      const then = (result as { then?: unknown }).then;
      if (typeof then === 'function') then.call(result, undefined, () => {});
    }
  } catch {
    // The answer is already decided; a failing logger must not change it.
  }
}

/**
 * True when, without `onError`, the answer must be reported the framework's way: a 5xx for a
 * value the catalog did not make (a `TypeError` in a route, a refused family value). A catalog
 * error is an answer the API documents, not a fault.
 */
export function isUnexpected(result: Answer): boolean {
  return !result.ours && result.wire.status >= 500;
}

/**
 * An `Error` that loggers and frameworks can read: the thrown value itself when it is a native
 * error whose `stack`, `message`, `status`, `statusCode`, `expose`, `headers` and `toString`
 * read without throwing; otherwise a
 * plain Error describing it (Koa's `app.onerror` refuses non-errors, and a getter that throws
 * would crash the logger). `onError` always sees the original.
 */
export function loggable(err: unknown): Error {
  try {
    if (err instanceof Error || Object.prototype.toString.call(err) === '[object Error]') {
      const probe = err as Error & { status?: unknown; statusCode?: unknown; expose?: unknown; headers?: unknown };
      void probe.status;
      void probe.statusCode;
      void probe.expose;
      void probe.message;
      const headers = probe.headers;
      if (typeof headers === 'object' && headers !== null) for (const name of Object.keys(headers)) void (headers as Record<string, unknown>)[name];
      if (typeof probe.toString !== 'function') throw new TypeError('no toString');
      String(probe.stack || probe.toString());
      return probe;
    }
    return new Error(`non-error thrown: ${describeValue(err)}`);
  } catch {
    return new Error('house-errors: an unreadable value was thrown');
  }
}

function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 200 ? `${value.slice(0, 200)}…` : value);
  if (typeof value === 'function') return 'a function';
  if (typeof value !== 'object' || value === null) return String(value);
  return Array.isArray(value) ? 'an array' : 'an object';
}
