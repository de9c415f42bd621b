/**
 * The one harness that builds the four real servers every HTTP test runs against: Express 4,
 * Express 5, Koa 2 and Koa 3, each with the house-errors middleware installed the way the
 * README says. Routes are written once, framework-free (`routes`), or per framework (`express`,
 * `koa`) for what only the framework's own code shows (its try/catch, `ctx.respond`, streams).
 * `Live` starts one on a keep-alive agent for raw requests with a deadline.
 */
import http, { type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
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

/** True for Express 4 and 5. */
export const isExpress = (name: ServerName): boolean => name.startsWith('express');

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

/** A framework-free route: returns a JSON-able value for 200, throws, or returns a rejected promise. */
export type Route = (input: RouteInput) => unknown;

type Next = (err?: unknown) => void;
/** An Express route, as Express calls it (Express's own router catches what it throws). */
export type ExpressRoute = (req: IncomingMessage, res: ServerResponse, next: Next) => unknown;
/** The Koa context (the parts routes use). */
export type KoaContext = Parameters<Parameters<InstanceType<typeof Koa3>['use']>[0]>[0];
/** A Koa route, as Koa calls it. */
export type KoaRoute = (ctx: KoaContext) => unknown;

/** How to build one app. */
export interface AppSpec {
  readonly catalog: AnyCatalog;
  readonly options: HandlerOptions<AnyCatalog>;
  /** Framework-free routes; the harness forwards Express 4 rejections as Express 5 does. */
  readonly routes?: Readonly<Record<string, Route>>;
  /** Routes for Express only, installed with `app.all`. */
  readonly express?: Readonly<Record<string, ExpressRoute>>;
  /** Routes for Koa only. */
  readonly koa?: Readonly<Record<string, KoaRoute>>;
  /** Parse JSON bodies (express.json / @koa/bodyparser) before the routes. */
  readonly json?: boolean;
  /** Middleware placed after body parsing and before the routes (e.g. authentication). */
  readonly before?: { readonly express?: readonly ExpressMiddleware[]; readonly koa?: readonly KoaMiddleware[] };
  /** Middleware placed after the routes (e.g. an unmatched-route answer). */
  readonly after?: { readonly express?: readonly ExpressMiddleware[]; readonly koa?: readonly KoaMiddleware[] };
  /** The app's `env`. Default: 'test' on Express (finalhandler logs to stderr outside it), Koa's own on Koa. */
  readonly env?: string;
  /** Koa's `app.silent` (default true: Koa logs errors emitted without a listener otherwise). */
  readonly silent?: boolean;
}

/** A built app: the Node server, and the Koa application for tests that listen to it. */
export interface BuiltApp {
  readonly server: Server;
  readonly koa?: Koa3;
}

/** Builds an unstarted app of one kind; supertest or `Live` starts it. */
export function buildApp(name: ServerName, spec: AppSpec): BuiltApp {
  return isExpress(name) ? { server: expressServer(name, spec) } : koaApp(name, spec);
}

/** Builds an unstarted HTTP server of one kind; supertest starts it. */
export function createServer(name: ServerName, spec: AppSpec): Server {
  return buildApp(name, spec).server;
}

/** Runs `body` once per server kind inside a `describe` named after it. */
export function forEachServer(body: (name: ServerName) => void): void {
  for (const name of SERVER_NAMES) describe(`on ${name}`, () => body(name));
}

function expressServer(name: ServerName, spec: AppSpec): Server {
  const express = (name === 'express4' ? express4 : express5) as unknown as typeof express5;
  const app = express();
  app.disable('x-powered-by');
  app.set('env', spec.env ?? 'test');
  if (spec.json) app.use(express.json());
  for (const middleware of spec.before?.express ?? []) app.use(middleware);
  for (const [path, route] of Object.entries(spec.express ?? {})) app.all(path, route as never);
  for (const [path, route] of Object.entries(spec.routes ?? {})) {
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
  for (const middleware of spec.after?.express ?? []) app.use(middleware);
  app.use(errorHandler(spec.catalog, spec.options));
  return http.createServer(app);
}

function koaApp(name: ServerName, spec: AppSpec): BuiltApp {
  const Koa = (name === 'koa2' ? Koa2 : Koa3) as unknown as typeof Koa3;
  const app = new Koa();
  if (spec.env !== undefined) app.env = spec.env;
  app.silent = spec.silent ?? true;
  app.use(koaErrorHandler(spec.catalog, spec.options));
  if (spec.json) app.use(koaBodyParser());
  for (const middleware of spec.before?.koa ?? []) app.use(middleware);
  const routes = spec.routes ?? {};
  const native = spec.koa ?? {};
  app.use(async (ctx, next) => {
    if (Object.hasOwn(native, ctx.path)) {
      await native[ctx.path]!(ctx);
      return;
    }
    const route = Object.hasOwn(routes, ctx.path) ? routes[ctx.path] : undefined;
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
  for (const middleware of spec.after?.koa ?? []) app.use(middleware);
  return { server: http.createServer(app.callback()), koa: app };
}

// ---------------------------------------------------------------------------------------
// Raw requests on a started server.

/** Longest time any one exchange with a server may take before the test fails (not a timing assertion: a hang detector). */
export const DEADLINE_MS = 8_000;

/** Resolves like `work`, or fails with a message naming `label` when it has not settled within `ms`. */
export function within<T>(label: string, work: Promise<T>, ms = DEADLINE_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`deadline: ${label} did not finish within ${ms} ms (a hang)`)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

/** A response as the client read it. */
export interface RawResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly text: string;
}

/** What to send. */
export interface RawRequest {
  readonly method?: string;
  readonly path: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string | Buffer;
}

let requestIds = 0;

/** One request on `agent`; fails on a connection error, an aborted body, or the deadline. */
export function send(port: number, agent: http.Agent | false, spec: RawRequest): Promise<RawResponse> {
  const id = String(++requestIds);
  const work = new Promise<RawResponse>((resolve, reject) => {
    const req = http.request({
      host: '127.0.0.1', port, agent, method: spec.method ?? 'GET', path: spec.path,
      headers: { 'x-request-id': id, ...spec.headers, ...(spec.body === undefined ? {} : { 'content-length': Buffer.byteLength(spec.body) }) },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('aborted', () => reject(new Error(`${spec.path}: the response was cut off`)));
      res.on('end', () => {
        if (!res.complete) reject(new Error(`${spec.path}: the response was cut off`));
        else resolve({ status: res.statusCode!, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') });
      });
    });
    req.on('error', reject);
    req.end(spec.body);
  });
  return within(`${spec.method ?? 'GET'} ${spec.path}`, work);
}

/** A started server with a keep-alive agent. */
export class Live {
  port = 0;
  readonly agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
  constructor(readonly server: Server) {}

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    this.agent.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  request(spec: RawRequest): Promise<RawResponse> {
    return send(this.port, this.agent, spec);
  }

  get(path: string, headers?: Record<string, string>): Promise<RawResponse> {
    return this.request({ path, ...(headers === undefined ? {} : { headers }) });
  }
}

/** A `Live` app per server, started before the suite's tests and stopped after them. */
export function liveServer(name: ServerName, spec: AppSpec): Live {
  const live = new Live(createServer(name, spec));
  before(() => live.start());
  after(() => live.stop());
  return live;
}
