// A TypeScript project compiled the way NestJS's default tsconfig is ("module": "commonjs",
// node10 resolution: package.json `exports` is not read), against the installed package.
import { defineCatalog, wireForm } from 'house-errors';
import { bearerAuth } from 'house-errors/bearer';
import { expectError } from 'house-errors/testing';
import { fromStandardSchema } from 'house-errors/validation';

// No @types/node and no DOM types here: the program declares the one global it uses.
declare const console: { log(text: string): void };

const errors = defineCatalog({
  MISSING_AUTH_TOKEN: { status: 401, message: 'Auth token missing in the request.', bearer: true },
  INVALID_AUTH_TOKEN: { status: 401, message: 'Invalid auth token.', bearer: 'invalid_token' },
  INVALID_PARAMETER: { status: 400, message: 'Invalid parameter.', details: 'violations' },
  INTERNAL_ERROR: { status: 500, message: 'Internal server error.' },
}, { realm: 'api', violations: { REQUIRED: { message: 'This field is required.' } } });

const auth = bearerAuth(errors, {
  secret: 'a-secret-of-32-bytes-or-more-for-hs256',
  algorithms: ['HS256'],
  codes: { missing: 'MISSING_AUTH_TOKEN', invalid: 'INVALID_AUTH_TOKEN', expired: 'INVALID_AUTH_TOKEN' },
});
export function typo(): void {
  // @ts-expect-error the subpath's types are the real ones, not `any`: codes name catalog keys
  bearerAuth(errors, { secret: 's', algorithms: ['HS256'], codes: { missing: 'NOPE', invalid: 'INVALID_AUTH_TOKEN', expired: 'INVALID_AUTH_TOKEN' } });
}

// A request without credentials, as Express would pass it to the middleware.
auth({ headers: {} }, undefined, (err) => {
  const res = wireForm(errors, err, { format: 'errorCode-reason' });
  expectError({ status: res.status, headers: res.headers, text: res.body }, errors.MISSING_AUTH_TOKEN, undefined, { format: 'errorCode-reason' });
  console.log(JSON.stringify({ status: res.status, body: res.body, challenge: res.headers['WWW-Authenticate'] }));
});
// Violations from a Standard Schema library's issues, through the validation subpath.
const invalid = errors.INVALID_PARAMETER({}, { details: fromStandardSchema([{ message: 'Required', path: ['email'] }]) });
console.log(wireForm(errors, invalid, { format: 'code-message' }).body);
