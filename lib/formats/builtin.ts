/**
 * The built-in house formats, each one of the seeds' body shapes, plus RFC 9457 problem
 * details. Three of them differ only in their two field names, so they are data.
 */
import statuses from 'statuses';
import { defineFormat, isHouseFormat, type HouseFormat } from './format.js';

/** `{"errorCode","reason"}` (the marketplace example's house format). */
export interface ErrorCodeReasonBody { readonly errorCode: string; readonly reason: string }
/** `{"code","description"}` (the groupware example's). */
export interface CodeDescriptionBody { readonly code: string; readonly description: string }
/** `{"code","message"}` (the game market example's). */
export interface CodeMessageBody { readonly code: string; readonly message: string }
/** RFC 9457 problem details with the wire code as the `code` extension member. */
export interface ProblemDetailsBody {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly code: string;
}

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

function twoFields<Body extends object>(name: string, codeField: string, messageField: string): HouseFormat<Body> {
  return defineFormat<Body>({
    name,
    codeField,
    body: (info) => ({ [codeField]: info.code, [messageField]: info.message }) as Body,
    schema: {
      type: 'object',
      required: [codeField, messageField],
      properties: { [codeField]: { type: 'string' }, [messageField]: { type: 'string' } },
      additionalProperties: false,
    },
    parse: (body) => {
      const code = ownField(body, codeField);
      const message = ownField(body, messageField);
      return typeof code === 'string' && typeof message === 'string' ? { code, message } : undefined;
    },
  });
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
  return defineFormat<ProblemDetailsBody>({
    name: 'problem-details',
    contentType: 'application/problem+json; charset=utf-8',
    codeField: 'code',
    body: (info) => ({
      type: base === undefined ? 'about:blank' : base + info.key.replace(/[{}]/g, ''),
      title: statuses.message[info.status] ?? (info.status < 500 ? 'Client Error' : 'Server Error'),
      status: info.status,
      detail: info.message,
      code: info.code,
    }),
    schema: {
      type: 'object',
      required: ['type', 'title', 'status', 'detail', 'code'],
      properties: {
        type: { type: 'string', format: 'uri-reference' },
        title: { type: 'string' },
        status: { type: 'integer', minimum: 400, maximum: 599 },
        detail: { type: 'string' },
        code: { type: 'string' },
      },
    },
    parse: (body) => {
      const code = ownField(body, 'code');
      const detail = ownField(body, 'detail');
      return typeof code === 'string' && typeof detail === 'string' ? { code, message: detail } : undefined;
    },
  });
}

/**
 * The built-in formats by name.
 * @example builtinFormats['problem-details'].contentType // 'application/problem+json; charset=utf-8'
 */
export const builtinFormats: { readonly [N in BuiltinFormatName]: HouseFormat<BuiltinBodies[N]> } = Object.freeze({
  'errorCode-reason': twoFields<ErrorCodeReasonBody>('errorCode-reason', 'errorCode', 'reason'),
  'code-description': twoFields<CodeDescriptionBody>('code-description', 'code', 'description'),
  'code-message': twoFields<CodeMessageBody>('code-message', 'code', 'message'),
  'problem-details': problemDetails(),
});

/** Resolves a format name or value; throws a TypeError naming the choices for anything else. */
export function resolveFormat(ref: unknown): HouseFormat {
  if (typeof ref === 'string' && Object.hasOwn(builtinFormats, ref)) return builtinFormats[ref as BuiltinFormatName];
  if (isHouseFormat(ref)) return ref;
  const choices = Object.keys(builtinFormats).map((n) => `'${n}'`).join(', ');
  throw new TypeError(`house-errors: unknown format ${typeof ref === 'string' ? JSON.stringify(ref) : typeof ref} (expected ${choices} or a defineFormat(...) value)`);
}
