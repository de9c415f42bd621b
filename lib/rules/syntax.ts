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

const VALUE_CHAR = '[A-Za-z0-9_]';

/**
 * A code family's codes as a regular-expression source: exactly the codes the runtime sends (the
 * literals as they are, each placeholder one or more wire-code characters, the first character a
 * letter), read the way `errors.parse` reads them: a value runs up to the first place where the next
 * literal follows, adjacent placeholders take one character each but the last, and the last value
 * ends where the fixed end begins. No two quantifiers can trade characters, so a backtracking engine
 * matches in time linear in the code's length. `capture` makes each placeholder a group, in order.
 * @example familyPattern(['', '_NOT_EXIST'], false) // '^[A-Za-z][A-Za-z0-9_]*_NOT_EXIST$'
 * @example familyPattern(['', '_', '_LIMIT'], true) // '^([A-Za-z][A-Za-z0-9]*)_([A-Za-z0-9_]+)_LIMIT$'
 */
export function familyPattern(literals: readonly string[], capture: boolean): string {
  let pattern = `^${escapeRegExp(literals[0]!)}`;
  for (let i = 1; i < literals.length; i++) {
    const next = literals[i]!;
    // A code starts with a letter, so a value that starts the code does too.
    const first = i === 1 && literals[0] === '' ? '[A-Za-z]' : VALUE_CHAR;
    let value: string;
    if (i === literals.length - 1) value = first === VALUE_CHAR ? `${VALUE_CHAR}+` : `${first}${VALUE_CHAR}*`;
    else if (next === '') value = first;
    else value = `${first}${notStarting(next)}*`;
    pattern += (capture ? `(${value})` : value) + escapeRegExp(next);
  }
  return `${pattern}$`;
}

// One value character at which `literal` does not start: a character class when the literal is one
// character (`_` → `[A-Za-z0-9]`), else a character guarded by a negative lookahead.
function notStarting(literal: string): string {
  if (literal.length > 1) return `(?:(?!${escapeRegExp(literal)})${VALUE_CHAR})`;
  const ranges = [['A', 'Z'], ['a', 'z'], ['0', '9'], ['_', '_']] as const;
  const parts = ranges.flatMap(([low, high]) => (literal < low || literal > high ? [[low, high]]
    : [[low, shift(literal, -1)], [shift(literal, 1), high]].filter(([a, b]) => a! <= b!)));
  return `[${parts.map(([a, b]) => (a === b ? a : `${a}-${b}`)).join('')}]`;
}

function shift(ch: string, by: number): string {
  return String.fromCharCode(ch.charCodeAt(0) + by);
}

function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
}
