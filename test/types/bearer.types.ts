/**
 * Type tests for house-errors/bearer, checked by `tsc -p test/tsconfig.json --noEmit`: every
 * `@ts-expect-error` line must fail to compile, and every other line must compile.
 */
import { generateKeyPairSync } from 'node:crypto';
import express from 'express';
import Koa from 'koa';
import { defineCatalog } from '../../lib/index.js';
import {
  bearerAuth, koaBearerAuth, koaRequireScopes, requireScopes, BearerKeyError,
  type AuthPayload, type BearerOptions, type BearerState, type JwtHeader, type OptionalBearerState,
} from '../../lib/bearer/index.js';

// Users type their own claims by augmenting AuthPayload.
declare module '../../lib/bearer/index.js' {
  interface AuthPayload {
    tenant?: string;
  }
}

const errors = defineCatalog({
  MISSING_AUTH_TOKEN: { status: 401, message: 'Auth token missing in the request.', bearer: true },
  INVALID_AUTH_TOKEN: { status: 401, message: 'Invalid auth token.', bearer: 'invalid_token' },
  EXPIRED_AUTH_TOKEN: { status: 401, message: 'Expired auth token.', bearer: 'invalid_token' },
  NOT_ENOUGH_PERMISSION: { status: 403, message: 'Not enough permission.', bearer: 'insufficient_scope' },
  INTERNAL_ERROR: { status: 500, message: 'Internal server error.' },
}, { realm: 'api' });

const codes = { missing: 'MISSING_AUTH_TOKEN', invalid: 'INVALID_AUTH_TOKEN', expired: 'EXPIRED_AUTH_TOKEN' } as const;

// Express 4/5: the middleware fits app.use, and req.auth is typed in later handlers.
const app = express();
app.use(bearerAuth(errors, { secret: 'x', algorithms: ['HS256'], codes }));
app.get('/me', (req, res) => {
  const sub: string | undefined = req.auth?.sub;
  const tenant: string | undefined = req.auth?.tenant;
  const other: unknown = req.auth?.['custom'];
  res.json({ sub, tenant, other });
});

// Koa 2/3: the middleware fits app.use; BearerState types ctx.state.auth.
const koa = new Koa<BearerState>();
koa.use(koaBearerAuth(errors, { secret: 'x', algorithms: ['HS256'], codes }));
koa.use((ctx) => {
  const sub: string | undefined = ctx.state.auth.sub;
  ctx.body = { sub };
});
new Koa().use(koaBearerAuth(errors, { secret: 'x', algorithms: ['HS256'], codes }));

// Key sources: a KeyObject, keys by kid, getKey by kid (sync or async), access keys.
const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
bearerAuth(errors, { secret: publicKey, algorithms: ['ES256'], codes });
bearerAuth(errors, { secret: Buffer.from('x'), algorithms: ['HS256', 'HS512'], codes });
bearerAuth(errors, { keys: { '2026-01': publicKey }, algorithms: ['ES256'], codes });
bearerAuth(errors, { getKey: (header: JwtHeader) => (header.kid === 'a' ? 'secret' : undefined), algorithms: ['HS256'], codes });
bearerAuth(errors, { getKey: async (header, payload) => (payload.iss === header.kid ? publicKey : undefined), algorithms: ['ES256'], codes });
koaBearerAuth(errors, {
  accessKey: (req) => req.headers['x-access-key'] as string | undefined,
  verifyAccessKey: async (key) => (key === 'a' ? 'secret' : undefined),
  algorithms: ['HS256'],
  codes: { ...codes, missingAccessKey: 'INVALID_AUTH_TOKEN', invalidAccessKey: 'INVALID_AUTH_TOKEN' },
});
bearerAuth(errors, { secret: 'x', algorithms: ['HS256'], scope: ['orders:read'], codes: { ...codes, insufficientScope: 'NOT_ENOUGH_PERMISSION' } });

// An options object typed on its own, for config files.
const options: BearerOptions<typeof errors> = { secret: 'x', algorithms: ['HS256'], requireIat: true, codes: { ...codes, missingIat: 'INVALID_AUTH_TOKEN' } };
bearerAuth(errors, options);

// @ts-expect-error an unknown code key
bearerAuth(errors, { secret: 'x', algorithms: ['HS256'], codes: { ...codes, expird: 'EXPIRED_AUTH_TOKEN' } });
// @ts-expect-error a code that is not a key of the catalog
bearerAuth(errors, { secret: 'x', algorithms: ['HS256'], codes: { ...codes, invalid: 'NOPE' } });
// @ts-expect-error a required code missing
bearerAuth(errors, { secret: 'x', algorithms: ['HS256'], codes: { missing: 'MISSING_AUTH_TOKEN', invalid: 'INVALID_AUTH_TOKEN' } });
// @ts-expect-error algorithms missing
bearerAuth(errors, { secret: 'x', codes });
// @ts-expect-error alg none
koaBearerAuth(errors, { secret: 'x', algorithms: ['none'], codes });
// @ts-expect-error a misspelt algorithm
bearerAuth(errors, { secret: 'x', algorithms: ['hs256'], codes });
// @ts-expect-error an unknown option
bearerAuth(errors, { secret: 'x', algorithms: ['HS256'], maxAge: 60, codes });
// @ts-expect-error realm is not an option: the catalog or the error handler writes the challenge
bearerAuth(errors, { secret: 'x', algorithms: ['HS256'], realm: 'api', codes });
// @ts-expect-error a secret that is not key material
bearerAuth(errors, { secret: 42, algorithms: ['HS256'], codes });
// @ts-expect-error getKey's header has no such field type: kid is a string
bearerAuth(errors, { getKey: (header) => (header.kid === 1 ? 'x' : undefined), algorithms: ['HS256'], codes });
// @ts-expect-error the payload is read-only
bearerAuth(errors, { getKey: (_header, payload: AuthPayload) => { payload.sub = 'x'; return 'x'; }, algorithms: ['HS256'], codes });

// The options express-jwt and auth0's middleware users reach for.
bearerAuth(errors, {
  jwksUri: 'https://auth.example/.well-known/jwks.json', jwks: { cacheMaxAgeSeconds: 600, requestsPerMinute: 10, timeoutMs: 2000 },
  algorithms: ['RS256'], credentialsRequired: false, cache: { max: 1000, maxAgeSeconds: 60 },
  isRevoked: async (payload) => payload.jti === 'revoked', getToken: (req) => (typeof req.headers['x-token'] === 'string' ? req.headers['x-token'] : undefined),
  requiredClaims: ['sub'], claims: { iss: 'https://auth.example' }, codes,
});
requireScopes(errors, ['orders:write'], { codes: { missing: 'MISSING_AUTH_TOKEN', insufficientScope: 'NOT_ENOUGH_PERMISSION' } });
koaRequireScopes(errors, ['orders:write'], { codes: { missing: 'MISSING_AUTH_TOKEN', insufficientScope: 'NOT_ENOUGH_PERMISSION' } });
// @ts-expect-error isRevoked answers true or false, not a reason
bearerAuth(errors, { secret: 'x', algorithms: ['HS256'], isRevoked: () => 'revoked', codes });
// @ts-expect-error getToken returns a token string, not a number
bearerAuth(errors, { secret: 'x', algorithms: ['HS256'], getToken: () => 42, codes });
// @ts-expect-error the cache takes a size, not a boolean true
bearerAuth(errors, { secret: 'x', algorithms: ['HS256'], cache: true, codes });
// @ts-expect-error credentialsRequired is a boolean
bearerAuth(errors, { secret: 'x', algorithms: ['HS256'], credentialsRequired: 'no', codes });
// @ts-expect-error requireScopes' codes name catalog keys
requireScopes(errors, ['a'], { codes: { missing: 'MISSING_AUTH_TOKEN', insufficientScope: 'NOPE' } });
// With optional credentials, the state says auth may be absent.
const optionalState: OptionalBearerState = {};
// @ts-expect-error auth may be undefined
const subject: string | undefined = optionalState.auth.sub;
void subject;

// BearerKeyError is an Error with a literal name.
const failure = new BearerKeyError('getKey failed', { cause: new Error('down') });
const asError: Error = failure;
void asError;
