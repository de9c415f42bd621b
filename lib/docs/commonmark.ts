/**
 * Escaping for CommonMark (and GFM tables): catalog texts are plain text, so every
 * character that Markdown would read as syntax is backslash-escaped. CommonMark lets any
 * ASCII punctuation be escaped, so escaping more than strictly needed is always safe.
 */

// Inline syntax: code spans, emphasis, links and images, raw HTML and entities,
// GFM strikethrough and table cell separators, ATX closing hashes, and the escape character itself.
const INLINE = /[\\`*_[\]<>&|~!#]/g;
// A line that would open a block: heading, quote, list item, thematic break, setext underline, fence.
const BLOCK_START = /^([#>+=-]|\d{1,9}[.)])/;

/**
 * Escapes one line of plain text for use inside a paragraph, heading or table cell.
 * Newlines become spaces: a text never breaks out of its line (or its table row).
 * @example escapeInline('a_b | <c>') // 'a\\_b \\| \\<c\\>'
 */
export function escapeInline(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').replace(INLINE, '\\$&');
}

/**
 * Escapes text that starts a line (a paragraph or a heading): also the characters that
 * would open a block there, and leading spaces that would make an indented code block.
 * @example escapeLine('# not a heading') // '\\# not a heading'
 */
export function escapeLine(text: string): string {
  // Leading spaces would make an indented code block; trailing ones are the caller's (a link may follow).
  const escaped = escapeInline(text.trimStart());
  return escaped.replace(BLOCK_START, (m) => (m.length === 1 ? `\\${m}` : `${m.slice(0, -1)}\\${m.slice(-1)}`));
}

/**
 * Escapes a multi-line plain text as one paragraph, keeping its line breaks as soft breaks.
 * @example escapeParagraph('one\n- two') // 'one\n\\- two'
 */
export function escapeParagraph(text: string): string {
  return text.split(/\r\n|\r|\n/).map((line) => line.trim()).filter((line) => line !== '').map(escapeLine).join('\n');
}

/**
 * A code span showing `text` literally, or escaped plain text when a code span cannot
 * hold it inside a GFM table (a `|` would split the cell in GFM, and `\|` would show
 * its backslash in plain CommonMark).
 * @example codeSpan('{RESOURCE}_NOT_EXIST') // '`{RESOURCE}_NOT_EXIST`'
 */
export function codeSpan(text: string): string {
  const flat = text.replace(/[\r\n]+/g, ' ');
  if (flat.includes('|') || flat.trim() === '') return escapeInline(flat);
  // The fence must be longer than any run of backticks inside; pad when the text touches one.
  const longest = Math.max(0, ...Array.from(flat.matchAll(/`+/g), (m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') || (flat.startsWith(' ') && flat.endsWith(' ')) ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/**
 * One GFM table row from already-escaped cells.
 * @example tableRow(['a', 'b']) // '| a | b |'
 */
export function tableRow(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

/**
 * A fenced code block whose fence is longer than any backtick run inside it.
 * @example fencedBlock('{}', 'json') // '```json\n{}\n```'
 */
export function fencedBlock(content: string, info: string): string {
  const longest = Math.max(2, ...Array.from(content.matchAll(/`+/g), (m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${info}\n${content}\n${fence}`;
}

/**
 * One of our own label texts, where text between backticks is code.
 * @example richText('a `b` c') // 'a `b` c'
 */
export function richText(label: string): string {
  return label.split('`').map((part, i) => (i % 2 === 1 ? codeSpan(part) : escapeInline(part))).join('');
}

/**
 * An HTML attribute value (for the raw `<a id>` anchors), escaped for double quotes.
 * @example attribute('a"b') // 'a&quot;b'
 */
export function attribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
