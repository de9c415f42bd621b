/**
 * Bearer benchmark server (Express 5): `BENCH_VARIANT=<name> node --import tsx bench/servers/bearer.ts`.
 * Every variant guards `GET /orders` with HS256 checks of signature, `iss`, `aud`, `exp` and the
 * `orders:read` scope, and answers 200 `{"sub":…}`; a failure is a 401 (403 for the scope). `no-auth`
 * is the same app without authentication, the reference of every ratio.
 */
import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import { expressjwt } from 'express-jwt';
import { auth as auth0, requiredScopes } from 'express-oauth2-jwt-bearer';
import { createVerifier } from 'fast-jwt';
import { jwtVerify } from 'jose';
import { bearerAuth, errorHandler } from '../built.js';
import { AUDIENCE, BEARER_VARIANTS, bearerErrors, ISSUER, ROUTE, SCOPE, SECRET } from '../bearer-fixtures.js';
import { listen, variantName } from './listen.js';

type Claims = { sub?: unknown; scope?: unknown };
type AuthedRequest = { auth?: Claims };

const hasScope = (claims: Claims): boolean => typeof claims.scope === 'string' && claims.scope.split(' ').includes(SCOPE);

// The hand-written middlewares' failure: one Error class, as such apps have, answered by a small handler.
class AuthError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}
const answerError: ErrorRequestHandler = (err: { status?: number; statusCode?: number; message?: string }, _req, res, _next) => {
  res.status(err.status ?? err.statusCode ?? 500).json({ error: err.message });
};

// A middleware over fast-jwt, as its README suggests: the verifier throws, the middleware passes it on.
function fastJwt(cache: boolean): RequestHandler {
  const verify = createVerifier({ key: SECRET, algorithms: ['HS256'], allowedIss: ISSUER, allowedAud: AUDIENCE, cache });
  return (req, _res, next) => {
    const header = req.headers.authorization;
    if (header === undefined || !header.startsWith('Bearer ')) { next(new AuthError(401, 'missing token')); return; }
    let claims: Claims;
    try {
      claims = verify(header.slice(7)) as Claims;
    } catch (err) {
      next(new AuthError(401, (err as Error).message));
      return;
    }
    if (!hasScope(claims)) { next(new AuthError(403, 'insufficient scope')); return; }
    (req as unknown as AuthedRequest).auth = claims;
    next();
  };
}

const secretKey = new TextEncoder().encode(SECRET);
const joseMiddleware: RequestHandler = (req, _res, next) => {
  const header = req.headers.authorization;
  if (header === undefined || !header.startsWith('Bearer ')) { next(new AuthError(401, 'missing token')); return; }
  jwtVerify(header.slice(7), secretKey, { algorithms: ['HS256'], issuer: ISSUER, audience: AUDIENCE }).then(({ payload }) => {
    if (!hasScope(payload)) throw new AuthError(403, 'insufficient scope');
    (req as unknown as AuthedRequest).auth = payload;
    next();
  }, (err: Error) => next(new AuthError(401, err.message))).catch(next);
};

const scopeOf: RequestHandler = (req, _res, next) => {
  next(hasScope((req as unknown as AuthedRequest).auth ?? {}) ? undefined : new AuthError(403, 'insufficient scope'));
};

const houseOptions = (cache: boolean): Parameters<typeof bearerAuth<typeof bearerErrors>>[1] => ({
  secret: SECRET, algorithms: ['HS256'], issuer: ISSUER, audience: AUDIENCE, scope: [SCOPE], cache: cache ? {} : false,
  codes: { missing: 'MISSING_AUTH_TOKEN', invalid: 'INVALID_AUTH_TOKEN', expired: 'EXPIRED_AUTH_TOKEN', insufficientScope: 'NOT_ENOUGH_PERMISSION' },
});
const houseHandler = errorHandler(bearerErrors, { format: 'errorCode-reason' });

const variants: Record<(typeof BEARER_VARIANTS)[number], { readonly auth: readonly RequestHandler[]; readonly handler: ErrorRequestHandler }> = {
  'no-auth': { auth: [], handler: answerError },
  'bearerAuth+cache': { auth: [bearerAuth(bearerErrors, houseOptions(true)) as RequestHandler], handler: houseHandler },
  bearerAuth: { auth: [bearerAuth(bearerErrors, houseOptions(false)) as RequestHandler], handler: houseHandler },
  'fast-jwt+cache': { auth: [fastJwt(true)], handler: answerError },
  'fast-jwt': { auth: [fastJwt(false)], handler: answerError },
  'express-oauth2-jwt-bearer': {
    auth: [auth0({ secret: SECRET, tokenSigningAlg: 'HS256', issuer: ISSUER, audience: AUDIENCE }), requiredScopes(SCOPE)],
    handler: answerError,
  },
  'jose': { auth: [joseMiddleware], handler: answerError },
  'express-jwt': { auth: [expressjwt({ secret: SECRET, algorithms: ['HS256'], issuer: ISSUER, audience: AUDIENCE }), scopeOf], handler: answerError },
};

const variant = variants[variantName(BEARER_VARIANTS) as (typeof BEARER_VARIANTS)[number]];
const app = express();
// `res.json` would add an ETag; APIs commonly turn it off.
app.set('etag', false);
app.get(ROUTE, ...variant.auth, (req, res) => {
  res.json({ sub: (req as unknown as AuthedRequest).auth?.sub ?? 'user-42' });
});
app.use(variant.handler);
listen(app);
