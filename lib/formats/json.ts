/**
 * JSON text written directly, for the built-in formats' bodies. What these functions return is
 * byte for byte what `JSON.stringify` writes for the same value (a property test holds the two
 * together); for a body with violations it costs about half as much, since no object is built
 * only to be serialised and most strings need no escaping.
 */
import type { Violation } from './violations.js';

/** A string as a JSON string literal: between quotes as it is, or escaped by `JSON.stringify` when it must be. */
export function jsonString(text: string): string {
  return needsEscape(text) ? JSON.stringify(text) : `"${text}"`;
}

// What JSON.stringify escapes in a string: the quote, the backslash, control characters and
// surrogates (a lone one is escaped; a pair, left to JSON.stringify too, is not). A loop, not a
// regular expression: it runs for every string of a body, and the JIT inlines it.
function needsEscape(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x20 || unit === 0x22 || unit === 0x5c || (unit & 0xf800) === 0xd800) return true;
  }
  return false;
}

// A violation's params and echoed value are strings, finite numbers, booleans or null.
function scalarText(value: string | number | boolean | null): string {
  if (typeof value === 'string') return jsonString(value);
  // A finite number's text is JSON's (`-0` is `0` in both).
  return typeof value === 'number' && Number.isFinite(value) ? String(value) : JSON.stringify(value);
}

/** Which members a violation is written with: the house formats' own, or problem details' `errors` entries. */
export type ViolationForm = 'house' | 'problem';

/**
 * A list of violations, as `readViolations` makes them, as JSON text. `'house'` writes each as
 * `{pointer, location, code, message, params?, value?}`, `'problem'` as RFC 9457's `{detail,
 * pointer, code, location, params?, value?}`. A code (a registered violation code,
 * `[A-Za-z][A-Za-z0-9_]*`) and a location (one of five names) are written as they are: neither can
 * hold a character JSON escapes.
 */
export function violationsText(list: readonly Violation[], form: ViolationForm): string {
  let out = '[';
  for (let i = 0; i < list.length; i++) {
    const v = list[i]!;
    if (i > 0) out += ',';
    out += form === 'house'
      ? `{"pointer":${jsonString(v.pointer)},"location":"${v.location}","code":"${v.code}","message":${jsonString(v.message)}`
      : `{"detail":${jsonString(v.message)},"pointer":${jsonString(v.pointer)},"code":"${v.code}","location":"${v.location}"`;
    const { params } = v;
    if (params !== undefined) {
      out += ',"params":{';
      // Own names only, as JSON.stringify reads them: template placeholder names, `[A-Za-z_][A-Za-z0-9_]*`.
      const names = Object.keys(params);
      for (let j = 0; j < names.length; j++) out += `${j > 0 ? ',"' : '"'}${names[j]!}":${scalarText(params[names[j]!]!)}`;
      out += '}';
    }
    if (v.value !== undefined) out += `,"value":${scalarText(v.value)}`;
    out += '}';
  }
  return `${out}]`;
}
