/**
 * The grammars every part of the package checks against: a wire code, a code family's
 * codes, and a language tag. One definition each, so startup validation, the error path,
 * the parsers and the docs can never disagree.
 */

const WIRE_CODE = /^[A-Za-z][A-Za-z0-9_]*$/;
// A practical subset of BCP 47: language, then subtags (`ko`, `en-US`, `zh-Hant-TW`).
const LOCALE_TAG = /^[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*$/;

/** The wire-code grammar as a JSON Schema / OpenAPI `pattern`. */
export const WIRE_CODE_PATTERN: string = WIRE_CODE.source;
/** The language-tag grammar as a JSON Schema `pattern`. */
export const LOCALE_TAG_PATTERN: string = LOCALE_TAG.source;

/**
 * True for a wire code: `[A-Za-z][A-Za-z0-9_]*`.
 * @example isWireCode('USER_NOT_EXIST') // true; isWireCode('1X') // false
 */
export function isWireCode(text: string): boolean {
  return WIRE_CODE.test(text);
}

/**
 * True for a BCP 47 language tag such as `en` or `ko-KR`.
 * @example isLocaleTag('ko-KR') // true; isLocaleTag('english language') // false
 */
export function isLocaleTag(text: string): boolean {
  return LOCALE_TAG.test(text);
}

/**
 * A code family's codes as a regular-expression source, the runtime's own rule: the literals as
 * they are, each placeholder one or more wire-code characters (as few as the rest allows), the
 * first character a letter as in every wire code. `capture` makes each placeholder a group, in
 * order, so a client can read the values back.
 * @example familyPattern(['', '_NOT_EXIST'], false) // '^(?=[A-Za-z])[A-Za-z0-9_]+?_NOT_EXIST$'
 */
export function familyPattern(literals: readonly string[], capture: boolean): string {
  const value = capture ? '([A-Za-z0-9_]+?)' : '[A-Za-z0-9_]+?';
  const escaped = literals.map((literal) => literal.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&'));
  return `^(?=[A-Za-z])${escaped.join(value)}$`;
}
