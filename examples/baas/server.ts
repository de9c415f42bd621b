/**
 * The BaaS API (Koa 2): sign-up and login, documents with JSON queries and
 * RFC 6902 patches, payments and file uploads. Answers in Korean or English by
 * `Accept-Language` (Korean by default). Koa 2 is installed in this repository as the npm
 * alias `koa2`; in an app of your own it is plain `koa@2`.
 */
import Koa from 'koa2';
import Router from '@koa/router';
import { bodyParser } from '@koa/bodyparser';
import jwt from 'jsonwebtoken';
import { createHash } from 'node:crypto';
import type { Server } from 'node:http';
import { koaErrorHandler } from '../../lib/index.js';
import { koaBearerAuth, type BearerState } from '../../lib/bearer/index.js';
import { errors, format } from './catalog.js';

/** The HS256 secret access tokens are signed with (a demo value). */
export const TOKEN_SECRET = 'baas-demo-token-signing-secret-01';
const MODELS = new Set(['posts']);
const OPS = new Set(['$eq', '$gt', '$lt', '$in', '$where']);
const PATCH_OPS = new Set(['add', 'remove', 'replace', 'move', 'copy', 'test']);
const MAX_FILENAME = 255;
const MAX_UPLOAD = 1 << 20;
/** A card number the demo payment gateway always declines. */
export const DECLINED_CARD = '4000000000000002';

/** Options of the app. */
export interface BaasOptions {
  /** Mount `GET /__test/errors/:key` (throws that catalog error) and `GET /__test/crash` (tests only). */
  readonly testTriggers?: boolean;
}

interface User { readonly id: string; readonly email: string; readonly password: string; readonly name: string }

/** Builds the BaaS app with fresh demo data. */
export function createApp(options: BaasOptions = {}): Koa<BearerState> {
  const users = new Map<string, User>([['u1', { id: 'u1', email: 'ada@example.com', password: 'correct horse', name: 'Ada' }]]);
  const documents = new Map<string, Record<string, unknown>>([['posts/p1', { title: 'Hello', likes: 3 }]]);
  const auth = koaBearerAuth(errors, {
    secret: TOKEN_SECRET,
    algorithms: ['HS256'],
    codes: { missing: 'AccessTokenDoesNotExist', invalid: 'MalformedAccessToken', expired: 'AccessTokenExpired' },
  });
  const router = new Router<BearerState>();

  router.post('/auth/signup', (ctx) => {
    const body = payload(ctx.request.body);
    const { email, password, name } = body;
    if (email === undefined || password === undefined || name === undefined) throw errors.NotNullConstraintFailed();
    if (typeof email !== 'string' || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw errors.EmailValidationFailed();
    if (typeof password !== 'string') throw errors.StringValidationFailed();
    if (typeof name !== 'string' || !/^[A-Za-z]+$/.test(name)) throw errors.AlphaValidationFailed();
    if ([...users.values()].some((u) => u.email === email)) throw errors.EmailAlreadyUsed();
    const user = { id: `u${users.size + 1}`, email, password, name };
    users.set(user.id, user);
    ctx.status = 201;
    ctx.body = { id: user.id, email, name };
  });

  router.post('/auth/login', (ctx) => {
    const { email, password } = payload(ctx.request.body);
    const user = [...users.values()].find((u) => u.email === email);
    // One answer for an unknown email and a wrong password: no account enumeration.
    if (user === undefined || user.password !== password) throw errors.PasswordIncorrect();
    ctx.body = { accessToken: jwt.sign({ sub: user.id }, TOKEN_SECRET, { algorithm: 'HS256', expiresIn: 3600 }) };
  });

  router.get('/users/:userId', auth, (ctx) => {
    if (ctx.params.userId !== ctx.state.auth.sub) throw errors.UserIdDoesNotMatched();
    const user = users.get(ctx.params.userId!)!;
    ctx.body = { id: user.id, email: user.email, name: user.name };
  });

  router.get('/admin/config', auth, () => {
    throw errors.AccessDenied();
  });

  router.post('/collections/:model/query', auth, (ctx) => {
    modelOf(ctx.params.model);
    const where = payload(ctx.request.body).where ?? {};
    if (typeof where !== 'object' || where === null || Array.isArray(where)) throw errors.QueryParsingFailed();
    for (const condition of Object.values(where)) checkCondition(condition);
    ctx.body = { data: [...documents.entries()].map(([id, doc]) => ({ id: id.split('/')[1], ...doc })) };
  });

  router.get('/collections/:model/documents/:id', auth, (ctx) => {
    ctx.body = documentOf(documents, ctx.params.model, ctx.params.id);
  });

  router.patch('/collections/:model/documents/:id', auth, (ctx) => {
    const doc = { ...documentOf(documents, ctx.params.model, ctx.params.id) };
    const patch: unknown = ctx.request.body;
    if (!Array.isArray(patch)) throw errors.InvalidOperationPatchFailed();
    for (const operation of patch as Array<Record<string, unknown>>) {
      if (typeof operation !== 'object' || operation === null || !PATCH_OPS.has(operation.op as string)) throw errors.InvalidOperationPatchFailed();
      if (typeof operation.path !== 'string' || (operation.op !== 'remove' && !('value' in operation))) throw errors.MissingPatchFailed();
      const field = operation.path.replace(/^\//, '');
      if (operation.op === 'test' && doc[field] !== operation.value) throw errors.TestPatchFailed();
      if (operation.op === 'replace' || operation.op === 'add') doc[field] = operation.value;
      if (operation.op === 'remove') delete doc[field];
    }
    documents.set(`${ctx.params.model}/${ctx.params.id}`, doc);
    ctx.body = doc;
  });

  router.post('/payments', auth, (ctx) => {
    const { type, amount, cardNumber } = payload(ctx.request.body);
    if (type !== 'card') throw errors.PaymentTypeDoesNotSupport();
    if (typeof amount !== 'number' || !Number.isInteger(amount)) throw errors.NumberValidationFailed();
    if (cardNumber === DECLINED_CARD) throw errors.TryPayFailed();
    ctx.status = 201;
    ctx.body = { type, amount, status: 'PAID' };
  });

  router.put('/files/:name', auth, async (ctx) => {
    const name = ctx.params.name!;
    if (name.length > MAX_FILENAME) throw errors.FilenameTooLong();
    const md5 = ctx.get('content-md5');
    if (md5 === '') throw errors.MissingHeader();
    const content = await readBody(ctx.req);
    if (createHash('md5').update(content).digest('base64') !== md5) throw errors.MalformedMd5();
    ctx.status = 201;
    ctx.body = { name, size: content.length };
  });

  if (options.testTriggers === true) {
    router.get('/__test/crash', () => {
      throw new Error('config store: connection refused');
    });
    router.get('/__test/errors/:key', (ctx) => {
      const key = ctx.params.key!;
      if (!Object.hasOwn(errors, key)) throw errors.MatchedRouterDoesNotExist();
      throw (errors as unknown as Record<string, () => Error>)[key]!();
    });
  }

  const app = new Koa<BearerState>();
  app.use(koaErrorHandler(errors, {
    format,
    locales: ['ko', 'en'],
    fallbacks: {
      400: 'QueryParsingFailed', 404: 'MatchedRouterDoesNotExist', 500: 'NewError',
      // No code in the reference for these: the 400 fallback, said explicitly.
      405: 'QueryParsingFailed', 413: 'QueryParsingFailed', 415: 'QueryParsingFailed', 429: 'QueryParsingFailed',
    },
  }));
  app.use(async (ctx, next) => {
    await next();
    // The router answers a method it does not route with an empty 405 or 501, Allow set.
    if (ctx.status === 405 || ctx.status === 501) throw errors.NotImplemented();
    if (ctx.status === 404 && ctx.body === undefined) throw errors.MatchedRouterDoesNotExist();
  });
  // A body that is not JSON fails here with a 400: QueryParsingFailed (the 400 fallback).
  app.use(bodyParser({ enableTypes: ['json'], encoding: 'utf-8' }));
  app.use(router.routes());
  app.use(router.allowedMethods());
  return app;
}

/** The request body as an object: MissingUserPayload when there is none. */
function payload(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body) || Object.keys(body).length === 0) throw errors.MissingUserPayload();
  return body as Record<string, unknown>;
}

function modelOf(model: string | undefined): string {
  if (model === undefined || !MODELS.has(model)) throw errors.CompiledModelDoesNotExist();
  return model;
}

function documentOf(documents: ReadonlyMap<string, Record<string, unknown>>, model: string | undefined, id: string | undefined): Record<string, unknown> {
  const doc = documents.get(`${modelOf(model)}/${id ?? ''}`);
  if (doc === undefined) throw errors.DocumentDoesNotExist();
  return doc;
}

/** One `{ "$op": value }` condition of a query. */
function checkCondition(condition: unknown): void {
  if (typeof condition !== 'object' || condition === null || Array.isArray(condition)) throw errors.QueryParsingFailed();
  for (const [op, value] of Object.entries(condition)) {
    if (!OPS.has(op)) throw errors.IsNotOp();
    if (op === '$where') throw errors.IsNotSupport();
    if (op === '$in') {
      if (!Array.isArray(value)) throw errors.IsNotArray();
      if (value.some(Array.isArray)) throw errors.NestedArrayDoesNotSupport();
    }
    if ((op === '$gt' || op === '$lt') && typeof value !== 'number') throw errors.IsNotNumber();
    if (op === '$eq' && typeof value !== 'string' && typeof value !== 'number') throw errors.IsNotStringOrNumber();
  }
}

async function readBody(stream: AsyncIterable<Buffer>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += chunk.length;
    // Past the cap the upload cannot be stored: "saving data failed".
    if (size > MAX_UPLOAD) throw errors.InsertFailed();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** Starts the app on `port`. */
export function start(port: number): Promise<Server> {
  return new Promise((resolve) => {
    const server = createApp().listen(port, '127.0.0.1', () => resolve(server));
  });
}

/** Lines a newcomer can paste into a terminal: the reference's characteristic errors, in Korean and English. */
export function curlLines(base: string): string[] {
  const json = `-H 'Content-Type: application/json'`;
  const token = jwt.sign({ sub: 'u1' }, TOKEN_SECRET, { algorithm: 'HS256', expiresIn: 3600 });
  const expired = jwt.sign({ sub: 'u1', exp: Math.floor(Date.now() / 1000) - 60 }, TOKEN_SECRET, { algorithm: 'HS256' });
  return [
    `curl -i ${base}/users/u1`,
    `curl -i ${base}/users/u1 -H 'Accept-Language: en'`,
    `curl -i ${base}/users/u1 -H 'Authorization: Bearer ${expired}'`,
    `curl -i ${base}/users/u2 -H 'Authorization: Bearer ${token}'`,
    `curl -i -X POST ${base}/auth/login ${json} -d '{"email":"ada@example.com","password":"nope"}'`,
    `curl -i -X POST ${base}/collections/posts/query -H 'Authorization: Bearer ${token}' ${json} -d '{"where":{"likes":{"$gt":"many"}}}'`,
    `curl -i -X DELETE ${base}/users/u1 -H 'Authorization: Bearer ${token}'`,
  ];
}
