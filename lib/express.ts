/**
 * `errorHandler`: the terminal error middleware for Express 4 and 5.
 */
import type { AnyCatalog } from './catalog/types.js';
import { createResponder, loggable, type WireForm } from './http/answer.js';
import type { HandlerOptions, RequestLike } from './http/setup.js';
import { staleHeaderNames } from './rules/headers.js';
import vary from 'vary';

/** The response as the middleware uses it (Node's `ServerResponse`, Express's `res`). */
export interface ResponseLike {
  readonly headersSent: boolean;
  statusCode: number;
  setHeader(name: string, value: string | number | readonly string[]): unknown;
  getHeader(name: string): unknown;
  hasHeader(name: string): boolean;
  removeHeader(name: string): void;
  /** Node's: when present, the names set so far are listed once instead of probed one by one. */
  getHeaderNames?(): string[];
  end(chunk?: string): unknown;
  /** Node's: destroyed when the answer cannot be written, so the client is not left waiting. */
  readonly socket?: { destroy(): void } | null;
}

/** An Express error middleware (four parameters, so Express knows it handles errors). */
export type ExpressErrorHandler = (err: unknown, req: RequestLike, res: ResponseLike, next: (err?: unknown) => void) => void;

/**
 * The terminal error middleware for Express 4 and 5: register it after every route.
 * Answers any thrown value in the house format; a value it did not make is mapped to a
 * catalog definition and never echoed.
 * @example
 * app.use(errorHandler(errors, { format: 'errorCode-reason', realm: 'api' }));
 */
export function errorHandler<C extends AnyCatalog>(errors: C, options: HandlerOptions<C>): ExpressErrorHandler {
  const responder = createResponder(errors, options as HandlerOptions<AnyCatalog>);
  // Four named parameters: Express recognises error middleware by `length === 4`.
  return function houseErrorHandler(err, req, res, next) {
    const result = responder.answer(err, req);
    if (res.headersSent) {
      // Too late for an answer: Express's own handler ends the connection (and logs the error).
      responder.tell(err, req, result, true);
      next(forwardable(err));
      return;
    }
    try {
      write(res, result.wire, req.method === 'HEAD', responder.negotiates);
    } catch {
      // Only a broken response object gets here; end it rather than leave the client waiting.
      result.problems.push('writing the response failed; the connection was ended');
      endQuietly(res);
    }
    if (responder.tell(err, req, result, false)) logAsExpress(err, req);
  };
}

function write(res: ResponseLike, wire: WireForm, head: boolean, negotiates: boolean): void {
  for (const name of staleHeaderNames(res.getHeaderNames?.())) res.removeHeader(name);
  res.statusCode = wire.status;
  for (const [name, value] of wire.headers) res.setHeader(name, value);
  if (wire.ifAbsent !== undefined) for (const [name, value] of wire.ifAbsent) if (!res.hasHeader(name)) res.setHeader(name, value);
  if (negotiates) vary(res as Parameters<typeof vary>[0], 'Accept-Language');
  res.setHeader('Content-Length', wire.length);
  if (head) res.end();
  else res.end(wire.body);
}

// Without onError, an unexpected error is logged as Express's own handler (finalhandler) does:
// the stack on stderr, unless the app's `env` setting (NODE_ENV by default) is 'test'.
function logAsExpress(err: unknown, req: RequestLike): void {
  try {
    const app = (req as { app?: { get?(name: string): unknown } }).app;
    const env = typeof app?.get === 'function' ? app.get('env') : process.env.NODE_ENV;
    if (env === 'test') return;
    const error = loggable(err);
    console.error(error.stack || error.toString());
  } catch { /* logging must never change the answer */ }
}

// finalhandler reads `status`, `statusCode`, `headers`, `stack` and calls `toString()` (Express 4
// logs `err.stack || err.toString()` in a timer): a value that throws there would crash the
// process, so Express is handed a readable Error in its place. onError still sees the original.
function forwardable(err: unknown): unknown {
  return (typeof err !== 'object' || err === null) && typeof err !== 'function' ? err : loggable(err);
}

// A response that cannot be ended normally (a header Node refuses at the last moment) would
// leave the client waiting: the connection is closed instead.
function endQuietly(res: ResponseLike): void {
  try {
    res.end();
  } catch {
    try {
      res.socket?.destroy();
    } catch { /* nothing more can be done */ }
  }
}
