/**
 * examples/marketplace (the marketplace reference, Express 5): every catalog entry reached through a real
 * route, with its exact status, body and challenge.
 */
import assert from 'node:assert/strict';
import jwt from 'jsonwebtoken';
import request from 'supertest';
import { createApp, demoToken, MAX_TOKEN_AGE_SECONDS } from '../../examples/marketplace/server.js';
import { errors, format } from '../../examples/marketplace/catalog.js';
import { assertAnswer, assertEveryKey, within, type Expected } from './http.js';

const REALM = 'Bearer realm="marketplace"';
const invalidToken = (description: string): string => `${REALM}, error="invalid_token", error_description="${description}"`;
const ANSWERS = {
  BAD_REQUEST: {
    key: 'BAD_REQUEST', status: 400,
    body: { errorCode: 'BAD_REQUEST', reason: 'Invalid or missing query parameters, or malformed JSON in the request body.' },
    headers: { 'WWW-Authenticate': undefined },
  },
  MISSING_AUTH_TOKEN: {
    key: 'MISSING_AUTH_TOKEN', status: 401,
    body: { errorCode: 'MISSING_AUTH_TOKEN', reason: 'Auth token missing in the request.' },
    headers: { 'WWW-Authenticate': REALM },
  },
  MISSING_ACCESS_KEY: {
    key: 'MISSING_ACCESS_KEY', status: 401,
    body: { errorCode: 'MISSING_ACCESS_KEY', reason: 'Access key missing in the request.' },
    headers: { 'WWW-Authenticate': invalidToken('Access key missing in the request.') },
  },
  INVALID_ACCESS_KEY: {
    key: 'INVALID_ACCESS_KEY', status: 401,
    body: { errorCode: 'INVALID_ACCESS_KEY', reason: 'Invalid access Key.' },
    headers: { 'WWW-Authenticate': invalidToken('Invalid access Key.') },
  },
  MISSING_IAT_CLAIM: {
    key: 'MISSING_IAT_CLAIM', status: 401,
    body: { errorCode: 'MISSING_IAT_CLAIM', reason: "JWT 'iat' claim missing in the request." },
    headers: { 'WWW-Authenticate': invalidToken("JWT 'iat' claim missing in the request.") },
  },
  INVALID_AUTH_TOKEN: {
    key: 'INVALID_AUTH_TOKEN', status: 401,
    body: { errorCode: 'INVALID_AUTH_TOKEN', reason: 'Invalid Or Missing Auth Token' },
    headers: { 'WWW-Authenticate': invalidToken('Invalid Or Missing Auth Token') },
  },
  EXPIRED_AUTH_TOKEN: {
    key: 'EXPIRED_AUTH_TOKEN', status: 401,
    body: { errorCode: 'EXPIRED_AUTH_TOKEN', reason: 'Expired auth token.' },
    headers: { 'WWW-Authenticate': invalidToken('Expired auth token.') },
  },
  RESOURCE_NOT_FOUND: {
    key: 'RESOURCE_NOT_FOUND', status: 404,
    body: { errorCode: 'RESOURCE_NOT_FOUND', reason: 'Resource not found.' },
    headers: { 'WWW-Authenticate': undefined },
  },
  TOO_MANY_REQUESTS: {
    key: 'TOO_MANY_REQUESTS', status: 429,
    body: { errorCode: 'TOO_MANY_REQUESTS', reason: 'Too many requests.' },
    headers: { 'Retry-After': '60' },
  },
  INTERNAL_ERROR: {
    key: 'INTERNAL_ERROR', status: 500,
    body: { errorCode: 'INTERNAL_ERROR', reason: 'Internal server error.' },
    headers: { 'WWW-Authenticate': undefined },
  },
} as const satisfies Record<string, Expected>;

function notEnoughPermission(scope: string): Expected {
  return {
    key: 'NOT_ENOUGH_PERMISSION', status: 403,
    body: { errorCode: 'NOT_ENOUGH_PERMISSION', reason: 'Not enough permission.' },
    headers: { 'WWW-Authenticate': `${REALM}, error="insufficient_scope", error_description="Not enough permission.", scope="${scope}"` },
  };
}

const bearer = (token: string): string => `Bearer ${token}`;
const partner = (scope: string, options?: Parameters<typeof demoToken>[2]) => ({
  'X-Api-Key': 'ak-demo', Authorization: bearer(demoToken('ak-demo', scope, options)),
});

describe('examples/marketplace (the marketplace reference, Express 5)', () => {
  const reached = new Set<string>();
  const expectAnswer = (res: request.Response, want: Expected): void => {
    assertAnswer(errors, format, res, want);
    reached.add(want.key);
  };

  describe('products (public)', () => {
    const app = createApp();
    it('answers a known product', async () => {
      const res = await within(request(app).get('/products/1001'));
      assert.equal(res.status, 200);
      assert.deepEqual(res.body, { data: { id: 1001, name: 'Vintage film camera', price: 120000 } });
    });
    it('BAD_REQUEST for a search without its query parameter', async () => {
      expectAnswer(await within(request(app).get('/products')), ANSWERS.BAD_REQUEST);
    });
    it('BAD_REQUEST for a product id that is not a number', async () => {
      expectAnswer(await within(request(app).get('/products/abc')), ANSWERS.BAD_REQUEST);
    });
    it('RESOURCE_NOT_FOUND for an unknown product, and for an unknown path', async () => {
      expectAnswer(await within(request(app).get('/products/9999')), ANSWERS.RESOURCE_NOT_FOUND);
      expectAnswer(await within(request(app).get('/no/such/path')), ANSWERS.RESOURCE_NOT_FOUND);
    });
  });

  describe('orders: access key and JWT with iat', () => {
    const app = createApp();
    const order = (headers: Record<string, string>, body: unknown = { productId: 1001 }) =>
      within(request(app).post('/orders').set(headers).send(body as object));

    it('creates an order with a fresh token for the partner', async () => {
      const res = await order(partner('orders:write'));
      assert.equal(res.status, 201);
      assert.deepEqual(res.body, { data: { id: 1, productId: 1001, price: 120000, status: 'PAYMENT_RECEIVED' } });
    });
    it('MISSING_AUTH_TOKEN without Authorization: a challenge without error (RFC 6750 §3.1)', async () => {
      expectAnswer(await order({ 'X-Api-Key': 'ak-demo' }), ANSWERS.MISSING_AUTH_TOKEN);
      expectAnswer(await order({ 'X-Api-Key': 'ak-demo', Authorization: 'Basic YTpi' }), ANSWERS.MISSING_AUTH_TOKEN);
    });
    it('MISSING_ACCESS_KEY with a token but no X-Api-Key', async () => {
      expectAnswer(await order({ Authorization: bearer(demoToken('ak-demo', 'orders:write')) }), ANSWERS.MISSING_ACCESS_KEY);
    });
    it('INVALID_ACCESS_KEY for an access key nobody was given', async () => {
      expectAnswer(await order({ ...partner('orders:write'), 'X-Api-Key': 'ak-stolen' }), ANSWERS.INVALID_ACCESS_KEY);
    });
    it('MISSING_IAT_CLAIM for a token without iat', async () => {
      expectAnswer(await order(partner('orders:write', { withoutIat: true })), ANSWERS.MISSING_IAT_CLAIM);
    });
    it('INVALID_AUTH_TOKEN for a token signed with another secret, and for a token that is no JWT', async () => {
      const forged = jwt.sign({ scope: 'orders:write' }, 'someone-elses-secret-000000000000', { algorithm: 'HS256' });
      expectAnswer(await order({ 'X-Api-Key': 'ak-demo', Authorization: bearer(forged) }), ANSWERS.INVALID_AUTH_TOKEN);
      expectAnswer(await order({ 'X-Api-Key': 'ak-demo', Authorization: bearer('not.a.jwt') }), ANSWERS.INVALID_AUTH_TOKEN);
    });
    it('EXPIRED_AUTH_TOKEN for a token issued longer ago than maxAgeSeconds, and for one past exp', async () => {
      expectAnswer(await order(partner('orders:write', { iatSecondsAgo: MAX_TOKEN_AGE_SECONDS + 60 })), ANSWERS.EXPIRED_AUTH_TOKEN);
      const past = jwt.sign({ scope: 'orders:write', exp: Math.floor(Date.now() / 1000) - 10 }, 'demo-partner-signing-secret-0001', { algorithm: 'HS256' });
      expectAnswer(await order({ 'X-Api-Key': 'ak-demo', Authorization: bearer(past) }), ANSWERS.EXPIRED_AUTH_TOKEN);
    });
    it('NOT_ENOUGH_PERMISSION with the missing scope for a token without orders:write', async () => {
      expectAnswer(await order(partner('points:read')), notEnoughPermission('orders:write'));
    });
    it('BAD_REQUEST for malformed JSON, and for an order without a product id', async () => {
      const malformed = await within(request(app).post('/orders').set(partner('orders:write')).set('Content-Type', 'application/json').send('{"productId": oops}'));
      expectAnswer(malformed, ANSWERS.BAD_REQUEST);
      expectAnswer(await order(partner('orders:write'), { quantity: 1 }), ANSWERS.BAD_REQUEST);
    });
    it('RESOURCE_NOT_FOUND for an order of an unknown product', async () => {
      expectAnswer(await order(partner('orders:write'), { productId: 4242 }), ANSWERS.RESOURCE_NOT_FOUND);
    });
  });

  describe('points', () => {
    it('TOO_MANY_REQUESTS past the per-minute charge limit, with Retry-After', async () => {
      const app = createApp({ chargesPerMinute: 2 });
      const charge = () => within(request(app).post('/points/charges').set(partner('points:write')).send({ amount: 5000 }));
      assert.equal((await charge()).status, 201);
      assert.equal((await charge()).status, 201);
      expectAnswer(await charge(), ANSWERS.TOO_MANY_REQUESTS);
    });
    it('INTERNAL_ERROR when the ledger fails unexpectedly: the cause never reaches the client', async () => {
      const app = createApp();
      const headers = { 'X-Api-Key': 'ak-legacy', Authorization: bearer(demoToken('ak-legacy', 'points:read')) };
      const res = await within(request(app).get('/points/balance').set(headers));
      expectAnswer(res, ANSWERS.INTERNAL_ERROR);
      assert.doesNotMatch(res.text, /ledger|shard/);
      const ok = await within(request(app).get('/points/balance').set(partner('points:read')));
      assert.deepEqual([ok.status, ok.body], [200, { data: { balance: 50000 } }]);
    });
  });

  // Runs last: mocha runs a suite's own tests before its child suites.
  describe('coverage', () => {
    it('reached every catalog entry', () => {
      assertEveryKey(errors, reached);
    });
  });
});
