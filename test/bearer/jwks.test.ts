/**
 * Keys from a JSON Web Key Set (`jwksUri`), against a real key set served on loopback that
 * rotates its keys, goes slow, breaks and goes down: which answer each case comes to, in one
 * process. How a 401 and the 5xx look on the wire is middleware.test.ts's business.
 */
import assert from 'node:assert/strict';
import { bearerAuth, BearerKeyError } from '../../lib/bearer/index.js';
import { authErrors, call, CODES, EC, fixtureKeyPair, goodClaims, keyOf, RSA_NEW, RSA_OLD, sign, type Options } from '../support/bearer.js';
import { deadUri, jwksServer } from '../support/jwks.js';

const ROTATED = fixtureKeyPair('rsa-rotated');
const WITH_KEYS_UNAVAILABLE = { ...CODES, keysUnavailable: 'KEYS_UNAVAILABLE' } as const;

const rs = (kid: string, key = RSA_NEW.privateKey, algorithm: 'RS256' | 'PS256' = 'RS256'): string => sign(goodClaims(), key, { algorithm, keyid: kid });
const es = (kid: string): string => sign(goodClaims(), EC.privateKey, { algorithm: 'ES256', keyid: kid });

describe('bearer keys from a JWKS URI', () => {
  const idp = jwksServer([
    { kid: 'rsa-2026', key: RSA_NEW.publicKey },
    { kid: 'ec-2026', key: EC.publicKey, alg: 'ES256' },
    { kid: 'pss-2026', key: RSA_OLD.publicKey, alg: 'PS256' },
  ]);
  const auth = (options: Partial<Options> = {}): ReturnType<typeof bearerAuth> => bearerAuth(authErrors, {
    jwksUri: idp.uri, algorithms: ['RS256', 'ES256', 'PS256'], codes: WITH_KEYS_UNAVAILABLE, ...options,
  });
  beforeEach(() => { idp.mode = 'ok'; });

  it('RS256, ES256 and PS256 tokens whose kid the set lists → pass, one fetch for the three', async () => {
    const handle = auth();
    const before = idp.fetches;
    assert.equal(keyOf(await call(handle, rs('rsa-2026'))), 'pass');
    assert.equal(keyOf(await call(handle, es('ec-2026'))), 'pass');
    assert.equal(keyOf(await call(handle, rs('pss-2026', RSA_OLD.privateKey, 'PS256'))), 'pass');
    // jwks-rsa fetches the set per kid not yet cached; three kids, three fetches at most, and a repeat none.
    const fetched = idp.fetches - before;
    assert.equal(keyOf(await call(handle, rs('rsa-2026'))), 'pass');
    assert.equal(idp.fetches - before, fetched);
  });

  const refused: ReadonlyArray<[string, () => string]> = [
    ['a kid the set does not list', () => rs('retired-2019')],
    ['no kid while the set has several keys', () => sign(goodClaims(), RSA_NEW.privateKey, { algorithm: 'RS256' })],
    ['a kid the set binds to PS256, used for RS256', () => rs('pss-2026', RSA_OLD.privateKey, 'RS256')],
    ['signed by another key than its kid\'s', () => rs('rsa-2026', RSA_OLD.privateKey)],
    ['an RSA kid named by an ES256 token', () => sign(goodClaims(), EC.privateKey, { algorithm: 'ES256', keyid: 'rsa-2026' })],
  ];
  for (const [title, token] of refused) {
    it(`${title} → INVALID_AUTH_TOKEN`, async () => {
      assert.equal(keyOf(await call(auth(), token())), 'INVALID_AUTH_TOKEN');
    });
  }

  it('rotation: a new kid is fetched when a token names it, and passes', async () => {
    const handle = auth();
    assert.equal(keyOf(await call(handle, rs('rsa-2026'))), 'pass');
    const saved = idp.keys;
    idp.keys = [...saved, { kid: 'rsa-2027', key: ROTATED.publicKey }];
    try {
      const before = idp.fetches;
      assert.equal(keyOf(await call(handle, rs('rsa-2027', ROTATED.privateKey))), 'pass');
      assert.equal(idp.fetches - before, 1);
    } finally {
      idp.keys = saved;
    }
  });

  it('unknown kids are refetched at most requestsPerMinute times; past it they are refused without a fetch', async () => {
    const handle = auth({ jwks: { requestsPerMinute: 2 } });
    const before = idp.fetches;
    for (const kid of ['guess-1', 'guess-2', 'guess-3', 'guess-4']) {
      assert.equal(keyOf(await call(handle, rs(kid))), 'INVALID_AUTH_TOKEN');
    }
    assert.equal(idp.fetches - before, 2);
  });

  const broken: ReadonlyArray<[string, 'slow' | 'reset' | 'not-json' | 'empty' | 'error-page']> = [
    ['slower than timeoutMs', 'slow'],
    ['closing the connection', 'reset'],
    ['answering with a body that is not JSON', 'not-json'],
    ['listing no keys', 'empty'],
    ['answering 503 with an HTML page', 'error-page'],
  ];
  for (const [title, mode] of broken) {
    it(`a key set ${title} → KEYS_UNAVAILABLE, the BearerKeyError on cause`, async () => {
      idp.mode = mode;
      const outcome = await call(auth({ jwks: { timeoutMs: 200 } }), rs('rsa-2026'));
      assert.equal(keyOf(outcome), 'KEYS_UNAVAILABLE');
      const cause = (outcome as Error).cause as Error;
      assert.ok(cause instanceof BearerKeyError);
      assert.equal(cause.message, `house-errors/bearer: the key set at ${idp.uri} could not be read`);
      assert.ok(cause.cause instanceof Error);
    });
  }

  it('a key set that is down, without codes.keysUnavailable → the BearerKeyError itself (the 500 fallback)', async () => {
    const uri = await deadUri();
    const outcome = await call(bearerAuth(authErrors, { jwksUri: uri, algorithms: ['RS256'], codes: CODES }), rs('rsa-2026'));
    assert.ok(outcome instanceof BearerKeyError);
    assert.equal(outcome.message, `house-errors/bearer: the key set at ${uri} could not be read`);
    assert.equal((outcome.cause as { code?: unknown }).code, 'ECONNREFUSED');
  });

  it('a key cached before the set went down still verifies its tokens', async () => {
    const handle = auth();
    assert.equal(keyOf(await call(handle, rs('rsa-2026'))), 'pass');
    idp.mode = 'reset';
    assert.equal(keyOf(await call(handle, rs('rsa-2026'))), 'pass');
  });
});
