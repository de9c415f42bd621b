/**
 * The verified-token cache, in one process with a clock the tests move: a cached token is
 * refused the very second an uncached check refuses it (exp, maxAgeSeconds, nbf and iat with
 * the clock stepped back, each with and without clock tolerance), isRevoked still runs every
 * time, failures are never remembered, and the bounds hold. Whether a request was answered from
 * the cache shows in the calls of getKey, which runs on a miss only.
 */
import assert from 'node:assert/strict';
import { bearerAuth, type AuthPayload } from '../../lib/bearer/index.js';
import { cacheKey, entryBytes, TokenCache } from '../../lib/bearer/cache.js';
import { authErrors, call, CODES, keyOf, SECRET, sign, type Options } from '../support/bearer.js';

/** The whole second every test starts at. */
const T0 = 1_900_000_000;

/** Date.now() at whole seconds from T0, restored after each test. */
function clock(): { set(second: number): void } {
  const realNow = Date.now;
  let current = T0;
  beforeEach(() => { current = T0; Date.now = () => current * 1000 + 500; });
  afterEach(() => { Date.now = realNow; });
  return { set(second) { current = second; } };
}

/** A middleware whose key comes from getKey, counting the lookups (one per cache miss). */
function counted(options: Partial<Options>): { handle: ReturnType<typeof bearerAuth>; lookups: () => number } {
  let lookups = 0;
  const handle = bearerAuth(authErrors, {
    algorithms: ['HS256'], getKey: () => { lookups++; return SECRET; }, codes: CODES, ...options,
  });
  return { handle, lookups: () => lookups };
}

const token = (claims: Record<string, unknown>): string => sign({ sub: 'user-42', ...claims });

describe('bearer cache: a cached token is refused the second an uncached one is', () => {
  const time = clock();

  // [title, options, claims, seconds after T0 and the outcome expected there]
  const cases: ReadonlyArray<[string, Partial<Options>, Record<string, unknown>, ReadonlyArray<[number, string]>]> = [
    ['exp', {}, { iat: T0, exp: T0 + 60 }, [[0, 'pass'], [59, 'pass'], [60, 'EXPIRED_AUTH_TOKEN'], [61, 'EXPIRED_AUTH_TOKEN']]],
    ['exp with 10 s of tolerance', { clockToleranceSeconds: 10 }, { iat: T0, exp: T0 + 60 }, [[0, 'pass'], [69, 'pass'], [70, 'EXPIRED_AUTH_TOKEN']]],
    ['maxAgeSeconds before exp', { maxAgeSeconds: 30 }, { iat: T0, exp: T0 + 600 }, [[0, 'pass'], [29, 'pass'], [30, 'EXPIRED_AUTH_TOKEN']]],
    ['maxAgeSeconds with 5 s of tolerance', { maxAgeSeconds: 30, clockToleranceSeconds: 5 }, { iat: T0, exp: T0 + 600 }, [[0, 'pass'], [34, 'pass'], [35, 'EXPIRED_AUTH_TOKEN']]],
    ['nbf, the clock stepped back', {}, { nbf: T0, exp: T0 + 600 }, [[0, 'pass'], [-1, 'INVALID_AUTH_TOKEN'], [0, 'pass']]],
    ['nbf with 10 s of tolerance, the clock stepped back', { clockToleranceSeconds: 10 }, { nbf: T0 + 5, exp: T0 + 600 }, [[0, 'pass'], [-5, 'pass'], [-6, 'INVALID_AUTH_TOKEN']]],
    ['iat, the clock stepped back', {}, { iat: T0, exp: T0 + 600 }, [[0, 'pass'], [-1, 'INVALID_AUTH_TOKEN'], [1, 'pass']]],
    ['cache.maxAgeSeconds shorter than exp: re-verified, still passing', { cache: { maxAgeSeconds: 10 } }, { iat: T0, exp: T0 + 600 }, [[0, 'pass'], [10, 'pass'], [599, 'pass'], [600, 'EXPIRED_AUTH_TOKEN']]],
  ];
  for (const [title, options, claims, steps] of cases) {
    it(`${title}: ${steps.map(([s, o]) => `T0${s < 0 ? s : `+${s}`} ${o}`).join(', ')}; the same without the cache`, async () => {
      const cached = bearerAuth(authErrors, { secret: SECRET, algorithms: ['HS256'], codes: CODES, cache: {}, ...options });
      const uncached = bearerAuth(authErrors, { secret: SECRET, algorithms: ['HS256'], codes: CODES, ...options, cache: false });
      const jwt = token(claims);
      for (const [second, outcome] of steps) {
        time.set(T0 + second);
        assert.equal(keyOf(await call(cached, jwt)), outcome, `cached, at T0+${second}`);
        assert.equal(keyOf(await call(uncached, jwt)), outcome, `uncached, at T0+${second}`);
      }
    });
  }

  it('a repeat token is answered from the cache (no key lookup) until its window closes', async () => {
    const { handle, lookups } = counted({ cache: {} });
    const jwt = token({ iat: T0, exp: T0 + 60 });
    for (const second of [0, 1, 30, 59]) {
      time.set(T0 + second);
      assert.equal(keyOf(await call(handle, jwt)), 'pass');
    }
    assert.equal(lookups(), 1);
    time.set(T0 + 60);
    assert.equal(keyOf(await call(handle, jwt)), 'EXPIRED_AUTH_TOKEN');
    assert.equal(lookups(), 2);
  });

  it('a token without exp is never cached', async () => {
    const { handle, lookups } = counted({ cache: {} });
    const jwt = token({ iat: T0 });
    for (let i = 0; i < 3; i++) assert.equal(keyOf(await call(handle, jwt)), 'pass');
    assert.equal(lookups(), 3);
  });

  it('a failure is never cached: a bad signature, a missing scope', async () => {
    const { handle, lookups } = counted({ cache: {}, scope: ['orders:write'] });
    const forged = sign({ sub: 'user-42', exp: T0 + 60, scope: 'orders:write' }, 'another-secret-of-enough-length!!');
    const narrow = token({ exp: T0 + 60, scope: 'orders:read' });
    for (let i = 0; i < 2; i++) {
      assert.equal(keyOf(await call(handle, forged)), 'INVALID_AUTH_TOKEN');
      assert.equal(keyOf(await call(handle, narrow)), 'NOT_ENOUGH_PERMISSION');
    }
    assert.equal(lookups(), 4);
  });

  it('isRevoked runs on every request, cached or not, and refuses a cached token at once', async () => {
    const revoked = new Set<string>();
    let calls = 0;
    const { handle, lookups } = counted({
      cache: {}, isRevoked: (payload) => { calls++; return revoked.has(payload.jti as string); },
    });
    const jwt = token({ jti: 'order-session-7', exp: T0 + 60 });
    assert.equal(keyOf(await call(handle, jwt)), 'pass');
    assert.equal(keyOf(await call(handle, jwt)), 'pass');
    revoked.add('order-session-7');
    assert.equal(keyOf(await call(handle, jwt)), 'INVALID_AUTH_TOKEN');
    assert.deepEqual([calls, lookups()], [3, 1]);
  });

  it('with access keys, the same token under another access key is not served from the cache', async () => {
    const secrets = new Map([['client-a', SECRET], ['client-b', 'secret-of-client-b-0123456789abcdef']]);
    const handle = bearerAuth(authErrors, {
      algorithms: ['HS256'], cache: {}, codes: CODES,
      accessKey: (req) => req.headers['x-access-key'] as string | undefined,
      verifyAccessKey: (key) => secrets.get(key),
    });
    const jwt = token({ exp: T0 + 60 });
    assert.equal(keyOf(await call(handle, jwt, { 'x-access-key': 'client-a' })), 'pass');
    assert.equal(keyOf(await call(handle, jwt, { 'x-access-key': 'client-b' })), 'INVALID_AUTH_TOKEN');
  });

  it('a cached payload is frozen: a route cannot change what the next request sees', async () => {
    const handle = bearerAuth(authErrors, { secret: SECRET, algorithms: ['HS256'], codes: CODES, cache: {} });
    const jwt = token({ exp: T0 + 60, roles: ['buyer'] });
    const first = await call(handle, jwt) as { auth: AuthPayload };
    assert.throws(() => { (first.auth.roles as string[]).push('admin'); }, TypeError);
    const second = await call(handle, jwt) as { auth: AuthPayload };
    assert.deepEqual(second.auth.roles, ['buyer']);
  });

  it('at most cache.max tokens: the oldest goes first', async () => {
    const { handle, lookups } = counted({ cache: { max: 2 } });
    const [a, b, c] = ['a', 'b', 'c'].map((sub) => sign({ sub, exp: T0 + 60 }));
    for (const jwt of [a, b, c, c, b, a]) assert.equal(keyOf(await call(handle, jwt!)), 'pass');
    // a, b, c miss; c and b hit; a was evicted by c.
    assert.equal(lookups(), 4);
  });
});

describe('bearer cache store: windows and bounds', () => {
  const payload: AuthPayload = { sub: 'user-42' };

  it('an entry serves from its first second up to, not including, its last', () => {
    const cache = new TokenCache({ max: 10, maxBytes: 1 << 20, maxAgeSeconds: 100 });
    cache.set('k', payload, 10, 50, 20, 300);
    assert.deepEqual([9, 10, 49, 50].map((now) => cache.get('k', now) !== undefined), [false, true, true, false]);
    // Past its window the entry is dropped, and so are its bytes.
    assert.deepEqual([cache.size, cache.bytes], [0, 0]);
  });

  it('maxAgeSeconds shortens a longer window; an empty window or an entry over maxBytes is not stored', () => {
    const cache = new TokenCache({ max: 10, maxBytes: 1000, maxAgeSeconds: 5 });
    cache.set('short', payload, 0, 1000, 100, 100);
    assert.deepEqual([cache.get('short', 104) !== undefined, cache.get('short', 105)], [true, undefined]);
    cache.set('over', payload, 0, 1000, 100, 1001);
    cache.set('closed', payload, 0, 100, 100, 100);
    assert.equal(cache.size, 0);
  });

  it('maxBytes: the oldest entries go until the new one fits', () => {
    const cache = new TokenCache({ max: 10, maxBytes: 1000, maxAgeSeconds: 100 });
    cache.set('a', payload, 0, 50, 0, 400);
    cache.set('b', payload, 0, 50, 0, 400);
    cache.set('c', payload, 0, 50, 0, 400);
    assert.deepEqual(['a', 'b', 'c'].map((key) => cache.get(key, 1) !== undefined), [false, true, true]);
    assert.equal(cache.bytes, 800);
  });

  it('an entry is estimated at twice its payload text plus 256 bytes', () => {
    assert.equal(entryBytes('aaaa.bbbbbbbbbb.cccc'), 2 * 11 + 256);
  });

  it('keys: SHA-256 of the token, the access key in front when there is one', () => {
    assert.equal(cacheKey('abc', undefined), 'ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=');
    assert.equal(cacheKey('abc', 'client-a'), cacheKey('client-a abc', undefined));
    assert.notEqual(cacheKey('abc', 'client-a'), cacheKey('abc', 'client-b'));
  });
});
