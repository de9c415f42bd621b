// A consumer's CommonJS file compiled against the *built* CommonJS declarations.
import houseErrors = require('house-errors');

export const errors = houseErrors.defineCatalog({
  BAD_REQUEST: { status: 400, message: 'Bad request.' },
  INTERNAL_ERROR: { status: 500, message: 'Internal server error.' },
});
export const handler = houseErrors.errorHandler(errors, { format: 'errorCode-reason' });
// @ts-expect-error unknown key in the built types
errors.NOPE();
