/**
 * The built-in house formats, each one of the seeds' body shapes, plus RFC 9457 problem
 * details. Three of them differ only in their two field names, so they are data.
 */
import statuses from 'statuses';
import { defineFormat, isHouseFormat, mapSchema, type DetailsShape, type ErrorDetails, type ErrorInfo, type HouseFormat, type JsonSchema } from './format.js';
import { jsonString, type ViolationForm } from './json.js';
import { violationsSchema, type Violation } from './violations.js';

/**
 * `{"errorCode","reason"}` (the marketplace example's house format); `details` (the handler's
 * `detailsField`) only for an error that carries details.
 */
export interface ErrorCodeReasonBody { readonly errorCode: string; readonly reason: string; readonly details?: ErrorDetails }
/** `{"code","description"}` (the groupware example's), with `details` as above. */
export interface CodeDescriptionBody { readonly code: string; readonly description: string; readonly details?: ErrorDetails }
/** `{"code","message"}` (the game market example's), with `details` as above. */
export interface CodeMessageBody { readonly code: string; readonly message: string; readonly details?: ErrorDetails }
/**
 * RFC 9457 problem details with the wire code as the `code` extension member; violations in the
 * `errors` extension (`[{ detail, pointer, code, location }]`), a definition's own details as
 * extension members of their own.
 */
export interface ProblemDetailsBody {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly code: string;
  readonly errors?: readonly ProblemDetailsViolation[];
  readonly [extension: string]: unknown;
}

/** One violation in problem details' `errors` extension: RFC 9457's `detail` and `pointer`, with our code and location. */
export interface ProblemDetailsViolation {
  readonly detail: string;
  readonly pointer: string;
  readonly code: string;
  readonly location: Violation['location'];
  readonly params?: Violation['params'];
  readonly value?: Violation['value'];
}

/** Members problem details uses itself: a definition's own details may not use these names with this format. */
export const PROBLEM_DETAILS_MEMBERS: readonly string[] = Object.freeze(['type', 'title', 'status', 'detail', 'instance', 'code', 'errors']);

/** The body type of each built-in format, by name. */
export interface BuiltinBodies {
  'errorCode-reason': ErrorCodeReasonBody;
  'code-description': CodeDescriptionBody;
  'code-message': CodeMessageBody;
  'problem-details': ProblemDetailsBody;
}

/** The name of a built-in format. */
export type BuiltinFormatName = keyof BuiltinBodies;

/** A format, by built-in name or as a `defineFormat(...)` value. */
export type FormatRef = BuiltinFormatName | HouseFormat;

// Own properties only: a polluted Object.prototype.code must not make `{}` look like an error.
function ownField(body: unknown, name: string): unknown {
  return typeof body === 'object' && body !== null && Object.hasOwn(body, name) ? (body as Record<string, unknown>)[name] : undefined;
}

/** Where the house formats put details unless the handler's `detailsField` names another member. */
export const DEFAULT_DETAILS_FIELD = 'details';

// The schema of a details member: the violations list, or the definition's own object (whose
// undeclared members are never sent).
const detailsMemberSchema = (details: DetailsShape): JsonSchema => (details.kind === 'violations'
  ? violationsSchema(details.codes)
  : closed(details.schema));

// A details schema as sent: every object closed (`additionalProperties: false`), at every depth.
function closed(schema: JsonSchema): JsonSchema {
  return mapSchema(schema, (copy, node) => {
    if (node.type === 'object') copy.additionalProperties = false;
  });
}

/**
 * How a built-in format writes its body as text: `write(info, violations)` is byte for byte
 * `JSON.stringify(format.body(info))`, where `violations` is the error's violations already written
 * as JSON text in `form` (and `info` then carries no details).
 */
export interface BodyWriter {
  readonly form: ViolationForm;
  write(info: ErrorInfo, violations: string | undefined): string;
}

// The built-in formats' writers: their bodies are written as text, without the object.
const writers = new WeakMap<HouseFormat, BodyWriter>();

/** The built-in format's writer; undefined for a `defineFormat` value, whose object is serialised. */
export function bodyWriterOf(format: HouseFormat): BodyWriter | undefined {
  return writers.get(format);
}

function twoFields<Body extends object>(name: string, codeField: string, messageField: string, detailsField: string): HouseFormat<Body> {
  const schema: JsonSchema = {
    type: 'object',
    required: [codeField, messageField],
    properties: { [codeField]: { type: 'string' }, [messageField]: { type: 'string' } },
    additionalProperties: false,
  };
  const format = defineFormat<Body>({
    name,
    codeField,
    // Two members exactly, as the house's own documents show, unless the error carries details.
    body: (info) => (info.details === undefined
      ? { [codeField]: info.code, [messageField]: info.message }
      : { [codeField]: info.code, [messageField]: info.message, [detailsField]: info.details }) as Body,
    schema,
    schemaWithDetails: (details) => ({
      ...schema,
      properties: { ...(schema.properties as object), [detailsField]: detailsMemberSchema(details) },
    }),
    parse: (body) => {
      const code = ownField(body, codeField);
      const message = ownField(body, messageField);
      if (typeof code !== 'string' || typeof message !== 'string') return undefined;
      const details = ownField(body, detailsField);
      return details === undefined ? { code, message } : { code, message, details };
    },
  });
  // The same body as text: `JSON.stringify(format.body(info))`, written directly.
  const codeKey = `{${JSON.stringify(codeField)}:`;
  const messageKey = `,${JSON.stringify(messageField)}:`;
  const detailsKey = `,${JSON.stringify(detailsField)}:`;
  writers.set(format, {
    form: 'house',
    write: (info, violations) => {
      const head = `${codeKey}${jsonString(info.code)}${messageKey}${jsonString(info.message)}`;
      if (violations !== undefined) return `${head}${detailsKey}${violations}}`;
      return info.details === undefined ? `${head}}` : `${head}${detailsKey}${JSON.stringify(info.details)}}`;
    },
  });
  return format;
}

/** Options of `problemDetails`. */
export interface ProblemDetailsOptions {
  /**
   * Base URI of the `type` member: the key is appended (`https://api.example.com/errors#USER_NOT_EXIST`
   * with a base ending in `#`). Without it `type` is `about:blank`, as RFC 9457 §4.2.1 allows.
   */
  readonly typeBase?: string;
}

/**
 * RFC 9457 `application/problem+json`: `type`, `title` (the status phrase), `status`,
 * `detail` (the message) and the `code` extension member.
 * @example errorHandler(errors, { format: problemDetails({ typeBase: 'https://api.example.com/errors#' }) })
 */
export function problemDetails(options: ProblemDetailsOptions = {}): HouseFormat<ProblemDetailsBody> {
  const base = options.typeBase;
  if (base !== undefined && (typeof base !== 'string' || !/^[A-Za-z][A-Za-z0-9+.-]*:[^\s"\\]*$/.test(base))) {
    throw new TypeError(`house-errors: problemDetails typeBase must be an absolute URI, got ${JSON.stringify(base)}`);
  }
  const typeOf = (key: string): string => (base === undefined ? 'about:blank' : base + key.replace(/[{}]/g, ''));
  const titleOf = (status: number): string => statuses.message[status] ?? (status < 500 ? 'Client Error' : 'Server Error');
  const format = defineFormat<ProblemDetailsBody>({
    name: 'problem-details',
    contentType: 'application/problem+json; charset=utf-8',
    codeField: 'code',
    body: (info) => {
      const body: Record<string, unknown> = {
        type: typeOf(info.key),
        title: titleOf(info.status),
        status: info.status,
        detail: info.message,
        code: info.code,
      };
      const details = info.details;
      if (Array.isArray(details)) body.errors = (details as readonly Violation[]).map(problemOf);
      // A definition's own details are extension members (RFC 9457 §3.2); the handler refuses names the format uses.
      else if (details !== undefined) for (const name of Object.keys(details)) if (!PROBLEM_DETAILS_MEMBERS.includes(name)) body[name] = (details as Record<string, unknown>)[name];
      return body as ProblemDetailsBody;
    },
    schema: PROBLEM_SCHEMA,
    schemaWithDetails: (details) => details.kind === 'violations'
      ? { ...PROBLEM_SCHEMA, properties: { ...PROBLEM_SCHEMA.properties, errors: problemErrorsSchema(details.codes) } }
      // The definition's members are optional here: an error may be thrown without its details.
      : { ...PROBLEM_SCHEMA, properties: { ...(closed(details.schema).properties as object), ...PROBLEM_SCHEMA.properties } },
    parse: (body) => {
      const code = ownField(body, 'code');
      const detail = ownField(body, 'detail');
      if (typeof code !== 'string' || typeof detail !== 'string') return undefined;
      const errors = ownField(body, 'errors');
      return errors === undefined ? { code, message: detail } : { code, message: detail, details: errors };
    },
  });
  writers.set(format, {
    form: 'problem',
    write: (info, violations) => {
      // A definition's own details are members among the others: written by JSON.stringify, in the object's order.
      if (info.details !== undefined) return JSON.stringify(format.body(info));
      const head = `{"type":${jsonString(typeOf(info.key))},"title":${jsonString(titleOf(info.status))},"status":${info.status},`
        + `"detail":${jsonString(info.message)},"code":${jsonString(info.code)}`;
      return violations === undefined ? `${head}}` : `${head},"errors":${violations}}`;
    },
  });
  return format;
}

const PROBLEM_SCHEMA = {
  type: 'object',
  required: ['type', 'title', 'status', 'detail', 'code'],
  properties: {
    type: { type: 'string', format: 'uri-reference' },
    title: { type: 'string' },
    status: { type: 'integer', minimum: 400, maximum: 599 },
    detail: { type: 'string' },
    code: { type: 'string' },
  },
} as const;

function problemOf(violation: Violation): ProblemDetailsViolation {
  const out: { -readonly [K in keyof ProblemDetailsViolation]: ProblemDetailsViolation[K] } = {
    detail: violation.message, pointer: violation.pointer, code: violation.code, location: violation.location,
  };
  if (violation.params !== undefined) out.params = violation.params;
  if (violation.value !== undefined) out.value = violation.value;
  return out;
}

function problemErrorsSchema(codes: readonly string[]): JsonSchema {
  const items = (violationsSchema(codes).items as { properties: Record<string, unknown> }).properties;
  return {
    type: 'array',
    items: {
      type: 'object',
      required: ['detail', 'pointer', 'code', 'location'],
      properties: { detail: items.message, pointer: items.pointer, code: items.code, location: items.location, params: items.params, value: items.value },
      additionalProperties: false,
    },
  };
}

// The three house formats differ only in their two members: the one place their names are written.
const TWO_FIELDS = {
  'errorCode-reason': ['errorCode', 'reason'], 'code-description': ['code', 'description'], 'code-message': ['code', 'message'],
} as const satisfies Readonly<Record<string, readonly [string, string]>>;
type TwoFieldName = keyof typeof TWO_FIELDS;
const houseFormat = <N extends TwoFieldName>(name: N, detailsField: string): HouseFormat<BuiltinBodies[N]> =>
  twoFields<BuiltinBodies[N]>(name, TWO_FIELDS[name][0], TWO_FIELDS[name][1], detailsField);

/**
 * The built-in formats by name.
 * @example builtinFormats['problem-details'].contentType // 'application/problem+json; charset=utf-8'
 */
export const builtinFormats: { readonly [N in BuiltinFormatName]: HouseFormat<BuiltinBodies[N]> } = Object.freeze({
  'errorCode-reason': houseFormat('errorCode-reason', DEFAULT_DETAILS_FIELD),
  'code-description': houseFormat('code-description', DEFAULT_DETAILS_FIELD),
  'code-message': houseFormat('code-message', DEFAULT_DETAILS_FIELD),
  'problem-details': problemDetails(),
});

const withField = new Map<string, HouseFormat>();

/**
 * Resolves a format name or value; throws a TypeError naming the choices for anything else.
 * `detailsField` names the member where the three house formats put details (problem details
 * always uses `errors` and extension members; a `defineFormat` value decides itself).
 */
export function resolveFormat(ref: unknown, detailsField: string = DEFAULT_DETAILS_FIELD): HouseFormat {
  if (typeof ref === 'string' && Object.hasOwn(builtinFormats, ref)) {
    const fields = Object.hasOwn(TWO_FIELDS, ref) ? TWO_FIELDS[ref as TwoFieldName] : undefined;
    if (fields === undefined || detailsField === DEFAULT_DETAILS_FIELD) return builtinFormats[ref as BuiltinFormatName];
    if (!/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(detailsField) || (fields as readonly string[]).includes(detailsField)) {
      throw new TypeError(`house-errors: detailsField must be a member name [A-Za-z_][A-Za-z0-9_]* of at most 64 characters other than ${fields.map((f) => `"${f}"`).join(' and ')}, got ${JSON.stringify(detailsField)}`);
    }
    const id = `${ref}\u0000${detailsField}`;
    let format = withField.get(id);
    if (format === undefined) withField.set(id, format = houseFormat(ref as TwoFieldName, detailsField));
    return format;
  }
  if (isHouseFormat(ref)) return ref;
  const choices = Object.keys(builtinFormats).map((n) => `'${n}'`).join(', ');
  throw new TypeError(`house-errors: unknown format ${typeof ref === 'string' ? JSON.stringify(ref) : typeof ref} (expected ${choices} or a defineFormat(...) value)`);
}
