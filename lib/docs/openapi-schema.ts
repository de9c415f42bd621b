/**
 * JSON Schemas for `toOpenAPI`: the format's body schema with the catalog's wire codes
 * listed in its code property, and a narrower schema per definition (its own code).
 */
import type { CompiledDefinition } from '../catalog/types.js';
import { familyPattern } from '../rules/syntax.js';
import type { HouseFormat, JsonSchema } from '../formats/format.js';

/**
 * Where `toOpenAPI` puts the body schema.
 * @example { $ref: BODY_SCHEMA_REF }
 */
export const BODY_SCHEMA_REF = '#/components/schemas/ErrorBody';
/**
 * The name of the body schema in `components.schemas`.
 * @example doc.components.schemas[BODY_SCHEMA_NAME]
 */
export const BODY_SCHEMA_NAME = 'ErrorBody';

const CONSTRAINTS = ['enum', 'const', 'anyOf', 'oneOf', 'allOf', 'pattern', '$ref'];

/**
 * The schema of the code property: the exact codes as `enum`, each family as a `pattern`.
 * @example codesSchema(internals.definitions) // { type: 'string', enum: ['BAD_REQUEST', …] }
 */
export function codesSchema(definitions: readonly CompiledDefinition[]): JsonSchema {
  const exact = [...new Set(definitions.filter((d) => !d.isFamily).map((d) => d.code.source))];
  const patterns = [...new Set(definitions.filter((d) => d.isFamily).map((d) => familyPattern(d.code.literals, false)))];
  if (patterns.length === 0) return { type: 'string', enum: exact };
  const choices: JsonSchema[] = [...(exact.length > 0 ? [{ enum: exact }] : []), ...patterns.map((pattern) => ({ pattern }))];
  return { type: 'string', anyOf: choices };
}

/**
 * The format's schema (copied) with the catalog's codes in its code property.
 * @example bodySchema(builtinFormats['code-message'], internals.definitions).properties.code.enum
 */
export function bodySchema(format: HouseFormat, definitions: readonly CompiledDefinition[]): JsonSchema {
  const schema = structuredClone(format.schema) as Record<string, unknown>;
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

/**
 * The schema of one definition's body: the body schema, narrowed to its code (and status, for problem details).
 * @example definitionSchema(format, def) // { allOf: [{ $ref: '#/components/schemas/ErrorBody' }, { properties: { code: { const: 'X' } } }] }
 */
export function definitionSchema(format: HouseFormat, def: CompiledDefinition): JsonSchema {
  const properties = (format.schema as { properties?: Record<string, unknown> }).properties ?? {};
  const narrow: Record<string, JsonSchema> = {};
  const field = format.codeField;
  if (field !== undefined && Object.hasOwn(properties, field)) {
    narrow[field] = def.isFamily ? { pattern: familyPattern(def.code.literals, false) } : { const: def.code.source };
  }
  if (format.name === 'problem-details' && Object.hasOwn(properties, 'status')) narrow.status = { const: def.status };
  if (Object.keys(narrow).length === 0) return { $ref: BODY_SCHEMA_REF };
  return { allOf: [{ $ref: BODY_SCHEMA_REF }, { properties: narrow }] };
}

/**
 * True when one body could match two of these definitions' schemas (so `oneOf` would
 * reject it): two families, or an exact code that a family's pattern also matches.
 * @example mayOverlap(format, [family, exact]) // true when the family's pattern matches the exact code
 */
export function mayOverlap(format: HouseFormat, definitions: readonly CompiledDefinition[]): boolean {
  if (format.codeField === undefined) return true;
  const families = definitions.filter((d) => d.isFamily);
  if (families.length > 1) return true;
  const family = families[0];
  if (family === undefined) return false;
  const pattern = new RegExp(familyPattern(family.code.literals, false));
  return definitions.some((d) => !d.isFamily && pattern.test(d.code.source));
}
