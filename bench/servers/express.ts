/**
 * Express 5 benchmark server: `BENCH_VARIANT=<name> node --import tsx bench/servers/express.ts`.
 * Every variant answers `GET /fail` with the same 401 (or, for the foreign pair, the same 404).
 */
import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import createHttpError from 'http-errors';
import { errorHandler } from '../built.js';
import {
  ApiError, boomError, fastifyError, httpError, plainError, type FastifyWithHeaders,
} from '../alternatives.js';
import type { Boom } from '@hapi/boom';
import type { HttpError } from 'http-errors';
import {
  BODY, BODY_LENGTH, CHALLENGE, CODE, CONTENT_TYPE, HANDLER_OPTIONS, MESSAGE, NOT_FOUND_MESSAGE,
  PARAM_HANDLER_OPTIONS, errors, paramErrors,
} from '../fixtures.js';
import { listen, variantName } from './listen.js';

interface Variant { readonly route: RequestHandler; readonly handler?: ErrorRequestHandler }

// The alternatives' handlers: five hand-written lines each, raw writes like `direct`.
const writeJson = (res: express.Response, status: number, headers: Readonly<Record<string, unknown>>, body: string): void => {
  res.statusCode = status;
  for (const name in headers) res.setHeader(name, headers[name] as string);
  res.setHeader('Content-Type', CONTENT_TYPE);
  res.setHeader('Content-Length', Buffer.byteLength(body));
  res.end(body);
};

const PREBUILT = plainError();

const variants: Record<string, Variant> = {
  // The limit the spec names: a hand-written `res.status(…).set(…).json(…)`, nothing thrown.
  direct: {
    route: (_req, res) => {
      res.status(401).set('WWW-Authenticate', CHALLENGE).json({ code: CODE, message: MESSAGE });
    },
  },
  // Below that limit: the same bytes precomputed and written with Node's own calls.
  'direct-raw': {
    route: (_req, res) => {
      res.statusCode = 401;
      res.setHeader('WWW-Authenticate', CHALLENGE);
      res.setHeader('Content-Type', CONTENT_TYPE);
      res.setHeader('Content-Length', BODY_LENGTH);
      res.end(BODY);
    },
  },
  'throw-plain': {
    route: () => { throw plainError(); },
    handler: (err: ApiError, _req, res, _next) => {
      writeJson(res, err.status, err.headers, JSON.stringify({ code: err.code, message: err.message }));
    },
  },
  // The floor of any thrown error: one error built at startup, thrown on every request.
  'throw-prebuilt': {
    route: () => { throw PREBUILT; },
    handler: (err: ApiError, _req, res, _next) => {
      writeJson(res, err.status, err.headers, JSON.stringify({ code: err.code, message: err.message }));
    },
  },
  'http-errors': {
    route: () => { throw httpError(); },
    handler: (err: HttpError, _req, res, _next) => {
      writeJson(res, err.status, err.headers ?? {}, JSON.stringify({ code: (err as HttpError & { code: string }).code, message: err.message }));
    },
  },
  '@hapi/boom': {
    route: () => { throw boomError(); },
    handler: (err: Boom<{ code: string }>, _req, res, _next) => {
      writeJson(res, err.output.statusCode, err.output.headers, JSON.stringify({ code: err.data!.code, message: err.message }));
    },
  },
  '@fastify/error': {
    route: () => { throw fastifyError(); },
    handler: (err: FastifyWithHeaders, _req, res, _next) => {
      writeJson(res, err.statusCode, err.headers, JSON.stringify({ code: err.code, message: err.message }));
    },
  },
  'house-errors': {
    route: () => { throw errors.INVALID_AUTH_TOKEN(); },
    handler: errorHandler(errors, HANDLER_OPTIONS),
  },
  'house-errors-param': {
    route: () => { throw paramErrors.INVALID_AUTH_TOKEN({ kind: 'auth' }); },
    handler: errorHandler(paramErrors, PARAM_HANDLER_OPTIONS),
  },
  // The foreign pair: an http-errors 404 mapped through `fallbacks`, and its hand-written twin.
  'direct-404': {
    route: (_req, res) => {
      res.status(404).json({ code: 'RESOURCE_NOT_FOUND', message: NOT_FOUND_MESSAGE });
    },
  },
  'house-errors-foreign': {
    route: () => { throw createHttpError(404); },
    handler: errorHandler(errors, HANDLER_OPTIONS),
  },
};

const variant = variants[variantName(Object.keys(variants))]!;
const app = express();
// `res.json` would add an ETag that no error handler sends; APIs commonly turn it off.
app.set('etag', false);
app.get('/fail', variant.route);
if (variant.handler !== undefined) app.use(variant.handler);
listen(app);
