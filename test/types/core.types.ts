/**
 * Type tests, checked by `tsc --noEmit` in `npm test`: every `@ts-expect-error` line must
 * fail to compile, and every other line must compile.
 */
import express from 'express';
import Koa from 'koa';
import {
  defineCatalog, errorHandler, koaErrorHandler, defineFormat, wireForm,
  type CodeOf, type KeyOf, type ParamsOf, type HouseErrorOf,
} from '../../lib/index.js';

const errors = defineCatalog({
  BAD_REQUEST: { status: 400, message: 'Invalid or missing query parameters.' },
  INVALID_AUTH_TOKEN: { status: 401, message: 'Invalid auth token.', bearer: 'invalid_token' },
  ILLEGAL_STATE: { status: 500, message: 'Illegal state: {detail}', retryable: true },
  TWO: { status: 409, message: '{a} and {b}' },
  TRANSLATED: { status: 400, message: { en: 'Bad {field}', ko: '잘못된 {field}' } },
  '{RESOURCE}_NOT_EXIST': { status: 404, message: 'The specific resource could not be found.' },
  LOGIC_BAD_REQUEST: { status: 406, code: 'BAD_REQUEST', message: 'Bad request' },
  INTERNAL_ERROR: { status: 500, message: 'Internal server error.' },
});

// Factories: parameters exactly as the templates say.
errors.BAD_REQUEST();
errors.BAD_REQUEST({});
errors.BAD_REQUEST(undefined, { cause: new Error('x') });
errors.ILLEGAL_STATE({ detail: 'x' });
errors.ILLEGAL_STATE({ detail: 42 });
errors.TWO({ a: 'x', b: 'y' });
errors.TRANSLATED({ field: 'email' });
errors['{RESOURCE}_NOT_EXIST']({ RESOURCE: 'USER' });
errors.INVALID_AUTH_TOKEN({}, { scope: ['a'], errorDescription: 'x', headers: { 'X-A': 'b' } });

// @ts-expect-error an unknown key
errors.NOPE();
// @ts-expect-error a missing template parameter object
errors.ILLEGAL_STATE();
// @ts-expect-error a missing template parameter
errors.ILLEGAL_STATE({});
// @ts-expect-error a misspelt template parameter
errors.ILLEGAL_STATE({ detial: 'x' });
// @ts-expect-error an extra template parameter
errors.ILLEGAL_STATE({ detail: 'x', extra: 'y' });
// @ts-expect-error a parameter for a message without placeholders
errors.BAD_REQUEST({ detail: 'x' });
// @ts-expect-error one of two parameters missing
errors.TWO({ a: 'x' });
// @ts-expect-error a family without its value
errors['{RESOURCE}_NOT_EXIST']();
// @ts-expect-error a parameter value that is not a string or number
errors.ILLEGAL_STATE({ detail: { nested: true } });
// @ts-expect-error scope must be a list
errors.INVALID_AUTH_TOKEN({}, { scope: 'a b' });

// Codes are literal unions; families are template literal types.
const family = errors['{RESOURCE}_NOT_EXIST']({ RESOURCE: 'USER' });
const familyCode: `${string}_NOT_EXIST` = family.code;
const logic: 'BAD_REQUEST' = errors.LOGIC_BAD_REQUEST().code;
// @ts-expect-error the wire code of LOGIC_BAD_REQUEST is BAD_REQUEST
const wrongCode: 'LOGIC_BAD_REQUEST' = errors.LOGIC_BAD_REQUEST().code;
const key: '{RESOURCE}_NOT_EXIST' = family.key;
void [familyCode, logic, wrongCode, key];

type Codes = CodeOf<typeof errors>;
const code1: Codes = 'INVALID_AUTH_TOKEN';
const code2: Codes = 'ORDER_NOT_EXIST';
// @ts-expect-error not a code of the catalog
const code3: Codes = 'NOPE';
type Keys = KeyOf<typeof errors>;
const key1: Keys = 'LOGIC_BAD_REQUEST';
// @ts-expect-error a code is not a key
const key2: Keys = 'NOT_A_KEY';
const params: ParamsOf<typeof errors, 'TWO'> = { a: '1', b: 2 };
// @ts-expect-error ParamsOf requires every name
const params2: ParamsOf<typeof errors, 'TWO'> = { a: '1' };
void [code1, code2, code3, key1, key2, params, params2];

// Type guards narrow.
function handle(err: unknown): string {
  if (errors.ILLEGAL_STATE.is(err)) {
    const narrowed: 'ILLEGAL_STATE' = err.code;
    return narrowed + err.params.detail;
  }
  return '';
}
const anyError: HouseErrorOf<typeof errors> = errors.BAD_REQUEST();
void [handle, anyError];

// Definitions: statuses, bearer values and fields are checked.
// @ts-expect-error status 200 is not an error status
defineCatalog({ OK: { status: 200, message: 'x' } });
// @ts-expect-error status 600 is out of range
defineCatalog({ OK: { status: 600, message: 'x' } });
// @ts-expect-error an unknown bearer value
defineCatalog({ A: { status: 401, message: 'x', bearer: 'invalid_tokn' } });
// @ts-expect-error a message is required
defineCatalog({ A: { status: 400 } });
// @ts-expect-error an unknown stack policy
defineCatalog({ A: { status: 400, message: 'x' } }, { stack: 'sometimes' });

// Middleware: formats by name, keys checked, usable with real Express and Koa types.
const app = express();
app.use(errorHandler(errors, { format: 'errorCode-reason', realm: 'api', fallbacks: { 404: 'BAD_REQUEST' } }));
// @ts-expect-error an unknown format name
errorHandler(errors, { format: 'xml' });
// @ts-expect-error a format is required
errorHandler(errors, {});
// @ts-expect-error a fallback key that is not in the catalog
errorHandler(errors, { format: 'code-message', fallbacks: { 500: 'NOPE' } });
// @ts-expect-error a jwt key that is not in the catalog
errorHandler(errors, { format: 'code-message', jwt: { expired: 'NOPE' } });
// A family (or templated definition) as a fallback, with fixed values typed from its placeholders.
errorHandler(errors, { format: 'code-message', fallbacks: { 404: ['{RESOURCE}_NOT_EXIST', { RESOURCE: 'ROUTE' }] } });
// @ts-expect-error a fallback value under a name the family does not have
errorHandler(errors, { format: 'code-message', fallbacks: { 404: ['{RESOURCE}_NOT_EXIST', { NAME: 'ROUTE' }] } });
// @ts-expect-error a fallback family without its values object
errorHandler(errors, { format: 'code-message', fallbacks: { 404: ['{RESOURCE}_NOT_EXIST'] } });
// A rate limiter's dynamic Retry-After, as a number.
errors.BAD_REQUEST({}, { headers: { 'Retry-After': 12 } });
// @ts-expect-error a header value is a string or a number
errors.BAD_REQUEST({}, { headers: { 'Retry-After': true } });
const koa = new Koa();
koa.use(koaErrorHandler(errors, { format: 'code-message', locales: ['en', 'ko'] }));
// @ts-expect-error an unknown format name
koaErrorHandler(errors, { format: 'code_message' });

const envelope = defineFormat({
  name: 'envelope',
  body: (info) => ({ error: { code: info.code, message: info.message } }),
  schema: { type: 'object' },
});
errorHandler(errors, { format: envelope });
// @ts-expect-error a format body must return an object
defineFormat({ name: 'bad', body: () => 'text', schema: {} });
wireForm(errors, errors.BAD_REQUEST(), { format: 'problem-details' });
