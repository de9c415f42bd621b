/**
 * Violations as an error carries them: read once, when the error is made, into private records
 * (what the developer passed is either sent as declared or dropped and reported, never sent raw),
 * then written per answer as JSON text or, for `err.details` and a `defineFormat` value, as
 * `Violation` objects, in the negotiated language.
 */
import { jsonString, needsEscape } from '../formats/json.js';
import { ownGet } from '../rules/headers.js';
import { isPointer } from '../rules/pointer.js';
import { isWireCode } from '../rules/syntax.js';
import { cutText, type Template } from '../rules/template.js';
import { cappedScalar, isPlainObject } from './schema.js';
import type { CatalogInternals, CompiledViolationCode, ViolationCodeJson } from './types.js';
import {
  DEFAULT_VIOLATION_CODE, MAX_VIOLATIONS, VIOLATION_LOCATIONS,
  type Violation, type ViolationLocation, type ViolationParam,
} from '../formats/violations.js';
import type { ViolationForm } from '../formats/json.js';

// ---------------------------------------------------------------------------------------
// Reading.

type Echoed = string | number | boolean | null;

/**
 * One violation as read: checked, with its JSON text made once (the pointer, the message in the
 * default language, the params and the echoed value). Private to the error: neither the app nor a
 * format ever holds one, so what is written is what was read.
 */
export class ReadViolation {
  constructor(
    readonly pointer: string,
    readonly pointerJson: string,
    /** The location's place in VIOLATION_LOCATIONS (the wire order). */
    readonly order: number,
    readonly code: CompiledViolationCode,
    /** The message in the catalog's default language, and as a JSON string. */
    readonly message: string,
    readonly messageJson: string,
    readonly params: Readonly<Record<string, ViolationParam>> | undefined,
    readonly value: Echoed | undefined,
    /** `,"params":{…}` and `,"value":…` as they follow the message, or ''. */
    readonly tailJson: string,
  ) {}
}

/** A throw's violations as read, in wire order. */
export type ReadViolations = readonly ReadViolation[];

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
  const read: ReadViolation[] = [];
  const count = Math.min(length, MAX_VIOLATIONS);
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
  return read;
}

function compareViolations(a: ReadViolation, b: ReadViolation): number {
  return (a.order - b.order)
    || (a.pointer < b.pointer ? -1 : a.pointer > b.pointer ? 1 : 0)
    || (a.code.code < b.code.code ? -1 : a.code.code > b.code.code ? 1 : 0);
}

// No closure per entry: this runs for every violation of every throw.
function readViolation(list: readonly unknown[], i: number, catalog: CatalogInternals, problems: string[], clean: boolean): ReadViolation | undefined {
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
    const order = typeof location === 'string' ? orderOf(location) : undefined;
    if (order === undefined) return dropped(problems, i, `location must be one of ${VIOLATION_LOCATIONS.join(', ')}`);
    let code = typeof given === 'string' ? catalog.violations.get(given) : undefined;
    if (code === undefined) {
      code = catalog.violations.get(DEFAULT_VIOLATION_CODE)!;
      const shown = typeof given === 'string' && isWireCode(given) && given.length <= 64 ? `"${given}"` : 'a code';
      problems.push(`violation ${i}: ${shown} is not a registered violation code; sent as ${DEFAULT_VIOLATION_CODE}`);
    }
    const cap = catalog.options.maxParamLength;
    const value = code.echo ? cappedScalar(plain ? o.value : Object.hasOwn(o, 'value') ? o.value : undefined, cap) : undefined;
    const valueJson = value === undefined ? '' : `,"value":${typeof value === 'string' ? jsonString(value) : JSON.stringify(value)}`;
    const pointerJson = jsonString(pointer);
    if (code.params.length === 0) {
      return new ReadViolation(pointer, pointerJson, order, code, code.message.fallback.literals[0]!, code.json.message!, undefined, value, valueJson);
    }
    return withParams(pointer, pointerJson, order, code, plain ? o.params : Object.hasOwn(o, 'params') ? o.params : undefined, value, valueJson, cap, i, problems);
  } catch {
    return dropped(problems, i, 'it could not be read');
  }
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

// A violation of a code with placeholders: its params read (own, strings capped, finite numbers), the
// message rendered, and both written as JSON in the same pass. The message needs no escaping when the
// template's text and every string value need none, so it is never scanned (nor flattened) itself.
function withParams(
  pointer: string, pointerJson: string, order: number, code: CompiledViolationCode, raw: unknown,
  value: Echoed | undefined, valueJson: string, cap: number, i: number, problems: string[],
): ReadViolation {
  const params: Record<string, ViolationParam> = {};
  let json = ',"params":{';
  let plain = code.json.plainTemplate;
  const names = code.params;
  for (let j = 0; j < names.length; j++) {
    const name = names[j]!;
    // A getter that throws is a missing param (rendered as its placeholder), as in a definition's params.
    const given = isPlainObject(raw) ? ownGet(raw, name) : undefined;
    let text: string;
    if (typeof given === 'number' && Number.isFinite(given)) {
      params[name] = given;
      text = String(given);
    } else if (typeof given === 'string') {
      const cut = cutText(given, cap);
      params[name] = cut;
      if (needsEscape(cut)) { plain = false; text = JSON.stringify(cut); } else text = `"${cut}"`;
    } else {
      problems.push(`violation ${i}: parameter "${name}" of ${code.code} is missing or not a string or finite number; rendered as {${name}}`);
      params[name] = `{${name}}`;
      text = `"{${name}}"`;
    }
    // Placeholder names need no escaping: [A-Za-z_][A-Za-z0-9_]*.
    json += `${j > 0 ? ',"' : '"'}${name}":${text}`;
  }
  const message = renderParams(code.message.fallback, params);
  return new ReadViolation(pointer, pointerJson, order, code, message, plain ? `"${message}"` : JSON.stringify(message), params, value, `${json}}${valueJson}`);
}

function renderParams(template: Template, params: Readonly<Record<string, ViolationParam>>): string {
  const { literals, names } = template;
  let out = literals[0]!;
  for (let i = 0; i < names.length; i++) out += String(params[names[i]!]) + literals[i + 1]!;
  return out;
}

// ---------------------------------------------------------------------------------------
// Writing.

/**
 * The JSON text a violation code's records are written with, made once when the catalog is
 * defined: the members between the pointer and the message (house) or after the pointer (problem
 * details), by location, and the message as a JSON string when it has no placeholders.
 */
export function violationCodeJson(code: string, message: Template): ViolationCodeJson {
  return {
    house: VIOLATION_LOCATIONS.map((location) => `,"location":"${location}","code":"${code}","message":`),
    problem: VIOLATION_LOCATIONS.map((location) => `,"code":"${code}","location":"${location}"`),
    message: message.names.length === 0 ? jsonString(message.literals[0]!) : undefined,
    plainTemplate: !message.literals.some(needsEscape),
  };
}

// The code's template in `locale` when it is not the default language's (whose text the record holds).
function otherTemplate(record: ReadViolation, locale: string | undefined): Template | undefined {
  const { message } = record.code;
  const template = locale === undefined ? undefined : message.byLocale.get(locale);
  return template === message.fallback ? undefined : template;
}

// A record's message in `locale` as a JSON string.
function messageJsonIn(record: ReadViolation, locale: string | undefined): string {
  const template = otherTemplate(record, locale);
  return template === undefined ? record.messageJson : jsonString(renderParams(template, record.params ?? {}));
}

/**
 * The violations as JSON text, each message in `locale` (the default language when undefined or
 * untranslated). `'house'` writes `{pointer, location, code, message, params?, value?}`, `'problem'`
 * RFC 9457's `{detail, pointer, code, location, params?, value?}`: byte for byte what
 * `JSON.stringify` gives for `violationsIn(read, …)` in that form (a property test holds the two together).
 */
export function violationsJson(read: ReadViolations, form: ViolationForm, locale: string | undefined): string {
  let out = '[';
  for (let i = 0; i < read.length; i++) {
    const r = read[i]!;
    const message = messageJsonIn(r, locale);
    out += form === 'house'
      ? `${i > 0 ? ',' : ''}{"pointer":${r.pointerJson}${r.code.json.house[r.order]!}${message}${r.tailJson}}`
      : `${i > 0 ? ',' : ''}{"detail":${message},"pointer":${r.pointerJson}${r.code.json.problem[r.order]!}${r.tailJson}}`;
  }
  return `${out}]`;
}

/**
 * The violations as `Violation` objects, each message in `locale` (the default language when
 * undefined or untranslated): what `err.details` holds and what a `defineFormat` value receives.
 * Fresh objects every call, so no holder can change another's.
 */
export function violationsIn(read: ReadViolations, locale: string | undefined): Violation[] {
  return read.map((r) => {
    const template = otherTemplate(r, locale);
    const wire: { -readonly [K in keyof Violation]: Violation[K] } = {
      pointer: r.pointer,
      location: VIOLATION_LOCATIONS[r.order] as ViolationLocation,
      code: r.code.code,
      message: template === undefined ? r.message : renderParams(template, r.params ?? {}),
    };
    if (r.params !== undefined) wire.params = { ...r.params };
    if (r.value !== undefined) wire.value = r.value;
    return wire;
  });
}
