/**
 * What each request's token comes to, in one process: `bearerAuth` called as Express calls
 * it, with the request Node would give it, for every fault a client or an attacker can send.
 * Each row names the catalog error by hand (or the BearerKeyError, the server's fault).
 * How those errors look on the wire is middleware.test.ts's business.
 */
import assert from 'node:assert/strict';
import { createSecretKey } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { bearerAuth, type AuthPayload } from '../../lib/bearer/index.js';
import { extractToken } from '../../lib/bearer/token.js';
import { jwtErrorKind } from '../../lib/http/foreign.js';
import {
  authErrors, CODES, der, EC, goodClaims, now, pem, RSA_NEW, RSA_OLD, SECRET, sign, STRICT, tamper, unsigned, without, withHeader,
  type Options,
} from '../support/bearer.js';

/** A request as Node gives it: the first Authorization in `headers`, all of them in `rawHeaders`. */
interface Sent {
  readonly authorization?: string | readonly string[];
  readonly url?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

/** What must come out: the payload, a catalog error (with the 403's scope), or a BearerKeyError. */
type Outcome =
  | 'pass'
  | keyof typeof authErrors & string
  | { readonly key: 'NOT_ENOUGH_PERMISSION'; readonly scope: string }
  | { readonly keyError: string };

interface Row {
  readonly title: string;
  readonly send: () => Sent;
  readonly outcome: Outcome;
}

type Run = (sent: Sent) => Promise<unknown>;

/** `bearerAuth` for `options`, called in process: resolves with `{ auth }` or the error given to `next`. */
function middleware(options: Options): Run {
  const handle = bearerAuth(authErrors, options);
  return (sent) => {
    const values = sent.authorization === undefined ? [] : typeof sent.authorization === 'string' ? [sent.authorization] : sent.authorization;
    const headers: Record<string, string> = { ...sent.headers };
    if (values.length > 0) headers['authorization'] = values[0]!;
    const req: { headers: Record<string, string>; rawHeaders: string[]; url: string; auth?: AuthPayload } = {
      headers,
      rawHeaders: [...Object.entries(sent.headers ?? {}).flat(), ...values.flatMap((value) => ['Authorization', value])],
      url: sent.url ?? '/me',
    };
    return new Promise((resolve) => {
      handle(req, undefined, (err) => resolve(err === undefined ? { auth: req.auth } : err));
    });
  };
}

const bearer = (token: string): Sent => ({ authorization: `Bearer ${token}` });

// The claims a token carries, read by hand (not by the code under test).
function claimsOf(sent: Sent): unknown {
  const query = sent.url?.split('access_token=')[1];
  const cookie = sent.headers?.['cookie']?.split('session=')[1];
  const token = query ?? cookie ?? String(sent.authorization).split(' ').pop()!;
  return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8'));
}

async function check(run: Run, row: Row): Promise<void> {
  const sent = row.send();
  const result = await run(sent);
  const { outcome } = row;
  if (outcome === 'pass') {
    assert.deepEqual(result, { auth: claimsOf(sent) });
  } else if (typeof outcome === 'string') {
    assert.equal((result as { key?: unknown }).key, outcome, String(result));
  } else if ('key' in outcome) {
    assert.equal((result as { key?: unknown }).key, outcome.key, String(result));
    assert.equal((result as { headers: Record<string, string> }).headers['WWW-Authenticate'],
      `Bearer realm="marketplace", error="insufficient_scope", error_description="Not enough permission.", scope="${outcome.scope}"`);
  } else {
    assert.equal((result as Error).name, 'BearerKeyError', String(result));
    assert.equal((result as Error).message, `house-errors/bearer: ${outcome.keyError}`);
  }
}

function table(run: () => Run, rows: readonly Row[]): void {
  for (const row of rows) {
    const what = row.outcome === 'pass' ? 'passes' : typeof row.outcome === 'string' ? row.outcome
      : 'key' in row.outcome ? `${row.outcome.key} scope="${row.outcome.scope}"` : 'BearerKeyError (the 500 fallback)';
    it(`${row.title} → ${what}`, () => check(run(), row));
  }
}

const HMAC_RULE = '(RFC 7518 §3.2: an HMAC key needs at least as many bytes as its hash, 32 for HS256, 48 for HS384, 64 for HS512)';

describe('bearer verification, HS256 with every claim check', () => {
  const run = middleware(STRICT);
  table(() => run, [
    { title: 'a valid token', send: () => bearer(sign(goodClaims())), outcome: 'pass' },
    { title: 'the scheme in any case, several spaces, the scp claim', send: () => ({ authorization: `bEaReR   ${sign({ ...without(goodClaims(), 'scope'), scp: ['orders:write', 'orders:read'] })}` }), outcome: 'pass' },
    { title: 'no Authorization header', send: () => ({}), outcome: 'MISSING_AUTH_TOKEN' },
    { title: 'an empty Authorization header', send: () => ({ authorization: '' }), outcome: 'MISSING_AUTH_TOKEN' },
    { title: 'another scheme (Basic): no Bearer credentials, RFC 6750 §3.1', send: () => ({ authorization: 'Basic dXNlcjpwYXNz' }), outcome: 'MISSING_AUTH_TOKEN' },
    { title: 'a token in the query when allowQueryToken is off', send: () => ({ url: `/me?access_token=${sign(goodClaims())}` }), outcome: 'MISSING_AUTH_TOKEN' },
    { title: 'an empty Bearer', send: () => ({ authorization: 'Bearer' }), outcome: 'INVALID_AUTH_REQUEST' },
    { title: 'two tokens in one header', send: () => ({ authorization: `Bearer ${sign(goodClaims())} ${sign(goodClaims())}` }), outcome: 'INVALID_AUTH_REQUEST' },
    { title: 'a token outside the b64token charset', send: () => ({ authorization: 'Bearer abc"def' }), outcome: 'INVALID_AUTH_REQUEST' },
    { title: 'a header that is not "<scheme> <credentials>"', send: () => ({ authorization: '"Bearer" abc' }), outcome: 'INVALID_AUTH_REQUEST' },
    { title: 'two Authorization headers', send: () => ({ authorization: [`Bearer ${sign(goodClaims())}`, 'Basic dXNlcjpwYXNz'] }), outcome: 'INVALID_AUTH_REQUEST' },
    { title: 'a garbage token', send: () => bearer('not-a-jwt'), outcome: 'INVALID_AUTH_TOKEN' },
    { title: 'the guide\'s example token (a bad signature)', send: () => bearer('eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VyLTQyIn0.c2lnbmF0dXJl'), outcome: 'INVALID_AUTH_TOKEN' },
    { title: 'a token whose parts are not JSON', send: () => bearer('YWJj.ZGVm.Z2hp'), outcome: 'INVALID_AUTH_TOKEN' },
    { title: 'a bad signature', send: () => bearer(sign(goodClaims(), 'another-secret-of-enough-length!!')), outcome: 'INVALID_AUTH_TOKEN' },
    { title: 'a tampered payload', send: () => bearer(tamper(sign(goodClaims()))), outcome: 'INVALID_AUTH_TOKEN' },
    { title: 'alg none, no signature', send: () => bearer(unsigned(goodClaims())), outcome: 'INVALID_AUTH_TOKEN' },
    { title: 'alg none with a signature part', send: () => bearer(unsigned(goodClaims(), 'c2ln')), outcome: 'INVALID_AUTH_TOKEN' },
    { title: 'a wrong algorithm (HS512, same secret)', send: () => bearer(sign(goodClaims(), SECRET, { algorithm: 'HS512' })), outcome: 'INVALID_AUTH_TOKEN' },
    { title: 'a wrong algorithm (RS256)', send: () => bearer(sign(goodClaims(), RSA_OLD.privateKey, { algorithm: 'RS256' })), outcome: 'INVALID_AUTH_TOKEN' },
    { title: 'an expired token', send: () => bearer(sign({ ...goodClaims(), exp: now() - 5 })), outcome: 'EXPIRED_AUTH_TOKEN' },
    { title: 'a token not yet valid (nbf)', send: () => bearer(sign({ ...goodClaims(), nbf: now() + 60 })), outcome: 'INVALID_AUTH_TOKEN' },
    { title: 'no iat with requireIat', send: () => bearer(sign(without(goodClaims(), 'iat'))), outcome: 'MISSING_IAT_CLAIM' },
    { title: 'an iat that is not a number', send: () => bearer(sign({ ...goodClaims(), iat: '1700000000' })), outcome: 'INVALID_AUTH_TOKEN' },
    { title: 'an iat older than maxAgeSeconds', send: () => bearer(sign({ ...goodClaims(), iat: now() - 301 })), outcome: 'EXPIRED_AUTH_TOKEN' },
    { title: 'an iat in the future', send: () => bearer(sign({ ...goodClaims(), iat: now() + 120 })), outcome: 'INVALID_AUTH_TOKEN' },
    { title: 'a wrong issuer', send: () => bearer(sign({ ...goodClaims(), iss: 'https://evil.example' })), outcome: 'INVALID_AUTH_TOKEN' },
    { title: 'no issuer', send: () => bearer(sign(without(goodClaims(), 'iss'))), outcome: 'INVALID_AUTH_TOKEN' },
    { title: 'a wrong audience', send: () => bearer(sign({ ...goodClaims(), aud: 'billing-api' })), outcome: 'INVALID_AUTH_TOKEN' },
    { title: 'a missing scope (space-separated claim)', send: () => bearer(sign({ ...goodClaims(), scope: 'orders:read' })), outcome: { key: 'NOT_ENOUGH_PERMISSION', scope: 'orders:write' } },
    { title: 'missing scopes (array claim)', send: () => bearer(sign({ ...goodClaims(), scope: ['profile'] })), outcome: { key: 'NOT_ENOUGH_PERMISSION', scope: 'orders:read orders:write' } },
    { title: 'no scope claim at all', send: () => bearer(sign(without(goodClaims(), 'scope'))), outcome: { key: 'NOT_ENOUGH_PERMISSION', scope: 'orders:read orders:write' } },
  ]);

  it('every failure carries its reason on cause: the jsonwebtoken error, or a sentence', async () => {
    const expired = await run(bearer(sign({ ...goodClaims(), exp: now() - 5 }))) as { key: string; cause: unknown };
    assert.equal(expired.key, 'EXPIRED_AUTH_TOKEN');
    assert.ok(expired.cause instanceof jwt.TokenExpiredError);
    const none = await run(bearer(unsigned(goodClaims()))) as { key: string; cause: unknown };
    assert.equal(none.key, 'INVALID_AUTH_TOKEN');
    assert.equal(none.cause, 'alg "none" is not one of the accepted algorithms');
  });
});

describe('bearer verification, any shape of token header', () => {
  // About 13 KB of header, under Node's 16 KB limit: deep enough to overflow a recursive walk.
  const shapes: ReadonlyArray<[string, unknown]> = [
    ['alg nested 4800 arrays deep', `{"alg":${'['.repeat(4800)}${']'.repeat(4800)}}`],
    ['alg nested 2400 objects deep', `{"alg":${'{"":'.repeat(2400)}0${'}'.repeat(2400)}}`],
    ['a deeply nested kid', `{"alg":"HS256","kid":${'['.repeat(4800)}${']'.repeat(4800)}}`],
    ['alg a number', { alg: 256 }],
    ['alg null', { alg: null }],
    ['no alg', { typ: 'JWT' }],
    ['a header that is an array', ['HS256']],
    ['a header that is a string', '"HS256"'],
    ['a "crit" extension nobody understands', { alg: 'HS256', crit: ['exp'] }],
  ];
  const run = middleware(STRICT);
  table(() => run, shapes.map(([title, header]) => ({ title, send: () => bearer(withHeader(header, goodClaims())), outcome: 'INVALID_AUTH_TOKEN' })));
});

describe('bearer verification, query tokens and the invalidRequest fallback', () => {
  const query = middleware({ ...STRICT, allowQueryToken: true });
  table(() => query, [
    { title: '?access_token= with allowQueryToken', send: () => ({ url: `/me?access_token=${sign(goodClaims())}` }), outcome: 'pass' },
    { title: 'a Basic header and a query token: the query token is the credential', send: () => ({ authorization: 'Basic dXNlcjpwYXNz', url: `/me?access_token=${sign(goodClaims())}` }), outcome: 'pass' },
    { title: 'a token in both the header and the query (RFC 6750 §2)', send: () => ({ ...bearer(sign(goodClaims())), url: `/me?access_token=${sign(goodClaims())}` }), outcome: 'INVALID_AUTH_REQUEST' },
    { title: 'two access_token parameters', send: () => ({ url: `/me?access_token=${sign(goodClaims())}&access_token=${sign(goodClaims())}` }), outcome: 'INVALID_AUTH_REQUEST' },
    { title: 'an empty access_token', send: () => ({ url: '/me?access_token=' }), outcome: 'INVALID_AUTH_REQUEST' },
  ]);
  const { invalidRequest: _, ...noInvalidRequest } = CODES;
  const plain = middleware({ ...STRICT, codes: noInvalidRequest });
  table(() => plain, [
    { title: 'without codes.invalidRequest, a malformed request', send: () => ({ authorization: 'Bearer' }), outcome: 'INVALID_AUTH_TOKEN' },
  ]);
});

describe('bearer verification, clock tolerance and lists of issuers and audiences', () => {
  const run = middleware({
    ...STRICT, clockToleranceSeconds: 30, issuer: ['https://old.example', 'https://auth.example'], audience: ['billing-api', 'orders-api'],
  });
  table(() => run, [
    { title: 'exp 5 s ago, nbf and iat 20 s ahead, with 30 s of tolerance', send: () => bearer(sign({ ...goodClaims(), exp: now() - 5, nbf: now() + 20, iat: now() + 20 })), outcome: 'pass' },
    { title: 'exp beyond the tolerance', send: () => bearer(sign({ ...goodClaims(), exp: now() - 60 })), outcome: 'EXPIRED_AUTH_TOKEN' },
    { title: 'iat ahead beyond the tolerance', send: () => bearer(sign({ ...goodClaims(), iat: now() + 90 })), outcome: 'INVALID_AUTH_TOKEN' },
    { title: 'iat older than maxAgeSeconds + tolerance', send: () => bearer(sign({ ...goodClaims(), iat: now() - 300 - 31 })), outcome: 'EXPIRED_AUTH_TOKEN' },
    { title: 'any listed issuer, and an audience array claim matching by any member', send: () => bearer(sign({ ...goodClaims(), iss: 'https://old.example', aud: ['other-api', 'billing-api'] })), outcome: 'pass' },
  ]);

  it('the lists are copied at startup: adding to the caller\'s array later lets nothing more in', async () => {
    const audience = ['orders-api'];
    const copied = middleware({ ...STRICT, audience });
    audience.push('billing-api');
    await check(copied, { title: '', send: () => bearer(sign({ ...goodClaims(), aud: 'billing-api' })), outcome: 'INVALID_AUTH_TOKEN' });
  });
});

describe('bearer verification, an issuer and audience that contain "secret" or "public key"', () => {
  // jsonwebtoken's misconfiguration messages mention secrets and public keys: a claim error
  // quoting the configured values must still be the token's fault, never a 500.
  const run = middleware({ ...STRICT, issuer: 'https://secret.example', audience: ['public key readers', 'secret-api'] });
  const claims = (): Record<string, unknown> => ({ ...goodClaims(), iss: 'https://secret.example', aud: 'secret-api' });
  table(() => run, [
    { title: 'the right ones', send: () => bearer(sign(claims())), outcome: 'pass' },
    { title: 'a wrong audience', send: () => bearer(sign({ ...claims(), aud: 'orders-api' })), outcome: 'INVALID_AUTH_TOKEN' },
    { title: 'a wrong issuer', send: () => bearer(sign({ ...claims(), iss: 'https://evil.example' })), outcome: 'INVALID_AUTH_TOKEN' },
  ]);
});

describe('bearer verification, fixed public keys (RS256, PS256, ES256)', () => {
  const rsa = middleware({ secret: pem(RSA_NEW.publicKey), algorithms: ['RS256', 'PS256'], codes: CODES });
  const ec = middleware({ secret: EC.publicKey, algorithms: ['ES256'], codes: CODES });
  table(() => rsa, [
    { title: 'an RS256 token', send: () => bearer(sign(goodClaims(), RSA_NEW.privateKey, { algorithm: 'RS256' })), outcome: 'pass' },
    { title: 'a PS256 token', send: () => bearer(sign(goodClaims(), RSA_NEW.privateKey, { algorithm: 'PS256' })), outcome: 'pass' },
    { title: 'an RS256 token of another key', send: () => bearer(sign(goodClaims(), RSA_OLD.privateKey, { algorithm: 'RS256' })), outcome: 'INVALID_AUTH_TOKEN' },
  ]);
  const es256 = (): string => sign(goodClaims(), EC.privateKey, { algorithm: 'ES256' });
  table(() => ec, [
    { title: 'an ES256 token', send: () => bearer(es256()), outcome: 'pass' },
    { title: 'an ES256 token with a truncated signature (not a 500)', send: () => bearer(`${es256().split('.').slice(0, 2).join('.')}.AAAA`), outcome: 'INVALID_AUTH_TOKEN' },
  ]);
});

describe('bearer verification, RS256 keys rotated with getKey', () => {
  const store: Record<string, unknown> = { 2025: pem(RSA_OLD.publicKey), 2026: RSA_NEW.publicKey, broken: 42, ec: EC.publicKey };
  const run = middleware({
    algorithms: ['RS256'],
    getKey: async (header) => {
      if (header.kid === 'down') throw new Error('key store unreachable');
      if (header.kid === 'revoked') throw authErrors.EXPIRED_AUTH_TOKEN();
      // Own properties only: a kid of "__proto__" or "toString" must not reach Object.prototype.
      return Object.hasOwn(store, header.kid ?? '') ? store[header.kid!] as string | undefined : undefined;
    },
    codes: CODES,
  });
  const rs = (kid: string, key = RSA_NEW.privateKey, claims = goodClaims()): string => sign(claims, key, { algorithm: 'RS256', keyid: kid });
  table(() => run, [
    { title: 'a token of the new key (a KeyObject)', send: () => bearer(rs('2026')), outcome: 'pass' },
    { title: 'a token of the old key (PEM)', send: () => bearer(rs('2025', RSA_OLD.privateKey)), outcome: 'pass' },
    { title: 'signed by the old key but naming the new kid', send: () => bearer(rs('2026', RSA_OLD.privateKey)), outcome: 'INVALID_AUTH_TOKEN' },
    { title: 'an unknown kid (getKey returns undefined)', send: () => bearer(rs('retired')), outcome: 'INVALID_AUTH_TOKEN' },
    { title: 'no kid', send: () => bearer(sign(goodClaims(), RSA_NEW.privateKey, { algorithm: 'RS256' })), outcome: 'INVALID_AUTH_TOKEN' },
    { title: 'HS256 signed with the public PEM (algorithm confusion)', send: () => bearer(sign(goodClaims(), pem(RSA_OLD.publicKey), { algorithm: 'HS256', keyid: '2025' })), outcome: 'INVALID_AUTH_TOKEN' },
    { title: 'an expired RS256 token', send: () => bearer(rs('2026', RSA_NEW.privateKey, { ...goodClaims(), exp: now() - 1 })), outcome: 'EXPIRED_AUTH_TOKEN' },
    { title: 'getKey throws a catalog error: passed through', send: () => bearer(rs('revoked')), outcome: 'EXPIRED_AUTH_TOKEN' },
    { title: 'getKey throws', send: () => bearer(rs('down')), outcome: { keyError: 'getKey failed' } },
    { title: 'getKey returns something that is not a key', send: () => bearer(rs('broken')), outcome: { keyError: 'getKey returned not key material (number)' } },
    { title: 'getKey returns a key that fits no accepted algorithm (EC for RS256)', send: () => bearer(rs('ec')), outcome: { keyError: 'getKey returned an EC public key (P-256), which cannot verify RS256' } },
  ]);

  it('a key store failure keeps the original on cause', async () => {
    const err = await run(bearer(rs('down'))) as Error & { cause: Error };
    assert.equal(err.cause.message, 'key store unreachable');
  });
});

describe('bearer verification, key material that is not PEM (algorithm confusion)', () => {
  const hmac = createSecretKey(Buffer.from(SECRET));
  const store = new Map<string, unknown>([
    ['der', der(RSA_NEW.publicKey)], ['b64', der(RSA_NEW.publicKey).toString('base64')], ['rsa', RSA_NEW.publicKey], ['hmac', hmac],
  ]);
  const getKey = (header: { kid?: string }): string | undefined => store.get(header.kid ?? '') as string | undefined;
  // HMAC and RSA accepted together: only a KeyObject's type tells a secret from a public key.
  const mixed = middleware({ algorithms: ['RS256', 'HS256'], getKey, codes: CODES });
  // One family only: DER bytes and base64 DER text are read as the public key they are.
  const rsaOnly = middleware({ algorithms: ['RS256'], getKey, codes: CODES });
  const hsOnly = middleware({ algorithms: ['HS256'], getKey, codes: CODES });
  // An attacker signs HS256 with the public key's bytes, hoping they are taken as the secret.
  const forged = (kid: string, secret: Buffer | string): Sent => bearer(sign(goodClaims(), createSecretKey(Buffer.from(secret)), { algorithm: 'HS256', keyid: kid }));
  const rs = (kid: string): Sent => bearer(sign(goodClaims(), RSA_NEW.privateKey, { algorithm: 'RS256', keyid: kid }));
  const MIXED = 'returned bytes, not a KeyObject: with algorithms mixing HMAC and public-key ones (RS256, HS256), only a KeyObject says which kind a key is';
  const STRING = 'returned a string, not a KeyObject: with algorithms mixing HMAC and public-key ones (RS256, HS256), only a KeyObject says which kind a key is';

  table(() => mixed, [
    { title: 'mixed list: an RS256 token of an RSA KeyObject', send: () => rs('rsa'), outcome: 'pass' },
    { title: 'mixed list: an HS256 token of a secret KeyObject', send: () => bearer(sign(goodClaims(), hmac, { keyid: 'hmac' })), outcome: 'pass' },
    { title: 'mixed list: HS256 signed with the DER bytes getKey returns for an RSA key', send: () => forged('der', der(RSA_NEW.publicKey)), outcome: { keyError: `getKey ${MIXED}` } },
    { title: 'mixed list: HS256 signed with the base64 DER text getKey returns', send: () => forged('b64', der(RSA_NEW.publicKey).toString('base64')), outcome: { keyError: `getKey ${STRING}` } },
    { title: 'mixed list: even an RS256 token of a key given as bytes (the key store is at fault)', send: () => rs('der'), outcome: { keyError: `getKey ${MIXED}` } },
    { title: 'mixed list: HS256 signed with the DER bytes of a public KeyObject', send: () => forged('rsa', der(RSA_NEW.publicKey)), outcome: 'INVALID_AUTH_TOKEN' },
    { title: 'mixed list: RS256 naming a secret KeyObject', send: () => rs('hmac'), outcome: 'INVALID_AUTH_TOKEN' },
  ]);
  table(() => rsaOnly, [
    { title: 'RS256 only: a public key as DER bytes', send: () => rs('der'), outcome: 'pass' },
    { title: 'RS256 only: a public key as base64 DER text', send: () => rs('b64'), outcome: 'pass' },
    { title: 'RS256 only: HS256 signed with the DER bytes', send: () => forged('der', der(RSA_NEW.publicKey)), outcome: 'INVALID_AUTH_TOKEN' },
  ]);
  table(() => hsOnly, [
    { title: 'HS256 only: signed with the DER bytes of a public key getKey returns as "secret"', send: () => forged('der', der(RSA_NEW.publicKey)), outcome: { keyError: 'getKey returned an RSA public key, which cannot verify HS256' } },
    { title: 'HS256 only: signed with the base64 DER text of a public key', send: () => forged('b64', der(RSA_NEW.publicKey).toString('base64')), outcome: { keyError: 'getKey returned an RSA public key, which cannot verify HS256' } },
  ]);
});

describe('bearer verification, HMAC secrets shorter than the hash (RFC 7518 §3.2)', () => {
  const secrets = new Map([['short', 'x'], ['31', 'a'.repeat(31)], ['32', 'a'.repeat(32)]]);
  const run = middleware({ algorithms: ['HS256'], getKey: (header) => secrets.get(header.kid ?? ''), codes: CODES });
  table(() => run, [
    { title: 'a 32-byte secret from getKey', send: () => bearer(sign(goodClaims(), 'a'.repeat(32), { keyid: '32' })), outcome: 'pass' },
    { title: 'a 1-byte secret from getKey is never used', send: () => bearer(sign(goodClaims(), 'x', { keyid: 'short' })), outcome: { keyError: `getKey returned an HMAC secret of 1 byte, which cannot verify HS256 ${HMAC_RULE}` } },
    { title: 'a 31-byte secret from getKey is never used', send: () => bearer(sign(goodClaims(), 'a'.repeat(31), { keyid: '31' })), outcome: { keyError: `getKey returned an HMAC secret of 31 bytes, which cannot verify HS256 ${HMAC_RULE}` } },
  ]);
});

describe('bearer verification, a plain-object key store (keys)', () => {
  const run = middleware({ algorithms: ['RS256'], keys: { 2025: pem(RSA_OLD.publicKey), 2026: RSA_NEW.publicKey }, codes: CODES });
  const rs = (kid: string | undefined, key = RSA_NEW.privateKey): Sent => bearer(sign(goodClaims(), key, { algorithm: 'RS256', ...(kid === undefined ? {} : { keyid: kid }) }));
  table(() => run, [
    { title: 'kid "2026" (a KeyObject)', send: () => rs('2026'), outcome: 'pass' },
    { title: 'kid "2025" (PEM)', send: () => rs('2025', RSA_OLD.privateKey), outcome: 'pass' },
    ...['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'retired'].map((kid): Row => ({
      title: `kid ${JSON.stringify(kid)}, not an own key of the store`, send: () => rs(kid), outcome: 'INVALID_AUTH_TOKEN',
    })),
    { title: 'no kid', send: () => rs(undefined), outcome: 'INVALID_AUTH_TOKEN' },
  ]);
});

describe('bearer verification, access keys (the marketplace flow)', () => {
  const clients: Record<string, string> = { 'client-a': 'secret-of-client-a-0123456789abcdef', 'client-b': 'secret-of-client-b-0123456789abcdef' };
  const run = middleware({
    algorithms: ['HS256'],
    requireIat: true,
    accessKey: (req) => req.headers['x-access-key'] as string | undefined,
    verifyAccessKey: async (key) => {
      if (key === 'client-down') throw new Error('database down');
      return Object.hasOwn(clients, key) ? clients[key] : undefined;
    },
    codes: CODES,
  });
  const token = (client: string): string => sign({ sub: client, iat: now() }, clients[client]);
  const as = (key: string, sent: Sent = {}): Sent => ({ ...sent, headers: { 'x-access-key': key } });
  table(() => run, [
    { title: 'a token signed with the client\'s secret', send: () => as('client-a', bearer(token('client-a'))), outcome: 'pass' },
    { title: 'no access key', send: () => bearer(token('client-a')), outcome: 'MISSING_ACCESS_KEY' },
    { title: 'an empty access key', send: () => as('', bearer(token('client-a'))), outcome: 'MISSING_ACCESS_KEY' },
    { title: 'an unknown access key', send: () => as('client-z', bearer(token('client-a'))), outcome: 'INVALID_ACCESS_KEY' },
    { title: 'a token signed with another client\'s secret', send: () => as('client-b', bearer(token('client-a'))), outcome: 'INVALID_AUTH_TOKEN' },
    { title: 'an access key but no token', send: () => as('client-a'), outcome: 'MISSING_AUTH_TOKEN' },
    { title: 'no iat', send: () => as('client-a', bearer(sign({ sub: 'client-a' }, clients['client-a']))), outcome: 'MISSING_IAT_CLAIM' },
    { title: 'verifyAccessKey throws', send: () => as('client-down', bearer(token('client-a'))), outcome: { keyError: 'verifyAccessKey failed' } },
  ]);
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

  const cases: ReadonlyArray<[string, string | string[] | undefined, string, boolean, ReturnType<typeof extractToken>]> = [
    ['no header', undefined, '/', false, { kind: 'missing' }],
    ['an empty header', '', '/', false, { kind: 'missing' }],
    ['Basic credentials', 'Basic dXNlcjpwYXNz', '/', false, { kind: 'missing' }],
    ['a scheme alone', 'Digest', '/', false, { kind: 'missing' }],
    ['bearer, lower case', 'bearer abc.def.ghi', '/', false, { kind: 'token', token: 'abc.def.ghi' }],
    ['BEARER, two spaces', 'BEARER  abc', '/', false, { kind: 'token', token: 'abc' }],
    ['b64token with ~+/ and padding', 'Bearer a-b._~+/c==', '/', false, { kind: 'token', token: 'a-b._~+/c==' }],
    ['padding in the middle', 'Bearer ab=c', '/', false, { kind: 'malformed', reason: 'the Bearer token has characters outside RFC 6750 b64token' }],
    ['Bearer alone', 'Bearer', '/', false, { kind: 'malformed', reason: 'an empty Bearer token' }],
    ['two tokens', 'Bearer a b', '/', false, { kind: 'malformed', reason: 'the Bearer token has characters outside RFC 6750 b64token' }],
    ['a comma list', 'Bearer a, Bearer b', '/', false, { kind: 'malformed', reason: 'the Bearer token has characters outside RFC 6750 b64token' }],
    ['a tab before the token', 'Bearer\tabc', '/', false, { kind: 'malformed', reason: 'the Authorization header is not "<scheme> <credentials>"' }],
    ['non-ASCII', 'Bearer abcé', '/', false, { kind: 'malformed', reason: 'the Bearer token has characters outside RFC 6750 b64token' }],
    ['two Authorization headers', ['Bearer a', 'Bearer b'], '/', false, { kind: 'malformed', reason: 'more than one Authorization header' }],
    ['a scheme that is not a token', '(Bearer) abc', '/', false, { kind: 'malformed', reason: 'the Authorization header is not "<scheme> <credentials>"' }],
    ['a query token is ignored when not allowed', undefined, '/?access_token=abc', false, { kind: 'missing' }],
    ['a query token when allowed', undefined, '/x?a=1&access_token=abc.def', true, { kind: 'token', token: 'abc.def' }],
    ['a percent-encoded query token', undefined, '/x?access_token=a%2Bb', true, { kind: 'token', token: 'a+b' }],
    ['a query token with + (a space once decoded)', undefined, '/x?access_token=a+b', true, { kind: 'malformed', reason: 'the access_token parameter has characters outside RFC 6750 b64token' }],
    ['another parameter ending in access_token', undefined, '/x?my_access_token=abc', true, { kind: 'missing' }],
    ['two access_token parameters', undefined, '/x?access_token=a&access_token=a', true, { kind: 'malformed', reason: 'more than one access_token parameter' }],
    ['an empty access_token', undefined, '/x?access_token=', true, { kind: 'malformed', reason: 'an empty access_token parameter' }],
    ['a token in the header and the query', 'Bearer abc', '/x?access_token=abc', true, { kind: 'malformed', reason: 'a token in both the Authorization header and the access_token parameter' }],
    ['a Basic header and a query token', 'Basic dXNlcjpwYXNz', '/x?access_token=abc', true, { kind: 'token', token: 'abc' }],
    ['an empty Bearer and a query token', 'Bearer', '/x?access_token=abc', true, { kind: 'malformed', reason: 'an empty Bearer token' }],
  ];
  for (const [title, header, url, allowQuery, expected] of cases) {
    it(`${title} → ${expected.kind}`, () => {
      assert.deepEqual(extractToken(req(header, url), allowQuery), expected);
    });
  }

  it('reads headers set by an earlier middleware when rawHeaders has none', () => {
    assert.deepEqual(extractToken({ headers: { authorization: 'Bearer abc' } }, false), { kind: 'token', token: 'abc' });
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

describe('bearer verification, optional credentials (credentialsRequired: false)', () => {
  const run = middleware({ ...STRICT, credentialsRequired: false });
  const cases: ReadonlyArray<[string, Sent, unknown]> = [
    ['no Authorization header: passes, no payload', {}, { auth: undefined }],
    ['another scheme (Basic): passes, no payload', { authorization: 'Basic dXNlcjpwYXNz' }, { auth: undefined }],
  ];
  for (const [title, sent, expected] of cases) {
    it(title, async () => {
      assert.deepEqual(await run(sent), expected);
    });
  }
  table(() => run, [
    { title: 'a valid token still lands on req.auth', send: () => bearer(sign(goodClaims())), outcome: 'pass' },
    { title: 'a bad signature still fails', send: () => bearer(sign(goodClaims(), 'another-secret-of-enough-length!!')), outcome: 'INVALID_AUTH_TOKEN' },
    { title: 'an empty Bearer still fails', send: () => ({ authorization: 'Bearer' }), outcome: 'INVALID_AUTH_REQUEST' },
    { title: 'an expired token still fails', send: () => bearer(sign({ ...goodClaims(), exp: now() - 5 })), outcome: 'EXPIRED_AUTH_TOKEN' },
  ]);
});

describe('bearer verification, isRevoked', () => {
  const revoked = new Set(['session-revoked']);
  const byJti = (payload: AuthPayload): boolean => revoked.has(payload.jti as string);
  const sync = middleware({ ...STRICT, isRevoked: byJti });
  const async = middleware({ ...STRICT, isRevoked: async (payload) => byJti(payload) });
  const withJti = (jti: string): Sent => bearer(sign({ ...goodClaims(), jti }));
  for (const [kind, run] of [['sync', sync], ['async', async]] as const) {
    table(() => run, [
      { title: `${kind}: a token not revoked`, send: () => withJti('session-live'), outcome: 'pass' },
      { title: `${kind}: a revoked token`, send: () => withJti('session-revoked'), outcome: 'INVALID_AUTH_TOKEN' },
    ]);
  }

  it('sees the verified payload and the request', async () => {
    const seen: unknown[] = [];
    const run = middleware({ ...STRICT, isRevoked: (payload, req) => { seen.push(payload.sub, req.url); return false; } });
    await run({ ...withJti('session-live'), url: '/orders' });
    assert.deepEqual(seen, ['user-42', '/orders']);
  });

  it('runs only for a token that passed every other check', async () => {
    let calls = 0;
    const run = middleware({ ...STRICT, isRevoked: () => { calls++; return false; } });
    await run(bearer(sign({ ...goodClaims(), exp: now() - 5 })));
    await run(bearer(sign(goodClaims(), 'another-secret-of-enough-length!!')));
    assert.equal(calls, 0);
  });

  const failing: ReadonlyArray<[string, Options['isRevoked'], string]> = [
    ['throws: the error goes on as it is (the 500 fallback)', () => { throw new Error('revocation list unreachable'); }, 'revocation list unreachable'],
    ['rejects: the same', async () => { throw new Error('revocation list unreachable'); }, 'revocation list unreachable'],
    ['returns a string: a TypeError, never a pass', (() => 'no') as unknown as Options['isRevoked'], 'house-errors/bearer: isRevoked returned string, not true or false'],
    ['returns undefined (no return): a TypeError, never a pass', (() => undefined) as unknown as Options['isRevoked'], 'house-errors/bearer: isRevoked returned undefined, not true or false'],
    ['resolves null: a TypeError', (async () => null) as unknown as Options['isRevoked'], 'house-errors/bearer: isRevoked returned null, not true or false'],
  ];
  for (const [title, isRevoked, message] of failing) {
    it(`isRevoked ${title}`, async () => {
      const result = await middleware({ ...STRICT, isRevoked })(withJti('session-live')) as Error;
      assert.ok(result instanceof Error && !('key' in result), String(result));
      assert.equal(result.message, message);
    });
  }

  it('a catalog error thrown by isRevoked is answered as it is', async () => {
    const result = await middleware({ ...STRICT, isRevoked: () => { throw authErrors.EXPIRED_AUTH_TOKEN(); } })(withJti('session-live'));
    assert.equal((result as { key?: string }).key, 'EXPIRED_AUTH_TOKEN');
  });
});

describe('bearer verification, getToken', () => {
  // The groupware API reads its token from a cookie.
  const fromCookie = (req: { headers: { readonly [name: string]: unknown } }): string | undefined => {
    const cookie = req.headers.cookie;
    if (typeof cookie !== 'string') return undefined;
    return cookie.split('; ').find((pair) => pair.startsWith('session='))?.slice('session='.length);
  };
  const run = middleware({ ...STRICT, getToken: fromCookie });
  const cookie = (value: string): Sent => ({ headers: { cookie: value } });
  table(() => run, [
    { title: 'a token in the cookie', send: () => cookie(`theme=dark; session=${sign(goodClaims())}`), outcome: 'pass' },
    { title: 'no cookie: no credentials', send: () => ({}), outcome: 'MISSING_AUTH_TOKEN' },
    { title: 'an Authorization header is not read', send: () => bearer(sign(goodClaims())), outcome: 'MISSING_AUTH_TOKEN' },
    { title: 'an empty session cookie: no credentials', send: () => cookie('session='), outcome: 'MISSING_AUTH_TOKEN' },
    { title: 'a cookie with characters outside b64token', send: () => cookie('session=abc"def'), outcome: 'INVALID_AUTH_REQUEST' },
    { title: 'a bad signature in the cookie', send: () => cookie(`session=${sign(goodClaims(), 'another-secret-of-enough-length!!')}`), outcome: 'INVALID_AUTH_TOKEN' },
  ]);

  const hostile: ReadonlyArray<[string, unknown, string]> = [
    ['an array (a query parser\'s ?token[]=…)', ['a', 'b'], 'INVALID_AUTH_REQUEST'],
    ['an object', { token: 'a' }, 'INVALID_AUTH_REQUEST'],
    ['a number', 42, 'INVALID_AUTH_REQUEST'],
    ['a string with CR LF', 'abc\r\nSet-Cookie: x=1', 'INVALID_AUTH_REQUEST'],
    ['a string with a space', 'abc def', 'INVALID_AUTH_REQUEST'],
    ['16 KiB and one character', 'a'.repeat(16 * 1024 + 1), 'INVALID_AUTH_REQUEST'],
    ['null', null, 'MISSING_AUTH_TOKEN'],
    ['a promise of a token', Promise.resolve('not-a-jwt'), 'INVALID_AUTH_TOKEN'],
  ];
  for (const [title, value, key] of hostile) {
    it(`getToken returning ${title} → ${key}`, async () => {
      const result = await middleware({ ...STRICT, getToken: (() => value) as Options['getToken'] })({});
      assert.equal((result as { key?: string }).key, key, String(result));
    });
  }

  it('getToken returning 16 KiB of b64token characters reaches verification (→ INVALID_AUTH_TOKEN)', async () => {
    const result = await middleware({ ...STRICT, getToken: () => 'a'.repeat(16 * 1024) })({});
    assert.equal((result as { key?: string }).key, 'INVALID_AUTH_TOKEN');
  });

  it('getToken throwing: the error goes on as it is', async () => {
    const result = await middleware({ ...STRICT, getToken: () => { throw new RangeError('cookie jar broken'); } })({});
    assert.ok(result instanceof RangeError);
  });

  it('the reason on cause names what getToken returned', async () => {
    const result = await middleware({ ...STRICT, getToken: (() => ['a']) as unknown as Options['getToken'] })({}) as { cause: unknown };
    assert.equal(result.cause, 'getToken returned an array, not a string');
  });
});

describe('bearer verification, requiredClaims and claims', () => {
  const run = middleware({
    ...STRICT,
    requiredClaims: ['sub', 'tenant'],
    claims: { tenant: 'marketplace', plan: ['pro', 'team'], email_verified: true, level: (value) => typeof value === 'number' && value >= 3 },
  });
  const claims = (extra: Record<string, unknown>): Record<string, unknown> => ({ ...goodClaims(), tenant: 'marketplace', plan: 'pro', email_verified: true, level: 3, ...extra });
  table(() => run, [
    { title: 'every claim as required', send: () => bearer(sign(claims({}))), outcome: 'pass' },
    { title: 'a list claim containing an accepted value', send: () => bearer(sign(claims({ plan: ['free', 'team'] }))), outcome: 'pass' },
    { title: 'no tenant claim', send: () => bearer(sign(without(claims({}), 'tenant'))), outcome: 'INVALID_AUTH_TOKEN' },
    { title: 'a null sub claim', send: () => bearer(sign(claims({ sub: null }))), outcome: 'INVALID_AUTH_TOKEN' },
    { title: 'another tenant', send: () => bearer(sign(claims({ tenant: 'game-market' }))), outcome: 'INVALID_AUTH_TOKEN' },
    { title: 'a plan not accepted', send: () => bearer(sign(claims({ plan: 'free' }))), outcome: 'INVALID_AUTH_TOKEN' },
    { title: 'email_verified "true" (a string, not the boolean)', send: () => bearer(sign(claims({ email_verified: 'true' }))), outcome: 'INVALID_AUTH_TOKEN' },
    { title: 'a level the check refuses', send: () => bearer(sign(claims({ level: 2 }))), outcome: 'INVALID_AUTH_TOKEN' },
    { title: 'no level claim (the check sees undefined)', send: () => bearer(sign(without(claims({}), 'level'))), outcome: 'INVALID_AUTH_TOKEN' },
  ]);

  it('the reason on cause names the claim', async () => {
    const result = await run(bearer(sign(claims({ tenant: 'game-market' })))) as { cause: unknown };
    assert.equal(result.cause, 'the "tenant" claim has none of the accepted values');
    const missing = await run(bearer(sign(without(claims({}), 'tenant')))) as { cause: unknown };
    assert.equal(missing.cause, 'the token has no "tenant" claim');
  });

  it('a check returning something else than a boolean: a TypeError, never a pass', async () => {
    const loose = middleware({ ...STRICT, claims: { tenant: (() => 'yes') as unknown as () => boolean } });
    const result = await loose(bearer(sign(claims({})))) as Error;
    assert.ok(result instanceof TypeError);
    assert.equal(result.message, 'house-errors/bearer: claims.tenant returned string, not true or false');
  });
});
