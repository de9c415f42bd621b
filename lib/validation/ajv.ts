/**
 * `fromAjv`: ajv 8's `errors` as violations. ajv's `instancePath` is already a JSON Pointer; the
 * property a `required` or `additionalProperties` error is about is folded into it, so the pointer
 * names the missing or extra field itself.
 */
import type { ConvertedViolations } from '../formats/violations.js';
import { ownGet, safeGet } from '../rules/headers.js';
import { MAX_POINTER_LENGTH, isPointer, pointerSegments } from '../rules/pointer.js';
import {
  Collector,
  allowedList,
  eachIssue,
  isList,
  patternText,
  resolveOptions,
  stringAt,
  type ConverterOptions,
  type Segment,
} from './convert.js';

/**
 * ajv's error list: `validate.errors` or `ajv.errors` (`null` when the data was valid).
 * @example const valid = validate(body); fromAjv(validate.errors);
 */
export type AjvErrorsLike = readonly object[] | null | undefined;

/**
 * Converts ajv 8's errors (with or without `allErrors`, with or without `verbose`) into
 * violations, one per error, in ajv's order: `required` → `REQUIRED` at the missing property;
 * `additionalProperties` / `unevaluatedProperties` → `UNKNOWN_FIELD` at the extra property;
 * `minLength` → `TOO_SHORT { minimum }`; `minimum` → `TOO_SMALL { minimum, comparison }`; `enum` →
 * `NOT_ALLOWED { allowed }`; `pattern` → `PATTERN { pattern }`; `format` → `FORMAT { format }`;
 * anything else → `INVALID`. ajv's messages are never used. With `verbose: true` the offending value
 * (ajv's `data`) is carried, and sent only when the catalog's violation code opts in.
 *
 * `null` or `undefined` (valid data) gives an empty list. Throws a TypeError for any other
 * argument that is not an array, or a wrong option; never for what the errors contain.
 * @example
 * if (!validate(req.body)) throw errors.INVALID_PARAMETER({}, { details: fromAjv(validate.errors) });
 */
export function fromAjv(errors: AjvErrorsLike, options?: ConverterOptions): ConvertedViolations {
  const resolved = resolveOptions('fromAjv', options);
  if (errors !== null && errors !== undefined && !isList(errors)) throw new TypeError('fromAjv: expected ajv\'s errors array (validate.errors)');
  const collector = new Collector(resolved);
  eachIssue(errors, collector, (error) => visit(error, collector));
  return collector.done();
}

/** Each bound keyword: the violation it becomes and the param name its limit goes under. */
const LIMITS: { readonly [keyword: string]: readonly [code: string, param: string, comparison?: string] } = {
  minLength: ['TOO_SHORT', 'minimum'],
  maxLength: ['TOO_LONG', 'maximum'],
  minItems: ['TOO_FEW', 'minimum'],
  maxItems: ['TOO_MANY', 'maximum'],
  minimum: ['TOO_SMALL', 'minimum', '>='],
  exclusiveMinimum: ['TOO_SMALL', 'minimum', '>'],
  maximum: ['TOO_BIG', 'maximum', '<='],
  exclusiveMaximum: ['TOO_BIG', 'maximum', '<'],
};

function visit(error: unknown, c: Collector): void {
  const keyword = stringAt(error, 'keyword');
  const params = safeGet(error, 'params');
  let path = instancePath(error);
  // propertyNames: the error is about a key, so the pointer names that key.
  const propertyName = stringAt(error, 'propertyName') ?? (keyword === 'propertyNames' ? stringAt(params, 'propertyName') : undefined);
  if (propertyName !== undefined) path = [...path, propertyName];
  const data = safeGet(error, 'data');
  const limit = keyword === undefined || !Object.hasOwn(LIMITS, keyword) ? undefined : LIMITS[keyword];
  if (limit !== undefined) {
    const [code, name, comparison] = limit;
    c.add(path, code, keyword, comparison === undefined ? { [name]: safeGet(params, 'limit') } : { [name]: safeGet(params, 'limit'), comparison }, data);
    return;
  }
  switch (keyword) {
    case 'required':
    case 'dependencies':
    case 'dependentRequired': {
      const missing = stringAt(params, 'missingProperty');
      c.add(missing === undefined ? path : [...path, missing], 'REQUIRED', keyword);
      return;
    }
    case 'additionalProperties':
    case 'unevaluatedProperties': {
      const extra = stringAt(params, keyword === 'additionalProperties' ? 'additionalProperty' : 'unevaluatedProperty');
      // With verbose, `data` is the object: the value is the extra property's.
      c.add(extra === undefined ? path : [...path, extra], 'UNKNOWN_FIELD', keyword, undefined, extra === undefined ? undefined : ownGet(data, extra));
      return;
    }
    case 'type': {
      const type = safeGet(params, 'type');
      c.add(path, 'INVALID_TYPE', keyword, { expected: isList(type) ? allowedList(type) : type }, data);
      return;
    }
    case 'enum':
      c.add(path, 'NOT_ALLOWED', keyword, { allowed: allowedList(safeGet(params, 'allowedValues')) }, data);
      return;
    case 'const':
      c.add(path, 'NOT_ALLOWED', keyword, { allowed: allowedList([safeGet(params, 'allowedValue')]) }, data);
      return;
    case 'pattern':
      c.add(path, 'PATTERN', keyword, { pattern: patternText(safeGet(params, 'pattern')) }, data);
      return;
    case 'format':
      c.add(path, 'FORMAT', keyword, { format: safeGet(params, 'format') }, data);
      return;
    default:
      c.add(path, 'INVALID', keyword, undefined, data);
  }
}

/** `instancePath` as segments; a path that is not a JSON Pointer (ajv's old `jsPropertySyntax`) names the whole location. */
function instancePath(error: unknown): Segment[] {
  let pointer = stringAt(error, 'instancePath') ?? stringAt(error, 'dataPath');
  if (pointer === undefined) return [];
  // A pointer too long to send is cut at a segment boundary before it is read.
  if (pointer.length > MAX_POINTER_LENGTH) pointer = pointer.slice(0, Math.max(0, pointer.lastIndexOf('/', MAX_POINTER_LENGTH)));
  return isPointer(pointer) ? pointerSegments(pointer) : [];
}

