/**
 * `errorResponses`: the `responses` of one documented operation, pointing at the
 * components `toOpenAPI` made: one `$ref` per status, or the definitions at a shared
 * status combined into one response with `oneOf` and a named example each.
 */
import type { AnyCatalog, KeyOf } from '../catalog/types.js';
import type { CompiledDefinition } from '../catalog/types.js';
import { codeSpan, textParagraph } from './commonmark.js';
import { exampleFor } from './examples.js';
import { BODY_SCHEMA_REF, definitionSchema, mayOverlap } from './openapi-schema.js';
import { componentName, describeDefinition, headerComponent, mediaTypeOf, type OpenAPIRef, type OpenAPIResponse } from './openapi.js';
import { resolveDocs, type DocsOptions } from './options.js';

/**
 * Options of `errorResponses`: the same format (and language) as the `toOpenAPI` document.
 * @example
 * const options: ErrorResponsesOptions = { format: 'code-message' };
 */
export type ErrorResponsesOptions = Pick<DocsOptions, 'format' | 'locale' | 'realm' | 'links'>;

/**
 * An operation's error responses by status: a `$ref`, or a combined response.
 * @example
 * const responses: ErrorResponses = errorResponses(errors, ['INVALID_AUTH_TOKEN'], { format: 'code-message' });
 * // { '401': { $ref: '#/components/responses/INVALID_AUTH_TOKEN' } }
 */
export type ErrorResponses = { [status: string]: OpenAPIRef | OpenAPIResponse };

/**
 * The error part of an operation's `responses`, for teams that document their routes.
 * Use it in a document that also holds `toOpenAPI`'s components.
 * @example
 * doc.paths['/orders/{id}'] = { get: { responses: {
 *   200: { description: 'The order' },
 *   ...errorResponses(errors, ['INVALID_AUTH_TOKEN', 'EXPIRED_AUTH_TOKEN', '{RESOURCE}_NOT_EXIST'], { format: 'code-message' }),
 * } } };
 * // → 401: { description, content: { 'application/json': { schema: { oneOf: [...] }, examples: {...} } } },
 * //   404: { $ref: '#/components/responses/RESOURCE_NOT_EXIST' }
 */
export function errorResponses<C extends AnyCatalog>(
  errors: C, keys: readonly KeyOf<C>[], options: ErrorResponsesOptions,
): ErrorResponses {
  const docs = resolveDocs(errors, options, 'errorResponses');
  if (!Array.isArray(keys)) throw new TypeError('house-errors: errorResponses: keys must be an array of catalog keys');
  const byStatus = new Map<number, CompiledDefinition[]>();
  for (const key of new Set<string>(keys)) {
    const def = docs.internals.byKey.get(key);
    if (def === undefined) throw new TypeError(`house-errors: errorResponses: ${JSON.stringify(key)} is not a key of the catalog`);
    byStatus.set(def.status, [...(byStatus.get(def.status) ?? []), def]);
  }
  const out: ErrorResponses = {};
  for (const status of [...byStatus.keys()].sort((a, b) => a - b)) {
    const defs = byStatus.get(status)!;
    if (defs.length === 1) {
      out[String(status)] = { $ref: `#/components/responses/${componentName(defs[0]!.key)}` };
      continue;
    }
    const headers: Record<string, OpenAPIRef> = {};
    const examples: Record<string, { summary: string; value: unknown }> = {};
    for (const def of defs) {
      const example = exampleFor(docs, def);
      examples[componentName(def.key)] = { summary: def.code.source, value: example.body };
      for (const [name] of example.headers) {
        const lower = name.toLowerCase();
        if (lower === 'www-authenticate' || Object.hasOwn(def.headers, name)) {
          headers[name] ??= { $ref: `#/components/headers/${headerComponent(def.key, name)}` };
        }
      }
    }
    const schemas = defs.map((def) => definitionSchema(docs.format, def));
    // Without a code property every definition has the same schema; with overlapping families `oneOf` would reject valid bodies.
    const schema = docs.format.codeField === undefined ? { $ref: BODY_SCHEMA_REF }
      : mayOverlap(docs.format, defs) ? { anyOf: schemas } : { oneOf: schemas };
    out[String(status)] = {
      description: defs.map((def) => `${codeSpan(def.code.source)}: ${textParagraph(describeDefinition(docs, def), docs.links)}`).join('\n'),
      ...(Object.keys(headers).length > 0 ? { headers } : {}),
      content: { [mediaTypeOf(docs.format.contentType)]: { schema, examples } },
    };
  }
  return out;
}
