/**
 * `house-errors/validation`: a validation library's errors as violations, the field-level details
 * of a definition declared with `details: 'violations'`. One converter per library — zod 3 and 4,
 * ajv 8, express-validator 7, and Standard Schema (valibot, arktype…) — each mapping the library's
 * issue kinds to the standard violation codes (`REQUIRED`, `TOO_SHORT`…) and never to its English
 * messages. A code the catalog does not register is answered as `INVALID`.
 * @example
 * import { fromZod } from 'house-errors/validation';
 * throw errors.INVALID_PARAMETER({}, { details: fromZod(result.error) });
 * @packageDocumentation
 */
export { fromZod } from './zod.js';
export type { ZodErrorLike } from './zod.js';
export { fromAjv } from './ajv.js';
export type { AjvErrorsLike } from './ajv.js';
export { fromExpressValidator } from './express-validator.js';
export type { ExpressValidatorResultLike } from './express-validator.js';
export { fromStandardSchema } from './standard-schema.js';
export type { StandardSchemaIssueLike, StandardSchemaIssuesLike } from './standard-schema.js';
export type { ConverterOptions } from './convert.js';
export type { ConvertedViolations, ViolationInput, ViolationLocation } from '../formats/violations.js';
