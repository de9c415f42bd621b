/**
 * `koaErrorHandler`: the error middleware for Koa 2 and 3. Register it first, so that it
 * wraps every other middleware.
 */
import type { AnyCatalog } from './catalog/types.js';
import { createResponder, loggable, type WireForm } from './http/answer.js';
import type { HandlerOptions, RequestLike } from './http/setup.js';
import { staleHeaderNames } from './rules/headers.js';
import { Stream } from 'node:stream';

/** The Koa context as the middleware uses it (Koa 2 and 3's `ctx`). */
export interface KoaContextLike {
  readonly req: RequestLike & { readonly socket?: { destroy(): void } | null };
  /** Node's response: when it lists its header names, only those set are removed. */
  readonly res?: { getHeaderNames?(): string[]; hasHeader?(name: string): boolean } | undefined;
  readonly method: string;
  readonly headerSent: boolean;
  readonly writable: boolean;
  body: unknown;
  status: number;
  respond?: boolean;
  /** The Koa application: unexpected errors are emitted on it as `'error'`, as Koa itself does. */
  readonly app?: { emit(event: string, ...args: unknown[]): boolean };
  set(field: string, value: string): void;
  remove(field: string): void;
  vary(field: string): void;
}

/** A Koa middleware. */
export type KoaMiddleware = (ctx: KoaContextLike, next: () => Promise<unknown>) => Promise<void>;

/**
 * The error middleware for Koa 2 and 3: `app.use(koaErrorHandler(...))` before any other.
 * Whatever the rest of the chain throws or rejects with is answered in the house format;
 * headers set before the error (CORS, request ids) are kept, representation headers removed.
 * @example
 * app.use(koaErrorHandler(errors, { format: 'code-message' }));
 */
export function koaErrorHandler<C extends AnyCatalog>(errors: C, options: HandlerOptions<C>): KoaMiddleware {
  const responder = createResponder(errors, options as HandlerOptions<AnyCatalog>);
  return async function houseErrorHandler(ctx, next) {
    try {
      await next();
      watchBodyStream(ctx);
    } catch (err) {
      const result = responder.answer(err, ctx.req);
      let sent = false;
      try {
        sent = ctx.headerSent || !ctx.writable;
        if (sent) abandon(ctx);
        else write(ctx, result.wire, responder.negotiates);
      } catch {
        result.problems.push('writing the response failed; the connection was ended');
        abandon(ctx);
      }
      if (responder.tell(err, ctx.req, result, sent)) emitAsKoa(ctx, err);
    }
  };
}

// Without onError, an unexpected error goes where Koa sends its own: `app.emit('error', err, ctx)`.
// Koa's default listener logs it unless `app.silent`; apps hook `app.on('error')`.
function emitAsKoa(ctx: KoaContextLike, err: unknown): void {
  try {
    ctx.app?.emit('error', loggable(err), ctx);
  } catch { /* a listener that throws must not change the answer */ }
}

function write(ctx: KoaContextLike, wire: WireForm, negotiates: boolean): void {
  closeBody(ctx.body);
  // A proxy or SSE middleware that set `respond = false` and failed before writing: Koa would
  // never send our answer, and the client would wait forever.
  if (ctx.respond === false) ctx.respond = true;
  for (const name of staleHeaderNames(ctx.res?.getHeaderNames?.())) ctx.remove(name);
  for (const [name, value] of wire.headers) ctx.set(name, value);
  if (wire.ifAbsent !== undefined) {
    for (const [name, value] of wire.ifAbsent) if (ctx.res?.hasHeader?.(name) !== true) ctx.set(name, value);
  }
  if (negotiates) ctx.vary('Accept-Language');
  // Status first: a body set without an explicit status makes Koa set 200, then ours again.
  ctx.status = wire.status;
  ctx.body = wire.body;
}

// A stream that was about to be sent is closed, not left open behind the error body. Only a
// real stream: an ORM record with a `destroy()` method (Sequelize, Bookshelf) would delete its
// row. A web stream's `cancel()` returns a promise, whose rejection is caught here.
function closeBody(body: unknown): void {
  try {
    if (body instanceof Stream) {
      const destroy = (body as { destroy?: unknown }).destroy;
      if (typeof destroy === 'function') destroy.call(body);
    }
    else if (typeof ReadableStream === 'function' && body instanceof ReadableStream && !body.locked) body.cancel().catch(() => {});
  } catch { /* a stream that fails to close is still replaced */ }
}

// Koa 2 leaves the response open when a body stream fails after the headers went out: the
// client would wait forever. The connection is ended instead (Koa 3 does this itself).
function watchBodyStream(ctx: KoaContextLike): void {
  const body = ctx.body as { once?: unknown; pipe?: unknown } | null | undefined;
  if (typeof body !== 'object' || body === null || typeof body.once !== 'function' || typeof body.pipe !== 'function') return;
  (body as { once(event: 'error', listener: () => void): void }).once('error', () => {
    if (ctx.headerSent) abandon(ctx);
  });
}

// The response has started: a second answer would corrupt it, so the connection is ended.
function abandon(ctx: KoaContextLike): void {
  try {
    ctx.respond = false;
    ctx.req.socket?.destroy();
  } catch { /* nothing more can be done */ }
}
