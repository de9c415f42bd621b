/**
 * What every benchmark answers: one documented 401 with a Bearer challenge, written the same
 * way by every variant, plus the catalogs house-errors answers it from.
 */
import { defineCatalog, type HandlerOptions } from './built.js';

export const CODE = 'INVALID_AUTH_TOKEN';
export const MESSAGE = 'Invalid auth token.';
export const CHALLENGE = 'Bearer realm="api", error="invalid_token", error_description="Invalid auth token."';
export const CHALLENGE_HEADERS: Readonly<Record<string, string>> = Object.freeze({ 'WWW-Authenticate': CHALLENGE });
export const CONTENT_TYPE = 'application/json; charset=utf-8';
/** The body every 401 variant sends, byte for byte. */
export const BODY = JSON.stringify({ code: CODE, message: MESSAGE });
export const BODY_LENGTH = Buffer.byteLength(BODY);

/** The message of the foreign-error variant (an http-errors 404 mapped to RESOURCE_NOT_FOUND). */
export const NOT_FOUND_MESSAGE = 'The resource could not be found.';

const definitions = {
  INVALID_AUTH_TOKEN: { status: 401, message: MESSAGE, bearer: 'invalid_token' },
  RESOURCE_NOT_FOUND: { status: 404, message: NOT_FOUND_MESSAGE },
  INTERNAL_ERROR: { status: 500, message: 'Internal server error.' },
} as const;

/** The catalog with the default stack policy (`'server-errors'`: no stack for 4xx). */
export const errors = defineCatalog(definitions, { realm: 'api' });
/** The same catalog capturing a stack for every error. */
export const errorsWithStacks = defineCatalog(definitions, { realm: 'api', stack: 'all' });
/** The same 401, with its message rendered from a template parameter on every throw. */
export const paramErrors = defineCatalog({
  INVALID_AUTH_TOKEN: { status: 401, message: 'Invalid {kind} token.', bearer: 'invalid_token' },
  INTERNAL_ERROR: { status: 500, message: 'Internal server error.' },
}, { realm: 'api' });

/** The handler options of every house-errors variant. */
export const HANDLER_OPTIONS: HandlerOptions<typeof errors> = { format: 'code-message', fallbacks: { 404: 'RESOURCE_NOT_FOUND' } };
export const PARAM_HANDLER_OPTIONS: HandlerOptions<typeof paramErrors> = { format: 'code-message' };

/** Calls `make` `depth` frames below the caller, so a captured stack costs what it costs in an app. */
export function deep<T>(depth: number, make: () => T): T {
  return depth <= 0 ? make() : deep(depth - 1, make);
}
