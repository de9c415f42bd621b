/**
 * `toOpenAPI`: the catalog as an OpenAPI 3.1 document: the body schema, and one reusable
 * response per definition with its exact example and headers, made by the wire form.
 */
import type { AnyCatalog } from '../catalog/types.js';
import type { CompiledDefinition } from '../catalog/types.js';
import { templateIn } from '../catalog/types.js';
import type { JsonSchema } from '../formats/format.js';
import { richText, textParagraph } from './commonmark.js';
import { exampleFor, type ExampleResponse } from './examples.js';
import { labelsFor } from './labels.js';
import { BODY_SCHEMA_NAME, bodySchema, definitionSchema } from './openapi-schema.js';
import { resolveDocs, textIn, type DocsOptions, type ResolvedDocs } from './options.js';

/**
 * Options of `toOpenAPI`.
 * @example
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
 * The component name of a key: OpenAPI allows only `[a-zA-Z0-9._-]`, so a family loses its braces.
 * @example componentName('{RESOURCE}_NOT_EXIST') // 'RESOURCE_NOT_EXIST'
 */
export function componentName(key: string): string {
  return key.replace(/[{}]/g, '');
}

/**
 * The `components.headers` name of one header of one definition.
 * @example headerComponent('{R}_X', 'WWW-Authenticate') // 'R_X.WWW-Authenticate'
 */
export function headerComponent(key: string, header: string): string {
  return `${componentName(key)}.${header.replace(/[^A-Za-z0-9._-]/g, '_')}`;
}

/**
 * The content map key: the media type without parameters.
 * @example mediaTypeOf('application/json; charset=utf-8') // 'application/json'
 */
export function mediaTypeOf(contentType: string): string {
  return contentType.split(';')[0]!.trim();
}

/**
 * Builds a complete OpenAPI 3.1 document for the catalog: `components.schemas.ErrorBody`
 * is the format's body schema with the wire codes as `enum` (families as `pattern`s), and
 * `components.responses` has one response per definition, named after its key.
 * @example
 * const doc = toOpenAPI(errors, { format: 'code-message', title: 'Orders API errors', version: '2.1.0' });
 * doc.components.responses.INVALID_AUTH_TOKEN['x-status']; // 401
 */
export function toOpenAPI<C extends AnyCatalog>(errors: C, options: OpenAPIOptions): OpenAPIDocument {
  const docs = resolveDocs(errors, options, 'toOpenAPI');
  const version = options.version ?? '1.0.0';
  if (typeof version !== 'string' || version === '') throw new TypeError('house-errors: toOpenAPI: version must be a non-empty string');
  const headers: Record<string, OpenAPIHeader> = {};
  const responses: Record<string, OpenAPIResponse> = {};
  for (const def of docs.internals.definitions) {
    const example = exampleFor(docs, def);
    const refs: Record<string, OpenAPIRef> = {};
    for (const [name, header] of headersOf(def, example)) {
      const component = headerComponent(def.key, name);
      headers[component] = header;
      refs[name] = { $ref: `#/components/headers/${component}` };
    }
    responses[componentName(def.key)] = {
      description: textParagraph(describeDefinition(docs, def), docs.links),
      ...(Object.keys(refs).length > 0 ? { headers: refs } : {}),
      content: { [mediaTypeOf(docs.format.contentType)]: { schema: definitionSchema(docs.format, def), example: example.body } },
      'x-status': def.status,
      'x-code': def.code.source,
      'x-retryable': def.retryable,
    };
  }
  const title = textIn(docs.title, docs.locale, docs.internals.options.defaultLocale) ?? labelsFor(docs.locale).title;
  return {
    openapi: '3.1.0',
    info: { title, version, ...(options.description === undefined ? {} : { description: options.description }) },
    paths: {},
    components: {
      schemas: { [BODY_SCHEMA_NAME]: bodySchema(docs.format, docs.internals.definitions) },
      responses,
      ...(Object.keys(headers).length > 0 ? { headers } : {}),
    },
  };
}

/**
 * A definition's description in the document's language.
 * @example describeDefinition(docs, def) // 'Illegal state: {detail}'
 */
export function describeDefinition(docs: ResolvedDocs, def: CompiledDefinition): string {
  return templateIn(def.description, docs.locale).source;
}

// The response headers a definition documents: its Bearer challenge and its own fixed headers.
function headersOf(def: CompiledDefinition, example: ExampleResponse): Array<[string, OpenAPIHeader]> {
  const out: Array<[string, OpenAPIHeader]> = [];
  for (const [name, value] of example.headers) {
    const lower = name.toLowerCase();
    if (lower === 'www-authenticate') {
      out.push([name, {
        description: richText(def.bearer === true
          ? 'RFC 6750 Bearer challenge: the request carried no credentials.'
          : `RFC 6750 Bearer challenge with \`error="${def.bearer}"\`.`),
        schema: { type: 'string', pattern: '^Bearer( |$)' },
        example: value,
      }]);
    } else if (Object.hasOwn(def.headers, name)) {
      out.push([name, { description: richText(`Sent with every \`${def.key}\` response.`), schema: { type: 'string', const: value }, example: value }]);
    }
  }
  return out;
}
