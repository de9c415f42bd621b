/**
 * house-errors/bearer: Bearer JWT authentication that answers with your catalog's errors.
 * A subpath of its own, so that apps that never authenticate never load jsonwebtoken.
 * @packageDocumentation
 */
export { bearerAuth, koaBearerAuth, koaRequireScopes, requireScopes } from './middleware.js';
export type {
  BearerState, OptionalBearerState, ExpressBearerMiddleware, ExpressBearerRequest, KoaBearerContext, KoaBearerMiddleware, RequireScopesOptions,
} from './middleware.js';
export { BearerOptionsError } from './options.js';
export type { BearerCacheOptions, BearerCodes, BearerOptions, ClaimCheck, JwksOptions } from './options.js';
export { ALGORITHMS, BearerKeyError } from './keys.js';
export type { Algorithm, KeyObjectLike, VerificationKey } from './keys.js';
export type { AuthPayload, BearerRequest, JwtHeader } from './token.js';
export type { ClaimValue } from './verify.js';
