/**
 * The marketplace catalog: the error reference of a second-hand marketplace's Open API,
 * every code with the reference's status, wire code and text. Body format `errorCode-reason`.
 *
 * Decisions where the reference is ambiguous or silent (also in this example's README):
 * - BAD_REQUEST: the reference describes two cases (invalid or missing query parameters, malformed
 *   JSON) under one code and one status. A catalog holds one definition per code and status,
 *   so there is one BAD_REQUEST whose description is the reference's full text and whose message
 *   covers both cases, written in the reference's voice.
 * - INVALID_AUTH_TOKEN: the reference's only example body says "Invalid Or Missing Auth Token" while
 *   its table says "Invalid auth token.". The body is what clients see, so the example's
 *   reason is the message and the table's text is the description.
 * - The access key travels in the `X-Api-Key` header (the reference does not name it).
 * - 401 answers carry an RFC 7235 challenge. MISSING_AUTH_TOKEN sends `Bearer realm` alone
 *   (no credentials, RFC 6750 §3.1). The access key is checked after the token was found, so
 *   MISSING_ACCESS_KEY, like the other 401s, is `error="invalid_token"` (see the README).
 * - NOT_ENOUGH_PERMISSION, RESOURCE_NOT_FOUND and INTERNAL_ERROR: the reference gives a description
 *   only; their messages are ours, in the reference's voice.
 * - 429 is listed without a code: TOO_MANY_REQUESTS is added, with `Retry-After`.
 */
import { defineCatalog } from '../../lib/index.js';

/** The errors of the marketplace API. */
export const errors = defineCatalog({
  BAD_REQUEST: {
    status: 400,
    // One message for the reference's two cases (see above).
    message: 'Invalid or missing query parameters, or malformed JSON in the request body.',
    description: 'Default error code for 400 Bad Request responses. Invalid or missing query parameters. Malformed JSON in the request body.',
  },
  MISSING_AUTH_TOKEN: { status: 401, message: 'Auth token missing in the request.', bearer: true },
  // Checked once a token is present: the client sent credentials, they are incomplete.
  MISSING_ACCESS_KEY: { status: 401, message: 'Access key missing in the request.', bearer: 'invalid_token' },
  INVALID_ACCESS_KEY: { status: 401, message: 'Invalid access Key.', bearer: 'invalid_token' },
  MISSING_IAT_CLAIM: { status: 401, message: "JWT 'iat' claim missing in the request.", bearer: 'invalid_token' },
  INVALID_AUTH_TOKEN: {
    status: 401,
    // The reference's example body (its reason) is the message; its table text is the description.
    message: 'Invalid Or Missing Auth Token',
    description: 'Invalid auth token.',
    bearer: 'invalid_token',
  },
  EXPIRED_AUTH_TOKEN: { status: 401, message: 'Expired auth token.', bearer: 'invalid_token' },
  NOT_ENOUGH_PERMISSION: {
    status: 403,
    message: 'Not enough permission.', // ours: the reference gives a description only
    description: 'Default error code for 403 Forbidden responses. Specific APIs may return more detailed error codes.',
    bearer: 'insufficient_scope',
  },
  RESOURCE_NOT_FOUND: {
    status: 404,
    message: 'Resource not found.', // ours: the reference gives a description only
    description: 'Default error code for 404 Not Found responses. Specific APIs may return more detailed error codes.',
  },
  TOO_MANY_REQUESTS: {
    status: 429,
    // Added: the reference lists 429 Too Many Requests without a code.
    message: 'Too many requests.',
    description: 'Rate limit exceeded; retry after the number of seconds in Retry-After. (Added: the reference lists 429 without a code.)',
    headers: { 'Retry-After': '60' },
  },
  INTERNAL_ERROR: {
    status: 500,
    message: 'Internal server error.', // ours: the reference gives a description only
    description: 'Default error code for unexpected server error responses. Specific APIs may return more detailed error codes.',
  },
}, { realm: 'marketplace' });

/** The house format of this API's bodies (the docs CLI reads this export too). */
export const format = 'errorCode-reason' as const;

export default errors;
