/**
 * house-errors/bearer on the wire: real tokens signed with jsonwebtoken, sent to Express 4,
 * Express 5, Koa 2 and Koa 3 apps with the core's error middleware. Each failure asserts the
 * status, the exact body, the exact WWW-Authenticate value and what auth-header parses from it.
 */
import assert from 'node:assert/strict';
import request from 'supertest';
import jwt from 'jsonwebtoken';
import type { Server } from 'node:http';
import { createSecretKey } from 'node:crypto';
import { bearerAuth, koaBearerAuth, type BearerOptions } from '../lib/bearer/index.js';
import { jwtErrorKind } from '../lib/http/foreign.js';
import { createServer, forEachServer, type ServerName } from './support/servers.js';
import {
  assertAnswer, authErrors, CODES, der, EC, goodClaims, now, pem, RSA_NEW, RSA_OLD, SECRET, sign, unsigned, withHeader, type ExpectedKey,
} from './support/bearer.js';

type Options = BearerOptions<typeof authErrors>;

/** The HS256 config: every claim check on. */
const STRICT: Options = {
  secret: SECRET, algorithms: ['HS256'], issuer: 'https://auth.example', audience: 'orders-api',
  requireIat: true, maxAgeSeconds: 300, scope: ['orders:read', 'orders:write'], codes: CODES,
};

/** An app with one bearer config in front of a route that echoes what the middleware placed. */
function appWith(name: ServerName, options: Options, seen: unknown[] = []): Server {
  return createServer(name, {
    catalog: authErrors,
    options: { format: 'errorCode-reason', onError: (err) => { seen.push(err); } },
    before: { express: [bearerAuth(authErrors, options)], koa: [koaBearerAuth(authErrors, options)] },
    routes: {
      '/me': (input) => ({ auth: input.server.startsWith('koa') ? input.state?.auth : (input.req as { auth?: unknown }).auth }),
    },
  });
}

function get(server: Server, path = '/me'): request.Test {
  return request(server).get(path).timeout(5000);
}

function bearer(token: string): [string, string] {
  return ['Authorization', `Bearer ${token}`];
}

/** One failure: the request's headers and the key that must answer it. */
interface FaultCase {
  readonly title: string;
  readonly headers: () => ReadonlyArray<readonly [string, string | string[]]>;
  readonly key: ExpectedKey;
  readonly scope?: string;
  readonly path?: string;
}

const without = (claims: Record<string, unknown>, name: string): Record<string, unknown> => {
  const copy = { ...claims };
  delete copy[name];
  return copy;
};

const HS256_FAULTS: readonly FaultCase[] = [
  { title: 'no Authorization header', headers: () => [], key: 'MISSING_AUTH_TOKEN' },
  { title: 'an empty Authorization header', headers: () => [['Authorization', '']], key: 'MISSING_AUTH_TOKEN' },
  { title: 'another scheme (Basic): no Bearer credentials, RFC 6750 §3.1', headers: () => [['Authorization', 'Basic dXNlcjpwYXNz']], key: 'MISSING_AUTH_TOKEN' },
  { title: 'an empty Bearer', headers: () => [['Authorization', 'Bearer']], key: 'INVALID_AUTH_REQUEST' },
  { title: 'two tokens in one header', headers: () => [['Authorization', `Bearer ${sign(goodClaims())} ${sign(goodClaims())}`]], key: 'INVALID_AUTH_REQUEST' },
  { title: 'a token outside the b64token charset', headers: () => [['Authorization', 'Bearer abc"def']], key: 'INVALID_AUTH_REQUEST' },
  { title: 'a header that is not "<scheme> <credentials>"', headers: () => [['Authorization', '"Bearer" abc']], key: 'INVALID_AUTH_REQUEST' },
  { title: 'two Authorization headers', headers: () => [['Authorization', [`Bearer ${sign(goodClaims())}`, 'Basic dXNlcjpwYXNz']]], key: 'INVALID_AUTH_REQUEST' },
  { title: 'a garbage token', headers: () => [bearer('not-a-jwt')], key: 'INVALID_AUTH_TOKEN' },
  { title: 'the README\'s example token (a bad signature)', headers: () => [bearer('eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VyLTQyIn0.c2lnbmF0dXJl')], key: 'INVALID_AUTH_TOKEN' },
  { title: 'a token whose parts are not JSON', headers: () => [bearer('YWJj.ZGVm.Z2hp')], key: 'INVALID_AUTH_TOKEN' },
  { title: 'a bad signature', headers: () => [bearer(sign(goodClaims(), 'another-secret-of-enough-length!!'))], key: 'INVALID_AUTH_TOKEN' },
  { title: 'a tampered payload', headers: () => [bearer(tamper(sign(goodClaims())))], key: 'INVALID_AUTH_TOKEN' },
  { title: 'alg none, no signature', headers: () => [bearer(unsigned(goodClaims()))], key: 'INVALID_AUTH_TOKEN' },
  { title: 'alg none with a signature part', headers: () => [bearer(unsigned(goodClaims(), 'c2ln'))], key: 'INVALID_AUTH_TOKEN' },
  { title: 'a wrong algorithm (HS512, same secret)', headers: () => [bearer(sign(goodClaims(), SECRET, { algorithm: 'HS512' }))], key: 'INVALID_AUTH_TOKEN' },
  { title: 'a wrong algorithm (RS256)', headers: () => [bearer(sign(goodClaims(), RSA_OLD.privateKey, { algorithm: 'RS256' }))], key: 'INVALID_AUTH_TOKEN' },
  { title: 'an expired token', headers: () => [bearer(sign({ ...goodClaims(), exp: now() - 5 }))], key: 'EXPIRED_AUTH_TOKEN' },
  { title: 'a token not yet valid (nbf)', headers: () => [bearer(sign({ ...goodClaims(), nbf: now() + 60 }))], key: 'INVALID_AUTH_TOKEN' },
  { title: 'no iat with requireIat', headers: () => [bearer(sign(without(goodClaims(), 'iat')))], key: 'MISSING_IAT_CLAIM' },
  { title: 'an iat that is not a number', headers: () => [bearer(sign({ ...goodClaims(), iat: '1700000000' }))], key: 'INVALID_AUTH_TOKEN' },
  { title: 'an iat older than maxAgeSeconds', headers: () => [bearer(sign({ ...goodClaims(), iat: now() - 301 }))], key: 'EXPIRED_AUTH_TOKEN' },
  { title: 'an iat in the future', headers: () => [bearer(sign({ ...goodClaims(), iat: now() + 120 }))], key: 'INVALID_AUTH_TOKEN' },
  { title: 'a wrong issuer', headers: () => [bearer(sign({ ...goodClaims(), iss: 'https://evil.example' }))], key: 'INVALID_AUTH_TOKEN' },
  { title: 'no issuer', headers: () => [bearer(sign(without(goodClaims(), 'iss')))], key: 'INVALID_AUTH_TOKEN' },
  { title: 'a wrong audience', headers: () => [bearer(sign({ ...goodClaims(), aud: 'billing-api' }))], key: 'INVALID_AUTH_TOKEN' },
  { title: 'a missing scope (space-separated claim)', headers: () => [bearer(sign({ ...goodClaims(), scope: 'orders:read' }))], key: 'NOT_ENOUGH_PERMISSION', scope: 'orders:write' },
  { title: 'missing scopes (array claim)', headers: () => [bearer(sign({ ...goodClaims(), scope: ['profile'] }))], key: 'NOT_ENOUGH_PERMISSION', scope: 'orders:read orders:write' },
  { title: 'no scope claim at all', headers: () => [bearer(sign(without(goodClaims(), 'scope')))], key: 'NOT_ENOUGH_PERMISSION', scope: 'orders:read orders:write' },
  { title: 'a token in the query when allowQueryToken is off', headers: () => [], path: `/me?access_token=${sign(goodClaims())}`, key: 'MISSING_AUTH_TOKEN' },
];

// Flips one character of the payload: same header and signature, different claims.
function tamper(token: string): string {
  const [header, payload, signature] = token.split('.') as [string, string, string];
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
  const forged = Buffer.from(JSON.stringify({ ...claims, sub: 'admin' })).toString('base64url');
  return `${header}.${forged}.${signature}`;
}

function send(server: Server, fault: FaultCase): request.Test {
  let test = get(server, fault.path);
  for (const [name, value] of fault.headers()) test = test.set(name, value as string);
  return test;
}

forEachServer((name) => {
  describe('bearer auth, HS256 with every claim check', () => {
    const seen: unknown[] = [];
    const server = appWith(name, STRICT, seen);

    it('a valid token → 200, the payload on req.auth / ctx.state.auth', async () => {
      const claims = goodClaims();
      const res = await get(server).set(...bearer(sign(claims)));
      assert.equal(res.status, 200);
      assert.deepEqual(res.body, { auth: claims });
      assert.equal(res.headers['www-authenticate'], undefined);
    });

    it('accepts the scheme in any case, several spaces, the scp claim, and a token within clock tolerance', async () => {
      const claims = { ...without(goodClaims(), 'scope'), scp: ['orders:write', 'orders:read'] };
      const res = await get(server).set('Authorization', `bEaReR   ${sign(claims)}`);
      assert.equal(res.status, 200);
      assert.deepEqual(res.body, { auth: claims });
    });

    for (const fault of HS256_FAULTS) {
      it(`${fault.title} → ${fault.key}`, async () => {
        assertAnswer(await send(server, fault), fault.key, fault.scope);
      });
    }

    it('tells onError why: the jsonwebtoken error or the reason is the cause', async () => {
      seen.length = 0;
      await get(server).set(...bearer(sign({ ...goodClaims(), exp: now() - 5 })));
      await get(server).set(...bearer(unsigned(goodClaims())));
      assert.equal(seen.length, 2);
      const [expired, none] = seen as Array<{ key: string; cause: unknown }>;
      assert.equal(expired!.key, 'EXPIRED_AUTH_TOKEN');
      assert.ok(expired!.cause instanceof jwt.TokenExpiredError);
      assert.equal(none!.key, 'INVALID_AUTH_TOKEN');
      assert.equal(none!.cause, 'alg "none" is not one of the accepted algorithms');
    });
  });

  describe('bearer auth, query tokens and the invalidRequest fallback', () => {
    const query = appWith(name, { ...STRICT, allowQueryToken: true });
    const { invalidRequest: _, ...noInvalidRequest } = CODES;
    const plain = appWith(name, { ...STRICT, codes: noInvalidRequest });

    it('?access_token= is accepted with allowQueryToken', async () => {
      const claims = goodClaims();
      const res = await get(query, `/me?access_token=${sign(claims)}`);
      assert.equal(res.status, 200);
      assert.deepEqual(res.body, { auth: claims });
    });

    it('a token in both the header and the query → INVALID_AUTH_REQUEST (RFC 6750 §2)', async () => {
      const token = sign(goodClaims());
      assertAnswer(await get(query, `/me?access_token=${token}`).set(...bearer(token)), 'INVALID_AUTH_REQUEST');
    });

    it('two access_token parameters → INVALID_AUTH_REQUEST', async () => {
      const token = sign(goodClaims());
      assertAnswer(await get(query, `/me?access_token=${token}&access_token=${token}`), 'INVALID_AUTH_REQUEST');
    });

    it('an empty access_token → INVALID_AUTH_REQUEST', async () => {
      assertAnswer(await get(query, '/me?access_token='), 'INVALID_AUTH_REQUEST');
    });

    it('a Basic header and a query token: the query token is the credential', async () => {
      const res = await get(query, `/me?access_token=${sign(goodClaims())}`).set('Authorization', 'Basic dXNlcjpwYXNz');
      assert.equal(res.status, 200);
    });

    it('without codes.invalidRequest, a malformed request answers with codes.invalid', async () => {
      assertAnswer(await get(plain).set('Authorization', 'Bearer'), 'INVALID_AUTH_TOKEN');
    });
  });

  describe('bearer auth, RS256 keys rotated with getKey', () => {
    const seen: unknown[] = [];
    const keys: Record<string, unknown> = { 2025: pem(RSA_OLD.publicKey), 2026: RSA_NEW.publicKey, broken: 42, ec: EC.publicKey };
    const server = appWith(name, {
      algorithms: ['RS256'],
      getKey: async (header) => {
        if (header.kid === 'down') throw new Error('key store unreachable');
        if (header.kid === 'revoked') throw authErrors.EXPIRED_AUTH_TOKEN();
        // Own properties only: a kid of "__proto__" or "toString" must not reach Object.prototype.
        return Object.hasOwn(keys, header.kid ?? '') ? keys[header.kid!] as string | undefined : undefined;
      },
      codes: CODES,
    }, seen);
    const rs = (claims: Record<string, unknown>, kid: string, key = RSA_NEW.privateKey): string =>
      sign(claims, key, { algorithm: 'RS256', keyid: kid });

    it('a token of the new key (KeyObject) and one of the old key (PEM) both pass', async () => {
      for (const [kid, key] of [['2026', RSA_NEW.privateKey], ['2025', RSA_OLD.privateKey]] as const) {
        const claims = goodClaims();
        const res = await get(server).set(...bearer(rs(claims, kid, key)));
        assert.equal(res.status, 200, kid);
        assert.deepEqual(res.body, { auth: claims });
      }
    });

    const faults: readonly FaultCase[] = [
      { title: 'signed by the old key but naming the new kid', headers: () => [bearer(rs(goodClaims(), '2026', RSA_OLD.privateKey))], key: 'INVALID_AUTH_TOKEN' },
      { title: 'an unknown kid (getKey returns undefined)', headers: () => [bearer(rs(goodClaims(), 'retired'))], key: 'INVALID_AUTH_TOKEN' },
      { title: 'no kid', headers: () => [bearer(sign(goodClaims(), RSA_NEW.privateKey, { algorithm: 'RS256' }))], key: 'INVALID_AUTH_TOKEN' },
      { title: 'HS256 signed with the public PEM (algorithm confusion)', headers: () => [bearer(sign(goodClaims(), pem(RSA_OLD.publicKey), { algorithm: 'HS256', keyid: '2025' }))], key: 'INVALID_AUTH_TOKEN' },
      { title: 'an expired RS256 token', headers: () => [bearer(rs({ ...goodClaims(), exp: now() - 1 }, '2026'))], key: 'EXPIRED_AUTH_TOKEN' },
      { title: 'getKey throws a catalog error: passed through', headers: () => [bearer(rs(goodClaims(), 'revoked'))], key: 'EXPIRED_AUTH_TOKEN' },
      { title: 'getKey throws → the 500 fallback, no challenge', headers: () => [bearer(rs(goodClaims(), 'down'))], key: 'INTERNAL_ERROR' },
      { title: 'getKey returns something that is not a key → 500', headers: () => [bearer(rs(goodClaims(), 'broken'))], key: 'INTERNAL_ERROR' },
      { title: 'getKey returns a key that fits no accepted algorithm (EC for RS256) → 500', headers: () => [bearer(rs(goodClaims(), 'ec'))], key: 'INTERNAL_ERROR' },
    ];
    for (const fault of faults) {
      it(`${fault.title} → ${fault.key}`, async () => {
        assertAnswer(await send(server, fault), fault.key);
      });
    }

    it('a key store failure reaches onError as a BearerKeyError with its cause', async () => {
      seen.length = 0;
      await get(server).set(...bearer(rs(goodClaims(), 'down')));
      const err = seen[0] as Error & { cause: Error };
      assert.equal(err.name, 'BearerKeyError');
      assert.equal(err.message, 'house-errors/bearer: getKey failed');
      assert.equal(err.cause.message, 'key store unreachable');
    });
  });

  describe('bearer auth, clock tolerance and lists of issuers and audiences', () => {
    const server = appWith(name, {
      ...STRICT, clockToleranceSeconds: 30, issuer: ['https://old.example', 'https://auth.example'], audience: ['billing-api', 'orders-api'],
    });

    it('exp 5 s ago, nbf and iat 20 s ahead pass with 30 s of tolerance', async () => {
      const t = now();
      const claims = { ...goodClaims(), exp: t - 5, nbf: t + 20, iat: t + 20 };
      const res = await get(server).set(...bearer(sign(claims)));
      assert.equal(res.status, 200);
      assert.deepEqual(res.body, { auth: claims });
    });

    it('beyond the tolerance they fail: exp → EXPIRED_AUTH_TOKEN, iat → INVALID_AUTH_TOKEN, maxAge + tolerance → EXPIRED_AUTH_TOKEN', async () => {
      const t = now();
      assertAnswer(await get(server).set(...bearer(sign({ ...goodClaims(), exp: t - 60 }))), 'EXPIRED_AUTH_TOKEN');
      assertAnswer(await get(server).set(...bearer(sign({ ...goodClaims(), iat: t + 90 }))), 'INVALID_AUTH_TOKEN');
      assertAnswer(await get(server).set(...bearer(sign({ ...goodClaims(), iat: t - 300 - 31 }))), 'EXPIRED_AUTH_TOKEN');
    });

    it('the lists are copied at startup: adding to the caller\'s array later lets nothing more in', async () => {
      const audience = ['orders-api'];
      const copied = appWith(name, { ...STRICT, audience });
      audience.push('billing-api');
      assertAnswer(await get(copied).set(...bearer(sign({ ...goodClaims(), aud: 'billing-api' }))), 'INVALID_AUTH_TOKEN');
    });

    it('any listed issuer and audience passes; an audience array claim matches by any member', async () => {
      const claims = { ...goodClaims(), iss: 'https://old.example', aud: ['other-api', 'billing-api'] };
      const res = await get(server).set(...bearer(sign(claims)));
      assert.equal(res.status, 200);
    });
  });

  describe('bearer auth, a fixed RS256 public key and ES256', () => {
    const rsa = appWith(name, { secret: pem(RSA_NEW.publicKey), algorithms: ['RS256', 'PS256'], codes: CODES });
    const ec = appWith(name, { secret: EC.publicKey, algorithms: ['ES256'], codes: CODES });

    it('RS256 and PS256 tokens pass', async () => {
      for (const algorithm of ['RS256', 'PS256'] as const) {
        const claims = goodClaims();
        const res = await get(rsa).set(...bearer(sign(claims, RSA_NEW.privateKey, { algorithm })));
        assert.equal(res.status, 200, algorithm);
        assert.deepEqual(res.body, { auth: claims });
      }
    });

    it('an RS256 token of another key → INVALID_AUTH_TOKEN', async () => {
      assertAnswer(await get(rsa).set(...bearer(sign(goodClaims(), RSA_OLD.privateKey, { algorithm: 'RS256' }))), 'INVALID_AUTH_TOKEN');
    });

    it('an ES256 token passes; one with a truncated signature → INVALID_AUTH_TOKEN, not a 500', async () => {
      const token = sign(goodClaims(), EC.privateKey, { algorithm: 'ES256' });
      assert.equal((await get(ec).set(...bearer(token))).status, 200);
      assertAnswer(await get(ec).set(...bearer(`${token.slice(0, token.lastIndexOf('.'))}.AAAA`)), 'INVALID_AUTH_TOKEN');
    });
  });

  describe('bearer auth, key material that is not PEM (algorithm confusion)', () => {
    const seen: unknown[] = [];
    const hmac = createSecretKey(Buffer.from(SECRET));
    const store = new Map<string, unknown>([
      ['der', der(RSA_NEW.publicKey)], ['b64', der(RSA_NEW.publicKey).toString('base64')], ['rsa', RSA_NEW.publicKey], ['hmac', hmac],
    ]);
    // HMAC and RSA accepted together: only a KeyObject's type tells a secret from a public key.
    const mixed = appWith(name, { algorithms: ['RS256', 'HS256'], getKey: (header) => store.get(header.kid ?? '') as string | undefined, codes: CODES }, seen);
    // One family only: DER bytes and base64 DER text are read as the public key they are.
    const rsaOnly = appWith(name, { algorithms: ['RS256'], getKey: (header) => store.get(header.kid ?? '') as string | undefined, codes: CODES });
    const hsOnly = appWith(name, { algorithms: ['HS256'], getKey: (header) => store.get(header.kid ?? '') as string | undefined, codes: CODES });
    const forged = (kid: string, secret: Buffer | string): string => sign(goodClaims(), createSecretKey(Buffer.from(secret)), { algorithm: 'HS256', keyid: kid });
    const rs = (kid: string): string => sign(goodClaims(), RSA_NEW.privateKey, { algorithm: 'RS256', keyid: kid });

    it('KeyObjects of both kinds verify their own algorithm → 200', async () => {
      assert.equal((await get(mixed).set(...bearer(rs('rsa')))).status, 200);
      assert.equal((await get(mixed).set(...bearer(sign(goodClaims(), hmac, { keyid: 'hmac' })))).status, 200);
    });

    const faults: ReadonlyArray<FaultCase & { readonly server: () => Server }> = [
      { title: 'mixed list: HS256 signed with the DER bytes getKey returns for an RSA key', server: () => mixed, headers: () => [bearer(forged('der', der(RSA_NEW.publicKey)))], key: 'INTERNAL_ERROR' },
      { title: 'mixed list: HS256 signed with the base64 DER text getKey returns', server: () => mixed, headers: () => [bearer(forged('b64', der(RSA_NEW.publicKey).toString('base64')))], key: 'INTERNAL_ERROR' },
      { title: 'mixed list: even an RS256 token of a key given as bytes (the key store is at fault)', server: () => mixed, headers: () => [bearer(rs('der'))], key: 'INTERNAL_ERROR' },
      { title: 'mixed list: HS256 signed with the DER bytes of a public KeyObject', server: () => mixed, headers: () => [bearer(forged('rsa', der(RSA_NEW.publicKey)))], key: 'INVALID_AUTH_TOKEN' },
      { title: 'mixed list: RS256 naming a secret KeyObject', server: () => mixed, headers: () => [bearer(rs('hmac'))], key: 'INVALID_AUTH_TOKEN' },
      { title: 'RS256 only: HS256 signed with the DER bytes', server: () => rsaOnly, headers: () => [bearer(forged('der', der(RSA_NEW.publicKey)))], key: 'INVALID_AUTH_TOKEN' },
      { title: 'HS256 only: a token signed with DER bytes of a public key getKey returns as "secret"', server: () => hsOnly, headers: () => [bearer(forged('der', der(RSA_NEW.publicKey)))], key: 'INTERNAL_ERROR' },
      { title: 'HS256 only: a token signed with base64 DER text of a public key', server: () => hsOnly, headers: () => [bearer(forged('b64', der(RSA_NEW.publicKey).toString('base64')))], key: 'INTERNAL_ERROR' },
    ];
    for (const fault of faults) {
      it(`${fault.title} → ${fault.key}`, async () => {
        assertAnswer(await send(fault.server(), fault), fault.key);
      });
    }

    it('RS256 only: a public key as DER bytes or base64 DER text verifies RS256 → 200', async () => {
      for (const kid of ['der', 'b64']) {
        const claims = goodClaims();
        const res = await get(rsaOnly).set(...bearer(sign(claims, RSA_NEW.privateKey, { algorithm: 'RS256', keyid: kid })));
        assert.equal(res.status, 200, kid);
        assert.deepEqual(res.body, { auth: claims });
      }
    });

    it('onError is told why: key material that is not a KeyObject while algorithms mix HMAC and public keys', async () => {
      seen.length = 0;
      await get(mixed).set(...bearer(forged('der', der(RSA_NEW.publicKey))));
      const err = seen[0] as Error;
      assert.equal(err.name, 'BearerKeyError');
      assert.equal(err.message, 'house-errors/bearer: getKey returned bytes, not a KeyObject: '
        + 'with algorithms mixing HMAC and public-key ones (RS256, HS256), only a KeyObject says which kind a key is');
    });
  });

  describe('bearer auth, HMAC secrets shorter than the hash (RFC 7518 §3.2)', () => {
    const seen: unknown[] = [];
    const secrets = new Map([['short', 'x'], ['31', 'a'.repeat(31)], ['32', 'a'.repeat(32)]]);
    const server = appWith(name, { algorithms: ['HS256'], getKey: (header) => secrets.get(header.kid ?? ''), codes: CODES }, seen);

    it('a 32-byte secret from getKey verifies HS256 → 200', async () => {
      assert.equal((await get(server).set(...bearer(sign(goodClaims(), 'a'.repeat(32), { keyid: '32' })))).status, 200);
    });

    it('a 1-byte or 31-byte secret from getKey is never used: the 500 fallback, onError names the rule', async () => {
      seen.length = 0;
      assertAnswer(await get(server).set(...bearer(sign(goodClaims(), 'x', { keyid: 'short' }))), 'INTERNAL_ERROR');
      assertAnswer(await get(server).set(...bearer(sign(goodClaims(), 'a'.repeat(31), { keyid: '31' }))), 'INTERNAL_ERROR');
      assert.deepEqual((seen as Error[]).map((err) => err.message), [
        'house-errors/bearer: getKey returned an HMAC secret of 1 byte, which cannot verify HS256 (RFC 7518 §3.2: an HMAC key needs at least as many bytes as its hash, 32 for HS256, 48 for HS384, 64 for HS512)',
        'house-errors/bearer: getKey returned an HMAC secret of 31 bytes, which cannot verify HS256 (RFC 7518 §3.2: an HMAC key needs at least as many bytes as its hash, 32 for HS256, 48 for HS384, 64 for HS512)',
      ]);
    });
  });

  describe('bearer auth, a plain-object key store (keys)', () => {
    let server: Server;
    before(() => { server = appWith(name, { algorithms: ['RS256'], keys: { 2025: pem(RSA_OLD.publicKey), 2026: RSA_NEW.publicKey }, codes: CODES }); });

    it('a listed kid verifies → 200', async () => {
      for (const [kid, key] of [['2026', RSA_NEW.privateKey], ['2025', RSA_OLD.privateKey]] as const) {
        assert.equal((await get(server).set(...bearer(sign(goodClaims(), key, { algorithm: 'RS256', keyid: kid })))).status, 200, kid);
      }
    });

    for (const kid of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'retired']) {
      it(`kid ${JSON.stringify(kid)}, not an own key of the store → INVALID_AUTH_TOKEN`, async () => {
        assertAnswer(await get(server).set(...bearer(sign(goodClaims(), RSA_NEW.privateKey, { algorithm: 'RS256', keyid: kid }))), 'INVALID_AUTH_TOKEN');
      });
    }

    it('no kid, or a kid naming a key of another type → INVALID_AUTH_TOKEN', async () => {
      assertAnswer(await get(server).set(...bearer(sign(goodClaims(), RSA_NEW.privateKey, { algorithm: 'RS256' }))), 'INVALID_AUTH_TOKEN');
    });
  });

  describe('bearer auth, any shape of token header', () => {
    // About 13 KB of header, under Node's 16 KB limit: deep enough to overflow a recursive walk.
    const deepArray = `{"alg":${'['.repeat(4800)}${']'.repeat(4800)}}`;
    const deepObject = `{"alg":${'{"":'.repeat(2400)}0${'}'.repeat(2400)}}`;
    const server = appWith(name, STRICT);
    const shapes: ReadonlyArray<[string, unknown]> = [
      ['alg nested 4800 arrays deep', deepArray],
      ['alg nested 2400 objects deep', deepObject],
      ['a deeply nested kid', `{"alg":"HS256","kid":${'['.repeat(4800)}${']'.repeat(4800)}}`],
      ['alg a number', { alg: 256 }],
      ['alg null', { alg: null }],
      ['no alg', { typ: 'JWT' }],
      ['a header that is an array', ['HS256']],
      ['a header that is a string', '"HS256"'],
    ];
    for (const [title, header] of shapes) {
      it(`${title} → INVALID_AUTH_TOKEN`, async () => {
        assertAnswer(await get(server).set(...bearer(withHeader(header, goodClaims()))), 'INVALID_AUTH_TOKEN');
      });
    }
  });

  describe('bearer auth, an issuer and audience that contain "secret" or "public key"', () => {
    const server = appWith(name, { ...STRICT, issuer: 'https://secret.example', audience: ['public key readers', 'secret-api'] });
    const claims = (): Record<string, unknown> => ({ ...goodClaims(), iss: 'https://secret.example', aud: 'secret-api' });

    it('the right ones → 200', async () => {
      assert.equal((await get(server).set(...bearer(sign(claims())))).status, 200);
    });

    it('a wrong audience → INVALID_AUTH_TOKEN, not a 500', async () => {
      assertAnswer(await get(server).set(...bearer(sign({ ...claims(), aud: 'orders-api' }))), 'INVALID_AUTH_TOKEN');
    });

    it('a wrong issuer → INVALID_AUTH_TOKEN, not a 500', async () => {
      assertAnswer(await get(server).set(...bearer(sign({ ...claims(), iss: 'https://evil.example' }))), 'INVALID_AUTH_TOKEN');
    });
  });

  describe('bearer auth, access keys (seed 000)', () => {
    const seen: unknown[] = [];
    const clients: Record<string, string> = { 'client-a': 'secret-of-client-a-0123456789abcdef', 'client-b': 'secret-of-client-b-0123456789abcdef' };
    const server = appWith(name, {
      algorithms: ['HS256'],
      requireIat: true,
      accessKey: (req) => req.headers['x-access-key'] as string | undefined,
      verifyAccessKey: async (key) => {
        if (key === 'client-down') throw new Error('database down');
        return clients[key];
      },
      codes: CODES,
    }, seen);
    const token = (client: string): string => sign({ sub: client, iat: now() }, clients[client]);

    it('a token signed with the client\'s secret → 200', async () => {
      const res = await get(server).set('X-Access-Key', 'client-a').set(...bearer(token('client-a')));
      assert.equal(res.status, 200);
      assert.equal((res.body as { auth: { sub: string } }).auth.sub, 'client-a');
    });

    const faults: readonly FaultCase[] = [
      { title: 'no access key', headers: () => [bearer(token('client-a'))], key: 'MISSING_ACCESS_KEY' },
      { title: 'an unknown access key', headers: () => [['X-Access-Key', 'client-z'], bearer(token('client-a'))], key: 'INVALID_ACCESS_KEY' },
      { title: 'a token signed with another client\'s secret', headers: () => [['X-Access-Key', 'client-b'], bearer(token('client-a'))], key: 'INVALID_AUTH_TOKEN' },
      { title: 'an access key but no token', headers: () => [['X-Access-Key', 'client-a']], key: 'MISSING_AUTH_TOKEN' },
      { title: 'no iat', headers: () => [['X-Access-Key', 'client-a'], bearer(sign({ sub: 'client-a' }, clients['client-a']))], key: 'MISSING_IAT_CLAIM' },
      { title: 'verifyAccessKey throws → 500', headers: () => [['X-Access-Key', 'client-down'], bearer(token('client-a'))], key: 'INTERNAL_ERROR' },
    ];
    for (const fault of faults) {
      it(`${fault.title} → ${fault.key}`, async () => {
        assertAnswer(await send(server, fault), fault.key);
      });
    }
  });
});

describe('jsonwebtoken errors: the server\'s fault only by exact message', () => {
  const token = sign(goodClaims());
  const thrown = (call: () => unknown): unknown => {
    try {
      call();
    } catch (err) {
      return err;
    }
    assert.fail('jsonwebtoken accepted');
  };
  const cases: ReadonlyArray<[string, () => unknown, ReturnType<typeof jwtErrorKind>]> = [
    ['no key', () => jwt.verify(token, ''), 'misconfigured'],
    ['a public key for HS256', () => jwt.verify(token, RSA_NEW.publicKey, { algorithms: ['HS256'] }), 'misconfigured'],
    ['a secret for RS256', () => jwt.verify(sign(goodClaims(), RSA_NEW.privateKey, { algorithm: 'RS256' }), SECRET, { algorithms: ['RS256'] }), 'misconfigured'],
    ['a clockTimestamp that is not a number', () => jwt.verify(token, SECRET, { clockTimestamp: '1' as unknown as number }), 'misconfigured'],
    ['a maxAge that is not a timespan', () => jwt.verify(token, SECRET, { maxAge: 'soon' }), 'misconfigured'],
    ['a key callback without a callback', () => jwt.verify(token, ((_h: unknown, done: (e: Error) => void) => done(new Error('down'))) as unknown as string), 'misconfigured'],
    ['an unsigned token and no algorithms', () => jwt.verify(unsigned(goodClaims()), ''), 'misconfigured'],
    ['an audience that quotes a misconfiguration message', () => jwt.verify(token, SECRET, { audience: 'secret or public key must be provided' }), 'invalid'],
    ['an issuer that contains "secret"', () => jwt.verify(token, SECRET, { issuer: 'secret' }), 'invalid'],
    ['an audience that contains "public key" and "asymmetric"', () => jwt.verify(token, SECRET, { audience: 'public key, asymmetric' }), 'invalid'],
    ['a bad signature', () => jwt.verify(token, 'another-secret-of-enough-length!!'), 'invalid'],
    ['an algorithm not allowed', () => jwt.verify(token, SECRET, { algorithms: ['HS512'] }), 'invalid'],
    ['expired', () => jwt.verify(sign({ ...goodClaims(), exp: now() - 5 }), SECRET), 'expired'],
    ['not yet valid', () => jwt.verify(sign({ ...goodClaims(), nbf: now() + 60 }), SECRET), 'invalid'],
  ];
  for (const [title, call, kind] of cases) {
    it(`${title} → ${kind}`, () => {
      assert.equal(jwtErrorKind(thrown(call)), kind);
    });
  }

  it('the key callback\'s own failure, reported asynchronously → misconfigured', async () => {
    const err = await new Promise((resolve) => {
      jwt.verify(token, (_header, done) => done(new Error('key store down')), {}, resolve);
    });
    assert.equal(jwtErrorKind(err), 'misconfigured');
  });
});
