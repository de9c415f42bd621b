/**
 * The quick-start catalog: the README's example, one definition per feature, and an order body
 * checked field by field (violations, with the codes registered below).
 */
import { defineCatalog } from '../../lib/index.js';

/** The errors of the quick-start API. */
export const errors = defineCatalog({
  BAD_REQUEST: { status: 400, message: 'Invalid or missing query parameters.' },
  INVALID_ORDER: { status: 422, message: 'The order has invalid fields.', details: 'violations' },
  MISSING_AUTH_TOKEN: { status: 401, message: 'Auth token missing in the request.', bearer: true },
  INVALID_AUTH_TOKEN: { status: 401, message: 'Invalid auth token.', bearer: 'invalid_token' },
  NOT_ENOUGH_PERMISSION: { status: 403, message: 'Not enough permission.', bearer: 'insufficient_scope' },
  '{RESOURCE}_NOT_EXIST': { status: 404, message: 'The specific resource could not be found.' },
  OUT_OF_STOCK: { status: 409, message: 'Only {available} left of {sku}.' },
  ILLEGAL_STATE: { status: 500, message: 'Illegal state: {detail}', retryable: true },
  INTERNAL_ERROR: { status: 500, message: 'Internal server error.' },
}, {
  realm: 'shop',
  violations: {
    REQUIRED: { message: 'This field is required.' },
    INVALID_TYPE: { message: 'Must be of type {expected}.' },
    TOO_SMALL: { message: 'Must be at least {minimum}.' },
    PATTERN: { message: 'Must look like SKU-1.', description: 'A product code: SKU- and a number.' },
    UNKNOWN_FIELD: { message: 'This field is not allowed.' },
  },
});

export default errors;
