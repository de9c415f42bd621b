/**
 * bearerAuth and koaBearerAuth at startup: every wrong option fails when the middleware is
 * built, with one line naming the option or code key, the same from both factories.
 */
import assert from 'node:assert/strict';
import { createSecretKey } from 'node:crypto';
import { bearerAuth, BearerOptionsError, koaBearerAuth, koaRequireScopes, requireScopes } from '../../lib/bearer/index.js';
import { CatalogDefinitionError, defineCatalog } from '../../lib/index.js';
import { authErrors, CODES, der, EC, pem, RSA_NEW, SECRET, type Options } from '../support/bearer.js';

const BASIC = { missing: 'MISSING_AUTH_TOKEN', invalid: 'INVALID_AUTH_TOKEN', expired: 'EXPIRED_AUTH_TOKEN' } as const;
const BASE = { secret: SECRET, algorithms: ['HS256'], codes: BASIC } as const;
const { secret: _secret, ...NO_KEY } = BASE;
const { algorithms: _algorithms, ...NO_ALGORITHMS } = BASE;
const HMAC_RULE = '(RFC 7518 §3.2: an HMAC key needs at least as many bytes as its hash, 32 for HS256, 48 for HS384, 64 for HS512)';
const MIXED = 'not a KeyObject: with algorithms mixing HMAC and public-key ones (RS256, HS256), only a KeyObject says which kind a key is';

/** The problems reported for `options`, by both factories (they must agree but for their name). */
function problemsOf(options: unknown): readonly string[] {
  const caught: string[][] = [];
  for (const [name, factory] of [['bearerAuth', bearerAuth], ['koaBearerAuth', koaBearerAuth]] as const) {
    try {
      factory(authErrors, options as Options);
    } catch (err) {
      assert.ok(err instanceof BearerOptionsError, `${name} threw ${String(err)}`);
      caught.push(err.problems.map((line) => line.replace(/^koaBearerAuth /, 'bearerAuth ')));
      continue;
    }
    assert.fail(`${name} accepted ${JSON.stringify(options)}`);
  }
  assert.deepEqual(caught[0], caught[1]);
  return caught[0]!;
}

describe('bearer options accepted at startup', () => {
  const accepted: ReadonlyArray<[string, unknown]> = [
    ['a minimal config', BASE],
    ['every option', {
      ...BASE, requireIat: true, maxAgeSeconds: 60, scope: ['a:b'], issuer: ['x', 'y'], audience: 'z',
      clockToleranceSeconds: 5, allowQueryToken: true, codes: CODES,
    }],
    ['an HMAC secret of 16 two-byte characters (32 bytes, not 16)', { ...BASE, secret: 'é'.repeat(16) }],
    ['a 64-byte secret for HS256, HS384 and HS512', { ...BASE, secret: 'a'.repeat(64), algorithms: ['HS256', 'HS384', 'HS512'] }],
    ['a public key as DER bytes for RS256', { ...BASE, secret: der(RSA_NEW.publicKey), algorithms: ['RS256'] }],
    ['a public key as base64 DER text for RS256', { ...BASE, secret: der(RSA_NEW.publicKey).toString('base64'), algorithms: ['RS256'] }],
    ['a private key as the secret (its public half verifies)', { ...BASE, secret: RSA_NEW.privateKey, algorithms: ['RS256'] }],
    ['clockToleranceSeconds: 300 (five minutes)', { ...BASE, clockToleranceSeconds: 300 }],
    ['keys: a KeyObject and a PEM by kid', { ...NO_KEY, algorithms: ['RS256'], keys: { a: RSA_NEW.publicKey, b: pem(RSA_NEW.publicKey) } }],
    ['jwksUri with every setting, credentialsRequired, isRevoked, getToken, cache, claims, keysUnavailable', {
      ...NO_KEY, algorithms: ['RS256'], jwksUri: 'https://idp.example/.well-known/jwks.json',
      jwks: { cacheMaxEntries: 10, cacheMaxAgeSeconds: 600, requestsPerMinute: 5, timeoutMs: 2000 },
      credentialsRequired: false, isRevoked: () => false, getToken: () => undefined,
      cache: { max: 1, maxBytes: 65_536, maxAgeSeconds: 86_400 }, requiredClaims: ['sub'], claims: { tenant: ['a', 'b'], level: () => true },
      codes: { ...BASIC, keysUnavailable: 'KEYS_UNAVAILABLE' },
    }],
    ['cache: false and cache: {}', { ...BASE, cache: {} }],
    ['keys of both kinds as KeyObjects, with algorithms mixing HMAC and RSA', {
      ...NO_KEY, algorithms: ['RS256', 'HS256'], keys: { r: RSA_NEW.publicKey, h: createSecretKey(Buffer.from(SECRET)) },
    }],
  ];
  for (const [title, options] of accepted) {
    it(title, () => {
      assert.equal(typeof bearerAuth(authErrors, options as Options), 'function');
      assert.equal(typeof koaBearerAuth(authErrors, options as Options), 'function');
    });
  }
});

describe('bearer options refused at startup', () => {
  const refused: ReadonlyArray<[string, unknown, readonly string[]]> = [
    // algorithms
    ['no algorithms', NO_ALGORITHMS, ["bearerAuth algorithms: required, a non-empty array such as ['HS256'] or ['RS256'] (never inferred from the key), got undefined"]],
    ['an empty algorithms list', { ...BASE, algorithms: [] }, ["bearerAuth algorithms: required, a non-empty array such as ['HS256'] or ['RS256'] (never inferred from the key), got an empty array"]],
    ['"none" in any case', { ...BASE, algorithms: ['HS256', 'none', 'NONE'] }, [
      'bearerAuth algorithms: "none" is never accepted: it would let unsigned tokens through',
      'bearerAuth algorithms: "none" is never accepted: it would let unsigned tokens through',
    ]],
    ['an algorithm we do not know', { ...BASE, algorithms: ['HS256', 'EdDSA'] }, [
      'bearerAuth algorithms: "EdDSA" is not one of HS256, HS384, HS512, RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384, ES512',
    ]],
    // key sources
    ['no key source', NO_KEY, ['bearerAuth needs a key: secret, keys, getKey, jwksUri, or accessKey with verifyAccessKey']],
    ['secret and getKey', { ...BASE, getKey: () => SECRET }, ['bearerAuth takes one key source, got secret and getKey']],
    ['secret and keys', { ...BASE, algorithms: ['RS256'], secret: RSA_NEW.publicKey, keys: { a: RSA_NEW.publicKey } }, ['bearerAuth takes one key source, got secret and keys']],
    ['accessKey without verifyAccessKey', { ...NO_KEY, accessKey: () => 'k', codes: CODES }, [
      'bearerAuth needs a key: secret, keys, getKey, jwksUri, or accessKey with verifyAccessKey',
      'bearerAuth accessKey and verifyAccessKey: give both (the key names the client, verifyAccessKey gives its secret) or neither',
    ]],
    ['getKey that is not a function', { ...NO_KEY, getKey: 'kid' }, ['bearerAuth getKey: expected a function, got "kid"']],
    // secret
    ['an empty secret', { ...BASE, secret: '' }, ['bearerAuth secret: expected an HMAC secret, a PEM key or a KeyObject, got an empty key']],
    ['a number as the secret', { ...BASE, secret: 42 }, ['bearerAuth secret: expected an HMAC secret, a PEM key or a KeyObject, got not key material (number)']],
    ['an HMAC secret for RS256', { ...BASE, algorithms: ['RS256'] }, ['bearerAuth secret: an HMAC secret of 33 bytes cannot verify RS256; use a key that fits every algorithm, or getKey']],
    ['an RSA PEM for RS256 and HS256', { ...BASE, secret: pem(RSA_NEW.publicKey), algorithms: ['RS256', 'HS256'] }, [
      'bearerAuth secret: an RSA public key cannot verify HS256; use a key that fits every algorithm, or getKey',
    ]],
    ['an HMAC secret for RS256 and HS256 (one fixed key never fits both kinds)', { ...BASE, algorithms: ['RS256', 'HS256'] }, [
      'bearerAuth secret: an HMAC secret of 33 bytes cannot verify RS256; use a key that fits every algorithm, or getKey',
    ]],
    ['a P-256 key for ES384', { ...BASE, secret: EC.publicKey, algorithms: ['ES384'] }, [
      'bearerAuth secret: an EC public key (P-256) cannot verify ES384; use a key that fits every algorithm, or getKey',
    ]],
    ['an RSA public key as DER bytes for HS256 (never read as an HMAC secret)', { ...BASE, secret: der(RSA_NEW.publicKey) }, [
      'bearerAuth secret: an RSA public key cannot verify HS256; use a key that fits every algorithm, or getKey',
    ]],
    ['an RSA public key as base64 DER text for HS256', { ...BASE, secret: der(RSA_NEW.publicKey).toString('base64') }, [
      'bearerAuth secret: an RSA public key cannot verify HS256; use a key that fits every algorithm, or getKey',
    ]],
    ['a 1-byte HMAC secret', { ...BASE, secret: 'x' }, [`bearerAuth secret: an HMAC secret of 1 byte cannot verify HS256 ${HMAC_RULE}`]],
    ['a 31-byte HMAC secret', { ...BASE, secret: 'a'.repeat(31) }, [`bearerAuth secret: an HMAC secret of 31 bytes cannot verify HS256 ${HMAC_RULE}`]],
    ['a 16-byte secret KeyObject', { ...BASE, secret: createSecretKey(Buffer.alloc(16)) }, [`bearerAuth secret: an HMAC secret of 16 bytes cannot verify HS256 ${HMAC_RULE}`]],
    ['a 48-byte secret for HS512 too', { ...BASE, secret: 'a'.repeat(48), algorithms: ['HS256', 'HS384', 'HS512'] }, [`bearerAuth secret: an HMAC secret of 48 bytes cannot verify HS512 ${HMAC_RULE}`]],
    // keys
    ['keys as an array', { ...NO_KEY, algorithms: ['RS256'], keys: [RSA_NEW.publicKey] }, ['bearerAuth keys: expected an object of keys by kid, got an array']],
    ['keys with no own keys', { ...NO_KEY, algorithms: ['RS256'], keys: {} }, ['bearerAuth keys: expected an object of keys by kid, got an object with no own keys']],
    ['keys that are not key material, or fit no algorithm', { ...NO_KEY, algorithms: ['RS256'], keys: { a: 42, b: EC.publicKey } }, [
      'bearerAuth keys["a"]: expected an HMAC secret, a PEM key or a KeyObject, got not key material (number)',
      'bearerAuth keys["b"]: an EC public key (P-256) cannot verify RS256',
    ]],
    ['keys as bytes and text while algorithms mix HMAC and RSA', { ...NO_KEY, algorithms: ['RS256', 'HS256'], keys: { r: der(RSA_NEW.publicKey), h: SECRET } }, [
      `bearerAuth keys["r"]: bytes, ${MIXED}`,
      `bearerAuth keys["h"]: a string, ${MIXED}`,
    ]],
    // claims
    ['claims options of the wrong types or ranges', {
      ...BASE, issuer: '', audience: [], clockToleranceSeconds: -1, maxAgeSeconds: 0, requireIat: 'yes', allowQueryToken: 1, codes: CODES,
    }, [
      'bearerAuth issuer: expected a non-empty string or array of them, got ""',
      'bearerAuth audience: expected a non-empty string or array of them, got an empty array',
      'bearerAuth clockToleranceSeconds: expected a number of seconds from 0 to 300 (a leeway is added to every token\'s lifetime), got -1',
      'bearerAuth maxAgeSeconds: expected a number of seconds ≥ 1, got 0',
      'bearerAuth requireIat: expected a boolean, got "yes"',
      'bearerAuth allowQueryToken: expected a boolean, got 1',
    ]],
    ...[301, 1e12, Infinity].map((value): [string, unknown, readonly string[]] => [`clockToleranceSeconds: ${value}`, { ...BASE, clockToleranceSeconds: value }, [
      `bearerAuth clockToleranceSeconds: expected a number of seconds from 0 to 300 (a leeway is added to every token's lifetime), got ${value}`,
    ]]),
    ['a scope that is not an RFC 6750 scope token', { ...BASE, scope: ['orders read'], codes: CODES }, [
      'bearerAuth scope: expected an array of RFC 6750 scope tokens (printable ASCII, no space, " or \\), got scope[0] = "orders read"',
    ]],
    ['a scope list with its own findIndex (the checked copy is the one used)', { ...BASE, scope: Object.assign(['orders read'], { findIndex: () => -1 }), codes: CODES }, [
      'bearerAuth scope: expected an array of RFC 6750 scope tokens (printable ASCII, no space, " or \\), got scope[0] = "orders read"',
    ]],
    // jwksUri
    ['jwksUri that is not a URL', { ...NO_KEY, jwksUri: 'idp.example/jwks.json' }, ['bearerAuth jwksUri: expected an https:// (or http://) URL, got "idp.example/jwks.json"']],
    ['jwksUri with another protocol', { ...NO_KEY, jwksUri: 'file:///etc/jwks.json' }, ['bearerAuth jwksUri: expected an https:// (or http://) URL, got "file:///etc/jwks.json"']],
    ['jwksUri that is not a string', { ...NO_KEY, jwksUri: 42 }, ['bearerAuth jwksUri: expected an https:// (or http://) URL, got 42']],
    ['jwksUri and secret', { ...BASE, jwksUri: 'https://idp.example/jwks.json' }, ['bearerAuth takes one key source, got secret and jwksUri']],
    ['jwks settings without jwksUri', { ...BASE, jwks: { timeoutMs: 100 } }, ['bearerAuth jwks: its settings need jwksUri']],
    ['jwks settings out of range or of the wrong type', {
      ...NO_KEY, jwksUri: 'https://idp.example/jwks.json',
      jwks: { cacheMaxEntries: 0, cacheMaxAgeSeconds: Number.NaN, requestsPerMinute: -1, timeoutMs: 1e9, retries: 3 },
    }, [
      'bearerAuth jwks.retries: unknown; the settings are cacheMaxEntries, cacheMaxAgeSeconds, requestsPerMinute, timeoutMs',
      'bearerAuth jwks.cacheMaxEntries: expected a whole number from 1 to 1,000, got 0',
      'bearerAuth jwks.cacheMaxAgeSeconds: expected a whole number from 1 to 86,400, got NaN',
      'bearerAuth jwks.requestsPerMinute: expected a whole number from 1 to 600, got -1',
      'bearerAuth jwks.timeoutMs: expected a whole number from 1 to 60,000, got 1000000000',
    ]],
    ['jwks that is not an object', { ...NO_KEY, jwksUri: 'https://idp.example/jwks.json', jwks: 'fast' }, [
      'bearerAuth jwks: expected an object (cacheMaxEntries, cacheMaxAgeSeconds, requestsPerMinute, timeoutMs, each optional), got "fast"',
    ]],
    // credentials, revocation, token source
    ['credentialsRequired that is not a boolean', { ...BASE, credentialsRequired: 'no' }, ['bearerAuth credentialsRequired: expected a boolean, got "no"']],
    ['isRevoked and getToken that are not functions', { ...BASE, isRevoked: true, getToken: 'cookie' }, [
      'bearerAuth isRevoked: expected a function, got true',
      'bearerAuth getToken: expected a function, got "cookie"',
    ]],
    ['getToken with allowQueryToken', { ...BASE, getToken: () => undefined, allowQueryToken: true }, [
      'bearerAuth getToken and allowQueryToken: getToken replaces reading the request, so it reads a query token itself if it wants one',
    ]],
    // cache
    ['cache: true', { ...BASE, cache: true }, ['bearerAuth cache: expected false or an object of settings ({} for the defaults), got true']],
    ['cache that is a number', { ...BASE, cache: 1000 }, ['bearerAuth cache: expected an object (max, maxBytes, maxAgeSeconds, each optional), got 1000']],
    ['cache sizes that are 0, negative, NaN, fractional or huge', { ...BASE, cache: { max: 0, maxBytes: -1, maxAgeSeconds: 1.5 } }, [
      'bearerAuth cache.max: expected a whole number from 1 to 10,000,000, got 0',
      'bearerAuth cache.maxBytes: expected a whole number from 65,536 to 4,294,967,296, got -1',
      'bearerAuth cache.maxAgeSeconds: expected a whole number from 1 to 86,400, got 1.5',
    ]],
    ['cache sizes past their bounds', { ...BASE, cache: { max: 1e12, maxBytes: Infinity, maxAgeSeconds: Number.NaN, ttl: 60 } }, [
      'bearerAuth cache.ttl: unknown; the settings are max, maxBytes, maxAgeSeconds',
      'bearerAuth cache.max: expected a whole number from 1 to 10,000,000, got 1000000000000',
      'bearerAuth cache.maxBytes: expected a whole number from 65,536 to 4,294,967,296, got Infinity',
      'bearerAuth cache.maxAgeSeconds: expected a whole number from 1 to 86,400, got NaN',
    ]],
    // claims
    ['requiredClaims that are not names', { ...BASE, requiredClaims: ['sub', ''] }, ['bearerAuth requiredClaims: expected a non-empty array of claim names, got requiredClaims[1] = ""']],
    ['requiredClaims as a string', { ...BASE, requiredClaims: 'sub' }, ['bearerAuth requiredClaims: expected a non-empty array of claim names, got "sub"']],
    ['claims of the wrong types', { ...BASE, claims: { tenant: null, plan: [], level: Number.NaN, roles: [{ admin: true }] } }, [
      'bearerAuth claims["tenant"]: expected a string, a finite number, a boolean, a non-empty array of them, or a function, got null',
      'bearerAuth claims["plan"]: expected a string, a finite number, a boolean, a non-empty array of them, or a function, got an empty array',
      'bearerAuth claims["level"]: expected a string, a finite number, a boolean, a non-empty array of them, or a function, got NaN',
      'bearerAuth claims["roles"]: expected a string, a finite number, a boolean, a non-empty array of them, or a function, got an object',
    ]],
    ['claims that is not an object', { ...BASE, claims: ['tenant'] }, ['bearerAuth claims: expected an object of checks by claim name, got an array']],
    ['codes.keysUnavailable answered by a 4xx', { ...BASE, codes: { ...BASIC, keysUnavailable: 'INVALID_AUTH_TOKEN' } }, [
      'bearerAuth codes.keysUnavailable: "INVALID_AUTH_TOKEN" has status 401 and bearer \'invalid_token\'; it needs a 5xx status and no bearer (the fault is the server\'s)',
    ]],
    // names
    ['an unknown option (a typo never silently disables a check)', { ...BASE, maxAge: 60 }, ['bearerAuth option "maxAge" is unknown']],
    ['realm: the catalog or the error handler writes the challenge', { ...BASE, realm: 'marketplace' }, [
      'bearerAuth option "realm" is unknown; set the realm on defineCatalog(…, { realm }) or errorHandler(…, { realm }), which write the challenge',
    ]],
    // codes
    ['an unknown failure name', { ...BASE, codes: { ...BASIC, expird: 'EXPIRED_AUTH_TOKEN' } }, [
      'bearerAuth codes.expird: unknown; the failures are missing, invalid, expired, missingIat, missingAccessKey, invalidAccessKey, insufficientScope, invalidRequest, keysUnavailable',
    ]],
    ['a key that is not in the catalog', { ...BASE, codes: { ...BASIC, invalid: 'NOPE' } }, ['bearerAuth codes.invalid: "NOPE" is not a key of the catalog']],
    ['a required failure missing', { ...BASE, codes: { missing: 'MISSING_AUTH_TOKEN', invalid: 'INVALID_AUTH_TOKEN' } }, ['bearerAuth codes.expired: required']],
    ['no codes', { ...BASE, codes: undefined }, ['bearerAuth codes: required, an object of catalog keys by failure (missing, invalid, expired), got undefined']],
    ['missing answered by an invalid_token definition', { ...BASE, codes: { ...BASIC, missing: 'INVALID_AUTH_TOKEN' } }, [
      'bearerAuth codes.missing: "INVALID_AUTH_TOKEN" has status 401 and bearer \'invalid_token\'; it needs status 401 and bearer true (RFC 6750 §3.1)',
    ]],
    ['insufficientScope answered by a 404', { ...BASE, scope: ['a'], codes: { ...BASIC, insufficientScope: 'RESOURCE_NOT_FOUND' } }, [
      'bearerAuth codes.insufficientScope: "RESOURCE_NOT_FOUND" has status 404 and bearer (none); it needs status 403 and bearer \'insufficient_scope\' (RFC 6750 §3.1)',
    ]],
    ['invalidRequest answered by a 400 without bearer', { ...BASE, codes: { ...BASIC, invalidRequest: 'BAD_REQUEST' } }, [
      'bearerAuth codes.invalidRequest: "BAD_REQUEST" has status 400 and bearer (none); it needs status 400 and bearer \'invalid_request\' (RFC 6750 §3.1)',
    ]],
    ['requireIat without codes.missingIat', { ...BASE, requireIat: true }, ['bearerAuth codes.missingIat: required with requireIat or maxAgeSeconds']],
    ['maxAgeSeconds without codes.missingIat', { ...BASE, maxAgeSeconds: 60 }, ['bearerAuth codes.missingIat: required with requireIat or maxAgeSeconds']],
    ['scope without codes.insufficientScope', { ...BASE, scope: ['orders:read'] }, ['bearerAuth codes.insufficientScope: required with scope']],
    ['accessKey without its two codes', { ...NO_KEY, accessKey: () => 'k', verifyAccessKey: () => SECRET }, [
      'bearerAuth codes.missingAccessKey: required with accessKey',
      'bearerAuth codes.invalidAccessKey: required with accessKey',
    ]],
  ];
  for (const [title, options, problems] of refused) {
    it(title, () => {
      assert.deepEqual(problemsOf(options), problems);
    });
  }

  it('a PEM block that is not a readable key is refused, not taken as an HMAC secret', () => {
    const broken = '-----BEGIN PUBLIC KEY-----\nbm90IGEga2V5IGF0IGFsbCwganVzdCB0ZXh0IG9mIDQ4IGJ5dGVz\n-----END PUBLIC KEY-----\n';
    const [problem, ...rest] = problemsOf({ ...BASE, secret: broken });
    assert.match(problem!, /^bearerAuth secret: expected an HMAC secret, a PEM key or a KeyObject, got a PEM block that is not a readable key \(.+\)$/);
    assert.deepEqual(rest, []);
  });

  it('every problem is reported at once', () => {
    assert.deepEqual(problemsOf({ algorithms: ['none'], codes: { missing: 'NOPE' }, scope: [' '] }), [
      'bearerAuth algorithms: "none" is never accepted: it would let unsigned tokens through',
      'bearerAuth needs a key: secret, keys, getKey, jwksUri, or accessKey with verifyAccessKey',
      'bearerAuth scope: expected an array of RFC 6750 scope tokens (printable ASCII, no space, " or \\), got scope[0] = " "',
      'bearerAuth codes.missing: "NOPE" is not a key of the catalog',
      'bearerAuth codes.invalid: required',
      'bearerAuth codes.expired: required',
    ]);
  });

  it('a definition with placeholders is refused (an auth failure has no parameters)', () => {
    const errors = defineCatalog({
      MISSING: { status: 401, message: 'Missing.', bearer: true },
      INVALID: { status: 401, message: 'Invalid: {why}', bearer: 'invalid_token' },
      INTERNAL: { status: 500, message: 'Internal.' },
    });
    assert.throws(
      () => bearerAuth(errors, { secret: SECRET, algorithms: ['HS256'], codes: { missing: 'MISSING', invalid: 'INVALID', expired: 'INVALID' } }),
      {
        problems: [
          'bearerAuth codes.invalid: "INVALID" has placeholders (why); an auth failure has no parameters to fill them',
          'bearerAuth codes.expired: "INVALID" has placeholders (why); an auth failure has no parameters to fill them',
        ],
      },
    );
  });

  it('a BearerOptionsError: a TypeError headed with the factory, every problem on its own line', () => {
    for (const [name, factory] of [['bearerAuth', bearerAuth], ['koaBearerAuth', koaBearerAuth]] as const) {
      assert.throws(() => factory(authErrors, { ...BASE, maxAge: 60, requireIat: 'yes' } as unknown as Options), (err: unknown) => {
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

  it('not a catalog, or no options: a TypeError', () => {
    assert.throws(() => bearerAuth({} as typeof authErrors, BASE), TypeError);
    assert.throws(() => bearerAuth(authErrors, undefined as unknown as Options), {
      name: 'TypeError', message: 'house-errors: bearerAuth(errors, options): options with algorithms, a key and codes are required',
    });
  });
});

describe('requireScopes and koaRequireScopes at startup', () => {
  const SCOPE_CODES = { missing: 'MISSING_AUTH_TOKEN', insufficientScope: 'NOT_ENOUGH_PERMISSION' } as const;
  const problems = (scopes: unknown, options: unknown): readonly string[] => {
    const caught: string[][] = [];
    for (const factory of [requireScopes, koaRequireScopes]) {
      try {
        factory(authErrors, scopes as string[], options as { codes: typeof SCOPE_CODES });
        assert.fail(`${factory.name} accepted ${JSON.stringify(scopes)}`);
      } catch (err) {
        assert.ok(err instanceof BearerOptionsError, String(err));
        caught.push(err.problems.map((line) => line.replace(/^koaRequireScopes /, 'requireScopes ')));
      }
    }
    assert.deepEqual(caught[0], caught[1]);
    return caught[0]!;
  };

  it('accepts scopes and both codes', () => {
    assert.equal(typeof requireScopes(authErrors, ['orders:write'], { codes: SCOPE_CODES }), 'function');
    assert.equal(typeof koaRequireScopes(authErrors, ['orders:write'], { codes: SCOPE_CODES }), 'function');
  });

  const refused: ReadonlyArray<[string, unknown, unknown, readonly string[]]> = [
    ['no scopes', [], { codes: SCOPE_CODES }, ['requireScopes scopes: expected at least one scope']],
    ['a scope with a space', ['orders write'], { codes: SCOPE_CODES }, [
      'requireScopes scopes: expected an array of RFC 6750 scope tokens (printable ASCII, no space, " or \\), got scopes[0] = "orders write"',
    ]],
    ['scopes as a string', 'orders:write', { codes: SCOPE_CODES }, [
      'requireScopes scopes: expected an array of RFC 6750 scope tokens (printable ASCII, no space, " or \\), got "orders:write"',
    ]],
    ['no options', ['orders:write'], undefined, ['requireScopes options: expected { codes: { missing, insufficientScope } }, got undefined']],
    ['a missing code and an unknown one', ['orders:write'], { codes: { insufficientScope: 'NOT_ENOUGH_PERMISSION', invalid: 'INVALID_AUTH_TOKEN' } }, [
      'requireScopes codes.invalid: unknown; the failures are missing, insufficientScope',
      'requireScopes codes.missing: required',
    ]],
    ['insufficientScope answered by a 401', ['orders:write'], { codes: { ...SCOPE_CODES, insufficientScope: 'INVALID_AUTH_TOKEN' } }, [
      'requireScopes codes.insufficientScope: "INVALID_AUTH_TOKEN" has status 401 and bearer \'invalid_token\'; it needs status 403 and bearer \'insufficient_scope\' (RFC 6750 §3.1)',
    ]],
  ];
  for (const [title, scopes, options, expected] of refused) {
    it(`refuses ${title}`, () => {
      assert.deepEqual(problems(scopes, options), expected);
    });
  }
});
