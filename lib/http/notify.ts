/**
 * Calling the user's `onError`: its own failures, thrown or rejected, are swallowed so
 * that logging can never change or break an answer.
 */
import type { ErrorContext } from './setup.js';

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
