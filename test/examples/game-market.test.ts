/**
 * examples/game-market (the game market reference, Koa 3): every catalog entry reached through a real route,
 * with its exact status and body; 406 for logic errors, 500 for retryable ones.
 */
import assert from 'node:assert/strict';
import request from 'supertest';
import { createApp } from '../../examples/game-market/server.js';
import { errors, format } from '../../examples/game-market/catalog.js';
import { assertAnswer, assertEveryKey, within, type Expected } from './http.js';

function answer(key: string, status: number, code: string, message: string, headers: Expected['headers'] = {}): Expected {
  return { key, status, body: { code, message }, headers };
}

const A = {
  SERVICE_UNAVAILABLE: answer('SERVICE_UNAVAILABLE', 503, 'SERVICE_UNAVAILABLE', 'Service unavailable', { 'Retry-After': '300' }),
  BAD_REQUEST: answer('BAD_REQUEST', 400, 'BAD_REQUEST', 'Invalid input parameters'),
  NOT_ALLOW_API: answer('NOT_ALLOW_API', 403, 'NOT_ALLOW_API', 'Not allowed API'),
  UNAUTHORIZED: answer('UNAUTHORIZED', 401, 'UNAUTHORIZED', 'Unauthorized', { 'WWW-Authenticate': 'Basic realm="game-market", charset="UTF-8"' }),
  NOT_FOUND: answer('NOT_FOUND', 404, 'NOT_FOUND', 'Not found'),
  METHOD_NOT_ALLOWED: answer('METHOD_NOT_ALLOWED', 405, 'METHOD_NOT_ALLOWED', 'Method not allowed', { Allow: 'POST' }),
  NOT_ACCEPTABLE: answer('NOT_ACCEPTABLE', 406, 'NOT_ACCEPTABLE', 'Not acceptable'),
  TOO_MANY_REQUESTS: answer('TOO_MANY_REQUESTS', 429, 'TOO_MANY_REQUESTS', 'Too many requests', { 'Retry-After': '60' }),
  INTERNAL_SERVER_ERROR: (message: string) => answer('INTERNAL_SERVER_ERROR', 500, 'INTERNAL_SERVER_ERROR', message),
  MAINTENANCE: answer('MAINTENANCE', 500, 'MAINTENANCE', 'Maintenance'),
  ILLEGAL_STATE: (detail: string) => answer('ILLEGAL_STATE', 500, 'ILLEGAL_STATE', `Illegal state: ${detail}`),
  LOGIC_BAD_REQUEST: answer('LOGIC_BAD_REQUEST', 406, 'BAD_REQUEST', 'Bad request'),
  LOGIC_NOT_FOUND: answer('LOGIC_NOT_FOUND', 406, 'NOT_FOUND', 'Not found'),
  CONFLICT: answer('CONFLICT', 406, 'CONFLICT', 'Already exists'),
  NOT_ENOUGH_ASSET: answer('NOT_ENOUGH_ASSET', 406, 'NOT_ENOUGH_ASSET', 'Not enough asset'),
  NOT_REGISTERED: answer('NEXT_MARKET_NOT_REGISTERED_GAME_ITEM_PACKAGE', 406, 'NEXT_MARKET_NOT_REGISTERED_GAME_ITEM_PACKAGE', 'Not registered game item package'),
  INVALID_APP_CREDENTIAL: answer('INVALID_APP_CREDENTIAL', 406, 'INVALID_APP_CREDENTIAL', 'App id & secret is not valid'),
};

describe('examples/game-market (the game market reference, Koa 3)', () => {
  const reached = new Set<string>();
  const expectAnswer = (res: request.Response, want: Expected): void => {
    assertAnswer(errors, format, res, want);
    reached.add(want.key);
  };
  const server = (options?: Parameters<typeof createApp>[0]) => createApp(options).callback();

  describe('authentication and routing', () => {
    const app = server();
    it('UNAUTHORIZED with a Basic challenge: no credentials, a wrong secret, a revoked key', async () => {
      expectAnswer(await within(request(app).get('/items/1')), A.UNAUTHORIZED);
      expectAnswer(await within(request(app).get('/items/1').auth('market-app', 'guess')), A.UNAUTHORIZED);
      expectAnswer(await within(request(app).get('/items/1').auth('revoked-app', 'revoked-secret')), A.UNAUTHORIZED);
    });
    it('NOT_ALLOW_API for a read-only key calling a write API', async () => {
      expectAnswer(await within(request(app).post('/trades').auth('viewer-app', 'viewer-secret').send({ itemId: 1, quantity: 1 })), A.NOT_ALLOW_API);
    });
    it('NOT_FOUND (404) for an incorrect URI', async () => {
      expectAnswer(await within(request(app).get('/itemz/1').auth('market-app', 'market-secret')), A.NOT_FOUND);
    });
    it('METHOD_NOT_ALLOWED (405) with Allow for an unsupported method', async () => {
      expectAnswer(await within(request(app).delete('/trades').auth('market-app', 'market-secret')), A.METHOD_NOT_ALLOWED);
    });
    it('NOT_ACCEPTABLE (406) when the client accepts no JSON', async () => {
      expectAnswer(await within(request(app).get('/items/1').auth('market-app', 'market-secret').set('Accept', 'text/html')), A.NOT_ACCEPTABLE);
    });
  });

  describe('items', () => {
    const app = server();
    const get = (path: string) => within(request(app).get(path).auth('market-app', 'market-secret'));
    it('answers an item', async () => {
      const res = await get('/items/1');
      assert.deepEqual([res.status, res.body], [200, { id: 1, name: 'Dragon sword', game: 'fantasy-quest', price: '500' }]);
    });
    it('BAD_REQUEST (400) for an id in the wrong format', async () => {
      expectAnswer(await get('/items/one'), A.BAD_REQUEST);
    });
    it('NOT_FOUND at 406, not retryable, for an item that does not exist', async () => {
      expectAnswer(await get('/items/99'), A.LOGIC_NOT_FOUND);
    });
    it('MAINTENANCE (500, retryable) for a game whose market is in maintenance', async () => {
      expectAnswer(await get('/items/3'), A.MAINTENANCE);
    });
    it('SERVICE_UNAVAILABLE (503) with Retry-After while price history is reconfigured', async () => {
      expectAnswer(await get('/items/1/price-history'), A.SERVICE_UNAVAILABLE);
    });
    it('INTERNAL_SERVER_ERROR with a fixed errorMessage for an unexpected failure, never its own text', async () => {
      const res = await get('/items/6');
      expectAnswer(res, A.INTERNAL_SERVER_ERROR('Unexpected server error'));
      assert.doesNotMatch(res.text, /toFixed|undefined/);
    });
  });

  describe('trades', () => {
    const app = server();
    const trade = (body: unknown) => within(request(app).post('/trades').auth('market-app', 'market-secret').send(body as object));
    it('trades within the balance', async () => {
      const res = await trade({ itemId: 2, quantity: 2 });
      assert.deepEqual([res.status, res.body], [201, { itemId: 2, quantity: 2, cost: 100, balance: 900 }]);
    });
    it('BAD_REQUEST (400) for malformed JSON and for a quantity that is not an integer', async () => {
      const malformed = await within(request(app).post('/trades').auth('market-app', 'market-secret').set('Content-Type', 'application/json').send('{"itemId":'));
      expectAnswer(malformed, A.BAD_REQUEST);
      expectAnswer(await trade({ itemId: 1, quantity: 'two' }), A.BAD_REQUEST);
    });
    it('NOT_FOUND (406) for an unknown item', async () => {
      expectAnswer(await trade({ itemId: 99, quantity: 1 }), A.LOGIC_NOT_FOUND);
    });
    it('NOT_ENOUGH_ASSET (406) past the balance, and for a quantity below one', async () => {
      expectAnswer(await trade({ itemId: 1, quantity: 3 }), A.NOT_ENOUGH_ASSET);
      expectAnswer(await trade({ itemId: 2, quantity: 0 }), A.NOT_ENOUGH_ASSET);
    });
    it('ILLEGAL_STATE (500, retryable) with its message template filled in', async () => {
      expectAnswer(await trade({ itemId: 4, quantity: 1 }), A.ILLEGAL_STATE('order book of item 4 is locked'));
    });
    it('MAINTENANCE (500) for an item of a game in maintenance', async () => {
      expectAnswer(await trade({ itemId: 3, quantity: 1 }), A.MAINTENANCE);
    });
    it('INTERNAL_SERVER_ERROR (500, retryable) with its {errorMessage} when settlement is not configured', async () => {
      expectAnswer(await trade({ itemId: 5, quantity: 1 }), A.INTERNAL_SERVER_ERROR('Seller settlement account is not configured'));
    });
    it('TOO_MANY_REQUESTS (429) with Retry-After past the per-minute limit', async () => {
      const limited = server({ tradesPerMinute: 1 });
      const once = () => within(request(limited).post('/trades').auth('market-app', 'market-secret').send({ itemId: 2, quantity: 1 }));
      assert.equal((await once()).status, 201);
      expectAnswer(await once(), A.TOO_MANY_REQUESTS);
    });
  });

  describe('packages', () => {
    const app = server();
    const register = (extra: Record<string, unknown>) => within(request(app).post('/packages').auth('market-app', 'market-secret')
      .send({ gameAppId: 'fantasy-quest', gameAppSecret: 'fantasy-studio-secret', name: 'Starter pack', itemIds: [1, 2], ...extra }));
    it('registers a package', async () => {
      const res = await register({});
      assert.deepEqual([res.status, res.body], [201, { name: 'Starter pack', itemIds: [1, 2] }]);
    });
    it('INVALID_APP_CREDENTIAL (406) for a game app secret that does not match', async () => {
      expectAnswer(await register({ gameAppSecret: 'guess', name: 'Other' }), A.INVALID_APP_CREDENTIAL);
    });
    it('BAD_REQUEST (400) for a name longer than 64 characters', async () => {
      expectAnswer(await register({ name: 'n'.repeat(65) }), A.BAD_REQUEST);
    });
    it('BAD_REQUEST at 406 for an empty package or repeated items', async () => {
      expectAnswer(await register({ name: 'Empty', itemIds: [] }), A.LOGIC_BAD_REQUEST);
      expectAnswer(await register({ name: 'Twice', itemIds: [1, 1] }), A.LOGIC_BAD_REQUEST);
    });
    it('NEXT_MARKET_NOT_REGISTERED_GAME_ITEM_PACKAGE (406) for an item of another game', async () => {
      expectAnswer(await register({ name: 'Mixed', itemIds: [1, 3] }), A.NOT_REGISTERED);
    });
    it('CONFLICT (406) for a package name that exists', async () => {
      expectAnswer(await register({}), A.CONFLICT);
    });
  });

  describe('coverage', () => {
    it('reached every catalog entry', () => {
      assertEveryKey(errors, reached);
    });
  });
});
