/**
 * `house-errors/testing`: assertions for the team's own tests. No test framework is needed
 * at runtime; failures are node's `AssertionError`, which mocha, node:test and jest all show.
 * @packageDocumentation
 */
export { expectError, matchError } from './expect-error.js';
export type { CatalogFactory, ExpectErrorOptions, ExpectedViolation, FactoryParams, ResponseLike } from './expect-error.js';
