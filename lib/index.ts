/**
 * house-errors: one source of truth for an HTTP API's errors.
 * @packageDocumentation
 */
export { defineCatalog } from './catalog/define.js';
export type { Catalog, CatalogOptions, ErrorFactory, FactoryInfo, HouseErrorOf, ThrowOptionsFor } from './catalog/define.js';
export type {
  AnyCatalog, CatalogHandle, CodeOf, DetailsInput, DetailsOutput, KeyOf, ParamsOf, ViolationCodeOf, ViolationDefinition, ViolationDefinitions, ViolationsOf,
} from './catalog/types.js';
export type { DetailsObjectSchema, DetailsOf, DetailsSchema } from './catalog/schema.js';
export { DEFAULT_VIOLATION_CODE, STANDARD_VIOLATION_CODES } from './formats/violations.js';
export type {
  ConvertedViolations, StandardViolationCode, Violation, ViolationInput, ViolationLocation, ViolationParam,
} from './formats/violations.js';
export { CatalogDefinitionError } from './catalog/compile.js';
export { HouseError, isHouseError } from './catalog/house-error.js';
export type {
  Bearer, BearerErrorCode, Definition, Definitions, ErrorStatus, NoParams, ParamValue, ParamsFor, PlaceholdersOf,
  Text, ThrowOptions, WireCodeOf,
} from './catalog/types.js';
export type { GroupInfo } from './catalog/types.js';
export { defineFormat } from './formats/format.js';
export type { DetailsShape, ErrorDetails, ErrorInfo, FormatSpec, HouseFormat, JsonSchema, ParsedBody } from './formats/format.js';
export { builtinFormats, problemDetails } from './formats/builtin.js';
export type {
  BuiltinBodies, BuiltinFormatName, CodeDescriptionBody, CodeMessageBody, ErrorCodeReasonBody, FormatRef,
  ProblemDetailsBody, ProblemDetailsOptions, ProblemDetailsViolation,
} from './formats/builtin.js';
export { errorHandler } from './express.js';
export type { ExpressErrorHandler, ResponseLike } from './express.js';
export { koaErrorHandler } from './koa.js';
export type { KoaContextLike, KoaMiddleware } from './koa.js';
export type { ErrorContext, FallbackRef, HandlerOptions, RequestLike } from './http/setup.js';
export { wireForm } from './http/answer.js';
export type { WireFormOptions, PublicWireForm } from './http/answer.js';
export { parseErrorBody, MAX_BODY_TEXT } from './formats/parse-body.js';
export type { BodyOf } from './catalog/parse.js';
export type { ParseOptions, ParsedDefinition, ParsedError, ParsedErrorOf, ParsedParams } from './catalog/parse.js';
export { renderMarkdown } from './docs/markdown.js';
export type { MarkdownOptions } from './docs/markdown.js';
export { renderHtml } from './docs/html.js';
export type { HtmlOptions } from './docs/html.js';
export { toOpenAPI } from './docs/openapi.js';
export type { OpenAPIDocument, OpenAPIHeader, OpenAPIMediaType, OpenAPIOptions, OpenAPIRef, OpenAPIResponse } from './docs/openapi.js';
export { errorResponses } from './docs/openapi.js';
export type { ErrorResponses, ErrorResponsesOptions } from './docs/openapi.js';
export type { DocsOptions } from './docs/model.js';
