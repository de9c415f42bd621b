/**
 * house-errors/bearer at startup: every wrong option fails when the middleware is built,
 * with one line naming the option or code key. And the token extraction rules of RFC 6750 §2.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createSecretKey } from 'node:crypto';
import * as bearer from '../lib/bearer/index.js';
import { bearerAuth, koaBearerAuth, type BearerOptions } from '../lib/bearer/index.js';
import { extractToken } from '../lib/bearer/verify.js';
import { CatalogDefinitionError, defineCatalog } from '../lib/index.js';
import { authErrors, CODES, der, EC, pem, RSA_NEW, SECRET } from './support/bearer.js';

type Loose = BearerOptions<typeof authErrors> & Record<string, unknown>;
const BASE = { secret: SECRET, algorithms: ['HS256'], codes: { missing: 'MISSING_AUTH_TOKEN', invalid: 'INVALID_AUTH_TOKEN', expired: 'EXPIRED_AUTH_TOKEN' } } as const;

/** The problems reported for `options`, by both factories (they must agree). */
function problemsOf(options: unknown): readonly string[] {
  const caught: string[][] = [];
  for (const [name, factory] of [['bearerAuth', bearerAuth], ['koaBearerAuth', koaBearerAuth]] as const) {
    try {
      factory(authErrors, options as Loose);
    } catch (err) {
      const problems = (err as { problems?: unknown }).problems;
      assert.ok(Array.isArray(problems), `${name} threw ${String(err)}`);
      caught.push((problems as string[]).map((line) => line.replace(/^koaBearerAuth /, 'bearerAuth ')));
      continue;
    }
    assert.fail(`${name} accepted ${JSON.stringify(options)}`);
  }
  assert.deepEqual(caught[0], caught[1]);
  return caught[0]!;
}

describe('bearer options at startup', () => {
  it('accepts a minimal config and the full seed-000 one', () => {
    assert.equal(typeof bearerAuth(authErrors, BASE), 'function');
    assert.equal(typeof koaBearerAuth(authErrors, {
      ...BASE, requireIat: true, maxAgeSeconds: 60, scope: ['a:b'], issuer: ['x', 'y'], audience: 'z',
      clockToleranceSeconds: 5, allowQueryToken: true, codes: CODES,
    }), 'function');
  });

  it('algorithms: required and non-empty', () => {
    const { algorithms: _, ...noAlgorithms } = BASE;
    const expected = "bearerAuth algorithms: required, a non-empty array such as ['HS256'] or ['RS256'] (never inferred from the key), got ";
    assert.deepEqual(problemsOf(noAlgorithms), [`${expected}undefined`]);
    assert.deepEqual(problemsOf({ ...BASE, algorithms: [] }), [`${expected}an empty array`]);
  });

  it('algorithms: "none" is refused in any case; unknown names are named', () => {
    assert.deepEqual(problemsOf({ ...BASE, algorithms: ['HS256', 'none', 'NONE'] }), [
      'bearerAuth algorithms: "none" is never accepted: it would let unsigned tokens through',
      'bearerAuth algorithms: "none" is never accepted: it would let unsigned tokens through',
    ]);
    assert.deepEqual(problemsOf({ ...BASE, algorithms: ['HS256', 'EdDSA'] }), [
      'bearerAuth algorithms: "EdDSA" is not one of HS256, HS384, HS512, RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384, ES512',
    ]);
  });

  it('one key source: secret, getKey, or accessKey with verifyAccessKey', () => {
    const { secret: _, ...noKey } = BASE;
    assert.deepEqual(problemsOf(noKey), ['bearerAuth needs a key: secret, keys, getKey, or accessKey with verifyAccessKey']);
    assert.deepEqual(problemsOf({ ...BASE, getKey: () => SECRET }), ['bearerAuth takes one key source, got secret and getKey']);
    assert.deepEqual(problemsOf({ ...noKey, accessKey: () => 'k', codes: CODES }), [
      'bearerAuth needs a key: secret, keys, getKey, or accessKey with verifyAccessKey',
      'bearerAuth accessKey and verifyAccessKey: give both (the key names the client, verifyAccessKey gives its secret) or neither',
    ]);
    assert.deepEqual(problemsOf({ ...noKey, getKey: 'kid' }), ['bearerAuth getKey: expected a function, got "kid"']);
  });

  it('secret: must be key material that fits every algorithm', () => {
    assert.deepEqual(problemsOf({ ...BASE, secret: '' }), ['bearerAuth secret: expected an HMAC secret, a PEM key or a KeyObject, got an empty key']);
    assert.deepEqual(problemsOf({ ...BASE, secret: 42 }), ['bearerAuth secret: expected an HMAC secret, a PEM key or a KeyObject, got not key material (number)']);
    assert.deepEqual(problemsOf({ ...BASE, algorithms: ['RS256'] }), ['bearerAuth secret: an HMAC secret of 33 bytes cannot verify RS256; use a key that fits every algorithm, or getKey']);
    assert.deepEqual(problemsOf({ ...BASE, secret: pem(RSA_NEW.publicKey), algorithms: ['RS256', 'HS256'] }), [
      'bearerAuth secret: an RSA public key cannot verify HS256; use a key that fits every algorithm, or getKey',
    ]);
    assert.deepEqual(problemsOf({ ...BASE, secret: EC.publicKey, algorithms: ['ES384'] }), [
      'bearerAuth secret: an EC public key (P-256) cannot verify ES384; use a key that fits every algorithm, or getKey',
    ]);
  });

  it('a wrong option throws a BearerOptionsError headed with the factory, not "invalid catalog"', () => {
    const { BearerOptionsError } = bearer as Record<string, unknown> as { BearerOptionsError: new (...args: never[]) => Error };
    assert.equal(typeof BearerOptionsError, 'function');
    for (const [name, factory] of [['bearerAuth', bearerAuth], ['koaBearerAuth', koaBearerAuth]] as const) {
      assert.throws(() => factory(authErrors, { ...BASE, maxAge: 60, requireIat: 'yes' } as unknown as Loose), (err: Error & { problems: string[] }) => {
        assert.ok(err instanceof BearerOptionsError);
        assert.ok(err instanceof TypeError);
        assert.ok(!(err instanceof CatalogDefinitionError));
        assert.equal(err.name, 'BearerOptionsError');
        assert.equal(err.message, `house-errors: invalid ${name} options:\n  - ${name} option "maxAge" is unknown\n  - ${name} requireIat: expected a boolean, got "yes"`);
        assert.deepEqual(err.problems, [`${name} option "maxAge" is unknown`, `${name} requireIat: expected a boolean, got "yes"`]);
        return true;
      });
    }
  });

  it('secret: an HMAC secret shorter than its hash is refused (RFC 7518 §3.2)', () => {
    const rule = '(RFC 7518 §3.2: an HMAC key needs at least as many bytes as its hash, 32 for HS256, 48 for HS384, 64 for HS512)';
    assert.deepEqual(problemsOf({ ...BASE, secret: 'x' }), [`bearerAuth secret: an HMAC secret of 1 byte cannot verify HS256 ${rule}`]);
    assert.deepEqual(problemsOf({ ...BASE, secret: 'a'.repeat(31) }), [`bearerAuth secret: an HMAC secret of 31 bytes cannot verify HS256 ${rule}`]);
    assert.deepEqual(problemsOf({ ...BASE, secret: createSecretKey(Buffer.alloc(16)) }), [`bearerAuth secret: an HMAC secret of 16 bytes cannot verify HS256 ${rule}`]);
    assert.deepEqual(problemsOf({ ...BASE, secret: 'a'.repeat(48), algorithms: ['HS256', 'HS384', 'HS512'] }), [`bearerAuth secret: an HMAC secret of 48 bytes cannot verify HS512 ${rule}`]);
    // Bytes, not characters: 16 two-byte characters are 32 bytes.
    assert.equal(typeof bearerAuth(authErrors, { ...BASE, secret: 'é'.repeat(16) }), 'function');
    assert.equal(typeof bearerAuth(authErrors, { ...BASE, secret: 'a'.repeat(64), algorithms: ['HS256', 'HS384', 'HS512'] }), 'function');
  });

  it('secret: a public key as DER bytes or base64 DER text is a public key, never an HMAC secret', () => {
    assert.equal(typeof bearerAuth(authErrors, { ...BASE, secret: der(RSA_NEW.publicKey), algorithms: ['RS256'] }), 'function');
    assert.equal(typeof bearerAuth(authErrors, { ...BASE, secret: der(RSA_NEW.publicKey).toString('base64'), algorithms: ['RS256'] }), 'function');
    assert.deepEqual(problemsOf({ ...BASE, secret: der(RSA_NEW.publicKey) }), [
      'bearerAuth secret: an RSA public key cannot verify HS256; use a key that fits every algorithm, or getKey',
    ]);
    assert.deepEqual(problemsOf({ ...BASE, secret: der(RSA_NEW.publicKey).toString('base64') }), [
      'bearerAuth secret: an RSA public key cannot verify HS256; use a key that fits every algorithm, or getKey',
    ]);
  });

  it('secret: a PEM block that is not a readable key is refused, not taken as an HMAC secret', () => {
    const broken = '-----BEGIN PUBLIC KEY-----\nbm90IGEga2V5IGF0IGFsbCwganVzdCB0ZXh0IG9mIDQ4IGJ5dGVz\n-----END PUBLIC KEY-----\n';
    const [problem] = problemsOf({ ...BASE, secret: broken });
    assert.match(problem!, /^bearerAuth secret: expected an HMAC secret, a PEM key or a KeyObject, got a PEM block that is not a readable key \(/);
  });

  it('clockToleranceSeconds: at most 300 (five minutes)', () => {
    assert.equal(typeof bearerAuth(authErrors, { ...BASE, clockToleranceSeconds: 300 }), 'function');
    for (const value of [301, 1e12, Infinity]) {
      assert.deepEqual(problemsOf({ ...BASE, clockToleranceSeconds: value }), [
        `bearerAuth clockToleranceSeconds: expected a number of seconds from 0 to 300 (a leeway is added to every token's lifetime), got ${value}`,
      ]);
    }
  });

  it('scope: the checked copy is the one used (an own findIndex changes nothing)', () => {
    const lying = Object.assign(['orders read'], { findIndex: () => -1 });
    assert.deepEqual(problemsOf({ ...BASE, scope: lying, codes: CODES }), [
      'bearerAuth scope: expected an array of RFC 6750 scope tokens (printable ASCII, no space, " or \\), got scope[0] = "orders read"',
    ]);
  });

  it('keys: an object of keys by kid, each checked at startup', () => {
    const { secret: _, ...noKey } = BASE;
    const rs = { ...noKey, algorithms: ['RS256'] };
    assert.equal(typeof bearerAuth(authErrors, { ...rs, keys: { a: RSA_NEW.publicKey, b: pem(RSA_NEW.publicKey) } } as Loose), 'function');
    assert.deepEqual(problemsOf({ ...rs, keys: [RSA_NEW.publicKey] }), ['bearerAuth keys: expected an object of keys by kid, got an array']);
    assert.deepEqual(problemsOf({ ...rs, keys: {} }), ['bearerAuth keys: expected an object of keys by kid, got an object with no own keys']);
    assert.deepEqual(problemsOf({ ...rs, keys: { a: 42, b: EC.publicKey } }), [
      'bearerAuth keys["a"]: expected an HMAC secret, a PEM key or a KeyObject, got not key material (number)',
      'bearerAuth keys["b"]: an EC public key (P-256) cannot verify RS256',
    ]);
    assert.deepEqual(problemsOf({ ...rs, secret: RSA_NEW.publicKey, keys: { a: RSA_NEW.publicKey } }), ['bearerAuth takes one key source, got secret and keys']);
  });

  it('a list mixing HMAC and public-key algorithms: keys must be KeyObjects (text or bytes could be either)', () => {
    const { secret: _, ...noKey } = BASE;
    const mixed = { ...noKey, algorithms: ['RS256', 'HS256'] };
    assert.equal(typeof bearerAuth(authErrors, { ...mixed, keys: { r: RSA_NEW.publicKey, h: createSecretKey(Buffer.from(SECRET)) } } as Loose), 'function');
    assert.deepEqual(problemsOf({ ...mixed, keys: { r: der(RSA_NEW.publicKey), h: SECRET } }), [
      'bearerAuth keys["r"]: bytes, not a KeyObject: with algorithms mixing HMAC and public-key ones (RS256, HS256), only a KeyObject says which kind a key is',
      'bearerAuth keys["h"]: a string, not a KeyObject: with algorithms mixing HMAC and public-key ones (RS256, HS256), only a KeyObject says which kind a key is',
    ]);
    // One fixed key never fits both kinds.
    assert.deepEqual(problemsOf({ ...mixed, secret: SECRET }), [
      'bearerAuth secret: an HMAC secret of 33 bytes cannot verify RS256; use a key that fits every algorithm, or getKey',
    ]);
  });

  it('a private key is accepted as the secret: its public half verifies', () => {
    assert.equal(typeof bearerAuth(authErrors, { ...BASE, secret: RSA_NEW.privateKey, algorithms: ['RS256'] }), 'function');
  });

  it('codes: unknown failure names and unknown catalog keys are named', () => {
    assert.deepEqual(problemsOf({ ...BASE, codes: { ...BASE.codes, expird: 'EXPIRED_AUTH_TOKEN' } }), [
      'bearerAuth codes.expird: unknown; the failures are missing, invalid, expired, missingIat, missingAccessKey, invalidAccessKey, insufficientScope, invalidRequest',
    ]);
    assert.deepEqual(problemsOf({ ...BASE, codes: { ...BASE.codes, invalid: 'NOPE' } }), ['bearerAuth codes.invalid: "NOPE" is not a key of the catalog']);
    const { expired: _, ...noExpired } = BASE.codes;
    assert.deepEqual(problemsOf({ ...BASE, codes: noExpired }), ['bearerAuth codes.expired: required']);
    assert.deepEqual(problemsOf({ ...BASE, codes: undefined }), [
      'bearerAuth codes: required, an object of catalog keys by failure (missing, invalid, expired), got undefined',
    ]);
  });

  it('codes: a definition with the wrong status or bearer is refused, naming both', () => {
    assert.deepEqual(problemsOf({ ...BASE, codes: { ...BASE.codes, missing: 'INVALID_AUTH_TOKEN' } }), [
      'bearerAuth codes.missing: "INVALID_AUTH_TOKEN" has status 401 and bearer \'invalid_token\'; it needs status 401 and bearer true (RFC 6750 §3.1)',
    ]);
    assert.deepEqual(problemsOf({ ...BASE, scope: ['a'], codes: { ...BASE.codes, insufficientScope: 'RESOURCE_NOT_FOUND' } }), [
      'bearerAuth codes.insufficientScope: "RESOURCE_NOT_FOUND" has status 404 and bearer (none); it needs status 403 and bearer \'insufficient_scope\' (RFC 6750 §3.1)',
    ]);
    assert.deepEqual(problemsOf({ ...BASE, codes: { ...BASE.codes, invalidRequest: 'BAD_REQUEST' } }), [
      'bearerAuth codes.invalidRequest: "BAD_REQUEST" has status 400 and bearer (none); it needs status 400 and bearer \'invalid_request\' (RFC 6750 §3.1)',
    ]);
  });

  it('codes: a definition with placeholders is refused', () => {
    const errors = defineCatalog({
      MISSING: { status: 401, message: 'Missing.', bearer: true },
      INVALID: { status: 401, message: 'Invalid: {why}', bearer: 'invalid_token' },
      INTERNAL: { status: 500, message: 'Internal.' },
    });
    assert.throws(
      () => bearerAuth(errors, { secret: SECRET, algorithms: ['HS256'], codes: { missing: 'MISSING', invalid: 'INVALID', expired: 'INVALID' } }),
      (err: CatalogDefinitionError) => {
        assert.deepEqual(err.problems, [
          'bearerAuth codes.invalid: "INVALID" has placeholders (why); an auth failure has no parameters to fill them',
          'bearerAuth codes.expired: "INVALID" has placeholders (why); an auth failure has no parameters to fill them',
        ]);
        return true;
      },
    );
  });

  it('codes needed by an option are required with it', () => {
    assert.deepEqual(problemsOf({ ...BASE, requireIat: true }), ['bearerAuth codes.missingIat: required with requireIat or maxAgeSeconds']);
    assert.deepEqual(problemsOf({ ...BASE, maxAgeSeconds: 60 }), ['bearerAuth codes.missingIat: required with requireIat or maxAgeSeconds']);
    assert.deepEqual(problemsOf({ ...BASE, scope: ['orders:read'] }), ['bearerAuth codes.insufficientScope: required with scope']);
    const { secret: _, ...noKey } = BASE;
    assert.deepEqual(problemsOf({ ...noKey, accessKey: () => 'k', verifyAccessKey: () => SECRET }), [
      'bearerAuth codes.missingAccessKey: required with accessKey',
      'bearerAuth codes.invalidAccessKey: required with accessKey',
    ]);
  });

  it('claims options: types and ranges', () => {
    assert.deepEqual(problemsOf({
      ...BASE, issuer: '', audience: [], clockToleranceSeconds: -1, maxAgeSeconds: 0, requireIat: 'yes', allowQueryToken: 1,
      codes: CODES,
    }), [
      'bearerAuth issuer: expected a non-empty string or array of them, got ""',
      'bearerAuth audience: expected a non-empty string or array of them, got an empty array',
      'bearerAuth clockToleranceSeconds: expected a number of seconds from 0 to 300 (a leeway is added to every token\'s lifetime), got -1',
      'bearerAuth maxAgeSeconds: expected a number of seconds ≥ 1, got 0',
      'bearerAuth requireIat: expected a boolean, got "yes"',
      'bearerAuth allowQueryToken: expected a boolean, got 1',
    ]);
  });

  it('scope: RFC 6750 scope tokens only (no space, quote or backslash)', () => {
    assert.deepEqual(problemsOf({ ...BASE, scope: ['orders read'], codes: CODES }), [
      'bearerAuth scope: expected an array of RFC 6750 scope tokens (printable ASCII, no space, " or \\), got scope[0] = "orders read"',
    ]);
  });

  it('realm: not an option (the catalog or the error handler writes the challenge)', () => {
    assert.deepEqual(problemsOf({ ...BASE, realm: 'bunjang' }), [
      'bearerAuth option "realm" is unknown; set the realm on defineCatalog(…, { realm }) or errorHandler(…, { realm }), which write the challenge',
    ]);
  });

  it('an unknown option is named (a typo never silently disables a check)', () => {
    assert.deepEqual(problemsOf({ ...BASE, maxAge: 60 }), ['bearerAuth option "maxAge" is unknown']);
  });

  it('every problem is reported at once', () => {
    assert.equal(problemsOf({ algorithms: ['none'], codes: { missing: 'NOPE' }, scope: [' '] }).length, 6);
  });

  it('not a catalog, or no options: a TypeError', () => {
    assert.throws(() => bearerAuth({} as typeof authErrors, BASE), TypeError);
    assert.throws(() => bearerAuth(authErrors, undefined as unknown as Loose), {
      name: 'TypeError', message: 'house-errors: bearerAuth(errors, options): options with algorithms, a key and codes are required',
    });
  });
});

describe('bearer token extraction (RFC 6750 §2)', () => {
  const req = (authorization?: string | string[], url = '/'): Parameters<typeof extractToken>[0] => {
    const values = authorization === undefined ? [] : Array.isArray(authorization) ? authorization : [authorization];
    return {
      headers: values.length === 0 ? {} : { authorization: values[0] },
      rawHeaders: values.flatMap((value) => ['Authorization', value]),
      url,
    };
  };

  const cases: ReadonlyArray<[string, string | string[] | undefined, string, ReturnType<typeof extractToken>['kind'], string?]> = [
    ['no header', undefined, '/', 'missing'],
    ['an empty header', '', '/', 'missing'],
    ['Basic credentials', 'Basic dXNlcjpwYXNz', '/', 'missing'],
    ['a scheme alone', 'Digest', '/', 'missing'],
    ['bearer, lower case', 'bearer abc.def.ghi', '/', 'token', 'abc.def.ghi'],
    ['BEARER, two spaces', 'BEARER  abc', '/', 'token', 'abc'],
    ['b64token with ~+/ and padding', 'Bearer a-b._~+/c==', '/', 'token', 'a-b._~+/c=='],
    ['padding in the middle', 'Bearer ab=c', '/', 'malformed'],
    ['Bearer alone', 'Bearer', '/', 'malformed'],
    ['two tokens', 'Bearer a b', '/', 'malformed'],
    ['a comma list', 'Bearer a, Bearer b', '/', 'malformed'],
    ['a tab before the token', 'Bearer\tabc', '/', 'malformed'],
    ['non-ASCII', 'Bearer abcé', '/', 'malformed'],
    ['two Authorization headers', ['Bearer a', 'Bearer b'], '/', 'malformed'],
    ['a scheme that is not a token', '(Bearer) abc', '/', 'malformed'],
    ['a query token is ignored when not allowed', undefined, '/?access_token=abc', 'missing'],
  ];
  for (const [title, header, url, kind, token] of cases) {
    it(`${title} → ${kind}`, () => {
      const found = extractToken(req(header, url), false);
      assert.equal(found.kind, kind);
      if (token !== undefined) assert.deepEqual(found, { kind: 'token', token });
    });
  }

  it('query tokens when allowed: one, none, two, empty, percent-encoded, both places', () => {
    assert.deepEqual(extractToken(req(undefined, '/x?a=1&access_token=abc.def'), true), { kind: 'token', token: 'abc.def' });
    assert.deepEqual(extractToken(req(undefined, '/x?access_token=a%2Bb'), true), { kind: 'token', token: 'a+b' });
    assert.equal(extractToken(req(undefined, '/x?access_token=a+b'), true).kind, 'malformed');
    assert.equal(extractToken(req(undefined, '/x?my_access_token=abc'), true).kind, 'missing');
    assert.equal(extractToken(req(undefined, '/x?access_token=a&access_token=a'), true).kind, 'malformed');
    assert.equal(extractToken(req(undefined, '/x?access_token='), true).kind, 'malformed');
    assert.equal(extractToken(req('Bearer abc', '/x?access_token=abc'), true).kind, 'malformed');
    assert.deepEqual(extractToken(req('Basic dXNlcjpwYXNz', '/x?access_token=abc'), true), { kind: 'token', token: 'abc' });
    assert.equal(extractToken(req('Bearer', '/x?access_token=abc'), true).kind, 'malformed');
  });

  it('reads headers set by an earlier middleware when rawHeaders has none', () => {
    assert.deepEqual(extractToken({ headers: { authorization: 'Bearer abc' } }, false), { kind: 'token', token: 'abc' });
  });
});

describe('bearer is a subpath', () => {
  it('house-errors alone never loads jsonwebtoken; house-errors/bearer does', function () {
    this.timeout(30000);
    // ESM imports of CommonJS packages go through require.cache, so it shows what was loaded.
    const script = `
      import { createRequire } from 'node:module';
      const loaded = () => Object.keys(createRequire(import.meta.url).cache).filter((p) => p.includes('jsonwebtoken')).length;
      await import('./lib/index.ts');
      const core = loaded();
      await import('./lib/bearer/index.ts');
      console.log(JSON.stringify([core, loaded() > 0]));
    `;
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', timeout: 25000 });
    assert.deepEqual(JSON.parse(out), [0, true]);
  });
});
