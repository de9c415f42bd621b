/**
 * The Express and Koa middleware. Both build one authenticator from options resolved once,
 * at startup, and never write a response: a failure goes to Express's `next(err)` or is
 * thrown to Koa, and the error handler answers it with the catalog's challenge.
 */
import type { AnyCatalog } from '../catalog/types.js';
import { resolveOptions, type BearerOptions } from './options.js';
import { createAuthenticator, type AuthPayload, type BearerRequest } from './verify.js';

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
 * checked against the catalog here, at startup (a `BearerOptionsError` otherwise).
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
    authenticate(req).then((payload) => {
      req.auth = payload;
      next();
    }, next);
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
    (ctx.state as { auth?: AuthPayload }).auth = await authenticate(ctx.req);
    await next();
  };
}
