/**
 * The marketplace API (Express 5): products, point charges and orders behind an
 * access key (`X-Api-Key`) plus a JWT signed with that key's secret, with an `iat` claim.
 */
import express from 'express';
import jwt from 'jsonwebtoken';
import type { Server } from 'node:http';
import { errorHandler } from '../../lib/index.js';
import { bearerAuth } from '../../lib/bearer/index.js';
import { errors, format } from './catalog.js';

/** The header carrying the partner's access key. */
export const ACCESS_KEY_HEADER = 'X-Api-Key';
/** Oldest token accepted, by its `iat`: an hour, so the printed curl lines keep working. */
export const MAX_TOKEN_AGE_SECONDS = 3600;

/** Demo partners: access key → the secret their tokens are signed with. */
export const PARTNERS: Readonly<Record<string, { readonly secret: string; readonly ledgerDown?: boolean }>> = {
  'ak-demo': { secret: 'demo-partner-signing-secret-0001' },
  // A partner whose points ledger shard is offline: its balance read fails unexpectedly.
  'ak-legacy': { secret: 'legacy-partner-signing-secret-02', ledgerDown: true },
};

const PRODUCTS: Readonly<Record<string, { readonly name: string; readonly price: number }>> = {
  1001: { name: 'Vintage film camera', price: 120000 },
  1002: { name: 'Mechanical keyboard', price: 89000 },
};

/** Options of the app. */
export interface MarketplaceOptions {
  /** Point charges allowed per access key per minute (429 past it). Default 5. */
  readonly chargesPerMinute?: number;
}

/**
 * A token for a demo partner: HS256 with the partner's secret, `iat` now (or `iatSecondsAgo`
 * ago), or no `iat` at all with `withoutIat`.
 */
export function demoToken(accessKey: string, scope: string, options: { iatSecondsAgo?: number; withoutIat?: boolean } = {}): string {
  const secret = PARTNERS[accessKey]?.secret ?? 'not-a-partner-secret-00000000000';
  const payload: Record<string, unknown> = { sub: accessKey, scope };
  if (options.iatSecondsAgo !== undefined) payload.iat = Math.floor(Date.now() / 1000) - options.iatSecondsAgo;
  return jwt.sign(payload, secret, { algorithm: 'HS256', noTimestamp: options.withoutIat === true });
}

/** Builds the marketplace app. */
export function createApp(options: MarketplaceOptions = {}): express.Express {
  const limit = options.chargesPerMinute ?? 5;
  const charges = new Map<string, number[]>();
  const auth = (scope: string) => bearerAuth(errors, {
    algorithms: ['HS256'],
    accessKey: (req) => {
      const value = req.headers['x-api-key'];
      return typeof value === 'string' ? value : undefined;
    },
    verifyAccessKey: (accessKey) => (Object.hasOwn(PARTNERS, accessKey) ? PARTNERS[accessKey]!.secret : undefined),
    requireIat: true,
    maxAgeSeconds: MAX_TOKEN_AGE_SECONDS,
    scope: [scope],
    codes: {
      missing: 'MISSING_AUTH_TOKEN',
      invalid: 'INVALID_AUTH_TOKEN',
      expired: 'EXPIRED_AUTH_TOKEN',
      missingIat: 'MISSING_IAT_CLAIM',
      insufficientScope: 'NOT_ENOUGH_PERMISSION',
      missingAccessKey: 'MISSING_ACCESS_KEY',
      invalidAccessKey: 'INVALID_ACCESS_KEY',
    },
  });
  const partnerOf = (req: express.Request): string => req.headers['x-api-key'] as string;

  const app = express();
  // Malformed JSON fails here with a 400, answered as BAD_REQUEST (the 400 fallback).
  app.use(express.json());

  app.get('/products', (req, res) => {
    const q = req.query.q;
    if (typeof q !== 'string' || q.trim() === '') throw errors.BAD_REQUEST();
    const found = Object.entries(PRODUCTS).filter(([, p]) => p.name.toLowerCase().includes(q.toLowerCase()));
    res.json({ data: found.map(([id, p]) => ({ id: Number(id), ...p })) });
  });

  app.get('/products/:id', (req, res) => {
    const id = req.params.id;
    if (!/^\d{1,12}$/.test(id)) throw errors.BAD_REQUEST();
    const product = Object.hasOwn(PRODUCTS, id) ? PRODUCTS[id] : undefined;
    if (product === undefined) throw errors.RESOURCE_NOT_FOUND();
    res.json({ data: { id: Number(id), ...product } });
  });

  app.get('/points/balance', auth('points:read'), (req, res) => {
    if (PARTNERS[partnerOf(req)]?.ledgerDown) {
      // Not a catalog error: answered as INTERNAL_ERROR, this text never reaches the client.
      throw new Error('points ledger shard 7: connection reset');
    }
    res.json({ data: { balance: 50000 } });
  });

  app.post('/points/charges', auth('points:write'), (req, res) => {
    const partner = partnerOf(req);
    const now = Date.now();
    const recent = (charges.get(partner) ?? []).filter((at) => now - at < 60_000);
    if (recent.length >= limit) throw errors.TOO_MANY_REQUESTS();
    recent.push(now);
    charges.set(partner, recent);
    const amount: unknown = (req.body as { amount?: unknown } | undefined)?.amount;
    if (typeof amount !== 'number' || !Number.isInteger(amount) || amount < 1000 || amount > 1_000_000) throw errors.BAD_REQUEST();
    res.status(201).json({ data: { id: recent.length, amount, status: 'PENDING' } });
  });

  app.post('/orders', auth('orders:write'), (req, res) => {
    const productId: unknown = (req.body as { productId?: unknown } | undefined)?.productId;
    if (typeof productId !== 'number' || !Number.isInteger(productId) || productId < 1) throw errors.BAD_REQUEST();
    const product = Object.hasOwn(PRODUCTS, String(productId)) ? PRODUCTS[String(productId)] : undefined;
    if (product === undefined) throw errors.RESOURCE_NOT_FOUND();
    res.status(201).json({ data: { id: 1, productId, price: product.price, status: 'PAYMENT_RECEIVED' } });
  });

  app.use(() => {
    throw errors.RESOURCE_NOT_FOUND();
  });
  // The reference has no 405, 413 or 415: a router's or body parser's are BAD_REQUEST, said explicitly.
  app.use(errorHandler(errors, { format, fallbacks: { 405: 'BAD_REQUEST', 413: 'BAD_REQUEST', 415: 'BAD_REQUEST' } }));
  return app;
}

/** Starts the app on `port`. */
export function start(port: number): Promise<Server> {
  return new Promise((resolve) => {
    const server = createApp().listen(port, '127.0.0.1', () => resolve(server));
  });
}

/** Lines a newcomer can paste into a terminal: the reference's characteristic errors. */
export function curlLines(base: string): string[] {
  const key = `-H '${ACCESS_KEY_HEADER}: ak-demo'`;
  const json = `-H 'Content-Type: application/json'`;
  const bearer = (token: string): string => `-H 'Authorization: Bearer ${token}'`;
  return [
    `curl -i ${base}/products/9999`,
    `curl -i -X POST ${base}/orders ${json} -d '{"productId":1001}'`,
    `curl -i -X POST ${base}/orders ${bearer(demoToken('ak-demo', 'orders:write'))} ${json} -d '{"productId":1001}'`,
    `curl -i -X POST ${base}/orders ${key} ${bearer(demoToken('ak-demo', 'orders:write', { withoutIat: true }))} ${json} -d '{"productId":1001}'`,
    `curl -i -X POST ${base}/orders ${key} ${bearer(demoToken('ak-demo', 'orders:write', { iatSecondsAgo: 2 * MAX_TOKEN_AGE_SECONDS }))} ${json} -d '{"productId":1001}'`,
    `curl -i -X POST ${base}/points/charges ${key} ${bearer(demoToken('ak-demo', 'orders:write'))} ${json} -d '{"amount":5000}'`,
    `curl -i -X POST ${base}/orders ${key} ${bearer(demoToken('ak-demo', 'orders:write'))} ${json} -d '{"productId": oops}'`,
    `curl -i -X POST ${base}/orders ${key} ${bearer(demoToken('ak-demo', 'orders:write'))} ${json} -d '{"productId":1001}'`,
  ];
}
