/**
 * Type tests for field-level details, checked by `tsc -p test/tsconfig.json --noEmit`: every
 * `@ts-expect-error` line must fail to compile, and every other line must compile.
 */
import { defineCatalog, type ConvertedViolations, type DetailsOf, type ViolationCodeOf } from '../../lib/index.js';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;
function yes<T extends true>(): void {}

const errors = defineCatalog({
  INVALID_PARAMETER: { status: 400, message: 'There is an error in the requested parameter.', details: 'violations' },
  OUT_OF_CREDIT: {
    status: 403, message: 'Not enough credit.',
    details: { schema: { type: 'object', required: ['balance'], properties: { balance: { type: 'number' }, note: { type: 'string' } } } },
  },
  NOT_FOUND: { status: 404, message: 'Not found.' },
  INTERNAL_ERROR: { status: 500, message: 'Internal server error.' },
}, {
  violations: { REQUIRED: { message: 'This field is required.' }, TOO_SHORT: { message: 'Must be at least {minimum} characters.' } },
});

yes<Equal<ViolationCodeOf<typeof errors>, 'REQUIRED' | 'TOO_SHORT' | 'INVALID'>>();
yes<Equal<DetailsOf<{ type: 'object'; required: ['a']; properties: { a: { type: 'integer' }; b: { type: 'array'; items: { enum: ['x', 'y'] } } } }>,
  { readonly a: number; readonly b?: readonly ('x' | 'y')[] }>>();

errors.INVALID_PARAMETER({}, { details: [{ pointer: '/email', location: 'body', code: 'REQUIRED' }] });
errors.INVALID_PARAMETER({}, { details: [] as unknown as ConvertedViolations });
errors.OUT_OF_CREDIT({}, { details: { balance: 3 } });
errors.OUT_OF_CREDIT({}, { details: { balance: 3, note: 'top up' } });
const credit: number | undefined = errors.OUT_OF_CREDIT({}, { details: { balance: 3 } }).details?.balance;
const first: string | undefined = errors.INVALID_PARAMETER().details?.[0]?.message;
void credit; void first;

// @ts-expect-error a violation code the catalog does not register
errors.INVALID_PARAMETER({}, { details: [{ pointer: '/email', location: 'body', code: 'REQUIRD' }] });
// @ts-expect-error a location that does not exist
errors.INVALID_PARAMETER({}, { details: [{ pointer: '/email', location: 'form', code: 'REQUIRED' }] });
// @ts-expect-error custom details where violations are declared
errors.INVALID_PARAMETER({}, { details: { balance: 3 } });
// @ts-expect-error the schema says balance is a number
errors.OUT_OF_CREDIT({}, { details: { balance: '3' } });
// @ts-expect-error balance is required
errors.OUT_OF_CREDIT({}, { details: { note: 'x' } });
// @ts-expect-error a definition without details refuses them
errors.NOT_FOUND({}, { details: [] });
// @ts-expect-error err.details of a definition without details is undefined only
const none: string = errors.NOT_FOUND().details;
void none;
