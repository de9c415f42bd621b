/**
 * Violations as an error carries them: read once, when the error is made, into plain frozen data
 * (what the developer passed is either sent as declared or dropped and reported, never sent raw),
 * and rendered per answer in the negotiated language.
 */
import { isPointer } from '../rules/pointer.js';
import { isWireCode } from '../rules/syntax.js';
import { cutText, renderTemplate } from '../rules/template.js';
import { isPlainObject, isScalar } from './schema.js';
import { templateIn, type CatalogInternals, type CompiledViolationCode } from './types.js';
import {
  DEFAULT_VIOLATION_CODE, MAX_CONVERTED_ISSUES, VIOLATION_LOCATIONS,
  type Violation, type ViolationLocation, type ViolationParam,
} from '../formats/violations.js';

// ---------------------------------------------------------------------------------------
// Violations.

/** One violation as read at throw time: everything but its message, which depends on the language. */
export interface ReadViolation {
  readonly pointer: string;
  readonly location: ViolationLocation;
  readonly code: CompiledViolationCode;
  /** Values of the code's placeholders, in the order of its template's names; strings are cut to the cap. */
  readonly params: Readonly<Record<string, ViolationParam>> | undefined;
  readonly value: string | number | boolean | null | undefined;
}

const LOCATION_ORDER = new Map(VIOLATION_LOCATIONS.map((location, i) => [location, i]));

/**
 * Reads a list of violations once, when the error is made: own properties only, each field
 * checked, unregistered codes answered as `INVALID`, duplicates (same location, pointer and code)
 * dropped, sorted by location (path, query, header, cookie, body), then pointer, then code, and cut
 * to the catalog's `maxViolations`. Each entry that cannot be sent is dropped with a line in `problems`.
 */
export function readViolations(list: unknown, catalog: CatalogInternals, problems: string[]): readonly ReadViolation[] | undefined {
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
  const read: ReadViolation[] = [];
  const seen = new Set<string>();
  const count = Math.min(length, MAX_CONVERTED_ISSUES);
  if (length > count) problems.push(`violations: only the first ${count} of ${length} were read`);
  for (let i = 0; i < count; i++) {
    const entry = readViolation(list, i, catalog, problems);
    if (entry === undefined) continue;
    const identity = `${entry.location}\u0000${entry.pointer}\u0000${entry.code.code}`;
    if (seen.has(identity)) continue;
    seen.add(identity);
    read.push(entry);
  }
  read.sort(compareViolations);
  const max = catalog.options.maxViolations;
  if (read.length > max) {
    problems.push(`violations: ${read.length - max} beyond maxViolations (${max}) were not sent`);
    read.length = max;
  }
  return Object.freeze(read);
}

function compareViolations(a: ReadViolation, b: ReadViolation): number {
  return (LOCATION_ORDER.get(a.location)! - LOCATION_ORDER.get(b.location)!)
    || (a.pointer < b.pointer ? -1 : a.pointer > b.pointer ? 1 : 0)
    || (a.code.code < b.code.code ? -1 : a.code.code > b.code.code ? 1 : 0);
}

function readViolation(list: readonly unknown[], i: number, catalog: CatalogInternals, problems: string[]): ReadViolation | undefined {
  const drop = (why: string): undefined => { problems.push(`violation ${i} dropped: ${why}`); };
  try {
    const raw: unknown = list[i];
    if (!isPlainObject(raw)) return drop('not an object');
    const pointer = own(raw, 'pointer');
    const location = own(raw, 'location');
    const given = own(raw, 'code');
    if (typeof pointer !== 'string' || !isPointer(pointer)) return drop('pointer is not an RFC 6901 JSON Pointer');
    if (typeof location !== 'string' || !LOCATION_ORDER.has(location as ViolationLocation)) {
      return drop(`location must be one of ${VIOLATION_LOCATIONS.join(', ')}`);
    }
    let code = typeof given === 'string' ? catalog.violations.get(given) : undefined;
    if (code === undefined) {
      code = catalog.violations.get(DEFAULT_VIOLATION_CODE)!;
      const shown = typeof given === 'string' && isWireCode(given) && given.length <= 64 ? `"${given}"` : 'a code';
      problems.push(`violation ${i}: ${shown} is not a registered violation code; sent as ${DEFAULT_VIOLATION_CODE}`);
    }
    const params = code.params.length === 0 ? undefined : readParams(own(raw, 'params'), code, catalog.options.maxParamLength, i, problems);
    const value = code.echo ? echoable(own(raw, 'value'), catalog.options.maxParamLength) : undefined;
    return { pointer, location: location as ViolationLocation, code, params, value };
  } catch {
    return drop('it could not be read');
  }
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
  return Object.freeze(params);
}

function echoable(value: unknown, cap: number): string | number | boolean | null | undefined {
  if (typeof value === 'string') return cutText(value, cap);
  return isScalar(value) ? value : undefined;
}

/** The violations on the wire, with each message in `locale` (the default locale when undefined). */
export function renderViolations(read: readonly ReadViolation[], locale: string | undefined): Violation[] {
  const out: Violation[] = [];
  for (const entry of read) {
    const template = templateIn(entry.code.message, locale);
    const message = template.names.length === 0
      ? template.literals[0]!
      : renderTemplate(template, template.names.map((name) => String(entry.params![name])));
    const violation: { -readonly [K in keyof Violation]: Violation[K] } = { pointer: entry.pointer, location: entry.location, code: entry.code.code, message };
    if (entry.params !== undefined) violation.params = entry.params;
    if (entry.value !== undefined) violation.value = entry.value;
    out.push(violation);
  }
  return out;
}

// ---------------------------------------------------------------------------------------

function own(object: object, name: string): unknown {
  return Object.hasOwn(object, name) ? (object as Record<string, unknown>)[name] : undefined;
}
