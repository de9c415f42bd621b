/**
 * `fromStandardSchema`: the issues of any Standard Schema v1 validator (valibot, arktype, zod 4…)
 * as violations. The standard issue has only `message` and `path`, so a plain one becomes
 * `INVALID`; where the library attaches more (valibot's `kind`/`type`/`requirement`, arktype's
 * `code`/`rule`, zod 4's `code`), it picks the violation code.
 */
import type { ConvertedViolations } from '../formats/violations.js';
import { ownGet, safeGet } from '../rules/headers.js';
import {
  Collector,
  addRange,
  allowedList,
  canNest,
  dateText,
  eachIssue,
  eachNested,
  isList,
  lengthOf,
  patternText,
  readPath,
  resolveOptions,
  stringAt,
  type ConverterOptions,
  type Segment,
} from './convert.js';
import { visitZodIssue } from './zod.js';

/**
 * A Standard Schema issue: a message and an optional path of keys or `{ key }` segments.
 * @example { message: 'Invalid length', path: [{ key: 'name' }] }
 */
export interface StandardSchemaIssueLike {
  readonly message: string;
  readonly path?: ReadonlyArray<PropertyKey | { readonly key: PropertyKey }> | undefined;
}

/**
 * What `schema['~standard'].validate(value)` returns on failure, or its `issues`.
 * @example const result = await schema['~standard'].validate(body); if (result.issues) fromStandardSchema(result);
 */
export type StandardSchemaIssuesLike = readonly StandardSchemaIssueLike[] | { readonly issues: readonly StandardSchemaIssueLike[] };

/**
 * Converts the issues of a Standard Schema v1 validator into violations, one per issue, in order.
 * The standard interface has no issue codes, so an issue is `INVALID` unless its library says more:
 * valibot's `min_length` → `TOO_SHORT { minimum }` (on a string) or `TOO_FEW` (on an array), a
 * missing key → `REQUIRED`, a strict object's extra key → `UNKNOWN_FIELD`; arktype's `required`,
 * `minLength`, `min`, `pattern`, `domain`…; zod 4's codes as {@link fromZod} maps them. Union
 * issues are flattened with their full paths. A path segment that is a symbol ends the pointer at
 * its parent (no request can name a symbol). Messages are never used.
 *
 * Throws a TypeError for an argument that is neither an issues array nor a result with one, or a
 * wrong option; never for what the issues contain.
 * @example
 * const result = await Signup['~standard'].validate(req.body);
 * if (result.issues) throw errors.INVALID_PARAMETER({}, { details: fromStandardSchema(result.issues) });
 */
export function fromStandardSchema(issues: StandardSchemaIssuesLike, options?: ConverterOptions): ConvertedViolations {
  const resolved = resolveOptions('fromStandardSchema', options);
  const list = isList(issues) ? issues : safeGet(issues, 'issues');
  if (!isList(list)) throw new TypeError('fromStandardSchema: expected the issues array of a failed validate() (or the result holding it)');
  const collector = new Collector(resolved);
  eachIssue(list, collector, (issue) => visit(issue, [], 0, collector));
  return collector.done();
}

const VALIBOT_KINDS: ReadonlySet<string> = new Set(['schema', 'validation', 'transformation']);
const ARKTYPE_CODES: ReadonlySet<string> = new Set([
  'required', 'domain', 'proto', 'unit', 'union', 'intersection', 'pattern', 'min', 'max', 'minLength',
  'maxLength', 'exactLength', 'after', 'before', 'divisor', 'predicate', 'morph',
]);
const ZOD_CODES: ReadonlySet<string> = new Set([
  'invalid_type', 'too_small', 'too_big', 'invalid_format', 'not_multiple_of', 'unrecognized_keys',
  'invalid_union', 'invalid_key', 'invalid_element', 'invalid_value', 'custom',
]);

function visit(issue: unknown, prefix: readonly Segment[], depth: number, c: Collector): void {
  const kind = stringAt(issue, 'kind');
  const type = stringAt(issue, 'type');
  if (kind !== undefined && type !== undefined && VALIBOT_KINDS.has(kind)) {
    valibot(issue, kind, type, prefix, depth, c);
    return;
  }
  const code = stringAt(issue, 'code');
  if (code !== undefined && ARKTYPE_CODES.has(code)) arktype(issue, code, prefix, depth, c);
  else if (code !== undefined && ZOD_CODES.has(code)) visitZodIssue(issue, prefix, depth, c);
  else c.add(readPath(safeGet(issue, 'path'), prefix), 'INVALID', code);
}

/** valibot's validations whose `type` is a string format. */
const VALIBOT_FORMATS: ReadonlySet<string> = new Set([
  'email', 'rfc_email', 'url', 'uuid', 'ulid', 'nanoid', 'cuid2', 'iso_date', 'iso_date_time', 'iso_time',
  'iso_time_second', 'iso_timestamp', 'iso_week', 'ip', 'ipv4', 'ipv6', 'mac', 'mac48', 'mac64', 'hex_color',
  'hexadecimal', 'base64', 'bic', 'credit_card', 'imei', 'decimal', 'digits', 'octal', 'emoji', 'slug',
  'starts_with', 'ends_with', 'includes',
]);

const OBJECTS: ReadonlySet<string> = new Set(['object', 'loose_object', 'strict_object', 'object_with_rest']);

function valibot(issue: unknown, kind: string, type: string, prefix: readonly Segment[], depth: number, c: Collector): void {
  const path = readPath(safeGet(issue, 'path'), prefix);
  const input = safeGet(issue, 'input');
  const requirement = safeGet(issue, 'requirement');
  if (kind === 'schema') {
    if (OBJECTS.has(type) && lengthOf(safeGet(issue, 'path')) > 0) {
      // A missing key has no input; a strict object's extra key has the key itself as input.
      const last = lastPathItem(issue);
      if (input === undefined) return c.add(path, 'REQUIRED', type);
      if (type === 'strict_object' && input === safeGet(last, 'key')) return c.add(path, 'UNKNOWN_FIELD', type, undefined, safeGet(last, 'value'));
    }
    if (type === 'union' || type === 'variant') {
      // A union's issues have paths relative to it.
      if (eachNested(safeGet(issue, 'issues'), depth, c, (inner, d) => visit(inner, path, d, c))) return;
      return c.add(path, 'INVALID', type, undefined, input);
    }
    if (type === 'picklist' || type === 'enum' || type === 'literal') {
      return c.add(path, 'NOT_ALLOWED', type, { allowed: allowedFromExpected(stringAt(issue, 'expected')) }, input);
    }
    if (type === 'custom' || type === 'instance') return c.add(path, 'INVALID', type, undefined, input);
    return c.add(path, 'INVALID_TYPE', type, { expected: OBJECTS.has(type) ? 'object' : type }, input);
  }
  switch (type) {
    case 'min_length':
    case 'max_length':
    case 'non_empty':
    case 'length':
      return lengthBound(path, type, type === 'non_empty' ? 1 : requirement, type === 'max_length' ? 'max' : type === 'length' ? 'exact' : 'min', input, c);
    case 'min_value':
    case 'gt_value':
    case 'max_value':
    case 'lt_value': {
      const limit = requirement instanceof Date ? dateText(requirement) : requirement;
      return addRange(c, path, type, type === 'min_value' || type === 'gt_value', type === 'gt_value' || type === 'lt_value', limit, input);
    }
    case 'regex':
      return c.add(path, 'PATTERN', type, { pattern: patternText(requirement) }, input);
    case 'integer':
      return c.add(path, 'INVALID_TYPE', type, { expected: 'integer' }, input);
    case 'value':
      return c.add(path, 'NOT_ALLOWED', type, { allowed: allowedList([requirement]) }, input);
    case 'values':
      return c.add(path, 'NOT_ALLOWED', type, { allowed: allowedList(requirement) }, input);
    default:
      if (VALIBOT_FORMATS.has(type)) return c.add(path, 'FORMAT', type, { format: type }, input);
      return c.add(path, 'INVALID', type, undefined, input);
  }
}

/** The last item of a valibot path (`{ key, value }`), or undefined. */
function lastPathItem(issue: unknown): unknown {
  const path = safeGet(issue, 'path');
  const length = lengthOf(path);
  return length === 0 ? undefined : safeGet(path, String(length - 1));
}

/**
 * valibot's picklist / enum / literal issues name the options only in `expected`, written as
 * `("a" | "b")` with each option JSON-quoted: read back when every option parses to a string,
 * number or boolean; otherwise no param.
 */
function allowedFromExpected(expected: string | undefined): string | undefined {
  if (expected === undefined || expected.length > 4096) return undefined;
  const inner = expected.startsWith('(') && expected.endsWith(')') ? expected.slice(1, -1) : expected;
  const options: unknown[] = [];
  for (const part of inner.split(' | ')) {
    try {
      const option: unknown = JSON.parse(part);
      if (typeof option !== 'string' && typeof option !== 'number' && typeof option !== 'boolean') return undefined;
      options.push(option);
    } catch {
      return undefined;
    }
  }
  return allowedList(options);
}

/**
 * A length bound, by what was measured: a string → TOO_SHORT / TOO_LONG, an array → TOO_FEW /
 * TOO_MANY; an exact length by which side it missed; anything else INVALID.
 */
function lengthBound(path: Segment[], libraryCode: string, limit: unknown, side: 'min' | 'max' | 'exact', input: unknown, c: Collector): void {
  const text = typeof input === 'string';
  const length = text ? (input as string).length : isList(input) ? lengthOf(input) : undefined;
  if (length === undefined) return c.add(path, 'INVALID', libraryCode, undefined, input);
  const short = side === 'min' || (side === 'exact' && typeof limit === 'number' && length < limit);
  const code = short ? (text ? 'TOO_SHORT' : 'TOO_FEW') : (text ? 'TOO_LONG' : 'TOO_MANY');
  c.add(path, code, libraryCode, { [short ? 'minimum' : 'maximum']: limit }, input);
}

function arktype(issue: unknown, code: string, prefix: readonly Segment[], depth: number, c: Collector): void {
  const path = readPath(safeGet(issue, 'path'), prefix);
  const data = safeGet(issue, 'data');
  const rule = safeGet(issue, 'rule');
  switch (code) {
    case 'required':
      return c.add(path, 'REQUIRED', code);
    case 'domain':
      return c.add(path, 'INVALID_TYPE', code, { expected: safeGet(issue, 'domain') }, data);
    case 'proto': {
      const proto = safeGet(issue, 'proto');
      return c.add(path, 'INVALID_TYPE', code, { expected: proto === Array ? 'array' : proto === Date ? 'date' : 'object' }, data);
    }
    case 'unit':
      return c.add(path, 'NOT_ALLOWED', code, { allowed: allowedList([safeGet(issue, 'unit')]) }, data);
    case 'union':
    case 'intersection': {
      const errors = safeGet(issue, 'errors');
      // A union of literals answers once, naming every allowed value.
      if (code === 'union' && unitsOnly(errors)) {
        return c.add(path, 'NOT_ALLOWED', code, { allowed: allowedList(Array.from({ length: lengthOf(errors) }, (_, i) => safeGet(safeGet(errors, String(i)), 'unit'))) }, data);
      }
      // Their errors carry full paths.
      if (canNest(depth) && lengthOf(errors) > 0) {
        eachIssue(errors, c, (inner) => visit(inner, [], depth + 1, c));
        return;
      }
      return c.add(path, 'INVALID', code, undefined, data);
    }
    case 'pattern':
      return c.add(path, 'PATTERN', code, { pattern: patternText(rule) }, data);
    case 'min':
    case 'max':
    case 'after':
    case 'before': {
      const limit = code === 'after' || code === 'before' ? dateText(rule) : rule;
      return addRange(c, path, code, code === 'min' || code === 'after', safeGet(issue, 'exclusive') === true, limit, data);
    }
    case 'minLength':
    case 'maxLength':
    case 'exactLength':
      return lengthBound(path, code, rule, code === 'minLength' ? 'min' : code === 'maxLength' ? 'max' : 'exact', data, c);
    case 'predicate':
      // arktype marks a key that `'+': 'reject'` refuses with the expectation 'removed'.
      if (ownGet(safeGet(issue, 'input'), 'expected') === 'removed') return c.add(path, 'UNKNOWN_FIELD', code);
      return c.add(path, 'INVALID', code, undefined, data);
    default:
      return c.add(path, 'INVALID', code, undefined, data);
  }
}

/** True when a union's errors are all `unit` errors: a union of literals. */
function unitsOnly(errors: unknown): boolean {
  const length = lengthOf(errors);
  if (length === 0 || length > 64) return false;
  for (let i = 0; i < length; i++) {
    if (stringAt(safeGet(errors, String(i)), 'code') !== 'unit') return false;
  }
  return true;
}

