/**
 * `defineCatalog`: validates the definitions once and returns one typed factory per key.
 */
import { compileCatalog } from './compile.js';
import { CATALOG, type CatalogInternals, type CompiledDefinition, type GroupInfo } from './types.js';
export type { DetailsOutput } from './types.js';
import { makeParser, type ParseOptions, type ParsedError } from './parse.js';
import type { FormatRef } from '../formats/builtin.js';
import { definitionOf, HouseError } from './house-error.js';
import type {
  AnyCatalog, CatalogHandle, Definition, Definitions, DefsOf, DetailsInput, DetailsOutput, KeyOf, NoParams, ParamNames, ParamsFor, ThrowOptions,
  ViolationDefinitions, WireCodeOf,
} from './types.js';

/** Options of `defineCatalog`. */
export interface CatalogOptions<V extends ViolationDefinitions = ViolationDefinitions> {
  /** Language of plain-string messages, and the one every translated text must have. Default `'en'`. */
  readonly defaultLocale?: string;
  /** `realm` of the Bearer challenges on `err.headers` (the middleware's `realm` overrides it). */
  readonly realm?: string;
  /**
   * When to capture a stack trace: `'all'`, `'none'`, or `'server-errors'` (the default: only
   * 5xx definitions; a documented 4xx is an answer, not a bug). A definition's `stack` overrides it.
   */
  readonly stack?: 'all' | 'server-errors' | 'none';
  /** Longest interpolated parameter value, in UTF-16 units; longer ones are cut with `…`. Default 1024. */
  readonly maxParamLength?: number;
  /** Put the message in the challenge's `error_description` when it is RFC 6750 ASCII. Default true. */
  readonly challengeDescription?: boolean;
  /** Documentation groups (as the BaaS example's categories): each group's paragraph and status, by group name. */
  readonly groups?: { readonly [name: string]: GroupInfo };
  /**
   * Violation codes, documented like error codes: each with its message template (params as
   * placeholders: `'Must be at least {minimum} characters.'`), optional translations, and `echo`
   * to send the offending value. `INVALID` (`'This value is invalid.'`) is built in; register it
   * to change its text. A violation with a code the catalog does not register is sent as `INVALID`.
   */
  readonly violations?: V;
  /** Most violations one error sends; the rest are dropped (and reported). Default 100, at most 1000. */
  readonly maxViolations?: number;
}

/** The factory of one definition: call it to get a `HouseError`. */
export type ErrorFactory<K extends string, D extends Definition, V extends ViolationDefinitions = ViolationDefinitions> =
  FactoryCall<K, D, V> & FactoryInfo<K, D>;

type FactoryCall<K extends string, D extends Definition, V extends ViolationDefinitions> = [ParamNames<K, D>] extends [never]
  ? (params?: NoParams, options?: ThrowOptionsFor<D, V>) => HouseError<K, WireCodeOf<K, D>, DetailsOutput<D>>
  : (params: ParamsFor<K, D>, options?: ThrowOptionsFor<D, V>) => HouseError<K, WireCodeOf<K, D>, DetailsOutput<D>>;

/**
 * The throw options of one definition: `details` typed from its declaration (violations with the
 * catalog's codes, or its schema's object), and absent for a definition that declares none.
 */
export type ThrowOptionsFor<D extends Definition, V extends ViolationDefinitions> = Omit<ThrowOptions, 'details'> & (
  [DetailsInput<D, V>] extends [never] ? { readonly details?: never } : { readonly details?: DetailsInput<D, V> }
);


/** What a factory tells about its definition. */
export interface FactoryInfo<K extends string, D extends Definition> {
  /** The catalog key. */
  readonly key: K;
  /** The HTTP status. */
  readonly status: D['status'];
  /** The wire code template (`'{RESOURCE}_NOT_EXIST'` for a family). */
  readonly code: string;
  /** Type guard: an error made by this factory. Never throws. */
  is(value: unknown): value is HouseError<K, WireCodeOf<K, D>>;
}

/** A catalog: one factory per key. */
export type Catalog<D extends Definitions, V extends ViolationDefinitions = ViolationDefinitions> = {
  readonly [K in keyof D & string]: ErrorFactory<K, D[K], V>;
} & { readonly [CATALOG]: CatalogHandle<D, V> } & {
  /**
   * Reads an error body back into its definition: `{ key, code, message, params, status,
   * retryable }`, or undefined when it is not one of this catalog's errors. Never throws on any body.
   * @example
   * const e = errors.parse(await response.json(), 'code-message', { status: response.status });
   * if (e?.key === '{RESOURCE}_NOT_EXIST') console.log(e.params.RESOURCE);
   */
  parse(body: unknown, format: FormatRef, options?: ParseOptions): ParsedError<D> | undefined;
};

/** The error type of one key, or of the whole catalog. */
export type HouseErrorOf<C extends AnyCatalog, K extends KeyOf<C> = KeyOf<C>> = {
  [P in K]: HouseError<P, WireCodeOf<P, DefsOf<C>[P]>, DetailsOutput<DefsOf<C>[P]>>
}[K];

/**
 * Defines an API's error catalog. Every definition is validated here: a wrong one throws a
 * `CatalogDefinitionError` naming the key, at startup rather than on the first request.
 * @example
 * export const errors = defineCatalog({
 *   INVALID_AUTH_TOKEN: { status: 401, message: 'Invalid auth token.', bearer: 'invalid_token' },
 *   ILLEGAL_STATE: { status: 500, message: 'Illegal state: {detail}', retryable: true },
 *   '{RESOURCE}_NOT_EXIST': { status: 404, message: 'The specific resource could not be found.' },
 *   INTERNAL_ERROR: { status: 500, message: 'Internal server error.' },
 * });
 * throw errors['{RESOURCE}_NOT_EXIST']({ RESOURCE: 'USER' }); // code USER_NOT_EXIST
 */
export function defineCatalog<const D extends Definitions, const V extends ViolationDefinitions = {}>(
  definitions: D, options?: CatalogOptions<V>,
): Catalog<D, V> {
  const internals = compileCatalog(definitions, options);
  const catalog = Object.create(null) as Record<string | symbol, unknown>;
  for (const def of internals.definitions) catalog[def.key] = makeFactory(def, catalog);
  catalog[CATALOG] = Object.freeze({ definitions, violations: options?.violations ?? {}, internals });
  Object.defineProperty(catalog, 'parse', { value: makeParser(internals) });
  return Object.freeze(catalog) as unknown as Catalog<D, V>;
}

/** @internal A factory's catalog object (`house-errors/testing` builds expected answers with it). */
export const FACTORY_CATALOG = Symbol.for('house-errors.factoryCatalog');

function makeFactory(def: CompiledDefinition, catalog: object): unknown {
  const factory = (params?: unknown, options?: ThrowOptions): HouseError => new HouseError(def, params, options);
  Object.defineProperties(factory, {
    key: { value: def.key, enumerable: true },
    status: { value: def.status, enumerable: true },
    code: { value: def.code.source, enumerable: true },
    [FACTORY_CATALOG]: { value: catalog },
    is: {
      value: (value: unknown): boolean => {
        return definitionOf(value) === def;
      },
    },
  });
  return factory;
}

/** The compiled internals of a catalog; throws a TypeError for anything that is not one. */
export function internalsOf(catalog: unknown): CatalogInternals {
  const handle = typeof catalog === 'object' && catalog !== null
    ? (catalog as { [CATALOG]?: CatalogHandle<Definitions> })[CATALOG]
    : undefined;
  if (handle === undefined) throw new TypeError('house-errors: expected a catalog made by defineCatalog(...)');
  return handle.internals;
}
