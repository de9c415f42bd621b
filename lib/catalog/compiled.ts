/**
 * The runtime form of a catalog: every definition validated and pre-parsed once, at
 * startup, so that throwing and answering an error does no parsing at all.
 */
import type { Bearer } from './types.js';
import type { Template } from './template.js';

/** A text with its translations parsed; `fallback` is the default-locale text. */
export interface CompiledText {
  readonly fallback: Template;
  readonly byLocale: ReadonlyMap<string, Template>;
  readonly translated: boolean;
}

/** One validated definition. */
export interface CompiledDefinition {
  readonly key: string;
  /** Position in the catalog, used to index per-handler caches. */
  readonly index: number;
  readonly status: number;
  /** The wire code template (`code ?? key`). */
  readonly code: Template;
  /** True when the wire code has placeholders (a code family). */
  readonly isFamily: boolean;
  readonly message: CompiledText;
  readonly description: CompiledText;
  /** Every placeholder name of key, code and message, in first-seen order. */
  readonly params: readonly string[];
  readonly bearer: Bearer | undefined;
  readonly retryable: boolean;
  readonly group: string | undefined;
  readonly headers: Readonly<Record<string, string>>;
  readonly stack: boolean;
  /** `err.headers` when nothing varies per throw; undefined when it must be built per error. */
  readonly constantErrorHeaders: Readonly<Record<string, string>> | undefined;
  /** The interpolated default-locale message when the message has no placeholders. */
  readonly constantMessage: string | undefined;
  readonly catalog: CatalogInternals;
}

/** A documentation group (seed 003's categories): its own paragraph and, optionally, its status. */
export interface GroupInfo {
  readonly description?: string | { readonly [locale: string]: string };
  readonly status?: number;
}

/** Settings of a catalog after defaults are applied. */
export interface ResolvedCatalogOptions {
  readonly defaultLocale: string;
  readonly realm: string | undefined;
  readonly maxParamLength: number;
  readonly challengeDescription: boolean;
  readonly groups: Readonly<Record<string, GroupInfo>>;
}

/** What the middleware, docs and parsers read from a catalog. */
export interface CatalogInternals {
  readonly definitions: readonly CompiledDefinition[];
  readonly byKey: ReadonlyMap<string, CompiledDefinition>;
  readonly options: ResolvedCatalogOptions;
  /** Every locale some definition is translated into, default locale first. */
  readonly locales: readonly string[];
}

/** The key under which a catalog object carries its internals. */
export const CATALOG: unique symbol = Symbol.for('house-errors.catalog') as never;

/** Text of a compiled text in `locale`, falling back to the default locale. */
export function templateIn(text: CompiledText, locale: string | undefined): Template {
  return (locale !== undefined && text.byLocale.get(locale)) || text.fallback;
}
