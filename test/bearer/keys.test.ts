/**
 * Key material rules, in one process: what each kind of key reads as and which algorithms it
 * can verify, when text or bytes are refused as ambiguous, and what a key lookup may return.
 */
import assert from 'node:assert/strict';
import { createSecretKey, generateKeyPairSync } from 'node:crypto';
import { BearerKeyError } from '../../lib/bearer/index.js';
import { ambiguousKey, createKeyCache, lookedUpKey, resolveKey, type ResolvedKey } from '../../lib/bearer/keys.js';
import { der, EC, pem, RSA_NEW, SECRET } from '../support/bearer.js';

const RS_PS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512'];
const PSS = generateKeyPairSync('rsa-pss', { modulusLength: 1024, hashAlgorithm: 'sha384' });
const ED25519 = generateKeyPairSync('ed25519');
const P384 = generateKeyPairSync('ec', { namedCurve: 'secp384r1' });
const HMAC_RULE = '(RFC 7518 §3.2: an HMAC key needs at least as many bytes as its hash, 32 for HS256, 48 for HS384, 64 for HS512)';

describe('bearer key material: what a key is and what it verifies', () => {
  const keys: ReadonlyArray<[string, unknown, string, readonly string[]]> = [
    ['a 33-byte string', SECRET, 'an HMAC secret of 33 bytes', ['HS256']],
    ['16 two-byte characters (bytes count, not characters)', 'é'.repeat(16), 'an HMAC secret of 32 bytes', ['HS256']],
    ['a 48-byte string', 'a'.repeat(48), 'an HMAC secret of 48 bytes', ['HS256', 'HS384']],
    ['64 bytes', Buffer.alloc(64, 1), 'an HMAC secret of 64 bytes', ['HS256', 'HS384', 'HS512']],
    ['a 1-byte string (shorter than any hash)', 'x', 'an HMAC secret of 1 byte', []],
    ['a 31-byte string', 'a'.repeat(31), 'an HMAC secret of 31 bytes', []],
    ['a 16-byte secret KeyObject', createSecretKey(Buffer.alloc(16)), 'an HMAC secret of 16 bytes', []],
    ['an RSA public key as PEM', pem(RSA_NEW.publicKey), 'an RSA public key', RS_PS],
    ['an RSA public key as PEM bytes', Buffer.from(pem(RSA_NEW.publicKey)), 'an RSA public key', RS_PS],
    ['an RSA public key as DER bytes (SPKI), never an HMAC secret', der(RSA_NEW.publicKey), 'an RSA public key', RS_PS],
    ['an RSA public key as base64 DER text', der(RSA_NEW.publicKey).toString('base64'), 'an RSA public key', RS_PS],
    ['an RSA public key as PKCS#1 DER bytes', RSA_NEW.publicKey.export({ type: 'pkcs1', format: 'der' }), 'an RSA public key', RS_PS],
    ['an RSA private KeyObject (its public half)', RSA_NEW.privateKey, 'an RSA public key', RS_PS],
    ['an RSA-PSS key bound to SHA-384', PSS.publicKey, 'an rsa-pss public key', ['PS384']],
    ['a P-256 key', EC.publicKey, 'an EC public key (P-256)', ['ES256']],
    ['a P-256 key as PEM', pem(EC.publicKey), 'an EC public key (P-256)', ['ES256']],
    ['a P-384 key', P384.publicKey, 'an EC public key (P-384)', ['ES384']],
    ['an Ed25519 key (no JWS algorithm here)', ED25519.publicKey, 'an ed25519 public key', []],
  ];
  for (const [title, material, kind, fits] of keys) {
    it(`${title}: ${kind}, verifies ${fits.join(', ') || 'nothing'}`, () => {
      const resolved = resolveKey(material) as ResolvedKey;
      assert.equal(resolved.kind, kind);
      assert.deepEqual([...resolved.fits].sort(), [...fits].sort());
    });
  }

  const refused: ReadonlyArray<[string, unknown, string | RegExp]> = [
    ['an empty string', '', 'an empty key'],
    ['empty bytes', new Uint8Array(0), 'an empty key'],
    ['a number', 42, 'not key material (number)'],
    ['null', null, 'not key material (null)'],
    ['an object', { kty: 'RSA' }, 'not key material (object)'],
    ['a PEM block that is not a key (never an HMAC secret)', '-----BEGIN PUBLIC KEY-----\nbm90IGEga2V5\n-----END PUBLIC KEY-----\n', /^a PEM block that is not a readable key \(.+\)$/],
  ];
  for (const [title, material, reason] of refused) {
    it(`${title}: refused`, () => {
      const resolved = resolveKey(material);
      if (typeof reason === 'string') assert.equal(resolved, reason);
      else assert.match(resolved as string, reason);
    });
  }
});

describe('bearer key material: algorithms mixing HMAC and public-key ones take KeyObjects only', () => {
  const MIXED = 'not a KeyObject: with algorithms mixing HMAC and public-key ones (RS256, HS256), only a KeyObject says which kind a key is';
  const cases: ReadonlyArray<[string, unknown, readonly string[], string | undefined]> = [
    ['a string, RS256 and HS256', SECRET, ['RS256', 'HS256'], `a string, ${MIXED}`],
    ['DER bytes, RS256 and HS256', der(RSA_NEW.publicKey), ['RS256', 'HS256'], `bytes, ${MIXED}`],
    ['a KeyObject, RS256 and HS256', RSA_NEW.publicKey, ['RS256', 'HS256'], undefined],
    ['a string, HS256 and HS512', SECRET, ['HS256', 'HS512'], undefined],
    ['a string, RS256 and ES256', pem(RSA_NEW.publicKey), ['RS256', 'ES256'], undefined],
  ];
  for (const [title, material, algorithms, reason] of cases) {
    it(`${title} → ${reason === undefined ? 'accepted' : 'refused'}`, () => {
      assert.equal(ambiguousKey(material, algorithms), reason);
    });
  }
});

describe('bearer key material: what a key lookup may return', () => {
  const cases: ReadonlyArray<[string, unknown, readonly string[], string]> = [
    ['not key material', 42, ['RS256'], 'getKey returned not key material (number)'],
    ['a key of another type (EC for RS256)', EC.publicKey, ['RS256'], 'getKey returned an EC public key (P-256), which cannot verify RS256'],
    ['a 1-byte secret', 'x', ['HS256'], `getKey returned an HMAC secret of 1 byte, which cannot verify HS256 ${HMAC_RULE}`],
    ['a 31-byte secret', 'a'.repeat(31), ['HS256'], `getKey returned an HMAC secret of 31 bytes, which cannot verify HS256 ${HMAC_RULE}`],
    ['DER bytes of a public key, for HS256 (never an HMAC secret)', der(RSA_NEW.publicKey), ['HS256'], 'getKey returned an RSA public key, which cannot verify HS256'],
    ['DER bytes while algorithms mix HMAC and RSA', der(RSA_NEW.publicKey), ['RS256', 'HS256'],
      'getKey returned bytes, not a KeyObject: with algorithms mixing HMAC and public-key ones (RS256, HS256), only a KeyObject says which kind a key is'],
  ];
  for (const [title, material, algorithms, message] of cases) {
    it(`${title} → BearerKeyError`, () => {
      assert.throws(() => lookedUpKey(createKeyCache(), material, algorithms, 'getKey'), (err: unknown) => {
        assert.ok(err instanceof BearerKeyError);
        assert.equal(err.name, 'BearerKeyError');
        assert.equal(err.message, `house-errors/bearer: ${message}`);
        return true;
      });
    });
  }

  it('a usable key: what it is, and a PEM is parsed once per middleware', () => {
    const cache = createKeyCache();
    const first = lookedUpKey(cache, pem(RSA_NEW.publicKey), ['RS256'], 'getKey');
    assert.equal(first.kind, 'an RSA public key');
    assert.equal(lookedUpKey(cache, pem(RSA_NEW.publicKey), ['RS256'], 'getKey'), first);
    assert.notEqual(lookedUpKey(createKeyCache(), pem(RSA_NEW.publicKey), ['RS256'], 'getKey'), first);
  });
});
