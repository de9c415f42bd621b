/**
 * Violations as an error carries them: read once, when the error is made, into plain frozen data
 * (what the developer passed is either sent as declared or dropped and reported, never sent raw),
 * and rendered per answer in the negotiated language.
 */
import { isPointer } from '../rules/pointer.js';
import { isWireCode } from '../rules/syntax.js';
import { cutText, type Template } from '../rules/template.js';
import { isPlainObject, isScalar } from './schema.js';
import type { CatalogInternals, CompiledViolationCode } from './types.js';
import {
  DEFAULT_VIOLATION_CODE, MAX_CONVERTED_ISSUES, VIOLATION_LOCATIONS,
  type Violation, type ViolationLocation, type ViolationParam,
} from '../formats/violations.js';

// ---------------------------------------------------------------------------------------
// Violations.

/**
 * A throw's violations as read: their wire form, in wire order, with each message in the catalog's
 * default language (what most answers send as it is; another language renders them again). Frozen:
 * it is `err.details` too.
 */
export type ReadViolations = readonly Violation[];

// A location's place in the wire order, or undefined for anything else. The order is VIOLATION_LOCATIONS';
// a switch, not indexOf, as this runs for every violation (a test holds the two together).
function orderOf(location: string): number | undefined {
  switch (location) {
    case 'body': return 4;
    case 'query': return 1;
    case 'path': return 0;
    case 'header': return 2;
    case 'cookie': return 3;
    default: return undefined;
  }
}

/**
 * Reads a list of violations once, when the error is made: own properties only, each field
 * checked, unregistered codes answered as `INVALID`, duplicates (same location, pointer and code)
 * dropped, sorted by location (path, query, header, cookie, body), then pointer, then code, and cut
 * to the catalog's `maxViolations`. Each entry that cannot be sent is dropped with a line in `problems`.
 */
export function readViolations(list: unknown, catalog: CatalogInternals, problems: string[]): ReadViolations | undefined {
  let length: number;
  try {
    if (!Array.isArray(list)) {
      problems.push('details refused: violations must be an array');
      return undefined;
    }
    length = list.length;
  } catch {
    problems.push('details refused: the violations could not be read');
    return undefined;
  }
  const read: Violation[] = [];
  const count = Math.min(length, MAX_CONVERTED_ISSUES);
  if (length > count) problems.push(`violations: only the first ${count} of ${length} were read`);
  // Sorted (the usual case) and without duplicates, the list is kept as read: no second pass.
  let ordered = true;
  const clean = prototypeIsClean();
  for (let i = 0; i < count; i++) {
    const entry = readViolation(list, i, catalog, problems, clean);
    if (entry === undefined) continue;
    if (ordered && read.length > 0 && compareViolations(read[read.length - 1]!, entry) >= 0) ordered = false;
    read.push(entry);
  }
  if (!ordered) {
    read.sort(compareViolations);
    // Sorted, a duplicate (same location, pointer and code) sits next to its first.
    let kept = 0;
    for (let i = 0; i < read.length; i++) if (kept === 0 || compareViolations(read[kept - 1]!, read[i]!) !== 0) read[kept++] = read[i]!;
    read.length = kept;
  }
  const max = catalog.options.maxViolations;
  if (read.length > max) {
    problems.push(`violations: ${read.length - max} beyond maxViolations (${max}) were not sent`);
    read.length = max;
  }
  return Object.freeze(read);
}

function compareViolations(a: Violation, b: Violation): number {
  return (orderOf(a.location)! - orderOf(b.location)!)
    || (a.pointer < b.pointer ? -1 : a.pointer > b.pointer ? 1 : 0)
    || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
}

// No closure per entry: this runs for every violation of every throw.
function readViolation(list: readonly unknown[], i: number, catalog: CatalogInternals, problems: string[], clean: boolean): Violation | undefined {
  try {
    const raw: unknown = list[i];
    if (typeof raw !== 'object' || raw === null) return dropped(problems, i, 'not an object');
    // A plain object, while Object.prototype has none of these names, can be read directly: a name it
    // lacks reads as undefined, never as an inherited value. Anything else is read own property by own
    // property (literal names: a helper taking the name would make the reads megamorphic).
    const plain = clean && Object.getPrototypeOf(raw) === Object.prototype;
    const o = raw as Record<string, unknown>;
    let pointer: unknown, location: unknown, given: unknown;
    if (plain) {
      pointer = o.pointer; location = o.location; given = o.code;
    } else {
      if (Array.isArray(raw)) return dropped(problems, i, 'not an object');
      if (Object.hasOwn(o, 'pointer')) pointer = o.pointer;
      if (Object.hasOwn(o, 'location')) location = o.location;
      if (Object.hasOwn(o, 'code')) given = o.code;
    }
    if (typeof pointer !== 'string' || !isPointer(pointer)) return dropped(problems, i, 'pointer is not an RFC 6901 JSON Pointer');
    if (typeof location !== 'string' || orderOf(location) === undefined) return dropped(problems, i, `location must be one of ${VIOLATION_LOCATIONS.join(', ')}`);
    let code = typeof given === 'string' ? catalog.violations.get(given) : undefined;
    if (code === undefined) {
      code = catalog.violations.get(DEFAULT_VIOLATION_CODE)!;
      const shown = typeof given === 'string' && isWireCode(given) && given.length <= 64 ? `"${given}"` : 'a code';
      problems.push(`violation ${i}: ${shown} is not a registered violation code; sent as ${DEFAULT_VIOLATION_CODE}`);
    }
    const cap = catalog.options.maxParamLength;
    const value = code.echo ? echoable(plain ? o.value : Object.hasOwn(o, 'value') ? o.value : undefined, cap) : undefined;
    const wire: { -readonly [K in keyof Violation]: Violation[K] } = code.params.length === 0
      ? { pointer, location: location as ViolationLocation, code: code.code, message: code.message.fallback.literals[0]! }
      : paramsViolation(pointer, location as ViolationLocation, code, readParams(plain ? o.params : Object.hasOwn(o, 'params') ? o.params : undefined, code, cap, i, problems));
    if (value !== undefined) wire.value = value;
    return wire;
  } catch {
    return dropped(problems, i, 'it could not be read');
  }
}

function paramsViolation(
  pointer: string, location: ViolationLocation, code: CompiledViolationCode, params: Readonly<Record<string, ViolationParam>>,
): { -readonly [K in keyof Violation]: Violation[K] } {
  return { pointer, location, code: code.code, message: renderParams(code.message.fallback, params), params };
}

// True while Object.prototype has none of the names a violation is read by (no polluted prototype).
function prototypeIsClean(): boolean {
  const proto = Object.prototype;
  return !(Object.hasOwn(proto, 'pointer') || Object.hasOwn(proto, 'location') || Object.hasOwn(proto, 'code')
    || Object.hasOwn(proto, 'params') || Object.hasOwn(proto, 'value'));
}

function dropped(problems: string[], i: number, why: string): undefined {
  problems.push(`violation ${i} dropped: ${why}`);
  return undefined;
}

function readParams(
  raw: unknown, code: CompiledViolationCode, cap: number, i: number, problems: string[],
): Readonly<Record<string, ViolationParam>> {
  const params: Record<string, ViolationParam> = {};
  for (const name of code.params) {
    const value = isPlainObject(raw) ? own(raw, name) : undefined;
    if (typeof value === 'number' && Number.isFinite(value)) params[name] = value;
    else if (typeof value === 'string') params[name] = cutText(value, cap);
    else {
      problems.push(`violation ${i}: parameter "${name}" of ${code.code} is missing or not a string or finite number; rendered as {${name}}`);
      params[name] = `{${name}}`;
    }
  }
  return params;
}

function echoable(value: unknown, cap: number): string | number | boolean | null | undefined {
  if (typeof value === 'string') return cutText(value, cap);
  return isScalar(value) ? value : undefined;
}

function renderParams(template: Template, params: Readonly<Record<string, ViolationParam>>): string {
  const { literals, names } = template;
  let out = literals[0]!;
  for (let i = 0; i < names.length; i++) out += String(params[names[i]!]) + literals[i + 1]!;
  return out;
}

/**
 * The violations on the wire with each message in `locale`: the list read at throw time as it is
 * when that is the default language, else each message rendered again (a code without that
 * translation keeps its default text).
 */
export function violationsIn(read: ReadViolations, catalog: CatalogInternals, locale: string | undefined): readonly Violation[] {
  if (locale === undefined || locale === catalog.options.defaultLocale) return read;
  return read.map((wire) => {
    const template = catalog.violations.get(wire.code)?.message.byLocale.get(locale);
    return template === undefined ? wire : { ...wire, message: renderParams(template, wire.params ?? {}) };
  });
}

// ---------------------------------------------------------------------------------------

function own(object: object, name: string): unknown {
  return Object.hasOwn(object, name) ? (object as Record<string, unknown>)[name] : undefined;
}
