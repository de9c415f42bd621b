/**
 * house-errors/bearer: Bearer JWT authentication that answers with your catalog's errors.
 * A subpath of its own, so that apps that never authenticate never load jsonwebtoken.
 * @packageDocumentation
 */
export { bearerAuth, koaBearerAuth } from './middleware.js';
export type {
  BearerState, ExpressBearerMiddleware, ExpressBearerRequest, KoaBearerContext, KoaBearerMiddleware,
} from './middleware.js';
export { BearerOptionsError } from './options.js';
export type { BearerCodes, BearerOptions } from './options.js';
export { ALGORITHMS, BearerKeyError } from './keys.js';
export type { Algorithm, KeyObjectLike, VerificationKey } from './keys.js';
export type { AuthPayload, BearerRequest, JwtHeader } from './verify.js';
