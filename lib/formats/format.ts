/**
 * House formats: how one resolved error becomes a response body. A format only shapes the
 * body; status, headers and serialisation are the wire form's job (lib/http/answer.ts).
 */
import type { Violation } from './violations.js';

/** Everything a format may put in a body. */
export interface ErrorInfo {
  /** Catalog key (`'{RESOURCE}_NOT_EXIST'`). */
  readonly key: string;
  /** Resolved wire code (`'USER_NOT_EXIST'`). */
  readonly code: string;
  readonly status: number;
  /** The interpolated message in the answer's language. */
  readonly message: string;
  readonly params: Readonly<Record<string, string>>;
  readonly retryable: boolean;
  /** The language of `message` when the handler negotiates or fixes one. */
  readonly locale: string | undefined;
  /**
   * Field-level details, only when the definition declares them and the error carries them:
   * the violations (messages in the answer's language), or the object the definition's schema describes.
   */
  readonly details?: ErrorDetails;
}

/** Field-level details as a format receives them: violations, or a definition's own object. */
export type ErrorDetails = readonly Violation[] | { readonly [name: string]: unknown };

/** What a body's details look like, for `schemaWithDetails`: violations (with their codes) or an object schema. */
export type DetailsShape =
  | { readonly kind: 'violations'; readonly codes: readonly string[] }
  | { readonly kind: 'schema'; readonly schema: JsonSchema };

/** A JSON Schema (draft 2020-12, the dialect of OpenAPI 3.1). */
export type JsonSchema = { readonly [keyword: string]: unknown };

/**
 * A copy of a schema, each node's copy (its `properties` and `items` already mapped) passed to
 * `change` with the node it copies: how a details schema is closed or its descriptions escaped.
 * @example mapSchema(schema, (copy, node) => { if (node.type === 'object') copy.additionalProperties = false; })
 */
export function mapSchema(node: JsonSchema, change: (copy: Record<string, unknown>, node: JsonSchema) => void): JsonSchema {
  const copy: Record<string, unknown> = { ...node };
  const { properties, items } = node;
  if (typeof properties === 'object' && properties !== null) {
    const byName = properties as Record<string, JsonSchema>;
    copy.properties = Object.fromEntries(Object.keys(byName).map((name) => [name, mapSchema(byName[name]!, change)]));
  }
  if (typeof items === 'object' && items !== null) copy.items = mapSchema(items as JsonSchema, change);
  change(copy, node);
  return copy;
}

/** A body read back into its code and message (`parseErrorBody`). */
export interface ParsedBody {
  readonly code: string;
  readonly message: string;
  /** The body's details member as received (unchecked; `errors.parse` checks it against the definition). */
  readonly details?: unknown;
}

/** A house format. Build one with `defineFormat`, or name a built-in one. */
export interface HouseFormat<Body extends object = object> {
  readonly name: string;
  /** Full `Content-Type` value, e.g. `application/json; charset=utf-8`. */
  readonly contentType: string;
  /** Shapes the body; must return a JSON-serialisable object. */
  body(info: ErrorInfo): Body;
  /** The body's JSON Schema, used by `toOpenAPI`. */
  readonly schema: JsonSchema;
  /** Reads a body of this format back; returns undefined when it is not one. */
  parse(body: unknown): ParsedBody | undefined;
  /** The body property holding the wire code, when there is one (`toOpenAPI` lists the codes there). */
  readonly codeField: string | undefined;
  /** The body's JSON Schema when it carries details of this shape (`toOpenAPI`); the plain schema when the format has none. */
  schemaWithDetails(details: DetailsShape): JsonSchema;
}

/** What `defineFormat` takes. */
export interface FormatSpec<Body extends object> {
  /** A name for messages and docs; must not be one of the built-in names. */
  readonly name: string;
  /** Defaults to `application/json; charset=utf-8`. */
  readonly contentType?: string;
  readonly body: (info: ErrorInfo) => Body;
  readonly schema: JsonSchema;
  /** Reads a body back into `{ code, message }`; without it, `parseErrorBody` returns undefined. */
  readonly parse?: (body: unknown) => ParsedBody | undefined;
  /** The property holding the wire code (lets `toOpenAPI` put the catalog's codes in an `enum`). */
  readonly codeField?: string;
  /** The body's JSON Schema when `body(info)` puts `info.details` in it (documents details in `toOpenAPI`). */
  readonly schemaWithDetails?: (details: DetailsShape) => JsonSchema;
}

// RFC 9110 §8.3.1 media-type with parameters, ASCII only: OWS is space or tab, a quoted-string
// holds printable ASCII (escaped with a backslash where needed). Anything else Node's setHeader
// may refuse on every answer, so it is refused here, at definition.
const TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
const QUOTED = '"(?:[\\t\\x20\\x21\\x23-\\x5B\\x5D-\\x7E]|\\\\[\\t\\x20-\\x7E])*"';
const CONTENT_TYPE = new RegExp(`^${TOKEN}/${TOKEN}(?:[ \\t]*;[ \\t]*${TOKEN}=(?:${TOKEN}|${QUOTED}))*$`);
/** Longest `contentType` a format may declare. */
const MAX_CONTENT_TYPE_LENGTH = 256;
const BRAND = Symbol.for('house-errors.format');

/**
 * Declares a team's own body shape. The schema documents the body in `toOpenAPI`.
 * @example
 * const envelope = defineFormat({
 *   name: 'envelope',
 *   body: ({ code, message }) => ({ error: { code, message } }),
 *   schema: { type: 'object', required: ['error'], properties: { error: { type: 'object' } } },
 *   parse: (b) => { const e = (b as { error?: { code?: unknown; message?: unknown } }).error;
 *     return typeof e?.code === 'string' && typeof e.message === 'string' ? { code: e.code, message: e.message } : undefined; },
 * });
 */
export function defineFormat<Body extends object>(spec: FormatSpec<Body>): HouseFormat<Body> {
  const problems: string[] = [];
  if (typeof spec !== 'object' || spec === null) throw new TypeError('house-errors: defineFormat expects an object');
  if (typeof spec.name !== 'string' || spec.name === '') problems.push('name must be a non-empty string');
  const contentType = spec.contentType ?? 'application/json; charset=utf-8';
  if (typeof contentType !== 'string' || contentType.length > MAX_CONTENT_TYPE_LENGTH || !CONTENT_TYPE.test(contentType)) {
    problems.push(`contentType ${JSON.stringify(contentType)} is not an ASCII media type of at most ${MAX_CONTENT_TYPE_LENGTH} characters (type/subtype; name=value)`);
  }
  if (typeof spec.body !== 'function') problems.push('body must be a function (info) => object');
  if (typeof spec.schema !== 'object' || spec.schema === null) problems.push('schema must be a JSON Schema object');
  if (spec.parse !== undefined && typeof spec.parse !== 'function') problems.push('parse must be a function');
  if (spec.codeField !== undefined && typeof spec.codeField !== 'string') problems.push('codeField must be a string');
  if (spec.schemaWithDetails !== undefined && typeof spec.schemaWithDetails !== 'function') problems.push('schemaWithDetails must be a function');
  if (problems.length > 0) throw new TypeError(`house-errors: invalid format ${JSON.stringify(spec.name)}: ${problems.join('; ')}`);
  const parse = spec.parse;
  const withDetails = spec.schemaWithDetails;
  const format: HouseFormat<Body> = {
    name: spec.name,
    contentType,
    body: spec.body,
    schema: spec.schema,
    codeField: spec.codeField,
    schemaWithDetails: withDetails === undefined ? () => spec.schema : withDetails,
    // A user's parser must not make parseErrorBody throw.
    parse: parse === undefined ? () => undefined : (body) => {
      try {
        const parsed = parse(body);
        if (parsed === undefined || typeof parsed.code !== 'string' || typeof parsed.message !== 'string') return undefined;
        const details: unknown = parsed.details;
        return details === undefined ? { code: parsed.code, message: parsed.message } : { code: parsed.code, message: parsed.message, details };
      } catch {
        return undefined;
      }
    },
  };
  Object.defineProperty(format, BRAND, { value: true });
  return Object.freeze(format);
}

/** True for a value made by `defineFormat`. */
export function isHouseFormat(value: unknown): value is HouseFormat {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
}
