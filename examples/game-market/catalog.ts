/**
 * The game-market catalog: a game item market's API error responses, every code
 * of its three tables with the reference's status, wire code and text. Body format `code-message`.
 *
 * Decisions where the reference is ambiguous or silent (also in this example's README):
 * - Logic errors answer 406 and are not retryable; server-state errors answer 500 and are
 *   (`retryable: true`), exactly the reference's two tables, messages verbatim.
 * - BAD_REQUEST and NOT_FOUND exist at 400/404 (the regular table: a malformed input, a wrong
 *   URI) and at 406 (the logic table): two keys each, same wire code. The 406 ones are
 *   LOGIC_BAD_REQUEST and LOGIC_NOT_FOUND in code.
 * - The reference writes `{{Error Message}}` for a message filled in at runtime: here the
 *   placeholder `{errorMessage}`.
 * - The regular table gives descriptions only: the messages of SERVICE_UNAVAILABLE, BAD_REQUEST,
 *   NOT_ALLOW_API, UNAUTHORIZED, NOT_FOUND and NOT_ACCEPTABLE are ours, short like the reference's.
 *   NOT_ACCEPTABLE has no description in the reference: it is HTTP's 406 (no acceptable media type).
 * - 405 and 429 are listed without a code: METHOD_NOT_ALLOWED and TOO_MANY_REQUESTS are added.
 * - The reference's example body, INVALID_APP_CREDENTIAL "App id & secret is not valid", is a detailed
 *   (406 or 500) code: transcribed as a 406 for a game studio's app credentials in a request body.
 * - 401 carries an RFC 7235 challenge: the reference authenticates with an API key and secret, which
 *   this example takes as HTTP Basic credentials (`WWW-Authenticate: Basic …`).
 * - Unexpected failures: the only 500 without a placeholder is MAINTENANCE, which would lie. The
 *   server answers them as INTERNAL_SERVER_ERROR with a fixed errorMessage (see server.ts), and
 *   the handler's 500 fallback is INTERNAL_SERVER_ERROR too.
 */
import { defineCatalog } from '../../lib/index.js';

/** The errors of the game-market API. */
export const errors = defineCatalog({
  // The regular error table.
  SERVICE_UNAVAILABLE: {
    status: 503,
    message: 'Service unavailable',
    description: 'An abnormal response is returned due to an error in server-side infrastructure configuration. Wait for recovery when this occurs. Also occurs during system maintenance.',
  },
  BAD_REQUEST: {
    status: 400,
    message: 'Invalid input parameters',
    description: 'There is an issue with the format or length of the input parameters. Please recheck the input parameters.',
  },
  NOT_ALLOW_API: { status: 403, message: 'Not allowed API', description: 'Unauthorized API path' },
  UNAUTHORIZED: {
    status: 401,
    message: 'Unauthorized',
    description: 'The API Key or Secret is incorrect, or permissions have been revoked.',
    headers: { 'WWW-Authenticate': 'Basic realm="game-market", charset="UTF-8"' },
  },
  NOT_FOUND: { status: 404, message: 'Not found', description: 'An incorrect URI was specified.' },
  METHOD_NOT_ALLOWED: {
    status: 405,
    message: 'Method not allowed',
    description: 'An unsupported HTTP Method was specified. (Added: the reference lists 405 without a code.)',
  },
  NOT_ACCEPTABLE: {
    status: 406,
    message: 'Not acceptable',
    description: 'The API cannot answer in a media type the request accepts (HTTP 406); it answers application/json.',
  },
  TOO_MANY_REQUESTS: {
    status: 429,
    message: 'Too many requests',
    description: 'The request count has been exceeded due to too many requests. (Added: the reference lists 429 without a code.)',
    headers: { 'Retry-After': '60' },
  },
  // Retryable: 500.
  INTERNAL_SERVER_ERROR: {
    status: 500,
    message: '{errorMessage}',
    description: 'Error due to abnormal server state, making processing impossible for some or all requests.',
    retryable: true,
  },
  MAINTENANCE: { status: 500, message: 'Maintenance', description: 'Temporary/scheduled maintenance status.', retryable: true },
  ILLEGAL_STATE: {
    status: 500,
    message: 'Illegal state: {errorMessage}',
    description: 'When the request cannot be processed temporarily due to a state change or request block.',
    retryable: true,
  },
  // Non-retryable: 406.
  LOGIC_BAD_REQUEST: { status: 406, code: 'BAD_REQUEST', message: 'Bad request', description: 'All cases where request parameters contain errors' },
  LOGIC_NOT_FOUND: { status: 406, code: 'NOT_FOUND', message: 'Not found', description: 'When the requested target does not exist' },
  CONFLICT: { status: 406, message: 'Already exists', description: 'When duplicate change requests are made' },
  NOT_ENOUGH_ASSET: {
    status: 406,
    message: 'Not enough asset',
    description: 'When the requested asset is insufficient or requested in an incorrect quantity',
  },
  NEXT_MARKET_NOT_REGISTERED_GAME_ITEM_PACKAGE: {
    status: 406,
    message: 'Not registered game item package',
    description: 'When attempting to include an unregistered item in a package',
  },
  // The reference's example body (Error Response Format); its status is not stated (see above).
  INVALID_APP_CREDENTIAL: {
    status: 406,
    message: 'App id & secret is not valid',
    description: "The game app's id and secret in the request are not valid. (The reference's example of a detailed code.)",
  },
});

/** The house format of this API's bodies (the docs CLI reads this export too). */
export const format = 'code-message' as const;

export default errors;
