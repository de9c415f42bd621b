/**
 * `house-errors catalog --json`: a catalog as plain JSON data, for clients written in other languages,
 * and the JSON Schema (draft 2020-12) of that file, the contract such a client codes against
 * (`house-errors catalog --schema`). The same catalog always gives the same document, byte for byte
 * (catalog order, no timestamps).
 */
import { internalsOf } from '../catalog/define.js';
import type { Bearer, CatalogInternals, CompiledDefinition, CompiledText, Text } from '../catalog/types.js';
import type { JsonSchema } from '../formats/format.js';
import { familyPattern, LOCALE_TAG_PATTERN, WIRE_CODE_PATTERN } from '../rules/syntax.js';

/**
 * The catalog file's `$schema` and its schema's `$id`; the number is the file's version.
 * @example if (file.$schema !== CATALOG_SCHEMA_ID) throw new Error('unsupported catalog file');
 */
export const CATALOG_SCHEMA_ID = 'urn:house-errors:catalog:1';

const nullable = (schema: JsonSchema): JsonSchema => ({ oneOf: [schema, { type: 'null' }] });

/**
 * The schema of the catalog file. Validate a file with any 2020-12 validator; print it with
 * `house-errors catalog --schema`.
 * @example
 * import Ajv2020 from 'ajv/dist/2020.js';
 * const valid = new Ajv2020().compile(catalogSchema)(JSON.parse(file));
 */
export const catalogSchema: JsonSchema = Object.freeze({
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: CATALOG_SCHEMA_ID,
  title: 'house-errors catalog',
  description: 'The errors of one HTTP API, as its house-errors catalog defines them.',
  type: 'object',
  required: ['$schema', 'defaultLocale', 'locales', 'groups', 'definitions'],
  additionalProperties: false,
  properties: {
    $schema: { const: CATALOG_SCHEMA_ID },
    defaultLocale: { $ref: '#/$defs/locale', description: 'Language of plain-string texts.' },
    locales: {
      description: 'Every language some text is written in, the default first.',
      type: 'array', items: { $ref: '#/$defs/locale' }, minItems: 1, uniqueItems: true,
    },
    groups: {
      description: 'Documentation groups by name: their paragraph and status.',
      type: 'object',
      additionalProperties: {
        type: 'object',
        required: ['description', 'status'],
        additionalProperties: false,
        properties: { description: nullable({ $ref: '#/$defs/text' }), status: nullable({ $ref: '#/$defs/status' }) },
      },
    },
    definitions: { description: 'In catalog order.', type: 'array', items: { $ref: '#/$defs/definition' } },
    violations: {
      description: 'The violation codes a list of violations may carry, in catalog order, INVALID (the code of anything else) among them. '
        + 'Present when the catalog registers violation codes or a definition sends violations.',
      type: 'array', items: { $ref: '#/$defs/violationCode' }, minItems: 1,
    },
  },
  $defs: {
    locale: { type: 'string', pattern: LOCALE_TAG_PATTERN },
    status: { type: 'integer', minimum: 400, maximum: 599 },
    placeholder: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]*$' },
    text: {
      description: 'A template with {name} placeholders, or its translations by language.',
      oneOf: [
        { type: 'string' },
        { type: 'object', minProperties: 1, propertyNames: { pattern: LOCALE_TAG_PATTERN }, additionalProperties: { type: 'string' } },
      ],
    },
    family: {
      type: 'object',
      required: ['pattern', 'params'],
      additionalProperties: false,
      properties: {
        pattern: {
          type: 'string',
          format: 'regex',
          description: 'Matches the wire codes of the family; capture group i holds params[i].',
        },
        params: { type: 'array', items: { $ref: '#/$defs/placeholder' }, minItems: 1 },
      },
    },
    definition: {
      type: 'object',
      required: ['key', 'code', 'family', 'params', 'status', 'message', 'description', 'bearer', 'retryable', 'group', 'headers'],
      additionalProperties: false,
      properties: {
        key: { type: 'string', minLength: 1, description: 'The identifier in code.' },
        code: { type: 'string', pattern: '^[A-Za-z{][A-Za-z0-9_{}]*$', description: 'The wire code, or its template for a family.' },
        family: nullable({ $ref: '#/$defs/family' }),
        params: {
          description: 'Every placeholder of key, code and message, in first-seen order.',
          type: 'array', items: { $ref: '#/$defs/placeholder' }, uniqueItems: true,
        },
        status: { $ref: '#/$defs/status' },
        message: { $ref: '#/$defs/text', description: 'What the body carries.' },
        description: { $ref: '#/$defs/text', description: 'Documentation text (the message when none is given).' },
        bearer: {
          description: 'The RFC 6750 challenge: true for one without an error, else its error code.',
          enum: [null, true, 'invalid_request', 'invalid_token', 'insufficient_scope'],
        },
        retryable: { type: 'boolean' },
        group: nullable({ type: 'string', minLength: 1 }),
        headers: { type: 'object', additionalProperties: { type: 'string' } },
        details: {
          description: 'The field-level details the definition sends: a list of violations, or one object its JSON Schema describes. Absent when it sends none.',
          oneOf: [
            { type: 'object', required: ['kind'], additionalProperties: false, properties: { kind: { const: 'violations' } } },
            {
              type: 'object', required: ['kind', 'schema'], additionalProperties: false,
              properties: {
                kind: { const: 'schema' },
                schema: { type: 'object', description: 'The object\'s JSON Schema (draft 2020-12), as the catalog declares it.' },
              },
            },
          ],
        },
      },
      // A fixed code is a wire code as it is; only a family's code has placeholders.
      if: { required: ['family'], properties: { family: { type: 'null' } } },
      then: { properties: { code: { type: 'string', pattern: WIRE_CODE_PATTERN } } },
    },
    violationCode: {
      type: 'object',
      required: ['code', 'message', 'description', 'params', 'echo'],
      additionalProperties: false,
      properties: {
        code: { type: 'string', pattern: WIRE_CODE_PATTERN, description: 'What a violation\'s `code` holds.' },
        message: { $ref: '#/$defs/text', description: 'The message template; the violation carries it rendered.' },
        description: { $ref: '#/$defs/text', description: 'Documentation text (the message when none is given).' },
        params: {
          description: 'The placeholders of the message, sent in the violation\'s `params`.',
          type: 'array', items: { $ref: '#/$defs/placeholder' }, uniqueItems: true,
        },
        echo: { type: 'boolean', description: 'The value received is sent back in the violation\'s `value`.' },
      },
    },
  },
});

/**
 * One definition in the catalog file.
 * @example catalogJson(errors).definitions.find((d) => d.key === 'ILLEGAL_STATE')?.retryable
 */
export interface CatalogJsonDefinition {
  readonly key: string;
  readonly code: string;
  readonly family: { readonly pattern: string; readonly params: readonly string[] } | null;
  readonly params: readonly string[];
  readonly status: number;
  readonly message: Text;
  readonly description: Text;
  readonly bearer: Bearer | null;
  readonly retryable: boolean;
  readonly group: string | null;
  readonly headers: Readonly<Record<string, string>>;
  /** The field-level details it sends; absent when it sends none. */
  readonly details?: { readonly kind: 'violations' } | { readonly kind: 'schema'; readonly schema: JsonSchema };
}

/**
 * One violation code in the catalog file.
 * @example catalogJson(errors).violations?.find((v) => v.code === 'TOO_SHORT')?.params // ['minimum']
 */
export interface CatalogJsonViolationCode {
  readonly code: string;
  readonly message: Text;
  readonly description: Text;
  readonly params: readonly string[];
  readonly echo: boolean;
}

/**
 * The catalog file (see `catalogSchema`).
 * @example const file = JSON.parse(text) as CatalogJson;
 */
export interface CatalogJson {
  readonly $schema: typeof CATALOG_SCHEMA_ID;
  readonly defaultLocale: string;
  readonly locales: readonly string[];
  readonly groups: Readonly<Record<string, { readonly description: Text | null; readonly status: number | null }>>;
  readonly definitions: readonly CatalogJsonDefinition[];
  /** The violation codes (INVALID among them); present when the catalog registers some or a definition sends violations. */
  readonly violations?: readonly CatalogJsonViolationCode[];
}

/**
 * The catalog as data.
 * @example JSON.stringify(catalogJson(errors), null, 2)
 */
export function catalogJson(catalog: unknown): CatalogJson {
  const internals = internalsOf(catalog);
  const { definitions, options, locales } = internals;
  const groups: Record<string, { description: Text | null; status: number | null }> = {};
  for (const [name, group] of Object.entries(options.groups)) {
    groups[name] = { description: group.description ?? null, status: group.status ?? null };
  }
  return {
    $schema: CATALOG_SCHEMA_ID,
    defaultLocale: options.defaultLocale,
    locales: [...locales],
    groups,
    definitions: definitions.map(definitionJson),
    // Only when there is something to say: a catalog without details gives the file it always gave.
    ...(hasViolations(internals) ? { violations: [...internals.violations.values()].map((v) => ({
      code: v.code, message: textJson(v.message), description: textJson(v.description), params: v.params, echo: v.echo,
    })) } : {}),
  };
}

function hasViolations({ definitions, violations }: CatalogInternals): boolean {
  return definitions.some((d) => d.details?.kind === 'violations') || [...violations.values()].some((v) => !v.builtin);
}

function definitionJson(def: CompiledDefinition): CatalogJsonDefinition {
  return {
    key: def.key,
    code: def.code.source,
    family: def.isFamily ? { pattern: familyPattern(def.code.literals, true), params: def.code.names } : null,
    params: def.params,
    status: def.status,
    message: textJson(def.message),
    description: textJson(def.description),
    bearer: def.bearer ?? null,
    retryable: def.retryable,
    group: def.group ?? null,
    headers: def.headers,
    ...(def.details === undefined ? {} : {
      details: def.details.kind === 'violations' ? { kind: 'violations' } : { kind: 'schema', schema: def.details.schema as unknown as JsonSchema },
    }),
  };
}

function textJson(text: CompiledText): Text {
  if (!text.translated) return text.fallback.source;
  return Object.fromEntries([...text.byLocale].map(([locale, template]) => [locale, template.source]));
}
