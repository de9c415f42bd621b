/**
 * house-errors/bearer: Bearer JWT authentication that answers with your catalog's errors.
 * A subpath of its own, so that apps that never authenticate never load jsonwebtoken.
 * @packageDocumentation
 */
export { bearerAuth } from './express.js';
export type { ExpressBearerMiddleware, ExpressBearerRequest } from './express.js';
export { koaBearerAuth } from './koa.js';
export type { BearerState, KoaBearerContext, KoaBearerMiddleware } from './koa.js';
export { BearerKeyError, BearerOptionsError } from './errors.js';
export { ALGORITHMS } from './types.js';
export type {
  Algorithm, AuthPayload, BearerCodes, BearerOptions, BearerRequest, JwtHeader, KeyObjectLike, VerificationKey,
} from './types.js';
