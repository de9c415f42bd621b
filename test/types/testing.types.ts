/**
 * Type tests for the client and test-side API: checked by `tsc -p test/tsconfig.json`, never
 * run. Every `@ts-expect-error` line must be an error, or tsc fails on the unused directive.
 */
import type { Response } from 'supertest';
import {
  defineCatalog, parseErrorBody, type BodyOf, type CodeOf, type KeyOf, type ParamsOf, type ParsedBody,
  type ParsedErrorOf, type ProblemDetailsBody, defineFormat,
  type ErrorDetails,
} from '../../lib/index.js';
import { expectError, matchError } from '../../lib/testing/index.js';
import { errors } from '../support/catalog.js';

declare const res: Response;
declare const body: unknown;
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;
const yes = <T extends true>(): T => true as T;

// --- Exported types ---------------------------------------------------------------
const plain = defineCatalog({
  BAD_REQUEST: { status: 400, message: 'Bad request.' },
  LOGIC_BAD_REQUEST: { status: 406, code: 'BAD_REQUEST', message: 'Bad request' },
  ILLEGAL_STATE: { status: 500, message: 'Illegal state: {detail}', retryable: true },
  INTERNAL_ERROR: { status: 500, message: 'Internal server error.' },
});
yes<Equal<KeyOf<typeof plain>, 'BAD_REQUEST' | 'LOGIC_BAD_REQUEST' | 'ILLEGAL_STATE' | 'INTERNAL_ERROR'>>();
yes<Equal<CodeOf<typeof plain>, 'BAD_REQUEST' | 'ILLEGAL_STATE' | 'INTERNAL_ERROR'>>();
yes<Equal<ParamsOf<typeof plain, 'ILLEGAL_STATE'>, { readonly detail: string | number }>>();
yes<Equal<CodeOf<typeof errors> extends infer C ? ('USER_NOT_EXIST' extends C ? true : false) : never, true>>();
// @ts-expect-error not a key of the catalog
type NoKey = ParamsOf<typeof plain, 'NOPE'>;

yes<Equal<BodyOf<'code-message'>, { readonly code: string; readonly message: string; readonly details?: ErrorDetails }>>();
yes<Equal<BodyOf<'problem-details'>, ProblemDetailsBody>>();
yes<Equal<BodyOf<'errorCode-reason', typeof plain>, { readonly errorCode: CodeOf<typeof plain>; readonly reason: string; readonly details?: ErrorDetails }>>();
const envelope = defineFormat({
  name: 'envelope',
  body: ({ code, message }) => ({ error: { code, message } }),
  schema: { type: 'object' },
});
yes<Equal<BodyOf<typeof envelope>, { error: { code: string; message: string } }>>();
// @ts-expect-error not a built-in format name
type NoFormat = BodyOf<'code-mesage'>;

// --- parseErrorBody and errors.parse -----------------------------------------------
const parsedBody: ParsedBody | undefined = parseErrorBody(body, 'code-message');
parseErrorBody(body, envelope);
// @ts-expect-error unknown format name
parseErrorBody(body, 'code-mesage');
void parsedBody;

const parsed = plain.parse(body, 'code-message', { status: 406 });
yes<Equal<NonNullable<typeof parsed>['key'], KeyOf<typeof plain>>>();
yes<Equal<NonNullable<typeof parsed>['code'], CodeOf<typeof plain>>>();
yes<Equal<Extract<NonNullable<typeof parsed>, { key: 'LOGIC_BAD_REQUEST' }>['status'], 406>>();
yes<Equal<ParsedErrorOf<typeof plain>, NonNullable<typeof parsed>>>();
yes<Equal<ParsedErrorOf<typeof plain, 'ILLEGAL_STATE'>['params'], { readonly detail?: string }>>();
yes<Equal<ParsedErrorOf<typeof errors, '{RESOURCE}_NOT_EXIST'>['params'], { readonly RESOURCE: string }>>();
// @ts-expect-error not a key of the catalog
type NoParsedKey = ParsedErrorOf<typeof plain, 'NOPE'>;
// @ts-expect-error unknown format name
plain.parse(body, 'json');

// switch (e.code) narrows, and a missing case is a compile error.
export function describeCode(e: NonNullable<typeof parsed>): string {
  switch (e.code) {
    case 'BAD_REQUEST': return e.key; // 'BAD_REQUEST' | 'LOGIC_BAD_REQUEST'
    case 'ILLEGAL_STATE': return e.params.detail ?? 'unknown';
    case 'INTERNAL_ERROR': return 'retry later';
    default: {
      const exhaustive: never = e;
      return exhaustive;
    }
  }
}
export function missingCase(e: NonNullable<typeof parsed>): string {
  switch (e.code) {
    case 'BAD_REQUEST': return 'bad';
    case 'INTERNAL_ERROR': return 'retry later';
    default: {
      // @ts-expect-error ILLEGAL_STATE is not handled
      const exhaustive: never = e;
      return exhaustive;
    }
  }
}
export function narrowsParams(e: NonNullable<typeof parsed>): string {
  // @ts-expect-error params of another definition
  if (e.code === 'BAD_REQUEST') return e.params.detail;
  if (e.code === 'ILLEGAL_STATE') {
    const detail: string | undefined = e.params.detail;
    // @ts-expect-error a message parameter may be missing (another language, a newer text)
    const sure: string = e.params.detail;
    return detail ?? sure;
  }
  return e.message;
}

// A catalog with a code family: switch on the key, and the family's code value is a string.
export function describeKey(e: NonNullable<ReturnType<typeof errors.parse>>): string {
  switch (e.key) {
    case '{RESOURCE}_NOT_EXIST': {
      const resource: string = e.params.RESOURCE;
      yes<Equal<typeof e.code, `${string}_NOT_EXIST`>>();
      return resource;
    }
    case 'BAD_REQUEST': case 'MISSING_AUTH_TOKEN': case 'INVALID_AUTH_TOKEN': case 'EXPIRED_AUTH_TOKEN':
    case 'NOT_ENOUGH_PERMISSION': case 'MALFORMED_AUTH': case 'RESOURCE_NOT_FOUND': case 'LOGIC_BAD_REQUEST':
    case 'TOO_MANY_REQUESTS': case 'ILLEGAL_STATE': case 'INTERNAL_ERROR':
      return e.code;
    default: {
      const exhaustive: never = e;
      return exhaustive;
    }
  }
}
export function missingKey(e: NonNullable<ReturnType<typeof errors.parse>>): string {
  switch (e.key) {
    case 'BAD_REQUEST': case 'MISSING_AUTH_TOKEN': case 'INVALID_AUTH_TOKEN': case 'EXPIRED_AUTH_TOKEN':
    case 'NOT_ENOUGH_PERMISSION': case 'MALFORMED_AUTH': case 'RESOURCE_NOT_FOUND': case 'LOGIC_BAD_REQUEST':
    case 'TOO_MANY_REQUESTS': case 'ILLEGAL_STATE': case 'INTERNAL_ERROR':
      return e.code;
    default: {
      // @ts-expect-error the family is not handled
      const exhaustive: never = e;
      return exhaustive;
    }
  }
}
// @ts-expect-error parse is a catalog method, not a key
plain.parse.key;

// --- expectError / matchError ------------------------------------------------------
expectError(res, errors.INVALID_AUTH_TOKEN, {}, { format: 'code-message' });
expectError(res, errors.INVALID_AUTH_TOKEN, undefined, { format: 'problem-details', realm: 'api' });
expectError(res, errors.ILLEGAL_STATE, { detail: 'locked' }, { format: 'code-message' });
expectError(res, errors['{RESOURCE}_NOT_EXIST'], { RESOURCE: 'USER' }, { format: envelope });
expectError(res, errors.NOT_ENOUGH_PERMISSION, {}, { format: 'code-description', scope: ['orders:write'] });
expectError({ status: 401, headers: { 'content-type': 'application/json' }, body: {} }, errors.BAD_REQUEST, {}, { format: 'code-message' });
// @ts-expect-error not a key of the catalog
expectError(res, errors.NOPE, {}, { format: 'code-message' });
// @ts-expect-error params are required: the message has {detail}
expectError(res, errors.ILLEGAL_STATE, {}, { format: 'code-message' });
// @ts-expect-error params are required: the message has {detail}
expectError(res, errors.ILLEGAL_STATE, undefined, { format: 'code-message' });
// @ts-expect-error wrong parameter name
expectError(res, errors.ILLEGAL_STATE, { details: 'x' }, { format: 'code-message' });
// @ts-expect-error a definition without placeholders takes no parameters
expectError(res, errors.INVALID_AUTH_TOKEN, { detail: 'x' }, { format: 'code-message' });
// @ts-expect-error the family's placeholder is required
expectError(res, errors['{RESOURCE}_NOT_EXIST'], {}, { format: 'code-message' });
// @ts-expect-error unknown format name
expectError(res, errors.INVALID_AUTH_TOKEN, {}, { format: 'code-mesage' });
// @ts-expect-error the format is required
expectError(res, errors.INVALID_AUTH_TOKEN, {}, {});
// @ts-expect-error scope is a list of strings
expectError(res, errors.NOT_ENOUGH_PERMISSION, {}, { format: 'code-message', scope: 'admin' });
// @ts-expect-error a catalog, not a factory
expectError(res, errors, {}, { format: 'code-message' });

const check: (res: Response) => void = matchError(errors.ILLEGAL_STATE, { detail: 'x' }, { format: 'code-message' });
void check;
matchError(errors.INVALID_AUTH_TOKEN, {}, { format: 'errorCode-reason' });
// @ts-expect-error wrong parameter name
matchError(errors.ILLEGAL_STATE, { reason: 'x' }, { format: 'code-message' });
// @ts-expect-error params are required
matchError(errors['{RESOURCE}_NOT_EXIST'], undefined, { format: 'code-message' });
// @ts-expect-error not a key of the catalog
matchError(errors.NOT_A_KEY, {}, { format: 'code-message' });
// @ts-expect-error unknown format name
matchError(errors.INVALID_AUTH_TOKEN, {}, { format: 'problem' });
