/**
 * `koaBearerAuth`: the Koa 2 and 3 adapter. A failure is thrown, for `koaErrorHandler`
 * (registered first) to answer with the catalog's challenge.
 */
import type { AnyCatalog } from '../catalog/types.js';
import { createAuthenticator } from './authenticate.js';
import { resolveSetup } from './options.js';
import type { AuthPayload, BearerOptions, BearerRequest } from './types.js';

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
 * `ctx.state.auth`; any failure is thrown as a catalog error for `koaErrorHandler`. Options
 * are checked against the catalog here, at startup.
 * @example
 * app.use(koaErrorHandler(errors, { format: 'errorCode-reason' }));
 * app.use(koaBearerAuth(errors, {
 *   secret: process.env.JWT_SECRET!, algorithms: ['HS256'],
 *   codes: { missing: 'MISSING_AUTH_TOKEN', invalid: 'INVALID_AUTH_TOKEN', expired: 'EXPIRED_AUTH_TOKEN' },
 * }));
 */
export function koaBearerAuth<C extends AnyCatalog>(errors: C, options: BearerOptions<C>): KoaBearerMiddleware {
  const authenticate = createAuthenticator(resolveSetup(errors, options as BearerOptions<AnyCatalog>, 'koaBearerAuth'));
  return async function houseBearerAuth(ctx, next) {
    (ctx.state as { auth?: AuthPayload }).auth = await authenticate(ctx.req);
    await next();
  };
}
