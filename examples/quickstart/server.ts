/**
 * The quick-start API (Express 5): a tiny shop whose routes fail for real reasons.
 */
import express from 'express';
import type { Server } from 'node:http';
import { z } from 'zod';
import { errorHandler } from '../../lib/index.js';
import { fromZod } from '../../lib/validation/index.js';
import { errors } from './catalog.js';

// The order body, checked by zod: each bad field becomes a violation (422 INVALID_ORDER).
const Order = z.strictObject({ sku: z.string().regex(/^SKU-\d+$/), quantity: z.number().int().min(1) });

const TOKENS: Record<string, { user: string; scopes: string[] }> = {
  'reader-token': { user: 'ada', scopes: ['orders:read'] },
  'admin-token': { user: 'grace', scopes: ['orders:read', 'orders:write'] },
};
const STOCK: Record<string, number> = { 'SKU-1': 3, 'SKU-2': 0 };

/** Builds the quick-start app. */
export function createApp(): express.Express {
  const app = express();
  app.use(express.json());

  // A deliberately small token check: the JWT version lives in house-errors/bearer.
  const auth = (scope: string): express.RequestHandler => (req, _res, next) => {
    const header = req.get('authorization');
    if (header === undefined) return next(errors.MISSING_AUTH_TOKEN());
    const token = /^Bearer ([\w.~+/-]+=*)$/i.exec(header)?.[1];
    const session = token === undefined ? undefined : TOKENS[token];
    if (session === undefined) return next(errors.INVALID_AUTH_TOKEN());
    if (!session.scopes.includes(scope)) return next(errors.NOT_ENOUGH_PERMISSION({}, { scope: [scope] }));
    next();
  };

  app.get('/products/:sku', (req, res) => {
    const stock = STOCK[req.params.sku];
    if (stock === undefined) throw errors['{RESOURCE}_NOT_EXIST']({ RESOURCE: 'PRODUCT' });
    res.json({ sku: req.params.sku, stock });
  });

  app.post('/orders', auth('orders:write'), (req, res) => {
    // reportInput lets the converter tell a missing field (REQUIRED) from a wrong one (INVALID_TYPE).
    const parsed = Order.safeParse(req.body ?? {}, { reportInput: true });
    if (!parsed.success) throw errors.INVALID_ORDER({}, { details: fromZod(parsed.error) });
    const { sku, quantity } = parsed.data;
    const stock = STOCK[sku];
    if (stock === undefined) throw errors['{RESOURCE}_NOT_EXIST']({ RESOURCE: 'PRODUCT' });
    if (stock < quantity) throw errors.OUT_OF_STOCK({ available: stock, sku });
    res.status(201).json({ sku, quantity });
  });

  app.get('/orders', auth('orders:read'), async () => {
    // A failure the catalog did not plan for: answered as INTERNAL_ERROR, never echoed.
    throw new Error('connect ECONNREFUSED 10.0.0.7:5432');
  });

  app.use((_req, _res, next) => next(errors['{RESOURCE}_NOT_EXIST']({ RESOURCE: 'ROUTE' })));
  app.use(errorHandler(errors, {
    format: 'code-message',
    // Chosen, not defaulted: foreign 404s (a static file) keep their status; a 405, a body too large
    // or of the wrong type and a rate limiter's 429 are BAD_REQUEST (the catalog has no such statuses).
    fallbacks: {
      404: ['{RESOURCE}_NOT_EXIST', { RESOURCE: 'ROUTE' }],
      405: 'BAD_REQUEST', 413: 'BAD_REQUEST', 415: 'BAD_REQUEST', 429: 'BAD_REQUEST',
    },
  }));
  return app;
}

/** Starts the app on `port`. */
export function start(port: number): Promise<Server> {
  return new Promise((resolve) => {
    const server = createApp().listen(port, '127.0.0.1', () => resolve(server));
  });
}

/** Lines a newcomer can paste into a terminal. */
export function curlLines(base: string): string[] {
  return [
    `curl -i ${base}/products/SKU-9`,
    `curl -i -X POST ${base}/orders -H 'Content-Type: application/json' -d '{"sku":"SKU-1","quantity":1}'`,
    `curl -i -X POST ${base}/orders -H 'Authorization: Bearer nope' -H 'Content-Type: application/json' -d '{}'`,
    `curl -i -X POST ${base}/orders -H 'Authorization: Bearer reader-token' -H 'Content-Type: application/json' -d '{}'`,
    `curl -i -X POST ${base}/orders -H 'Authorization: Bearer admin-token' -H 'Content-Type: application/json' -d '{"sku":"sku1","quantity":0,"note":"x"}'`,
    `curl -i -X POST ${base}/orders -H 'Authorization: Bearer admin-token' -H 'Content-Type: application/json' -d '{"sku":"SKU-1","quantity":5}'`,
    `curl -i -X POST ${base}/orders -H 'Authorization: Bearer admin-token' -H 'Content-Type: application/json' -d '{"sku": oops}'`,
    `curl -i ${base}/orders -H 'Authorization: Bearer reader-token'`,
  ];
}
