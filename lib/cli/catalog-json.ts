/**
 * A catalog as plain JSON data, for clients written in other languages. The same catalog
 * always gives the same document, byte for byte (catalog order, no timestamps).
 */
import { internalsOf } from '../catalog/define.js';
import type { CompiledDefinition, CompiledText } from '../catalog/types.js';
import type { Bearer, Text } from '../catalog/types.js';
import { CATALOG_SCHEMA_ID } from './catalog-schema.js';
import { familyPattern } from '../rules/syntax.js';

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
}

/**
 * The catalog as data.
 * @example JSON.stringify(catalogJson(errors), null, 2)
 */
export function catalogJson(catalog: unknown): CatalogJson {
  const { definitions, options, locales } = internalsOf(catalog);
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
  };
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
  };
}

function textJson(text: CompiledText): Text {
  if (!text.translated) return text.fallback.source;
  return Object.fromEntries([...text.byLocale].map(([locale, template]) => [locale, template.source]));
}

