/**
 * `toOpenAPI`: the catalog as an OpenAPI 3.1 document (the body schema, and one reusable
 * response per definition with its exact example and headers), and `errorResponses`: the
 * error part of one operation's `responses`, pointing at those components. OpenAPI renders
 * descriptions as CommonMark, so catalog texts in them are escaped as on the Markdown page.
 */
import type { AnyCatalog, CompiledDefinition, KeyOf } from '../catalog/types.js';
import { mapSchema, type HouseFormat, type JsonSchema } from '../formats/format.js';
import { familyPattern } from '../rules/syntax.js';
import { codeSpan, escapeMarkdown } from './markdown.js';
import { buildPages, type DocEntry, type DocPage, type DocsOptions } from './model.js';

/**
 * Options of `toOpenAPI`.
 * @example
 * import type { OpenAPIOptions } from 'house-errors';
 * const options: OpenAPIOptions = { format: 'problem-details', title: 'Orders API', version: '2.1.0' };
 */
export interface OpenAPIOptions extends DocsOptions {
  /** `info.version`. Default `'1.0.0'`. */
  readonly version?: string;
  /** `info.description` (CommonMark). */
  readonly description?: string;
}

/**
 * An OpenAPI header object.
 * @example
 * doc.components.headers?.['INVALID_AUTH_TOKEN.WWW-Authenticate']?.example; // 'Bearer realm="api", error="invalid_token", …'
 */
export interface OpenAPIHeader {
  readonly description: string;
  readonly schema: JsonSchema;
  readonly example: string;
}

/**
 * A reference to a component.
 * @example
 * const ref: OpenAPIRef = { $ref: '#/components/responses/RESOURCE_NOT_EXIST' };
 */
export interface OpenAPIRef {
  readonly $ref: string;
}

/**
 * An OpenAPI media type object.
 * @example
 * doc.components.responses.INTERNAL_ERROR?.content['application/json']?.example; // { code: 'INTERNAL_ERROR', … }
 */
export interface OpenAPIMediaType {
  readonly schema: JsonSchema;
  readonly example?: unknown;
  readonly examples?: { readonly [name: string]: { readonly summary: string; readonly value: unknown } };
}

/**
 * An OpenAPI response object, with house-errors' extensions.
 * @example
 * doc.components.responses.ILLEGAL_STATE?.['x-retryable']; // true
 */
export interface OpenAPIResponse {
  readonly description: string;
  readonly headers?: { readonly [name: string]: OpenAPIRef };
  readonly content: { readonly [mediaType: string]: OpenAPIMediaType };
  /** The HTTP status this response is sent with. */
  readonly 'x-status'?: number;
  /** The wire code, with placeholders for a family. */
  readonly 'x-code'?: string;
  readonly 'x-retryable'?: boolean;
}

/**
 * The document `toOpenAPI` returns.
 * @example
 * const doc: OpenAPIDocument = toOpenAPI(errors, { format: 'code-message' });
 * writeFileSync('openapi.json', JSON.stringify(doc, null, 2));
 */
export interface OpenAPIDocument {
  readonly openapi: '3.1.0';
  readonly info: { readonly title: string; readonly version: string; readonly description?: string };
  readonly paths: Record<string, never>;
  readonly components: {
    readonly schemas: { readonly [name: string]: JsonSchema };
    readonly responses: { readonly [name: string]: OpenAPIResponse };
    readonly headers?: { readonly [name: string]: OpenAPIHeader };
  };
}

/**
 * Options of `errorResponses`: the same format (and language) as the `toOpenAPI` document.
 * @example
 * import type { ErrorResponsesOptions } from 'house-errors';
 * const options: ErrorResponsesOptions = { format: 'code-message' };
 */
export type ErrorResponsesOptions = Pick<DocsOptions, 'format' | 'locale' | 'realm' | 'links' | 'detailsField'>;

/**
 * An operation's error responses by status: a `$ref`, or a combined response.
 * @example
 * import { defineCatalog, errorResponses, type ErrorResponses } from 'house-errors';
 * const errors = defineCatalog({
 *   INVALID_AUTH_TOKEN: { status: 401, message: 'Invalid auth token.', bearer: 'invalid_token' },
 *   INTERNAL_ERROR: { status: 500, message: 'Internal server error.' },
 * });
 * const responses: ErrorResponses = errorResponses(errors, ['INVALID_AUTH_TOKEN'], { format: 'code-message' });
 * // { '401': { $ref: '#/components/responses/INVALID_AUTH_TOKEN' } }
 */
export type ErrorResponses = { [status: string]: OpenAPIRef | OpenAPIResponse };

/**
 * Builds a complete OpenAPI 3.1 document for the catalog: `components.schemas.ErrorBody`
 * is the format's body schema with the wire codes as `enum` (families as `pattern`s), and
 * `components.responses` has one response per definition, named after its key (a family's
 * without its braces). A definition with details has a body schema of its own,
 * `components.schemas['ErrorBody.KEY']`: the body with its details (violations with the
 * catalog's violation codes as their `code` enum, or its own object), and an example carrying them.
 * @example
 * import { writeFileSync } from 'node:fs';
 * import { defineCatalog, toOpenAPI } from 'house-errors';
 * const errors = defineCatalog({
 *   INVALID_AUTH_TOKEN: { status: 401, message: 'Invalid auth token.', bearer: 'invalid_token' },
 *   INTERNAL_ERROR: { status: 500, message: 'Internal server error.' },
 * });
 * const doc = toOpenAPI(errors, { format: 'code-message', title: 'Orders API errors', version: '2.1.0' });
 * doc.components.responses.INVALID_AUTH_TOKEN?.['x-status']; // 401
 * writeFileSync('errors.openapi.json', JSON.stringify(doc, null, 2));
 */
export function toOpenAPI<C extends AnyCatalog>(errors: C, options: OpenAPIOptions): OpenAPIDocument {
  const page = buildPages(errors, options, 'toOpenAPI')[0]!;
  const version = options.version ?? '1.0.0';
  if (typeof version !== 'string' || version === '') throw new TypeError('house-errors: toOpenAPI: version must be a non-empty string');
  const headers: Record<string, OpenAPIHeader> = {};
  const responses: Record<string, OpenAPIResponse> = {};
  const definitions = page.entries.map((e) => e.def);
  const schemas: Record<string, JsonSchema> = { [BODY_SCHEMA_NAME]: bodySchema(page.format, page.format.schema, definitions) };
  for (const entry of page.entries) {
    if (entry.details !== undefined) schemas[detailsSchemaName(entry.key)] = bodySchema(page.format, withDetailsSchema(page.format, entry.def), definitions);
  }
  for (const entry of page.entries) {
    const refs: Record<string, OpenAPIRef> = {};
    for (const [name, header] of headersOf(entry)) {
      const component = headerComponent(entry.key, name);
      headers[component] = header;
      refs[name] = { $ref: `#/components/headers/${component}` };
    }
    responses[componentName(entry.key)] = {
      description: describe(page, entry),
      ...(Object.keys(refs).length > 0 ? { headers: refs } : {}),
      content: { [mediaTypeOf(page.format)]: { schema: definitionSchema(page.format, entry), example: entry.example.body } },
      'x-status': entry.status,
      'x-code': entry.code,
      'x-retryable': entry.retryable,
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: page.title, version, ...(options.description === undefined ? {} : { description: options.description }) },
    paths: {},
    components: {
      schemas,
      responses,
      ...(Object.keys(headers).length > 0 ? { headers } : {}),
    },
  };
}

/**
 * The error part of an operation's `responses`, for teams that document their routes: one
 * definition at a status is a `$ref` to its `toOpenAPI` component; several are combined into
 * one response with `oneOf` (`anyOf` when a family could match another code there) and a named
 * example each. Use it in a document that also holds `toOpenAPI`'s components.
 * @example
 * import { defineCatalog, errorResponses, toOpenAPI } from 'house-errors';
 * const errors = defineCatalog({
 *   INVALID_AUTH_TOKEN: { status: 401, message: 'Invalid auth token.', bearer: 'invalid_token' },
 *   EXPIRED_AUTH_TOKEN: { status: 401, message: 'Expired auth token.', bearer: 'invalid_token' },
 *   '{RESOURCE}_NOT_EXIST': { status: 404, message: 'The specific resource could not be found.' },
 *   INTERNAL_ERROR: { status: 500, message: 'Internal server error.' },
 * });
 * const doc = {
 *   ...toOpenAPI(errors, { format: 'code-message' }),
 *   paths: { '/orders/{id}': { get: { responses: {
 *     200: { description: 'The order.' },
 *     ...errorResponses(errors, ['INVALID_AUTH_TOKEN', 'EXPIRED_AUTH_TOKEN', '{RESOURCE}_NOT_EXIST'], { format: 'code-message' }),
 *   } } } },
 * };
 * // 401: { description, headers, content: { 'application/json': { schema: { oneOf: [...] }, examples: {...} } } },
 * // 404: { $ref: '#/components/responses/RESOURCE_NOT_EXIST' }
 */
export function errorResponses<C extends AnyCatalog>(errors: C, keys: readonly KeyOf<C>[], options: ErrorResponsesOptions): ErrorResponses {
  const page = buildPages(errors, options, 'errorResponses')[0]!;
  if (!Array.isArray(keys)) throw new TypeError('house-errors: errorResponses: keys must be an array of catalog keys');
  const byKey = new Map(page.entries.map((e) => [e.key, e]));
  const byStatus = new Map<number, DocEntry[]>();
  for (const key of new Set<string>(keys)) {
    const entry = byKey.get(key);
    if (entry === undefined) throw new TypeError(`house-errors: errorResponses: ${JSON.stringify(key)} is not a key of the catalog`);
    byStatus.set(entry.status, [...(byStatus.get(entry.status) ?? []), entry]);
  }
  const out: ErrorResponses = {};
  for (const status of [...byStatus.keys()].sort((a, b) => a - b)) {
    const entries = byStatus.get(status)!;
    if (entries.length === 1) {
      out[String(status)] = { $ref: `#/components/responses/${componentName(entries[0]!.key)}` };
      continue;
    }
    const headers: Record<string, OpenAPIRef> = {};
    const examples: Record<string, { summary: string; value: unknown }> = {};
    for (const entry of entries) {
      examples[componentName(entry.key)] = { summary: entry.code, value: entry.example.body };
      for (const [name] of headersOf(entry)) headers[name] ??= { $ref: `#/components/headers/${headerComponent(entry.key, name)}` };
    }
    const schemas = entries.map((e) => definitionSchema(page.format, e));
    // Without a code property the definitions share their schemas (ErrorBody, or one with details); with
    // overlapping families `oneOf` would reject valid bodies.
    const shared = [...new Map(schemas.map((schema) => [JSON.stringify(schema), schema])).values()];
    const schema = page.format.codeField === undefined ? (shared.length === 1 ? shared[0]! : { anyOf: shared })
      : mayOverlap(page.format, entries.map((e) => e.def)) ? { anyOf: schemas } : { oneOf: schemas };
    out[String(status)] = {
      description: entries.map((e) => `${codeSpan(e.code)}: ${describe(page, e)}`).join('\n'),
      ...(Object.keys(headers).length > 0 ? { headers } : {}),
      content: { [mediaTypeOf(page.format)]: { schema, examples } },
    };
  }
  return out;
}

// OpenAPI allows only `[a-zA-Z0-9._-]` in component names: a family's key loses its braces.
function componentName(key: string): string {
  return key.replace(/[{}]/g, '');
}

// `ErrorBody.KEY` in components.schemas: the body of a definition with details (keys never collide
// there once their braces are dropped, and none of them makes `ErrorBody` itself).
function detailsSchemaName(key: string): string {
  return `${BODY_SCHEMA_NAME}.${componentName(key)}`;
}

// `KEY.Header-Name` in components.headers.
function headerComponent(key: string, header: string): string {
  return `${componentName(key)}.${header.replace(/[^A-Za-z0-9._-]/g, '_')}`;
}

// The content map's key: the media type without parameters.
function mediaTypeOf(format: HouseFormat): string {
  return format.contentType.split(';')[0]!.trim();
}

// A definition's description, as CommonMark.
function describe(page: DocPage, entry: DocEntry): string {
  return escapeMarkdown(entry.description ?? entry.message, { paragraph: true, links: page.links });
}

// The response headers a definition documents, in the order sent: its Bearer challenge and its own headers.
function headersOf(entry: DocEntry): Array<[string, OpenAPIHeader]> {
  const out: Array<[string, OpenAPIHeader]> = [];
  for (const [name, value] of entry.example.headers) {
    if (name.toLowerCase() === 'www-authenticate') {
      const text = entry.def.bearer === true
        ? 'RFC 6750 Bearer challenge: the request carried no credentials.'
        : `RFC 6750 Bearer challenge with \`error="${entry.def.bearer}"\`.`;
      out.push([name, { description: escapeMarkdown(text, { code: true }), schema: { type: 'string', pattern: '^Bearer( |$)' }, example: value }]);
    } else if (Object.hasOwn(entry.def.headers, name)) {
      const text = `Sent with every \`${entry.key}\` response.`;
      out.push([name, { description: escapeMarkdown(text, { code: true }), schema: { type: 'string', const: value }, example: value }]);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// JSON Schemas: the format's body schema with the catalog's wire codes in its code property,
// and a narrower one per definition (its own code).

const BODY_SCHEMA_NAME = 'ErrorBody';
const BODY_SCHEMA_REF = `#/components/schemas/${BODY_SCHEMA_NAME}`;
const CONSTRAINTS = ['enum', 'const', 'anyOf', 'oneOf', 'allOf', 'pattern', '$ref'];

// The code property: the exact codes as `enum`, each family as a `pattern`.
function codesSchema(definitions: readonly CompiledDefinition[]): JsonSchema {
  const exact = [...new Set(definitions.filter((d) => !d.isFamily).map((d) => d.code.source))];
  const patterns = [...new Set(definitions.filter((d) => d.isFamily).map((d) => familyPattern(d.code.literals, false)))];
  if (patterns.length === 0) return { type: 'string', enum: exact };
  const choices: JsonSchema[] = [...(exact.length > 0 ? [{ enum: exact }] : []), ...patterns.map((pattern) => ({ pattern }))];
  return { type: 'string', anyOf: choices };
}

// The format's body schema with a definition's details: its violations, with the catalog's violation
// codes (`INVALID` included) as their `code` enum, or its own object.
function withDetailsSchema(format: HouseFormat, def: CompiledDefinition): JsonSchema {
  const details = def.details!;
  return format.schemaWithDetails(details.kind === 'violations'
    ? { kind: 'violations', codes: [...def.catalog.violations.keys()] }
    : { kind: 'schema', schema: markdownDescriptions(details.schema as unknown as JsonSchema) });
}

// A copy of a details schema whose `description`s are escaped: OpenAPI renders them as CommonMark, and they are catalog texts.
function markdownDescriptions(node: JsonSchema): JsonSchema {
  return mapSchema(node, (copy, original) => {
    if (typeof original.description === 'string') copy.description = escapeMarkdown(original.description, { paragraph: true });
  });
}

// A body schema (copied) with the catalog's codes in its code property.
function bodySchema(format: HouseFormat, body: JsonSchema, definitions: readonly CompiledDefinition[]): JsonSchema {
  const schema = structuredClone(body) as Record<string, unknown>;
  const properties = schema.properties as Record<string, unknown> | undefined;
  const field = format.codeField;
  if (field === undefined || typeof properties !== 'object' || properties === null || !Object.hasOwn(properties, field)) return schema;
  const own = properties[field];
  const codes = codesSchema(definitions);
  // Merge into a plain `{ type: 'string' }`; keep a format's own constraints intact beside ours.
  const plain = typeof own === 'object' && own !== null && !CONSTRAINTS.some((k) => Object.hasOwn(own, k));
  properties[field] = plain ? { ...(own as JsonSchema), ...codes } : { allOf: [own, codes] };
  return schema;
}

// One definition's body: the body schema (its own with details), narrowed to its code (and status, for problem details).
function definitionSchema(format: HouseFormat, entry: DocEntry): JsonSchema {
  const { def } = entry;
  const ref = entry.details === undefined ? BODY_SCHEMA_REF : `#/components/schemas/${detailsSchemaName(entry.key)}`;
  const properties = (format.schema as { properties?: Record<string, unknown> }).properties ?? {};
  const narrow: Record<string, JsonSchema> = {};
  const field = format.codeField;
  if (field !== undefined && Object.hasOwn(properties, field)) {
    narrow[field] = def.isFamily ? { pattern: familyPattern(def.code.literals, false) } : { const: def.code.source };
  }
  if (format.name === 'problem-details' && Object.hasOwn(properties, 'status')) narrow.status = { const: def.status };
  if (Object.keys(narrow).length === 0) return { $ref: ref };
  return { allOf: [{ $ref: ref }, { properties: narrow }] };
}

// True when one body could match two of these definitions' schemas (so `oneOf` would reject it):
// two families, or an exact code that a family's pattern also matches.
function mayOverlap(format: HouseFormat, definitions: readonly CompiledDefinition[]): boolean {
  if (format.codeField === undefined) return true;
  const families = definitions.filter((d) => d.isFamily);
  if (families.length > 1) return true;
  const family = families[0];
  if (family === undefined) return false;
  const pattern = new RegExp(familyPattern(family.code.literals, false));
  return definitions.some((d) => !d.isFamily && pattern.test(d.code.source));
}
