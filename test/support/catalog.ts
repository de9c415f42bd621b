/**
 * The catalog most tests share: the README's example grown to cover every feature the core has
 * (Bearer challenges, templates, a family, the same code at two statuses, headers).
 */
import { defineCatalog, defineFormat, problemDetails, type FormatRef, type HouseError } from '../../lib/index.js';

/** The shared test catalog. */
export const errors = defineCatalog({
  BAD_REQUEST: { status: 400, message: 'Invalid or missing query parameters.' },
  MISSING_AUTH_TOKEN: { status: 401, message: 'Auth token missing in the request.', bearer: true },
  INVALID_AUTH_TOKEN: { status: 401, message: 'Invalid auth token.', bearer: 'invalid_token' },
  EXPIRED_AUTH_TOKEN: { status: 401, message: 'Expired auth token.', bearer: 'invalid_token' },
  NOT_ENOUGH_PERMISSION: { status: 403, message: 'Not enough permission.', bearer: 'insufficient_scope' },
  MALFORMED_AUTH: { status: 400, message: 'Malformed Authorization header.', bearer: 'invalid_request' },
  '{RESOURCE}_NOT_EXIST': { status: 404, message: 'The specific resource could not be found.' },
  RESOURCE_NOT_FOUND: { status: 404, message: 'The resource could not be found.' },
  LOGIC_BAD_REQUEST: { status: 406, code: 'BAD_REQUEST', message: 'Bad request' },
  TOO_MANY_REQUESTS: { status: 429, message: 'Too many requests.', headers: { 'Retry-After': '30' } },
  ILLEGAL_STATE: { status: 500, message: 'Illegal state: {detail}', retryable: true },
  INTERNAL_ERROR: { status: 500, message: 'Internal server error.' },
}, { realm: 'api' });

/** The four built-in formats with the body keys each one must have, exactly. */
export const FORMATS = {
  'errorCode-reason': { code: 'errorCode', message: 'reason', contentType: 'application/json; charset=utf-8' },
  'code-description': { code: 'code', message: 'description', contentType: 'application/json; charset=utf-8' },
  'code-message': { code: 'code', message: 'message', contentType: 'application/json; charset=utf-8' },
  'problem-details': { code: 'code', message: 'detail', contentType: 'application/problem+json; charset=utf-8' },
} as const;

/** The name of a built-in format. */
export type FormatName = keyof typeof FORMATS;
/** The built-in format names. */
export const FORMAT_NAMES = Object.keys(FORMATS) as FormatName[];

/** The exact body a built-in format gives for a code, status and message. */
export function expectedBody(format: FormatName, code: string, status: number, message: string): Record<string, unknown> {
  if (format === 'problem-details') {
    return { type: 'about:blank', title: STATUS_TITLES[status], status, detail: message, code };
  }
  const fields = FORMATS[format];
  return { [fields.code]: code, [fields.message]: message };
}

const STATUS_TITLES: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed',
  406: 'Not Acceptable', 409: 'Conflict', 413: 'Payload Too Large', 415: 'Unsupported Media Type',
  429: 'Too Many Requests', 500: 'Internal Server Error', 503: 'Service Unavailable',
};

/** Every definition of the shared catalog, thrown with the parameters it needs. */
export const THROWN: ReadonlyArray<{ error: HouseError; params: Record<string, string> }> = [
  { error: errors.BAD_REQUEST(), params: {} },
  { error: errors.MISSING_AUTH_TOKEN(), params: {} },
  { error: errors.INVALID_AUTH_TOKEN(), params: {} },
  { error: errors.EXPIRED_AUTH_TOKEN(), params: {} },
  { error: errors.NOT_ENOUGH_PERMISSION({}, { scope: ['a'] }), params: {} },
  { error: errors.MALFORMED_AUTH(), params: {} },
  { error: errors['{RESOURCE}_NOT_EXIST']({ RESOURCE: 'USER' }), params: { RESOURCE: 'USER' } },
  { error: errors.RESOURCE_NOT_FOUND(), params: {} },
  { error: errors.LOGIC_BAD_REQUEST(), params: {} },
  { error: errors.TOO_MANY_REQUESTS(), params: {} },
  { error: errors.ILLEGAL_STATE({ detail: 'order book locked: {x} "quoted"' }), params: { detail: 'order book locked: {x} "quoted"' } },
  { error: errors.INTERNAL_ERROR(), params: {} },
];

/** A custom format with a parser, as a team would write one. */
export const envelope = defineFormat({
  name: 'envelope',
  body: ({ code, message }) => ({ error: { code, message } }),
  schema: { type: 'object' },
  parse: (body) => {
    const e = (body as { error?: { code?: unknown; message?: unknown } }).error;
    return typeof e?.code === 'string' && typeof e.message === 'string' ? { code: e.code, message: e.message } : undefined;
  },
});
/** The built-in formats by name, plus a custom format and a configured problem-details value. */
export const ALL_FORMATS: readonly FormatRef[] = [...FORMAT_NAMES, envelope, problemDetails({ typeBase: 'https://api.example.com/errors#' })];
/** A format's name for test titles. */
export const formatName = (format: FormatRef): string => (typeof format === 'string' ? format : `${format.name} (value)`);

/** A shop's catalog with field-level details: violations (400 and 422) and custom details (403). */
export const shop = defineCatalog({
  INVALID_PARAMETER: { status: 400, message: { en: 'There is an error in the requested parameter.', ko: '요청 파라미터에 오류가 있습니다.' }, details: 'violations' },
  UNPROCESSABLE: { status: 422, message: 'The order cannot be processed.', details: 'violations' },
  OUT_OF_CREDIT: {
    status: 403, message: 'Not enough credit.',
    details: { schema: { type: 'object', required: ['balance'], properties: { balance: { type: 'number' }, currency: { type: 'string', maxLength: 3 } } } },
  },
  NOT_FOUND: { status: 404, message: 'Not found.' },
  INTERNAL_ERROR: { status: 500, message: 'Internal server error.' },
}, {
  violations: {
    REQUIRED: { message: { en: 'This field is required.', ko: '필수 항목입니다.' } },
    TOO_SHORT: { message: { en: 'Must be at least {minimum} characters.', ko: '최소 {minimum}자 이상이어야 합니다.' } },
    NOT_ALLOWED: { message: { en: 'Must be one of: {allowed}.', ko: '다음 중 하나여야 합니다: {allowed}.' }, echo: true },
  },
});
