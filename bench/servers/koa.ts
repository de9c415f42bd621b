/**
 * Koa 3 benchmark server: `BENCH_VARIANT=<name> node --import tsx bench/servers/koa.ts`.
 * Every variant answers `GET /fail` with the same 401 (or, for the foreign pair, the same 404).
 */
import Koa, { type Context, type Middleware } from 'koa';
import createHttpError, { type HttpError } from 'http-errors';
import type { Boom } from '@hapi/boom';
import { koaErrorHandler } from '../built.js';
import {
  boomError, fastifyError, httpError, plainError, type ApiError, type FastifyWithHeaders,
} from '../alternatives.js';
import {
  BODY, CHALLENGE, CODE, CONTENT_TYPE, HANDLER_OPTIONS, MESSAGE, NOT_FOUND_MESSAGE, PARAM_HANDLER_OPTIONS, errors, paramErrors,
} from '../fixtures.js';
import { listen, variantName } from './listen.js';

interface Variant { readonly route: Middleware; readonly handler?: Middleware }

// The alternatives' handlers: a try/catch around `next()` and five hand-written lines.
function handlerOf<E>(write: (ctx: Context, err: E) => void): Middleware {
  return async (ctx, next) => {
    try {
      await next();
    } catch (err) {
      write(ctx, err as E);
    }
  };
}
const writeJson = (ctx: Context, status: number, headers: Readonly<Record<string, string>>, body: string): void => {
  ctx.status = status;
  ctx.set(headers);
  ctx.set('Content-Type', CONTENT_TYPE);
  ctx.body = body;
};

const PREBUILT = plainError();

// The hand-written Koa answer: status, header, JSON body.
const handWritten: Middleware = (ctx) => {
  ctx.status = 401;
  ctx.set('WWW-Authenticate', CHALLENGE);
  ctx.body = { code: CODE, message: MESSAGE };
};

const variants: Record<string, Variant> = {
  // The limit the spec names: the hand-written answer, nothing thrown.
  direct: { route: handWritten },
  // Below that limit: the same bytes precomputed, with their Content-Type set by hand.
  'direct-raw': {
    route: (ctx) => {
      ctx.status = 401;
      ctx.set('WWW-Authenticate', CHALLENGE);
      ctx.set('Content-Type', CONTENT_TYPE);
      ctx.body = BODY;
    },
  },
  // `direct` behind a pass-through try/catch middleware: what any error middleware adds to every request.
  'direct-wrapped': { route: handWritten, handler: handlerOf(() => {}) },
  'throw-plain': {
    route: () => { throw plainError(); },
    handler: handlerOf<ApiError>((ctx, err) => {
      writeJson(ctx, err.status, err.headers, JSON.stringify({ code: err.code, message: err.message }));
    }),
  },
  // The floor of any thrown error: one error built at startup, thrown on every request.
  'throw-prebuilt': {
    route: () => { throw PREBUILT; },
    handler: handlerOf<ApiError>((ctx, err) => {
      writeJson(ctx, err.status, err.headers, JSON.stringify({ code: err.code, message: err.message }));
    }),
  },
  'http-errors': {
    route: () => { throw httpError(); },
    handler: handlerOf<HttpError & { code: string }>((ctx, err) => {
      writeJson(ctx, err.status, err.headers ?? {}, JSON.stringify({ code: err.code, message: err.message }));
    }),
  },
  '@hapi/boom': {
    route: () => { throw boomError(); },
    handler: handlerOf<Boom<{ code: string }>>((ctx, err) => {
      writeJson(ctx, err.output.statusCode, err.output.headers as Record<string, string>, JSON.stringify({ code: err.data!.code, message: err.message }));
    }),
  },
  '@fastify/error': {
    route: () => { throw fastifyError(); },
    handler: handlerOf<FastifyWithHeaders>((ctx, err) => {
      writeJson(ctx, err.statusCode, err.headers, JSON.stringify({ code: err.code, message: err.message }));
    }),
  },
  'house-errors': {
    route: () => { throw errors.INVALID_AUTH_TOKEN(); },
    handler: koaErrorHandler(errors, HANDLER_OPTIONS),
  },
  'house-errors-param': {
    route: () => { throw paramErrors.INVALID_AUTH_TOKEN({ kind: 'auth' }); },
    handler: koaErrorHandler(paramErrors, PARAM_HANDLER_OPTIONS),
  },
  // The foreign pair: an http-errors 404 mapped through `fallbacks`, and its hand-written twin.
  'direct-404': {
    route: (ctx) => {
      ctx.status = 404;
      ctx.body = { code: 'RESOURCE_NOT_FOUND', message: NOT_FOUND_MESSAGE };
    },
  },
  'house-errors-foreign': {
    route: () => { throw createHttpError(404); },
    handler: koaErrorHandler(errors, HANDLER_OPTIONS),
  },
};

const variant = variants[variantName(Object.keys(variants))]!;
const app = new Koa();
if (variant.handler !== undefined) app.use(variant.handler);
app.use(variant.route);
listen(app.callback());
