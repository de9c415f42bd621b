/**
 * The game-market API (Koa 3): game items, item packages and trades. Callers
 * authenticate with their app's API key and secret as HTTP Basic credentials.
 */
import Koa from 'koa';
import Router from '@koa/router';
import { bodyParser } from '@koa/bodyparser';
import type { Server } from 'node:http';
import { isHouseError, koaErrorHandler } from '../../lib/index.js';
import { errors, format } from './catalog.js';

/** Demo API keys: secret, and whether the key may only read. */
export const APPS: Readonly<Record<string, { readonly secret: string; readonly readOnly?: boolean; readonly revoked?: boolean }>> = {
  'market-app': { secret: 'market-secret' },
  'viewer-app': { secret: 'viewer-secret', readOnly: true },
  'revoked-app': { secret: 'revoked-secret', revoked: true },
};
/** Game studios' app credentials, required to register an item package. */
export const GAME_APPS: Readonly<Record<string, string>> = { 'fantasy-quest': 'fantasy-studio-secret' };

interface Item {
  readonly game: string;
  readonly name: string;
  readonly price?: number;
  /** The item's order book is locked (a state change in progress). */
  readonly locked?: boolean;
  /** The seller's settlement account is not configured yet. */
  readonly unsettled?: boolean;
}
const ITEMS: Readonly<Record<string, Item>> = {
  1: { game: 'fantasy-quest', name: 'Dragon sword', price: 500 },
  2: { game: 'fantasy-quest', name: 'Healing potion x10', price: 50 },
  3: { game: 'legacy-arena', name: 'Founder cape', price: 100 },
  4: { game: 'fantasy-quest', name: 'Mythril ore', price: 20, locked: true },
  5: { game: 'fantasy-quest', name: 'Mystery box', price: 10, unsettled: true },
  // A record with its price missing: reading it fails unexpectedly.
  6: { game: 'fantasy-quest', name: 'Broken record' },
};
/** Games whose market is in scheduled maintenance. */
const MAINTENANCE = new Set(['legacy-arena']);
/** A fixed errorMessage for failures nobody planned: their own text never reaches a client. */
const UNEXPECTED = 'Unexpected server error';

/** Options of the app. */
export interface GameMarketOptions {
  /** Trades allowed per API key per minute (429 past it). Default 10. */
  readonly tradesPerMinute?: number;
}

type State = { app: string };

/** Builds the game-market app with fresh demo data. */
export function createApp(options: GameMarketOptions = {}): Koa<State> {
  const limit = options.tradesPerMinute ?? 10;
  const trades = new Map<string, number[]>();
  const balances = new Map<string, number>();
  const packages = new Set<string>();
  const router = new Router<State>();

  router.get('/items/:id', (ctx) => {
    const item = itemFor(ctx.params.id);
    ctx.body = { id: Number(ctx.params.id), name: item.name, game: item.game, price: item.price!.toFixed(0) };
  });

  router.get('/items/:id/price-history', (ctx) => {
    itemFor(ctx.params.id);
    // The price-history cluster is being reconfigured in this demo.
    throw errors.SERVICE_UNAVAILABLE({}, { headers: { 'Retry-After': '300' } });
  });

  router.post('/packages', (ctx) => {
    const { gameAppId, gameAppSecret, name, itemIds } = objectBody(ctx.request.body);
    if (typeof gameAppId !== 'string' || typeof gameAppSecret !== 'string' || typeof name !== 'string'
      || name.length === 0 || name.length > 64 || !Array.isArray(itemIds) || !itemIds.every((id) => Number.isInteger(id))) {
      throw errors.BAD_REQUEST();
    }
    if (!Object.hasOwn(GAME_APPS, gameAppId) || GAME_APPS[gameAppId] !== gameAppSecret) throw errors.INVALID_APP_CREDENTIAL();
    if (itemIds.length === 0 || new Set(itemIds).size !== itemIds.length) throw errors.LOGIC_BAD_REQUEST();
    const registered = (id: unknown): boolean => Object.hasOwn(ITEMS, String(id)) && ITEMS[String(id)]!.game === gameAppId;
    if (!itemIds.every(registered)) throw errors.NEXT_MARKET_NOT_REGISTERED_GAME_ITEM_PACKAGE();
    if (packages.has(name)) throw errors.CONFLICT();
    packages.add(name);
    ctx.status = 201;
    ctx.body = { name, itemIds };
  });

  router.post('/trades', (ctx) => {
    const app = ctx.state.app;
    const now = Date.now();
    const recent = (trades.get(app) ?? []).filter((at) => now - at < 60_000);
    if (recent.length >= limit) throw errors.TOO_MANY_REQUESTS();
    recent.push(now);
    trades.set(app, recent);

    const { itemId, quantity } = objectBody(ctx.request.body);
    if (!Number.isInteger(itemId) || !Number.isInteger(quantity)) throw errors.BAD_REQUEST();
    const item = Object.hasOwn(ITEMS, String(itemId)) ? ITEMS[String(itemId)]! : undefined;
    if (item === undefined) throw errors.LOGIC_NOT_FOUND();
    if (MAINTENANCE.has(item.game)) throw errors.MAINTENANCE();
    if (item.locked) throw errors.ILLEGAL_STATE({ errorMessage: `order book of item ${String(itemId)} is locked` });
    const cost = (item.price ?? 0) * (quantity as number);
    const balance = balances.get(app) ?? 1000;
    if ((quantity as number) < 1 || cost > balance) throw errors.NOT_ENOUGH_ASSET();
    if (item.unsettled) throw errors.INTERNAL_SERVER_ERROR({ errorMessage: 'Seller settlement account is not configured' });
    balances.set(app, balance - cost);
    ctx.status = 201;
    ctx.body = { itemId, quantity, cost, balance: balance - cost };
  });

  const app = new Koa<State>();
  app.use(koaErrorHandler(errors, {
    format,
    // Explicit: by default the first 500 without placeholders (MAINTENANCE) would answer crashes.
    // 413 and 415 (the body parser's limits) have no code in the reference: BAD_REQUEST, said explicitly.
    fallbacks: { 500: 'INTERNAL_SERVER_ERROR', 406: 'NOT_ACCEPTABLE', 413: 'BAD_REQUEST', 415: 'BAD_REQUEST' },
  }));
  app.use(unexpectedAsInternal);
  app.use(async (ctx, next) => {
    await next();
    // The router answers an unknown method with an empty 405 (501 for methods it never routes), Allow set.
    if (ctx.status === 405 || ctx.status === 501) throw errors.METHOD_NOT_ALLOWED();
    if (ctx.status === 404 && ctx.body === undefined) throw errors.NOT_FOUND();
  });
  app.use(async (ctx, next) => {
    if (!ctx.accepts('json')) throw errors.NOT_ACCEPTABLE();
    await next();
  });
  app.use(async (ctx, next) => {
    const key = basicCredentials(ctx.get('authorization'));
    const found = key !== undefined && Object.hasOwn(APPS, key.id) ? APPS[key.id]! : undefined;
    if (found === undefined || found.secret !== key!.secret || found.revoked) throw errors.UNAUTHORIZED();
    if (found.readOnly && ctx.method !== 'GET' && ctx.method !== 'HEAD') throw errors.NOT_ALLOW_API();
    ctx.state.app = key!.id;
    await next();
  });
  // Malformed JSON fails here with a 400, answered as BAD_REQUEST (the 400 fallback).
  app.use(bodyParser({ enableTypes: ['json'] }));
  app.use(router.routes());
  app.use(router.allowedMethods());
  return app;
}

/**
 * The reference has no 500 message without a placeholder that fits a crash. Anything that is not
 * a catalog error or a client (4xx) or 503 HTTP error becomes INTERNAL_SERVER_ERROR with a
 * fixed errorMessage; the original stays on `cause`, for logs only.
 */
async function unexpectedAsInternal(ctx: Koa.Context, next: Koa.Next): Promise<void> {
  try {
    await next();
  } catch (err) {
    if (isHouseError(err) || isClientHttpError(err)) throw err;
    throw errors.INTERNAL_SERVER_ERROR({ errorMessage: UNEXPECTED }, { cause: err });
  }
}

function isClientHttpError(err: unknown): boolean {
  try {
    const status: unknown = (err as { status?: unknown } | null)?.status;
    return typeof status === 'number' && ((status >= 400 && status < 500) || status === 503);
  } catch {
    return false; // a value whose getters throw is no HTTP error
  }
}

function itemFor(id: string | undefined): Item {
  if (id === undefined || !/^\d{1,10}$/.test(id)) throw errors.BAD_REQUEST();
  const item = Object.hasOwn(ITEMS, id) ? ITEMS[id]! : undefined;
  if (item === undefined) throw errors.LOGIC_NOT_FOUND();
  if (MAINTENANCE.has(item.game)) throw errors.MAINTENANCE();
  return item;
}

function objectBody(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw errors.BAD_REQUEST();
  return body as Record<string, unknown>;
}

function basicCredentials(header: string): { id: string; secret: string } | undefined {
  const encoded = /^Basic ([A-Za-z0-9+/]+={0,2})$/i.exec(header)?.[1];
  if (encoded === undefined) return undefined;
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 1 ? undefined : { id: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}

/** Starts the app on `port`. */
export function start(port: number): Promise<Server> {
  return new Promise((resolve) => {
    const server = createApp().listen(port, '127.0.0.1', () => resolve(server));
  });
}

/** Lines a newcomer can paste into a terminal: the reference's characteristic errors. */
export function curlLines(base: string): string[] {
  const user = `-u market-app:market-secret`;
  const json = `-H 'Content-Type: application/json'`;
  return [
    `curl -i ${base}/items/1`,
    `curl -i ${base}/items/1 ${user}`,
    `curl -i ${base}/items/99 ${user}`,
    `curl -i ${base}/nope ${user}`,
    `curl -i -X POST ${base}/trades ${user} ${json} -d '{"itemId":1,"quantity":3}'`,
    `curl -i -X POST ${base}/trades ${user} ${json} -d '{"itemId":4,"quantity":1}'`,
    `curl -i -X POST ${base}/trades ${user} ${json} -d '{"itemId":3,"quantity":1}'`,
    `curl -i -X DELETE ${base}/trades ${user}`,
  ];
}
