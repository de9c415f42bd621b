/**
 * `bearerAuth`: the Express 4 and 5 adapter. It never writes a response: a failure goes to
 * `next(err)` and the error handler answers it, so the challenge comes from the catalog.
 */
import type { AnyCatalog } from '../catalog/types.js';
import { createAuthenticator } from './authenticate.js';
import { resolveSetup } from './options.js';
import type { AuthPayload, BearerOptions, BearerRequest } from './types.js';

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
 * checked against the catalog here, at startup.
 * @example
 * app.use('/api', bearerAuth(errors, {
 *   secret: process.env.JWT_SECRET!, algorithms: ['HS256'],
 *   codes: { missing: 'MISSING_AUTH_TOKEN', invalid: 'INVALID_AUTH_TOKEN', expired: 'EXPIRED_AUTH_TOKEN' },
 * }));
 * app.get('/api/me', (req, res) => res.json({ sub: req.auth?.sub }));
 * app.use(errorHandler(errors, { format: 'errorCode-reason' }));
 */
export function bearerAuth<C extends AnyCatalog>(errors: C, options: BearerOptions<C>): ExpressBearerMiddleware {
  const authenticate = createAuthenticator(resolveSetup(errors, options as BearerOptions<AnyCatalog>, 'bearerAuth'));
  return function houseBearerAuth(req, _res, next) {
    authenticate(req).then((payload) => {
      req.auth = payload;
      next();
    }, next);
  };
}
