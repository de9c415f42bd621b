/**
 * JSON text written directly, for the built-in formats' bodies: what these pieces make is byte for
 * byte what `JSON.stringify` writes for the same value (property tests hold the two together), at
 * less cost, since no object is built only to be serialised and most strings need no escaping.
 */

/** A string as a JSON string literal: between quotes as it is, or escaped by `JSON.stringify` when it must be. */
export function jsonString(text: string): string {
  return needsEscape(text) ? JSON.stringify(text) : `"${text}"`;
}

/**
 * True when JSON.stringify would escape something in `text`: a quote, a backslash, a control
 * character or a surrogate (a lone one is escaped; a pair, left to JSON.stringify too, is not).
 */
export function needsEscape(text: string): boolean {
  // A loop, not a regular expression: the JIT inlines it.
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x20 || unit === 0x22 || unit === 0x5c || (unit & 0xf800) === 0xd800) return true;
  }
  return false;
}

/** Which members a violation is written with: the house formats' own, or problem details' `errors` entries. */
export type ViolationForm = 'house' | 'problem';
