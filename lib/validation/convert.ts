/**
 * What every converter of `house-errors/validation` shares: its options, checked once per call;
 * guarded reads of a validation library's output (a getter that throws or a Proxy costs that one
 * issue, never the request); paths turned into RFC 6901 pointers; params and values kept to what a
 * violation may carry; and the list, frozen, in the library's order.
 */
import {
  MAX_VIOLATIONS,
  VIOLATION_LOCATIONS,
  type ConvertedViolations,
  type ViolationInput,
  type ViolationLocation,
  type ViolationParam,
} from '../formats/violations.js';
import { safeGet } from '../rules/headers.js';
import { MAX_POINTER_SEGMENTS, toPointer } from '../rules/pointer.js';
import { isWireCode } from '../rules/syntax.js';
import { cutText } from '../rules/template.js';
import { cappedScalar } from '../catalog/schema.js';

/**
 * Options every converter takes.
 * @example fromZod(result.error, { location: 'query', codes: { custom: 'OUT_OF_RANGE' } })
 */
export interface ConverterOptions {
  /**
   * Where the validated value came from: `body` (the default), `query`, `path`, `header` or
   * `cookie`. `fromExpressValidator` uses each error's own location and this one only for an error
   * whose location it does not know.
   */
  readonly location?: ViolationLocation;
  /**
   * Overrides: the library's issue code (zod's `too_small`, ajv's `minLength`, valibot's
   * `min_length`, arktype's `minLength`, an express-validator message) → the violation code to use.
   * Params are kept. Each value must be a code (`[A-Za-z][A-Za-z0-9_]*`).
   */
  readonly codes?: { readonly [libraryCode: string]: string };
}

/**
 * At most this many UTF-16 code units in a string param or value; a longer one is cut to this
 * length with `…` at its end, never inside a surrogate pair (as the catalog's `maxParamLength` cuts).
 * @example toParam('x'.repeat(5000)).length // MAX_PARAM_LENGTH
 */
const MAX_PARAM_LENGTH = 1024;

/** How deep a converter follows nested issues (unions inside unions). */
const MAX_NESTING = 32;

const OPTION_NAMES: ReadonlySet<string> = new Set(['location', 'codes']);

/**
 * A path segment as a pointer takes it.
 * @example const path: Segment[] = ['items', 0, 'name'];
 */
export type Segment = string | number;

/**
 * The options of one call, checked.
 * @example resolveOptions('fromZod', undefined) // { location: 'body', codes: undefined }
 */
export interface Resolved {
  readonly location: ViolationLocation;
  readonly codes: { readonly [libraryCode: string]: string } | undefined;
}

/**
 * Checks a converter's options; a wrong one is a programming error, so it throws a TypeError
 * naming the converter and the option.
 * @example resolveOptions('fromAjv', { location: 'query' }) // { location: 'query', codes: undefined }
 */
export function resolveOptions(fn: string, options: unknown): Resolved {
  if (options === undefined) return { location: 'body', codes: undefined };
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new TypeError(`${fn}: options must be an object like { location: 'body' } (got ${describe(options)})`);
  }
  for (const name of Object.keys(options)) {
    if (!OPTION_NAMES.has(name)) throw new TypeError(`${fn}: unknown option '${name.slice(0, 64)}' (the options are location and codes)`);
  }
  const { location = 'body', codes } = options as { location?: unknown; codes?: unknown };
  if (!(VIOLATION_LOCATIONS as readonly unknown[]).includes(location)) {
    throw new TypeError(`${fn}: options.location must be one of 'body', 'query', 'path', 'header', 'cookie' (got ${describe(location)})`);
  }
  if (codes === undefined) return { location: location as ViolationLocation, codes: undefined };
  if (typeof codes !== 'object' || codes === null || Array.isArray(codes)) {
    throw new TypeError(`${fn}: options.codes must be an object of library code → violation code (got ${describe(codes)})`);
  }
  const copy: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const key of Object.keys(codes)) {
    const code = (codes as Record<string, unknown>)[key];
    if (typeof code !== 'string' || !isWireCode(code)) {
      throw new TypeError(`${fn}: options.codes[${JSON.stringify(key.slice(0, 64))}] must be a violation code like 'TOO_SHORT' (got ${describe(code)})`);
    }
    copy[key] = code;
  }
  return { location: location as ViolationLocation, codes: copy };
}

/** A value's kind for an error message, never the value itself. */
function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return value.length <= 32 && /^[\w.-]*$/.test(value) ? `'${value}'` : 'a string';
  return typeof value;
}

/**
 * Collects one call's violations: counts every issue read (nested ones included) and stops at
 * {@link MAX_VIOLATIONS}, so hostile output costs linear time and a cycle ends.
 * @example
 * const c = new Collector(resolveOptions('fromZod', undefined));
 * c.add(['name'], 'TOO_SHORT', 'too_small', { minimum: 3 });
 * c.done() // [{ pointer: '/name', location: 'body', code: 'TOO_SHORT', params: { minimum: 3 } }]
 */
export class Collector {
  readonly list: ViolationInput[] = [];
  private read = 0;

  constructor(readonly options: Resolved) {}

  /** False once enough issues were read; call before reading each one. */
  next(): boolean {
    return this.read++ < MAX_VIOLATIONS;
  }

  /**
   * Adds one violation. `libraryCode` is looked up in the `codes` option first; `params` and
   * `value` are checked here.
   */
  add(
    path: readonly Segment[],
    code: string,
    libraryCode: string | undefined,
    params?: { readonly [name: string]: unknown },
    value?: unknown,
    location: ViolationLocation = this.options.location,
  ): void {
    const override = libraryCode !== undefined && this.options.codes !== undefined && Object.hasOwn(this.options.codes, libraryCode)
      ? this.options.codes[libraryCode]
      : undefined;
    const violation: { pointer: string; location: ViolationLocation; code: string; params?: Readonly<Record<string, ViolationParam>>; value?: unknown } = {
      pointer: toPointer(path),
      location,
      code: override ?? code,
    };
    if (params !== undefined) {
      const kept: Record<string, ViolationParam> = {};
      let any = false;
      for (const name of Object.keys(params)) {
        const param = toParam(params[name]);
        if (param !== undefined) {
          kept[name] = param;
          any = true;
        }
      }
      if (any) violation.params = Object.freeze(kept);
    }
    const carried = cappedScalar(value, MAX_PARAM_LENGTH);
    if (carried !== undefined) violation.value = carried;
    this.list.push(Object.freeze(violation));
  }

  /** The list, frozen and branded. */
  done(): ConvertedViolations {
    return Object.freeze(this.list) as unknown as ConvertedViolations;
  }
}

/**
 * Runs `visit` on each issue of a library's list, in order, until the collector is full. An issue
 * whose reading throws (a hostile getter, a revoked Proxy) is skipped; a list that cannot be read
 * ends the walk.
 * @example eachIssue(error.issues, collector, (issue) => visitZodIssue(issue, [], 0, collector));
 */
export function eachIssue(list: unknown, collector: Collector, visit: (issue: unknown) => void): void {
  const length = lengthOf(list);
  for (let i = 0; i < length; i++) {
    if (!collector.next()) return;
    let issue: unknown;
    try {
      issue = (list as readonly unknown[])[i];
    } catch {
      continue;
    }
    try {
      visit(issue);
    } catch {
      // One unreadable issue costs itself only.
    }
  }
}

/**
 * The length of an array (a Proxy of one included), or 0 when it is not one or cannot be read.
 * @example lengthOf([1, 2]) // 2; lengthOf('ab') // 0
 */
export function lengthOf(list: unknown): number {
  try {
    if (!Array.isArray(list)) return 0;
    const length = list.length;
    return Number.isSafeInteger(length) && length > 0 ? length : 0;
  } catch {
    return 0;
  }
}

/**
 * True when `value` is an array that can be read (a revoked Proxy cannot).
 * @example isList([]) // true; isList({ length: 1 }) // false
 */
export function isList(value: unknown): value is readonly unknown[] {
  try {
    return Array.isArray(value);
  } catch {
    return false;
  }
}

/**
 * Nested issues are followed this deep, no deeper.
 * @example if (canNest(depth)) eachIssue(branches, c, (b) => visit(b, depth + 1));
 */
export function canNest(depth: number): boolean {
  return depth < MAX_NESTING;
}

/**
 * Adds a TOO_SMALL (`small`) or TOO_BIG violation with its bound: `{ minimum, comparison }` with
 * `>=` (or `>` when `exclusive`), or `{ maximum, comparison }` with `<=` (or `<`).
 * @example addRange(c, ['age'], 'too_small', true, false, 18, 17) // TOO_SMALL { minimum: 18, comparison: '>=' }
 */
export function addRange(
  c: Collector, path: readonly Segment[], libraryCode: string, small: boolean, exclusive: boolean, limit: unknown, value?: unknown,
): void {
  const comparison = small ? (exclusive ? '>' : '>=') : (exclusive ? '<' : '<=');
  c.add(path, small ? 'TOO_SMALL' : 'TOO_BIG', libraryCode, { [small ? 'minimum' : 'maximum']: limit, comparison }, value);
}

/**
 * Reads a list of nested issues (a union's branches, an error's inner issues) one level deeper;
 * true when it added violations. Nothing is read past the depth a converter follows.
 * @example if (!eachNested(issue.issues, depth, c, (inner, d) => visit(inner, d))) c.add(path, 'INVALID', code);
 */
export function eachNested(list: unknown, depth: number, c: Collector, visit: (issue: unknown, depth: number) => void): boolean {
  if (!canNest(depth)) return false;
  const before = c.list.length;
  eachIssue(list, c, (issue) => visit(issue, depth + 1));
  return c.list.length > before;
}

/**
 * A library's path as pointer segments: strings and integer indexes, at most
 * {@link MAX_POINTER_SEGMENTS}. A segment that no request can name (a symbol, an object) ends the
 * path there, so the violation names the deepest field a client can see. Standard Schema's
 * `{ key }` segments are unwrapped.
 * @example readPath(['a', { key: 'b' }, 0, Symbol('s'), 'c']) // ['a', 'b', 0]
 */
export function readPath(path: unknown, prefix: readonly Segment[] = []): Segment[] {
  const out = prefix.slice(0, MAX_POINTER_SEGMENTS);
  const length = lengthOf(path);
  for (let i = 0; i < length && out.length < MAX_POINTER_SEGMENTS; i++) {
    let segment: unknown;
    try {
      segment = (path as readonly unknown[])[i];
      if (typeof segment === 'object' && segment !== null) segment = safeGet(segment, 'key');
    } catch {
      break;
    }
    if (typeof segment === 'string') out.push(segment);
    else if (typeof segment === 'number' && Number.isSafeInteger(segment)) out.push(segment);
    else break;
  }
  return out;
}

/**
 * A param as a violation carries it: a finite number, a string (cut at 1,024 UTF-16 units), a bigint as a number when exact; else undefined.
 * @example toParam(5n) // 5; toParam(NaN) // undefined
 */
function toParam(value: unknown): ViolationParam | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string') return cutText(value, MAX_PARAM_LENGTH);
  if (typeof value === 'bigint') return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : cutText(String(value), MAX_PARAM_LENGTH);
  return undefined;
}

/**
 * The `allowed` param of NOT_ALLOWED: the allowed values, comma-separated (strings as they are,
 * numbers, booleans and null as JSON writes them; other values are left out), cut at 1,024 UTF-16 units.
 * @example allowedList(['free', 'pro', 3]) // 'free, pro, 3'
 */
export function allowedList(values: unknown): string | undefined {
  const length = lengthOf(values);
  let text = '';
  for (let i = 0; i < length && text.length <= MAX_PARAM_LENGTH; i++) {
    let value: unknown;
    try {
      value = (values as readonly unknown[])[i];
    } catch {
      break;
    }
    const shown = typeof value === 'string' ? value
      : (typeof value === 'number' && Number.isFinite(value)) || typeof value === 'boolean' || value === null ? String(value)
        : typeof value === 'bigint' ? String(value) : undefined;
    if (shown !== undefined) text += (text === '' ? '' : ', ') + shown;
  }
  return length === 0 ? undefined : cutText(text, MAX_PARAM_LENGTH);
}

/**
 * A string property (read guarded), or undefined.
 * @example stringAt({ code: 'too_small' }, 'code') // 'too_small'
 */
export function stringAt(value: unknown, name: string): string | undefined {
  const read = safeGet(value, name);
  return typeof read === 'string' ? read : undefined;
}

/**
 * A pattern as `source`: a RegExp's source, or a `/…/flags` literal's body; other strings as they are.
 * @example patternText('/^[A-Z]+$/u') // '^[A-Z]+$'
 */
export function patternText(pattern: unknown): string | undefined {
  if (pattern instanceof RegExp) {
    try {
      return pattern.source;
    } catch {
      return undefined;
    }
  }
  if (typeof pattern !== 'string') return undefined;
  const literal = /^\/([\s\S]*)\/[a-z]*$/.exec(pattern);
  return literal === null ? pattern : literal[1];
}

/**
 * A date bound as an ISO 8601 string (a Date or a time value); else undefined.
 * @example dateText(0) // '1970-01-01T00:00:00.000Z'
 */
export function dateText(bound: unknown): string | undefined {
  try {
    const time = bound instanceof Date ? bound.getTime() : typeof bound === 'number' ? bound : typeof bound === 'bigint' ? Number(bound) : NaN;
    return Number.isFinite(time) && Math.abs(time) <= 8.64e15 ? new Date(time).toISOString() : undefined;
  } catch {
    return undefined;
  }
}
