/**
 * house-errors/bearer on the wire, on Express 4, Express 5, Koa 2 and Koa 3 with the core's
 * error middleware: what only HTTP shows. The payload lands on req.auth / ctx.state.auth; each
 * failure reaches the error handler and is answered with its status, exact body, exact
 * WWW-Authenticate (and what auth-header parses from it); Node's own parsing of the request.
 * Which fault gives which error is verify.test.ts's table, in one process.
 */
import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import { parse as parseAuthHeader } from 'auth-header';
import jwt from 'jsonwebtoken';
import request, { type Response } from 'supertest';
import { bearerAuth, koaBearerAuth, koaRequireScopes, requireScopes } from '../../lib/bearer/index.js';
import { createServer, forEachServer, type ServerName } from '../support/servers.js';
import { deadUri, jwksServer } from '../support/jwks.js';
import {
  authErrors, CODES, goodClaims, now, pem, RSA_NEW, sign, STRICT, without, withHeader, type Options,
} from '../support/bearer.js';

/** What one failure looks like on the wire, written out by hand. */
interface Expected {
  readonly status: number;
  readonly reason: string;
  /** The exact WWW-Authenticate value; undefined when there must be none. */
  readonly challenge: string | undefined;
  /** What an independent parser must read from it. */
  readonly params?: Readonly<Record<string, string>>;
}

const EXPECTED = {
  INVALID_AUTH_REQUEST: {
    status: 400, reason: 'Malformed Authorization header.',
    challenge: 'Bearer realm="marketplace", error="invalid_request", error_description="Malformed Authorization header."',
    params: { realm: 'marketplace', error: 'invalid_request', error_description: 'Malformed Authorization header.' },
  },
  MISSING_AUTH_TOKEN: {
    status: 401, reason: 'Auth token missing in the request.',
    challenge: 'Bearer realm="marketplace"', params: { realm: 'marketplace' },
  },
  MISSING_ACCESS_KEY: {
    status: 401, reason: 'Access key missing in the request.',
    challenge: 'Bearer realm="marketplace", error="invalid_token", error_description="Access key missing in the request."',
    params: { realm: 'marketplace', error: 'invalid_token', error_description: 'Access key missing in the request.' },
  },
  INVALID_ACCESS_KEY: {
    status: 401, reason: 'Invalid access Key.',
    challenge: 'Bearer realm="marketplace", error="invalid_token", error_description="Invalid access Key."',
    params: { realm: 'marketplace', error: 'invalid_token', error_description: 'Invalid access Key.' },
  },
  MISSING_IAT_CLAIM: {
    status: 401, reason: "JWT 'iat' claim missing in the request.",
    challenge: 'Bearer realm="marketplace", error="invalid_token", error_description="JWT \'iat\' claim missing in the request."',
    params: { realm: 'marketplace', error: 'invalid_token', error_description: "JWT 'iat' claim missing in the request." },
  },
  INVALID_AUTH_TOKEN: {
    status: 401, reason: 'Invalid auth token.',
    challenge: 'Bearer realm="marketplace", error="invalid_token", error_description="Invalid auth token."',
    params: { realm: 'marketplace', error: 'invalid_token', error_description: 'Invalid auth token.' },
  },
  EXPIRED_AUTH_TOKEN: {
    status: 401, reason: 'Expired auth token.',
    challenge: 'Bearer realm="marketplace", error="invalid_token", error_description="Expired auth token."',
    params: { realm: 'marketplace', error: 'invalid_token', error_description: 'Expired auth token.' },
  },
  NOT_ENOUGH_PERMISSION: {
    status: 403, reason: 'Not enough permission.',
    challenge: 'Bearer realm="marketplace", error="insufficient_scope", error_description="Not enough permission.", scope="orders:write"',
    params: { realm: 'marketplace', error: 'insufficient_scope', error_description: 'Not enough permission.', scope: 'orders:write' },
  },
  INTERNAL_ERROR: { status: 500, reason: 'Internal server error.', challenge: undefined },
  KEYS_UNAVAILABLE: { status: 503, reason: 'Authentication is unavailable, try again shortly.', challenge: undefined },
} as const satisfies Record<string, Expected>;

/** Status, exact body and content type, exact challenge, and the challenge as auth-header reads it. */
function assertAnswer(res: Response, key: keyof typeof EXPECTED): void {
  const want: Expected = EXPECTED[key];
  assert.equal(res.status, want.status, `status of ${key}: ${res.text}`);
  assert.deepEqual(res.body, { errorCode: key, reason: want.reason });
  assert.equal(res.headers['content-type'], 'application/json; charset=utf-8');
  assert.equal(res.headers['www-authenticate'], want.challenge);
  if (want.challenge !== undefined) {
    const parsed = parseAuthHeader(res.headers['www-authenticate'] as string);
    assert.equal(parsed.scheme, 'Bearer');
    assert.equal(parsed.token, null);
    assert.deepEqual(parsed.params, want.params);
  }
}

/** An app with one bearer config in front of a route that echoes what the middleware placed. */
function appWith(name: ServerName, options: Options, seen: unknown[] = [], scopes?: readonly string[]): Server {
  const scopeCodes = { codes: { missing: 'MISSING_AUTH_TOKEN', insufficientScope: 'NOT_ENOUGH_PERMISSION' } } as const;
  return createServer(name, {
    catalog: authErrors,
    options: { format: 'errorCode-reason', onError: (err) => { seen.push(err); } },
    before: {
      express: [bearerAuth(authErrors, options), ...(scopes === undefined ? [] : [requireScopes(authErrors, scopes, scopeCodes)])],
      koa: [koaBearerAuth(authErrors, options), ...(scopes === undefined ? [] : [koaRequireScopes(authErrors, scopes, scopeCodes)])],
    },
    routes: {
      '/me': (input) => ({ auth: input.server.startsWith('koa') ? input.state?.auth : (input.req as { auth?: unknown }).auth }),
    },
  });
}

function get(server: Server, path = '/me'): request.Test {
  return request(server).get(path).timeout(5000);
}

const bearer = (token: string): [string, string] => ['Authorization', `Bearer ${token}`];

const idp = jwksServer([{ kid: 'rsa-2026', key: RSA_NEW.publicKey }]);
let downUri = '';
before(async () => { downUri = await deadUri(); });

forEachServer((name) => {
  const seen: unknown[] = [];
  const strict = appWith(name, { ...STRICT, allowQueryToken: true }, seen);
  const clients: Record<string, string> = { 'client-a': 'secret-of-client-a-0123456789abcdef' };
  const accessKeys = appWith(name, {
    algorithms: ['HS256'],
    accessKey: (req) => req.headers['x-access-key'] as string | undefined,
    verifyAccessKey: (key) => (Object.hasOwn(clients, key) ? clients[key] : undefined),
    codes: CODES,
  });
  const keyStore = appWith(name, {
    algorithms: ['RS256'],
    getKey: async (header) => {
      if (header.kid === 'down') throw new Error('key store unreachable');
      return header.kid === '2026' ? pem(RSA_NEW.publicKey) : undefined;
    },
    codes: CODES,
  }, seen);
  beforeEach(() => { seen.length = 0; });

  describe('bearer middleware, a verified token', () => {
    it('→ 200, the payload on req.auth / ctx.state.auth, no challenge', async () => {
      const claims = goodClaims();
      const res = await get(strict).set(...bearer(sign(claims)));
      assert.equal(res.status, 200);
      assert.deepEqual(res.body, { auth: claims });
      assert.equal(res.headers['www-authenticate'], undefined);
    });

    it('?access_token= with allowQueryToken: the adapter reads the request URL → 200', async () => {
      const claims = goodClaims();
      const res = await get(strict, `/me?access_token=${sign(claims)}`);
      assert.equal(res.status, 200);
      assert.deepEqual(res.body, { auth: claims });
    });

    it('a key looked up asynchronously → 200', async () => {
      const claims = goodClaims();
      const res = await get(keyStore).set(...bearer(sign(claims, RSA_NEW.privateKey, { algorithm: 'RS256', keyid: '2026' })));
      assert.equal(res.status, 200);
      assert.deepEqual(res.body, { auth: claims });
    });
  });

  describe('bearer middleware, each failure answered by the error handler', () => {
    const cases: ReadonlyArray<[string, () => request.Test, keyof typeof EXPECTED]> = [
      ['no Authorization header', () => get(strict), 'MISSING_AUTH_TOKEN'],
      // Node keeps the first Authorization in req.headers; only rawHeaders shows the second.
      ['two Authorization headers', () => get(strict).set('Authorization', [`Bearer ${sign(goodClaims())}`, 'Basic dXNlcjpwYXNz'] as unknown as string), 'INVALID_AUTH_REQUEST'],
      ['a token in both the header and the query', () => get(strict, `/me?access_token=${sign(goodClaims())}`).set(...bearer(sign(goodClaims()))), 'INVALID_AUTH_REQUEST'],
      ['a bad signature', () => get(strict).set(...bearer(sign(goodClaims(), 'another-secret-of-enough-length!!'))), 'INVALID_AUTH_TOKEN'],
      // About 13 KB of header, under Node's 16 KB limit: it reaches the middleware.
      ['alg nested 4800 arrays deep', () => get(strict).set(...bearer(withHeader(`{"alg":${'['.repeat(4800)}${']'.repeat(4800)}}`, goodClaims()))), 'INVALID_AUTH_TOKEN'],
      ['an expired token', () => get(strict).set(...bearer(sign({ ...goodClaims(), exp: now() - 5 }))), 'EXPIRED_AUTH_TOKEN'],
      ['no iat with requireIat', () => get(strict).set(...bearer(sign(without(goodClaims(), 'iat')))), 'MISSING_IAT_CLAIM'],
      ['a missing scope: the challenge names it', () => get(strict).set(...bearer(sign({ ...goodClaims(), scope: 'orders:read' }))), 'NOT_ENOUGH_PERMISSION'],
      ['no access key', () => get(accessKeys).set(...bearer(sign({ sub: 'client-a' }, clients['client-a']))), 'MISSING_ACCESS_KEY'],
      ['an unknown access key', () => get(accessKeys).set('X-Access-Key', 'client-z').set(...bearer(sign({ sub: 'client-a' }, clients['client-a']))), 'INVALID_ACCESS_KEY'],
      ['an unknown kid', () => get(keyStore).set(...bearer(sign(goodClaims(), RSA_NEW.privateKey, { algorithm: 'RS256', keyid: 'retired' }))), 'INVALID_AUTH_TOKEN'],
      ['the key store rejects: the 500 fallback, no challenge', () => get(keyStore).set(...bearer(sign(goodClaims(), RSA_NEW.privateKey, { algorithm: 'RS256', keyid: 'down' }))), 'INTERNAL_ERROR'],
    ];
    for (const [title, send, key] of cases) {
      it(`${title} → ${EXPECTED[key].status} ${key}`, async () => {
        assertAnswer(await send(), key);
      });
    }
  });

  describe('bearer middleware, the options users of express-jwt and auth0 reach for', () => {
    const optional = appWith(name, { ...STRICT, scope: undefined, credentialsRequired: false }, seen, ['orders:write']);
    const revoked = appWith(name, { ...STRICT, isRevoked: async (payload) => payload.jti === 'session-revoked' });
    const cookie = appWith(name, {
      ...STRICT, cache: {},
      getToken: (req) => (typeof req.headers.cookie === 'string' ? req.headers.cookie.split('session=')[1] : undefined),
    });
    const rs = (kid: string): string => sign(goodClaims(), RSA_NEW.privateKey, { algorithm: 'RS256', keyid: kid });
    const jwks = (): Server => appWith(name, { jwksUri: idp.uri, algorithms: ['RS256'], codes: { ...CODES, keysUnavailable: 'KEYS_UNAVAILABLE' } }, seen);
    const down = (): Server => appWith(name, { jwksUri: downUri, algorithms: ['RS256'], codes: { ...CODES, keysUnavailable: 'KEYS_UNAVAILABLE' } }, seen);

    it('credentialsRequired: false and requireScopes: no token → 401 from the scope check, no auth on the request', async () => {
      assertAnswer(await get(optional), 'MISSING_AUTH_TOKEN');
    });

    it('requireScopes: a token granting the scope → 200', async () => {
      const claims = { ...goodClaims(), scope: 'orders:read orders:write' };
      const res = await get(optional).set(...bearer(sign(claims)));
      assert.equal(res.status, 200);
      assert.deepEqual(res.body, { auth: claims });
    });

    it('requireScopes: a token without it → 403, the challenge names it', async () => {
      assertAnswer(await get(optional).set(...bearer(sign({ ...goodClaims(), scope: 'orders:read' }))), 'NOT_ENOUGH_PERMISSION');
    });

    it('credentialsRequired: false, a bad token still → 401', async () => {
      assertAnswer(await get(optional).set(...bearer(sign(goodClaims(), 'another-secret-of-enough-length!!'))), 'INVALID_AUTH_TOKEN');
    });

    it('isRevoked (async): a revoked token → 401 INVALID_AUTH_TOKEN', async () => {
      assertAnswer(await get(revoked).set(...bearer(sign({ ...goodClaims(), jti: 'session-revoked' }))), 'INVALID_AUTH_TOKEN');
    });

    it('getToken from a cookie, with the cache: the same token twice → 200 twice', async () => {
      const claims = goodClaims();
      const token = sign(claims);
      for (let i = 0; i < 2; i++) {
        const res = await get(cookie).set('Cookie', `session=${token}`);
        assert.equal(res.status, 200);
        assert.deepEqual(res.body, { auth: claims });
      }
    });

    it('jwksUri: an RS256 token of a listed kid → 200', async () => {
      const res = await get(jwks()).set(...bearer(rs('rsa-2026')));
      assert.equal(res.status, 200);
    });

    it('jwksUri: an unknown kid → 401 INVALID_AUTH_TOKEN', async () => {
      assertAnswer(await get(jwks()).set(...bearer(rs('rsa-2019'))), 'INVALID_AUTH_TOKEN');
    });

    it('jwksUri down → 503 KEYS_UNAVAILABLE without a challenge, onError told the cause', async () => {
      assertAnswer(await get(down()).set(...bearer(rs('rsa-2026'))), 'KEYS_UNAVAILABLE');
      const [err] = seen as Array<{ key: string; cause: Error & { cause: { code?: string } } }>;
      assert.equal(err!.key, 'KEYS_UNAVAILABLE');
      assert.equal(err!.cause.name, 'BearerKeyError');
      assert.equal(err!.cause.cause.code, 'ECONNREFUSED');
    });
  });

  describe('bearer middleware, onError', () => {
    it('sees the catalog error with jsonwebtoken\'s error on cause', async () => {
      await get(strict).set(...bearer(sign({ ...goodClaims(), exp: now() - 5 })));
      const [err] = seen as Array<{ key: string; cause: unknown }>;
      assert.equal(err!.key, 'EXPIRED_AUTH_TOKEN');
      assert.ok(err!.cause instanceof jwt.TokenExpiredError);
    });

    it('sees a key store failure as a BearerKeyError with the original on cause', async () => {
      await get(keyStore).set(...bearer(sign(goodClaims(), RSA_NEW.privateKey, { algorithm: 'RS256', keyid: 'down' })));
      const [err] = seen as Array<Error & { cause: Error }>;
      assert.equal(err!.name, 'BearerKeyError');
      assert.equal(err!.message, 'house-errors/bearer: getKey failed');
      assert.equal(err!.cause.message, 'key store unreachable');
    });
  });
});
