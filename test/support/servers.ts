/**
 * The four real servers every response test runs against: Express 4, Express 5, Koa 2
 * and Koa 3, each with the house-errors middleware installed the way the README says.
 * A test describes routes once, framework-free; `forEachServer` builds each app.
 */
import { createServer as createHttpServer, type Server, type IncomingMessage, type ServerResponse } from 'node:http';
import express5 from 'express';
import express4 from 'express4';
import Koa3 from 'koa';
import Koa2 from 'koa2';
import { bodyParser as koaBodyParser } from '@koa/bodyparser';
import type { RequestHandler as ExpressMiddleware } from 'express';
import type { Middleware as KoaMiddleware } from 'koa';
import { errorHandler, koaErrorHandler, type AnyCatalog, type HandlerOptions } from '../../lib/index.js';

/** The name of one server kind. */
export type ServerName = 'express4' | 'express5' | 'koa2' | 'koa3';
/** Every server kind, in the order tests run. */
export const SERVER_NAMES: readonly ServerName[] = ['express4', 'express5', 'koa2', 'koa3'];

/** What a route sees, the same on every framework. */
export interface RouteInput {
  readonly server: ServerName;
  readonly query: Record<string, unknown>;
  readonly headers: IncomingMessage['headers'];
  /** The parsed JSON body (when the app parses JSON). */
  readonly body: unknown;
  /** Sets a response header before the route fails (CORS, request ids…). */
  set(name: string, value: string): void;
  /** Starts the response (headers and a first chunk) so that a later error finds headers sent. */
  write(chunk: string): void;
  /** The raw Node objects, for tests that need them. */
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  /** Koa's `ctx.state` (undefined on Express). */
  readonly state?: Record<string, unknown>;
}

/** A route: returns a JSON-able value for 200, throws, or returns a rejected promise. */
export type Route = (input: RouteInput) => unknown;

/** How to build one app. */
export interface AppSpec {
  readonly catalog: AnyCatalog;
  readonly options: HandlerOptions<AnyCatalog>;
  readonly routes: Readonly<Record<string, Route>>;
  /** Parse JSON bodies (express.json / @koa/bodyparser) before the routes. */
  readonly json?: boolean;
  /** Middleware placed after body parsing and before the routes (e.g. authentication). */
  readonly before?: { readonly express?: readonly ExpressMiddleware[]; readonly koa?: readonly KoaMiddleware[] };
}

/** Builds an unstarted HTTP server of one kind; supertest starts it. */
export function createServer(name: ServerName, spec: AppSpec): Server {
  return name.startsWith('express') ? expressServer(name, spec) : koaServer(name, spec);
}

/** Runs `body` once per server kind inside a `describe` named after it. */
export function forEachServer(body: (name: ServerName) => void): void {
  for (const name of SERVER_NAMES) describe(`on ${name}`, () => body(name));
}

function expressServer(name: ServerName, spec: AppSpec): Server {
  const express = (name === 'express4' ? express4 : express5) as unknown as typeof express5;
  const app = express();
  app.disable('x-powered-by');
  app.set('env', 'test'); // finalhandler logs errors to stderr outside 'test'
  if (spec.json) app.use(express.json());
  for (const middleware of spec.before?.express ?? []) app.use(middleware);
  for (const [path, route] of Object.entries(spec.routes)) {
    app.all(path, (req, res, next) => {
      const input: RouteInput = {
        server: name, query: req.query as Record<string, unknown>, headers: req.headers, body: req.body,
        set: (n, v) => { res.setHeader(n, v); },
        write: (chunk) => { res.write(chunk); },
        req, res,
      };
      let result: unknown;
      try {
        result = route(input);
      } catch (err) {
        next(err);
        return;
      }
      // Express 4 does not catch rejections; the harness forwards them as Express 5 does.
      Promise.resolve(result).then(
        (value) => { if (!res.headersSent) res.json(value ?? { ok: true }); },
        (err: unknown) => next(err || new Error('Rejected promise')),
      );
    });
  }
  app.use(errorHandler(spec.catalog, spec.options));
  return createHttpServer(app);
}

function koaServer(name: ServerName, spec: AppSpec): Server {
  const Koa = (name === 'koa2' ? Koa2 : Koa3) as unknown as typeof Koa3;
  const app = new Koa();
  app.silent = true;
  app.use(koaErrorHandler(spec.catalog, spec.options));
  if (spec.json) app.use(koaBodyParser());
  for (const middleware of spec.before?.koa ?? []) app.use(middleware);
  app.use(async (ctx, next) => {
    const route = Object.hasOwn(spec.routes, ctx.path) ? spec.routes[ctx.path] : undefined;
    if (route === undefined) return next();
    const input: RouteInput = {
      server: name, query: ctx.query as Record<string, unknown>, headers: ctx.headers,
      body: (ctx.request as { body?: unknown }).body,
      set: (n, v) => { ctx.set(n, v); },
      write: (chunk) => { ctx.respond = false; ctx.res.write(chunk); },
      req: ctx.req, res: ctx.res, state: ctx.state as Record<string, unknown>,
    };
    ctx.body = (await route(input)) ?? { ok: true };
  });
  return createHttpServer(app.callback());
}
