/**
 * Message and code templates: `'Illegal state: {detail}'`, `'{RESOURCE}_NOT_EXIST'`.
 * A template is parsed once, when the catalog is defined, into literal parts and
 * placeholder names; rendering is then a loop with no regular expression.
 */

/** One parsed template: `literals.length === names.length + 1`, interleaved. */
export interface Template {
  readonly source: string;
  readonly literals: readonly string[];
  readonly names: readonly string[];
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Parses `{name}` placeholders. Braces are reserved: an unbalanced, empty, nested or
 * malformed placeholder is an error (the message says which), never silently kept.
 */
export function parseTemplate(source: string): Template | string {
  const literals: string[] = [];
  const names: string[] = [];
  let literal = '';
  let i = 0;
  while (i < source.length) {
    const ch = source[i];
    if (ch === '}') return `unbalanced "}" at offset ${i}`;
    if (ch !== '{') {
      literal += ch;
      i++;
      continue;
    }
    const end = source.indexOf('}', i + 1);
    if (end === -1) return `unbalanced "{" at offset ${i}`;
    const name = source.slice(i + 1, end);
    if (name.includes('{')) return `nested "{" at offset ${i}`;
    if (!NAME.test(name)) return `malformed placeholder "{${name}}" (expected {name} with name [A-Za-z_][A-Za-z0-9_]*)`;
    literals.push(literal);
    names.push(name);
    literal = '';
    i = end + 1;
  }
  literals.push(literal);
  return { source, literals, names };
}

/** No values: what a template without placeholders is rendered with (shared, frozen, no prototype). */
export const NO_VALUES: Readonly<Record<string, string>> = Object.freeze(Object.create(null) as Record<string, string>);

/** Renders a parsed template; `values[i]` fills `names[i]`. */
export function renderTemplate(template: Template, values: readonly string[]): string {
  const { literals } = template;
  let out = literals[0]!;
  for (let i = 1; i < literals.length; i++) out += values[i - 1]! + literals[i]!;
  return out;
}

/**
 * Reverses a rendered template: `USER_NOT_EXIST` against `{RESOURCE}_NOT_EXIST` gives
 * `['USER']`. Placeholders match lazily, so with adjacent placeholders the first one is
 * the shortest possible; returns undefined when the text does not fit the template.
 * `minLength` is the shortest value a placeholder may take (0 lets a message value be empty).
 */
export function matchTemplate(template: Template, text: string, minLength = 1): string[] | undefined {
  const { literals } = template;
  if (!text.startsWith(literals[0]!)) return undefined;
  const values: string[] = [];
  let at = literals[0]!.length;
  for (let i = 1; i < literals.length; i++) {
    const literal = literals[i]!;
    const last = i === literals.length - 1;
    const end = last ? text.length - literal.length : text.indexOf(literal, at + minLength);
    if (end < at + minLength || (last && !text.endsWith(literal))) return undefined;
    values.push(text.slice(at, end));
    at = end + literal.length;
  }
  return at === text.length ? values : undefined;
}

/**
 * `text` cut to at most `cap` UTF-16 units, ending in `…` when cut (never half a surrogate pair):
 * how every interpolated value and detail string is capped.
 * @example cutText('abcdef', 4) // 'abc…'
 */
export function cutText(text: string, cap: number): string {
  if (text.length <= cap) return text;
  const end = cap - 1;
  const last = text.charCodeAt(end - 1);
  return `${text.slice(0, last >= 0xd800 && last <= 0xdbff ? end - 1 : end)}…`;
}
