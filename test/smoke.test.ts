import assert from 'node:assert/strict';
import request from 'supertest';
import { createServer, forEachServer } from './support/servers.js';
import { errors } from './support/catalog.js';

describe('harness', () => {
  forEachServer((name) => {
    it('answers a thrown catalog error', async () => {
      const server = createServer(name, {
        catalog: errors, options: { format: 'code-message' },
        routes: { '/fail': () => { throw errors.INVALID_AUTH_TOKEN(); }, '/ok': () => ({ ok: 1 }) },
      });
      const res = await request(server).get('/fail');
      assert.equal(res.status, 401);
      assert.deepEqual(res.body, { code: 'INVALID_AUTH_TOKEN', message: 'Invalid auth token.' });
      assert.equal(res.headers['www-authenticate'], 'Bearer realm="api", error="invalid_token", error_description="Invalid auth token."');
      const ok = await request(server).get('/ok');
      assert.equal(ok.status, 200);
    });
  });
});
