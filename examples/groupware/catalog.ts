/**
 * The groupware catalog: a groupware suite's open API error codes, every row of
 * the reference's table with its status, wire code and description. Body format `code-description`.
 *
 * Decisions where the reference is ambiguous or silent (also in this example's README):
 * - The reference's descriptions are the messages: its body model shows one `description` field.
 *   Where a row has a second sentence (UNAUTHORIZED, FORBIDDEN), the first is the message and
 *   the whole row the documentation.
 * - LIMIT_EXCEEDED and OUT_OF_RANGE exist at 400 (a parameter's value) and at 403 (a resource's
 *   quota or range): two keys each, same wire code. The 403 ones are RESOURCE_LIMIT_EXCEEDED
 *   and RESOURCE_OUT_OF_RANGE in code.
 * - `WWW-Authenticate` is exactly the reference's header table: no realm, no error_description
 *   (`challengeDescription: false`). 400 `invalid_request` belongs to "The requested parameter
 *   format is invalid", which is INVALID_PARAMETER; 401 `invalid_token` to UNAUTHORIZED (also
 *   when the token is absent: the reference has one 401 code and one 401 header); 403
 *   `insufficient_scope` with `scope="…"` to FORBIDDEN, thrown with the missing scopes.
 * - The family INVALID_{RESOURCE} with RESOURCE=PARAMETER would be INVALID_PARAMETER: the API
 *   never throws it with that value.
 */
import { defineCatalog } from '../../lib/index.js';

/** The errors of the groupware API. */
export const errors = defineCatalog({
  BAD_REQUEST: { status: 400, message: 'The server cannot process the request because the request format or body is invalid.' },
  INVALID_PARAMETER: {
    status: 400,
    message: 'There is an error in the format or content of the requested parameter.',
    // The reference's header table: 400 `Bearer error="invalid_request"`, "The requested parameter format is invalid."
    bearer: 'invalid_request',
  },
  'INVALID_{RESOURCE}': { status: 400, message: 'There is an error in the content of the requested resource.' },
  MISSING_PARAMETER: { status: 400, message: 'A required parameter was not specified.' },
  LIMIT_EXCEEDED: { status: 400, message: 'The limit for a parameter or resource property value was exceeded.' },
  OUT_OF_RANGE: { status: 400, message: 'The parameter or resource property value is out of range.' },
  UNAUTHORIZED: {
    status: 401,
    message: 'The requested authentication information was missing or incorrectly specified.',
    description: 'The requested authentication information was missing or incorrectly specified. A common authentication error indicates what is defined in RFC 6749.',
    bearer: 'invalid_token',
  },
  FORBIDDEN: {
    status: 403,
    message: "The server understood the client's request but refused to process it.",
    description: "The server understood the client's request but refused to process it. If the client app does not have access to the resource or the required OAuth scopes, access is denied.",
    bearer: 'insufficient_scope',
  },
  ACCESS_DENIED: { status: 403, message: 'Access to the requested resource is restricted.' },
  // Same wire codes as the 400 rows: a quota or range of the resource itself.
  RESOURCE_LIMIT_EXCEEDED: { status: 403, code: 'LIMIT_EXCEEDED', message: 'The limit for the requested resource was exceeded.' },
  RESOURCE_OUT_OF_RANGE: { status: 403, code: 'OUT_OF_RANGE', message: 'The expected range for the requested resource was exceeded.' },
  NOT_FOUND: { status: 404, message: 'The requested resource could not be found.' },
  '{RESOURCE}_NOT_EXIST': { status: 404, message: 'The specific resource could not be found.' },
  CONFLICT: { status: 409, message: 'There is a conflict with the requested resource.' },
  ALREADY_EXIST: { status: 409, message: 'The requested resource already exists.' },
  '{RESOURCE}_ALREADY_EXIST': { status: 409, message: 'The specific resource already exists.' },
  DELETED: { status: 410, message: 'The requested resource has already been deleted and does not exist on the server.' },
  INTERNAL_SERVER_ERROR: { status: 500, message: 'Unspecified internal server error' },
  SERVICE_UNAVAILABLE: { status: 503, message: 'Temporary server error' },
}, { challengeDescription: false });

/** The house format of this API's bodies (the docs CLI reads this export too). */
export const format = 'code-description' as const;

export default errors;
