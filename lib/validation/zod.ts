/**
 * `fromZod`: a zod 3 or zod 4 error as violations. The two majors name their issues differently
 * (zod 4's `too_small` has `origin` where zod 3's has `type`; zod 4's `invalid_type` has no
 * `received`), so each issue is read by what it carries, not by a version check.
 */
import type { ConvertedViolations } from '../formats/violations.js';
import { safeGet } from '../rules/headers.js';
import {
  Collector,
  addRange,
  allowedList,
  canNest,
  dateText,
  eachIssue,
  eachNested,
  isList,
  patternText,
  readPath,
  resolveOptions,
  stringAt,
  type ConverterOptions,
  type Segment,
} from './convert.js';

/**
 * A zod error (`ZodError` of zod 3 or 4), or its `issues` array.
 * @example const result = schema.safeParse(body); if (!result.success) fromZod(result.error);
 */
export type ZodErrorLike = { readonly issues: readonly object[] } | readonly object[];

/**
 * Converts a zod 3 or zod 4 validation error into violations, one per issue, in zod's order:
 * `too_small` on a string → `TOO_SHORT { minimum }`, on a number → `TOO_SMALL { minimum,
 * comparison }`, on an array → `TOO_FEW { minimum }`; a missing field → `REQUIRED`; unknown keys →
 * one `UNKNOWN_FIELD` per key; a union's issues are flattened with their full paths; anything else →
 * `INVALID`. zod's messages are never used. Parse with `{ reportInput: true }` on zod 4, so a missing
 * field is told apart from a wrong type and the offending value is carried (sent only when the
 * catalog's violation code opts in).
 *
 * Throws a TypeError for an argument that is neither a zod error nor an array, or a wrong option;
 * never for what the issues contain.
 * @example
 * const result = Signup.safeParse(req.body, { reportInput: true });
 * if (!result.success) throw errors.INVALID_PARAMETER({}, { details: fromZod(result.error) });
 */
export function fromZod(error: ZodErrorLike, options?: ConverterOptions): ConvertedViolations {
  const resolved = resolveOptions('fromZod', options);
  const issues = isList(error) ? error : safeGet(error, 'issues');
  if (!isList(issues)) throw new TypeError('fromZod: expected a ZodError or its issues array');
  const collector = new Collector(resolved);
  eachIssue(issues, collector, (issue) => visitZodIssue(issue, [], 0, collector));
  return collector.done();
}

/**
 * One zod issue into the collector (also for zod 4's issues read through Standard Schema);
 * `prefix` is the path of the union or collection a nested issue belongs to.
 * @example visitZodIssue({ code: 'too_small', origin: 'string', minimum: 3, path: ['name'] }, [], 0, collector)
 */
export function visitZodIssue(issue: unknown, prefix: readonly Segment[], depth: number, c: Collector): void {
  const code = stringAt(issue, 'code');
  const path = readPath(safeGet(issue, 'path'), prefix);
  const value = inputOf(issue);
  switch (code) {
    case 'invalid_type': {
      // zod 3 says `received: 'undefined'`; zod 4 says so only through `input` (reportInput) or `nonoptional`.
      const expected = stringAt(issue, 'expected');
      const missing = stringAt(issue, 'received') === 'undefined' || expected === 'nonoptional' || (value.present && value.input === undefined);
      if (missing) c.add(path, 'REQUIRED', code);
      else c.add(path, 'INVALID_TYPE', code, { expected }, value.input);
      return;
    }
    case 'too_small':
    case 'too_big':
      bound(issue, code, path, value.input, c);
      return;
    case 'invalid_format': {
      const format = stringAt(issue, 'format');
      if (format === 'regex') c.add(path, 'PATTERN', code, { pattern: patternText(safeGet(issue, 'pattern')) }, value.input);
      else c.add(path, 'FORMAT', code, { format }, value.input);
      return;
    }
    case 'invalid_string': {
      // zod 3: `validation` is a name ('email'), or { includes | startsWith | endsWith }; a regex issue carries no pattern.
      const validation = safeGet(issue, 'validation');
      if (validation === 'regex') c.add(path, 'PATTERN', code);
      else c.add(path, 'FORMAT', code, { format: typeof validation === 'string' ? validation : stringFormat(validation) });
      return;
    }
    case 'invalid_value':
      c.add(path, 'NOT_ALLOWED', code, { allowed: allowedList(safeGet(issue, 'values')) }, value.input);
      return;
    case 'invalid_enum_value':
      c.add(path, 'NOT_ALLOWED', code, { allowed: allowedList(safeGet(issue, 'options')) }, safeGet(issue, 'received'));
      return;
    case 'invalid_literal':
      c.add(path, 'NOT_ALLOWED', code, { allowed: allowedList([safeGet(issue, 'expected')]) }, safeGet(issue, 'received'));
      return;
    case 'invalid_union_discriminator':
      c.add(path, 'NOT_ALLOWED', code, { allowed: allowedList(safeGet(issue, 'options')) });
      return;
    case 'unrecognized_keys':
      unknownKeys(safeGet(issue, 'keys'), path, code, c);
      return;
    case 'invalid_union':
      if (!union(issue, path, depth, c)) {
        // zod 4's discriminated union names the discriminator's options; otherwise nothing matched.
        const options = safeGet(issue, 'options');
        if (isList(options)) c.add(path, 'NOT_ALLOWED', code, { allowed: allowedList(options) }, value.input);
        else c.add(path, 'INVALID', code, undefined, value.input);
      }
      return;
    case 'invalid_element':
      // zod 4: a Map's or Set's element; its issues' paths start at the element.
      if (!nested(safeGet(issue, 'issues'), path, depth, c)) c.add(path, 'INVALID', code);
      return;
    default:
      c.add(path, 'INVALID', code, undefined, value.input);
  }
}

/** zod 4's `input` (present only with `reportInput: true`), told apart from an absent one. */
function inputOf(issue: unknown): { present: boolean; input: unknown } {
  try {
    if (typeof issue === 'object' && issue !== null && Object.hasOwn(issue, 'input')) return { present: true, input: (issue as { input: unknown }).input };
  } catch {
    // A hostile issue: no input.
  }
  return { present: false, input: undefined };
}

/** too_small / too_big, by what was measured: a string's length, an array's or set's size, a number, a date. */
function bound(issue: unknown, code: 'too_small' | 'too_big', path: Segment[], input: unknown, c: Collector): void {
  const small = code === 'too_small';
  const limit = safeGet(issue, small ? 'minimum' : 'maximum');
  const name = small ? 'minimum' : 'maximum';
  const exclusive = safeGet(issue, 'inclusive') === false;
  switch (stringAt(issue, 'origin') ?? stringAt(issue, 'type')) {
    case 'string':
      c.add(path, small ? 'TOO_SHORT' : 'TOO_LONG', code, { [name]: limit }, input);
      return;
    case 'array':
    case 'set':
      c.add(path, small ? 'TOO_FEW' : 'TOO_MANY', code, { [name]: limit });
      return;
    case 'number':
    case 'int':
    case 'bigint':
      addRange(c, path, code, small, exclusive, limit, input);
      return;
    case 'date':
      addRange(c, path, code, small, exclusive, dateText(limit));
      return;
    default:
      c.add(path, 'INVALID', code, undefined, input);
  }
}

/** zod 3's object-valued `validation` as a format name. */
function stringFormat(validation: unknown): string | undefined {
  if (safeGet(validation, 'includes') !== undefined) return 'includes';
  if (safeGet(validation, 'startsWith') !== undefined) return 'starts_with';
  if (safeGet(validation, 'endsWith') !== undefined) return 'ends_with';
  return undefined;
}

/** One UNKNOWN_FIELD per extra key, pointing at the key; each key counts as an issue read. */
function unknownKeys(keys: unknown, path: Segment[], code: string, c: Collector): void {
  if (!isList(keys)) {
    c.add(path, 'UNKNOWN_FIELD', code);
    return;
  }
  eachIssue(keys, c, (key) => {
    if (typeof key === 'string') c.add([...path, key], 'UNKNOWN_FIELD', code);
  });
}

/**
 * A union's branches, flattened: zod 4's `errors` (issue lists whose paths start at the union),
 * zod 3's `unionErrors` (ZodErrors with full paths). False when no branch has an issue.
 */
function union(issue: unknown, path: Segment[], depth: number, c: Collector): boolean {
  if (!canNest(depth)) return false;
  const before = c.list.length;
  const branches = safeGet(issue, 'errors');
  if (isList(branches)) {
    eachIssue(branches, c, (branch) => nested(branch, path, depth, c));
  } else {
    const errors = safeGet(issue, 'unionErrors');
    eachIssue(errors, c, (error) => nested(safeGet(error, 'issues'), [], depth, c));
  }
  return c.list.length > before;
}

/** Nested issues under `prefix`; false when there are none. */
function nested(issues: unknown, prefix: readonly Segment[], depth: number, c: Collector): boolean {
  return eachNested(issues, depth, c, (inner, d) => visitZodIssue(inner, prefix, d, c));
}
