/**
 * Violations: the field-level details of an error (`details: 'violations'` on a definition).
 * One record per bad field, naming where it is (`location` + an RFC 6901 `pointer`) and why (a
 * violation `code` registered in the catalog, whose message template the catalog owns).
 */

/** Where in the request a violation's field is. */
export type ViolationLocation = 'body' | 'query' | 'path' | 'header' | 'cookie';

/** Every location, in the order violations are sorted on the wire. */
export const VIOLATION_LOCATIONS: readonly ViolationLocation[] = Object.freeze(['path', 'query', 'header', 'cookie', 'body']);

/** A value a violation's message placeholder accepts. */
export type ViolationParam = string | number;

/**
 * One bad field, as a throw passes it (`errors.KEY({}, { details: [violation] })`) and as the
 * converters of `house-errors/validation` return it. The answer renders `message` from the code's
 * template in the negotiated locale.
 */
export interface ViolationInput<Code extends string = string> {
  /** RFC 6901 JSON Pointer to the field inside `location` (`/items/0/name`; `''` is the whole location). */
  readonly pointer: string;
  /** Where the field is: the body, the query string, a path parameter, a header or a cookie. */
  readonly location: ViolationLocation;
  /** A violation code registered in the catalog (`REQUIRED`, `TOO_SHORT`…). */
  readonly code: Code;
  /** Values for the code's message placeholders (`{ minimum: 3 }`). Only the ones its template names are sent. */
  readonly params?: { readonly [name: string]: ViolationParam };
  /**
   * The offending value. Sent only when the catalog's violation code opts in with `echo: true`
   * (and only a string, number, boolean or null); never otherwise.
   */
  readonly value?: unknown;
}

/** One violation on the wire: its input with the rendered message. */
export interface Violation {
  readonly pointer: string;
  readonly location: ViolationLocation;
  readonly code: string;
  /** The code's message, rendered with `params` in the negotiated locale. */
  readonly message: string;
  /** The params its template names, when it names any. */
  readonly params?: { readonly [name: string]: ViolationParam };
  /** The offending value, only for a code declared with `echo: true`. */
  readonly value?: string | number | boolean | null;
}

declare const converted: unique symbol;
/**
 * What a converter of `house-errors/validation` returns: violations whose codes come from a
 * validation library, so they are checked against the catalog at runtime (a code the catalog does
 * not register becomes `INVALID`) instead of at compile time.
 */
export type ConvertedViolations = readonly ViolationInput[] & { readonly [converted]: true };

/** The code every violation whose code the catalog does not register is answered with. */
export const DEFAULT_VIOLATION_CODE = 'INVALID';

/**
 * The violation codes the converters of `house-errors/validation` produce, with what each means and
 * the params it carries. A catalog registers the ones it wants to answer with; any other becomes
 * {@link DEFAULT_VIOLATION_CODE}.
 */
export const STANDARD_VIOLATION_CODES = Object.freeze({
  REQUIRED: 'A required field is missing.',
  INVALID_TYPE: 'The value has the wrong type; params: expected.',
  TOO_SHORT: 'A string is shorter than allowed; params: minimum.',
  TOO_LONG: 'A string is longer than allowed; params: maximum.',
  TOO_SMALL: 'A number (or date) is below the minimum; params: minimum, comparison (">=", or ">" for an exclusive bound).',
  TOO_BIG: 'A number (or date) is above the maximum; params: maximum, comparison ("<=", or "<" for an exclusive bound).',
  TOO_FEW: 'An array has fewer items than allowed; params: minimum.',
  TOO_MANY: 'An array has more items than allowed; params: maximum.',
  PATTERN: 'A string does not match the required pattern; params: pattern.',
  FORMAT: 'A string is not in the required format; params: format.',
  NOT_ALLOWED: 'The value is not one of the allowed values; params: allowed (comma-separated).',
  UNKNOWN_FIELD: 'A field that is not allowed is present.',
  INVALID: 'Anything else: the value is invalid.',
} as const);

/** A code of {@link STANDARD_VIOLATION_CODES}. */
export type StandardViolationCode = keyof typeof STANDARD_VIOLATION_CODES;

/**
 * The most violations read from one list: a converter's issues, a throw's details, a body read back.
 * It is also the largest `maxViolations` a catalog may set.
 */
export const MAX_VIOLATIONS = 1000;

/**
 * The JSON Schema of a violations list on the wire, with `codes` as the `code` enum (the
 * catalog's violation codes): what `toOpenAPI` documents and every live body validates against.
 */
export function violationsSchema(codes: readonly string[]): { readonly [keyword: string]: unknown } {
  return {
    type: 'array',
    items: {
      type: 'object',
      required: ['pointer', 'location', 'code', 'message'],
      properties: {
        pointer: { type: 'string', description: 'RFC 6901 JSON Pointer to the field inside `location`.' },
        location: { enum: [...VIOLATION_LOCATIONS] },
        code: { enum: [...codes] },
        message: { type: 'string' },
        params: { type: 'object', additionalProperties: { type: ['string', 'number'] } },
        value: { type: ['string', 'number', 'boolean', 'null'] },
      },
      additionalProperties: false,
    },
  };
}
