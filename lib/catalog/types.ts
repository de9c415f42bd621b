/**
 * The catalog's types: what a definition may contain, how keys, codes and template
 * placeholders become the parameter and code types users see in their editor, and the
 * runtime form a catalog is compiled into once, at startup (so that throwing and answering an
 * error does no parsing at all).
 */
import type { Template } from '../rules/template.js';
import type { Bearer } from '../rules/challenge.js';
import type { DetailsObjectSchema, DetailsOf } from './schema.js';
import type { ConvertedViolations, Violation, ViolationInput } from '../formats/violations.js';

export type { Bearer, BearerErrorCode } from '../rules/challenge.js';


/** A text in one language, or translations keyed by BCP 47 tag (`{ en: '…', ko: '…' }`). */
export type Text = string | { readonly [locale: string]: string };

type Enumerate<N extends number, Acc extends number[] = []> = Acc['length'] extends N
  ? Acc[number]
  : Enumerate<N, [...Acc, Acc['length']]>;

/** An HTTP error status, 400–599. Anything else fails to compile in a definition. */
export type ErrorStatus = Exclude<Enumerate<600>, Enumerate<400>>;

/** One error definition of a catalog. */
export interface Definition {
  /** HTTP status, 400–599. */
  readonly status: ErrorStatus;
  /** Wire code; defaults to the key. May hold placeholders (`'{RESOURCE}_NOT_EXIST'`). */
  readonly code?: string;
  /** What the body carries, with `{name}` placeholders; or translations of it. */
  readonly message: Text;
  /** Documentation text for the reference page; defaults to the message. */
  readonly description?: Text;
  /** Adds an RFC 6750 `WWW-Authenticate: Bearer` challenge to the response. */
  readonly bearer?: Bearer;
  /** Documented as retryable (the game market example's two tables); also on the error as `retryable`. */
  readonly retryable?: boolean;
  /** Documentation group (as the BaaS example's categories); see the catalog's `groups` option. */
  readonly group?: string;
  /** Extra response headers, fixed at definition time (e.g. `Retry-After`). */
  readonly headers?: { readonly [name: string]: string };
  /** Capture a stack trace when this error is created; overrides the catalog's `stack`. */
  readonly stack?: boolean;
  /**
   * Field-level details the error may carry: `'violations'` (a list of bad fields, with the
   * catalog's violation codes) or `{ schema }` (one object described by a JSON Schema, typed from it).
   */
  readonly details?: 'violations' | { readonly schema: DetailsObjectSchema };
}

/** A violation code of the catalog's `violations` option. */
export interface ViolationDefinition {
  /** The violation's message, with `{name}` placeholders filled from its `params`; or translations of it. */
  readonly message: Text;
  /** Documentation text for the reference page; defaults to the message. */
  readonly description?: Text;
  /** Send the offending value as `value` (a string, number, boolean or null). Default false: never echoed. */
  readonly echo?: boolean;
}

/** The violation codes of a catalog, by code. */
export type ViolationDefinitions = { readonly [code: string]: ViolationDefinition };

/** The definitions of a catalog, by key. */
export type Definitions = { readonly [key: string]: Definition };

/** The placeholder names of a template string: `'a {x} b {y}'` → `'x' | 'y'`. */
export type PlaceholdersOf<S> = S extends `${string}{${infer P}}${infer Rest}` ? P | PlaceholdersOf<Rest> : never;

type TextPlaceholders<T> = T extends string
  ? PlaceholdersOf<T>
  : T extends { readonly [locale: string]: string }
    ? PlaceholdersOf<T[keyof T]>
    : never;

/** The wire code template of a definition: its `code`, else its key. */
export type CodeTemplate<K extends string, D> = D extends { readonly code: infer C extends string } ? C : K;

/** Every parameter name of a definition: from its key, its code and its message. */
export type ParamNames<K extends string, D> =
  | PlaceholdersOf<K>
  | PlaceholdersOf<CodeTemplate<K, D>>
  | (D extends { readonly message: infer M } ? TextPlaceholders<M> : never);

/** A value a placeholder accepts. */
export type ParamValue = string | number;

/** Parameters of a definition with placeholders: exactly its names, all required. */
export type ParamsFor<K extends string, D> = { readonly [P in ParamNames<K, D>]: ParamValue };

/** The wire code type: a family key `'{RESOURCE}_NOT_EXIST'` becomes `` `${string}_NOT_EXIST` ``. */
export type ResolveCode<S extends string> = S extends `${infer Head}{${string}}${infer Tail}`
  ? `${Head}${string}${ResolveCode<Tail>}`
  : S;

/** The wire code of one definition. */
export type WireCodeOf<K extends string, D> = ResolveCode<CodeTemplate<K, D>>;

/** Per-throw options: `errors.KEY(params, options)`. */
export interface ThrowOptions {
  /** The underlying error; kept on `err.cause`, never sent to the client. */
  readonly cause?: unknown;
  /** Missing scopes, sent as `scope="a b"` in an `insufficient_scope` challenge. */
  readonly scope?: readonly string[];
  /** `error_description` of the Bearer challenge (ASCII per RFC 6750; dropped otherwise). */
  readonly errorDescription?: string;
  /**
   * Extra response headers for this one error, or a new value for one the definition declares
   * (`{ 'Retry-After': 12 }`). A number must be a whole number ≥ 0. Framing headers, `Set-Cookie`
   * and `WWW-Authenticate` are ignored.
   */
  readonly headers?: { readonly [name: string]: string | number };
  /**
   * Field-level details, for a definition that declares them: violations (from a converter of
   * `house-errors/validation`, or written by hand with the catalog's codes) or the object its schema
   * describes. Typed per definition by the factory; refused (and reported) for any other.
   */
  readonly details?: unknown;
}

/**
 * What `details` a definition's factory takes: violations with the catalog's codes (or a converter's
 * result), the schema's object type, or nothing.
 */
export type DetailsInput<D, V extends ViolationDefinitions> =
  D extends { readonly details: 'violations' } ? readonly ViolationInput<(keyof V & string) | 'INVALID'>[] | ConvertedViolations
  : D extends { readonly details: { readonly schema: infer S } } ? DetailsOf<S>
  : never;

/** What `err.details` (and `errors.parse(...).details`) holds for a definition: the violations as sent, or its schema's object. */
export type DetailsOutput<D> = D extends { readonly details: 'violations' } ? readonly Violation[]
  : D extends { readonly details: { readonly schema: infer S } } ? DetailsOf<S>
  : never;

/** An empty parameter object: any key in it is a compile error. */
export type NoParams = { readonly [name: string]: never };

// The compiled form.

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
  /** What details the definition declares. */
  readonly details: CompiledDetails | undefined;
  readonly catalog: CatalogInternals;
}

/** The details a definition declares. */
export type CompiledDetails = { readonly kind: 'violations' } | { readonly kind: 'schema'; readonly schema: DetailsObjectSchema };

/** One violation code of the catalog. */
export interface CompiledViolationCode {
  readonly code: string;
  readonly message: CompiledText;
  readonly description: CompiledText;
  /** Placeholder names of the message, in first-seen order. */
  readonly params: readonly string[];
  readonly echo: boolean;
  /** True for the built-in `INVALID` the catalog did not register itself. */
  readonly builtin: boolean;
  /** The JSON text its violations are written with (`violationCodeJson`). */
  readonly json: ViolationCodeJson;
}

/** JSON text around a violation of one code, made once per catalog. */
export interface ViolationCodeJson {
  /** `,"location":"…","code":"…","message":` by location (VIOLATION_LOCATIONS' order): between a house violation's pointer and its message. */
  readonly house: readonly string[];
  /** `,"code":"…","location":"…"` by location: after a problem-details violation's pointer. */
  readonly problem: readonly string[];
  /** The message in the default language as a JSON string, when it has no placeholders. */
  readonly message: string | undefined;
  /** True when the default language's template text needs no JSON escaping. */
  readonly plainTemplate: boolean;
}

/** A documentation group (as the BaaS example's categories): its own paragraph and, optionally, its status. */
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
  /** Most violations one error sends (the catalog's `maxViolations`). */
  readonly maxViolations: number;
}

/** What the middleware, docs and parsers read from a catalog. */
export interface CatalogInternals {
  readonly definitions: readonly CompiledDefinition[];
  readonly byKey: ReadonlyMap<string, CompiledDefinition>;
  readonly options: ResolvedCatalogOptions;
  /** Every locale some definition is translated into, default locale first. */
  readonly locales: readonly string[];
  /** The violation codes, by code; `INVALID` is always there. */
  readonly violations: ReadonlyMap<string, CompiledViolationCode>;
}

/** The key under which a catalog object carries its internals. */
export const CATALOG: unique symbol = Symbol.for('house-errors.catalog') as never;

/** Text of a compiled text in `locale`, falling back to the default locale. */
export function templateIn(text: CompiledText, locale: string | undefined): Template {
  return (locale !== undefined && text.byLocale.get(locale)) || text.fallback;
}

// A catalog object, as functions that take one see it.

/** What a catalog object carries besides its factories. */
export interface CatalogHandle<D extends Definitions, V extends ViolationDefinitions = ViolationDefinitions> {
  /** The definitions as written. */
  readonly definitions: D;
  /** The violation codes as written. */
  readonly violations: V;
  /** @internal The validated, compiled form. */
  readonly internals: CatalogInternals;
}

/** Any catalog, for functions that accept one. */
export type AnyCatalog = { readonly [CATALOG]: CatalogHandle<Definitions> };

/** The definitions of a catalog, as written. */
export type DefsOf<C extends AnyCatalog> = C[typeof CATALOG]['definitions'];
/** The violation codes of a catalog as written. */
export type ViolationsOf<C extends AnyCatalog> = C[typeof CATALOG]['violations'];
/** The violation codes of a catalog, a literal union (with the built-in `INVALID`): `ViolationCodeOf<typeof errors>`. */
export type ViolationCodeOf<C extends AnyCatalog> = (keyof ViolationsOf<C> & string) | 'INVALID';
/** The keys of a catalog: `KeyOf<typeof errors>`. */
export type KeyOf<C extends AnyCatalog> = keyof DefsOf<C> & string;
/** The wire codes of a catalog, a literal union: `CodeOf<typeof errors>`. */
export type CodeOf<C extends AnyCatalog> = { [K in KeyOf<C>]: WireCodeOf<K, DefsOf<C>[K]> }[KeyOf<C>];
/** The parameters of one definition: `ParamsOf<typeof errors, 'ILLEGAL_STATE'>`. */
export type ParamsOf<C extends AnyCatalog, K extends KeyOf<C>> = ParamsFor<K, DefsOf<C>[K]>;
