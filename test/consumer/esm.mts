// A consumer's ESM file compiled against the *built* declarations, with no @types at all.
import { defineCatalog, errorHandler, koaErrorHandler, isHouseError, wireForm, type CodeOf } from 'house-errors';

export const errors = defineCatalog({
  INVALID_AUTH_TOKEN: { status: 401, message: 'Invalid auth token.', bearer: 'invalid_token' },
  ILLEGAL_STATE: { status: 500, message: 'Illegal state: {detail}' },
  INTERNAL_ERROR: { status: 500, message: 'Internal server error.' },
});
export const handler = errorHandler(errors, { format: 'code-message' });
export const koaHandler = koaErrorHandler(errors, { format: 'problem-details' });
export const code: CodeOf<typeof errors> = errors.ILLEGAL_STATE({ detail: 'x' }).code;
export const guard = isHouseError(null);
export const wire = wireForm(errors, errors.INVALID_AUTH_TOKEN(), { format: 'errorCode-reason' }).body;
// @ts-expect-error the built types still check template parameters
errors.ILLEGAL_STATE();
