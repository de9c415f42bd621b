/**
 * The Express and Koa middleware. Both build one authenticator from options resolved once,
 * at startup, and never write a response: a failure goes to Express's `next(err)` or is
 * thrown to Koa, and the error handler answers it with the catalog's challenge.
 */
import type { AnyCatalog } from '../catalog/types.js';
import type { KeyOf } from '../catalog/types.js';
import { resolveOptions, resolveScopeCheck, type BearerOptions, type ScopeCheck } from './options.js';
import type { AuthPayload, BearerRequest } from './token.js';
import { createAuthenticator, missingScopes } from './verify.js';

declare global {
  // Express reads its Request type from this global interface: `req.auth` is typed wherever
  // `house-errors/bearer` is imported, and this compiles without @types/express.
  namespace Express {
    interface Request {
      /** The verified token payload, set by `bearerAuth`. */
      auth?: AuthPayload;
    }
  }
}

/**
 * The request `bearerAuth` sees: Node's `IncomingMessage` (Express's `req`), which gets `auth`.
 * @example (req: ExpressBearerRequest) => req.auth?.sub
 */
export interface ExpressBearerRequest extends BearerRequest {
  auth?: AuthPayload;
}

/**
 * An Express middleware (three parameters).
 * @example const auth: ExpressBearerMiddleware = bearerAuth(errors, options);
 */
export type ExpressBearerMiddleware = (req: ExpressBearerRequest, res: unknown, next: (err?: unknown) => void) => void;

/**
 * Express 4 and 5: verifies `Authorization: Bearer <jwt>` and puts the payload on `req.auth`;
 * any failure goes to `next(err)` as a catalog error for `errorHandler` to answer. Options are
 * checked against the catalog here, at startup (a `BearerOptionsError` otherwise). With a fixed
 * key (`secret`, `keys`) and no asynchronous `isRevoked` or `getToken`, `next` is called before
 * the middleware returns.
 * @example
 * app.use('/api', bearerAuth(errors, {
 *   secret: process.env.JWT_SECRET!, algorithms: ['HS256'],
 *   codes: { missing: 'MISSING_AUTH_TOKEN', invalid: 'INVALID_AUTH_TOKEN', expired: 'EXPIRED_AUTH_TOKEN' },
 * }));
 * app.get('/api/me', (req, res) => res.json({ sub: req.auth?.sub }));
 * app.use(errorHandler(errors, { format: 'errorCode-reason' }));
 */
export function bearerAuth<C extends AnyCatalog>(errors: C, options: BearerOptions<C>): ExpressBearerMiddleware {
  const authenticate = createAuthenticator(resolveOptions(errors, options as BearerOptions<AnyCatalog>, 'bearerAuth'));
  return function houseBearerAuth(req, _res, next) {
    let result: ReturnType<typeof authenticate>;
    try {
      result = authenticate(req);
    } catch (err) {
      next(err);
      return;
    }
    if (result instanceof Promise) {
      result.then((payload: AuthPayload | undefined) => {
        if (payload !== undefined) req.auth = payload;
        next();
      }, next);
      return;
    }
    if (result !== undefined) req.auth = result;
    next();
  };
}

/**
 * The Koa context as `koaBearerAuth` uses it: `ctx.req` and `ctx.state`.
 * @example (ctx: KoaBearerContext) => ctx.state
 */
export interface KoaBearerContext {
  readonly req: BearerRequest;
  readonly state: object;
}

/**
 * The state `koaBearerAuth` fills: type your app with it, `new Koa<BearerState>()`, to read `ctx.state.auth`.
 * @example router.get('/me', (ctx: Koa.ParameterizedContext<BearerState>) => { ctx.body = { sub: ctx.state.auth.sub }; });
 */
export interface BearerState {
  /** The verified token payload. */
  auth: AuthPayload;
}

/**
 * The state of an app whose `koaBearerAuth` has `credentialsRequired: false`: a request without
 * credentials passes with no `auth`, so the type says it may be absent.
 * @example router.get('/listings', (ctx: Koa.ParameterizedContext<OptionalBearerState>) => { ctx.body = { personalised: ctx.state.auth !== undefined }; });
 */
export interface OptionalBearerState {
  /** The verified token payload, when the request carried one. */
  auth?: AuthPayload;
}

/**
 * A Koa middleware.
 * @example const auth: KoaBearerMiddleware = koaBearerAuth(errors, options);
 */
export type KoaBearerMiddleware = (ctx: KoaBearerContext, next: () => Promise<unknown>) => Promise<void>;

/**
 * Koa 2 and 3: verifies `Authorization: Bearer <jwt>` and puts the payload on
 * `ctx.state.auth`; any failure is thrown as a catalog error for `koaErrorHandler`, which must
 * come first. Options are checked against the catalog here, at startup.
 * @example
 * app.use(koaErrorHandler(errors, { format: 'errorCode-reason' }));
 * app.use(koaBearerAuth(errors, {
 *   secret: process.env.JWT_SECRET!, algorithms: ['HS256'],
 *   codes: { missing: 'MISSING_AUTH_TOKEN', invalid: 'INVALID_AUTH_TOKEN', expired: 'EXPIRED_AUTH_TOKEN' },
 * }));
 */
export function koaBearerAuth<C extends AnyCatalog>(errors: C, options: BearerOptions<C>): KoaBearerMiddleware {
  const authenticate = createAuthenticator(resolveOptions(errors, options as BearerOptions<AnyCatalog>, 'koaBearerAuth'));
  return async function houseBearerAuth(ctx, next) {
    const result = authenticate(ctx.req);
    const payload = result instanceof Promise ? await result : result;
    if (payload !== undefined) (ctx.state as { auth?: AuthPayload }).auth = payload;
    await next();
  };
}

/**
 * What `requireScopes` and `koaRequireScopes` answer with, by catalog key: `missing` when the
 * request carries no verified token, `insufficientScope` when a scope is not granted.
 * @example { codes: { missing: 'MISSING_AUTH_TOKEN', insufficientScope: 'NOT_ENOUGH_PERMISSION' } }
 */
export interface RequireScopesOptions<C extends AnyCatalog> {
  readonly codes: {
    /** No `req.auth` / `ctx.state.auth` (401, `bearer: true`). */
    readonly missing: KeyOf<C>;
    /** A scope not granted (403, `bearer: 'insufficient_scope'`); the challenge names the missing ones. */
    readonly insufficientScope: KeyOf<C>;
  };
}

// The payload's scopes against the route's: undefined when all are granted, else the error.
function scopeFailure(check: ScopeCheck, auth: AuthPayload | undefined): Error | undefined {
  if (auth === undefined) return check.missing(undefined, { cause: 'no verified token on the request' });
  const missing = missingScopes(auth, check.scopes);
  return missing.length === 0 ? undefined : check.insufficientScope(undefined, { scope: missing });
}

/**
 * Express 4 and 5: a route's scopes, checked against the payload `bearerAuth` put on `req.auth`
 * (its `scope` or `scp` claim). A scope not granted is the 403 `insufficient_scope` answer whose
 * challenge names the missing scopes; no verified token is `codes.missing`. Checked at startup.
 * @example
 * app.use(bearerAuth(errors, options));
 * app.post('/orders', requireScopes(errors, ['orders:write'], { codes }), createOrder);
 */
export function requireScopes<C extends AnyCatalog>(errors: C, scopes: readonly string[], options: RequireScopesOptions<C>): ExpressBearerMiddleware {
  const check = resolveScopeCheck(errors, scopes, options, 'requireScopes');
  return function houseRequireScopes(req, _res, next) {
    next(scopeFailure(check, req.auth));
  };
}

/**
 * Koa 2 and 3: a route's scopes, checked against `ctx.state.auth` (see `requireScopes`).
 * @example router.post('/orders', koaRequireScopes(errors, ['orders:write'], { codes }), createOrder);
 */
export function koaRequireScopes<C extends AnyCatalog>(errors: C, scopes: readonly string[], options: RequireScopesOptions<C>): KoaBearerMiddleware {
  const check = resolveScopeCheck(errors, scopes, options, 'koaRequireScopes');
  return async function houseRequireScopes(ctx, next) {
    const failure = scopeFailure(check, (ctx.state as { auth?: AuthPayload }).auth);
    if (failure !== undefined) throw failure;
    await next();
  };
}
