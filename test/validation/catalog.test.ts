/**
 * A converter's list is what a catalog's `details` takes: typed as such, answered with the catalog's
 * messages, an unregistered code as INVALID, the offending value only for a code that opts in.
 */
import assert from 'node:assert/strict';
import { z } from 'zod';
import { defineCatalog } from '../../lib/index.js';
import { wireForm } from '../../lib/http/answer.js';
import { fromZod } from '../../lib/validation/index.js';

const errors = defineCatalog({
  INVALID_PARAMETER: { status: 400, message: 'There is an error in the requested parameter.', details: 'violations' },
  INTERNAL_ERROR: { status: 500, message: 'Internal server error.' },
}, {
  violations: {
    REQUIRED: { message: 'This field is required.' },
    TOO_SHORT: { message: 'Must be at least {minimum} characters.', echo: true },
    TOO_SMALL: { message: 'Must be {comparison} {minimum}.' },
  },
});

describe('validation converters: answered by a catalog', () => {
  it('sends the catalog\'s messages; FORMAT, not registered, as INVALID; the value only for TOO_SHORT', () => {
    const Listing = z.object({ title: z.string().min(3), price: z.number().gt(0), seller: z.string(), contact: z.email() });
    const result = Listing.safeParse({ title: 'ab', price: 0, contact: 'nope' }, { reportInput: true });
    const wire = wireForm(errors, errors.INVALID_PARAMETER({}, { details: fromZod(result.error!) }), { format: 'code-message' });
    assert.equal(wire.status, 400);
    assert.deepEqual(JSON.parse(wire.body), {
      code: 'INVALID_PARAMETER',
      message: 'There is an error in the requested parameter.',
      details: [
        { pointer: '/contact', location: 'body', code: 'INVALID', message: 'This value is invalid.' },
        { pointer: '/price', location: 'body', code: 'TOO_SMALL', message: 'Must be > 0.', params: { comparison: '>', minimum: 0 } },
        { pointer: '/seller', location: 'body', code: 'REQUIRED', message: 'This field is required.' },
        { pointer: '/title', location: 'body', code: 'TOO_SHORT', message: 'Must be at least 3 characters.', params: { minimum: 3 }, value: 'ab' },
      ],
    });
  });
});
