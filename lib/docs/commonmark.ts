/**
 * Escaping for CommonMark (and GFM): catalog texts are plain text, so every character that
 * Markdown would read as syntax is backslash-escaped, and every bare URL or e-mail address that
 * GitHub would make a link of is broken. CommonMark lets any ASCII punctuation be escaped, so
 * escaping more than strictly needed is always safe. The one escaper for every CommonMark target:
 * the Markdown page and the OpenAPI document's descriptions.
 */
import { splitLinks, type TextPiece } from './links.js';

// Inline syntax: code spans, emphasis, links and images, raw HTML and entities,
// GFM strikethrough and table cell separators, ATX closing hashes, and the escape character itself.
const INLINE = /[\\`*_[\]<>&|~!#]/g;
// GFM autolinks. GitHub finds `www.` and `scheme://` in the source as it reads a line, so an escaped
// `.` or `:` breaks them. It finds e-mail addresses later, in text merged across escapes, so only a
// node that is not text can stand between an address and its `@`: an empty comment, which shows nothing.
const WWW_DOT = /(?<=www)\./gi;
const SCHEME_COLON = /:(?=\/\/)/g;
const EMAIL_AT = /(?<=[A-Za-z0-9.+_-])@/g;
// A line that would open a block: heading, quote, list item, thematic break, setext underline, fence.
const BLOCK_START = /^([#>+=-]|\d{1,9}[.)])/;

/**
 * Escapes one line of plain text for use inside a paragraph, heading or table cell: no
 * syntax, no raw HTML, no autolink. Newlines become spaces: a text never breaks out of its
 * line (or its table row).
 * @example escapeInline('a_b | <c>') // 'a\\_b \\| \\<c\\>'
 * @example escapeInline('www.x.example, https://x.example, a@x.example')
 * // 'www\\.x.example, https\\://x.example, a<!-- -->@x.example'
 */
export function escapeInline(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').replace(INLINE, '\\$&')
    .replace(WWW_DOT, '\\.').replace(SCHEME_COLON, '\\:').replace(EMAIL_AT, '<!-- -->@');
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
 * A catalog text inside a line (a table cell): escaped, and with `links`, its
 * `[label](https://…)` links kept as CommonMark links.
 * @example textInline('see [RFC 6902](https://www.rfc-editor.org/rfc/rfc6902)', true)
 * // 'see [RFC 6902](https://www.rfc-editor.org/rfc/rfc6902)'
 */
export function textInline(text: string, links: boolean): string {
  return splitLinks(text, links).map((piece) => ('url' in piece ? inlineLink(piece) : escapeInline(piece.text))).join('');
}

/**
 * A catalog text as one paragraph (a group's text, an OpenAPI description): escaped, its line
 * breaks kept as soft breaks, each line safe at a line start; with `links`, its links kept.
 * @example textParagraph('one\n- two', false) // 'one\n\\- two'
 */
export function textParagraph(text: string, links: boolean): string {
  return text.split(/\r\n|\r|\n/).map((line) => line.trim()).filter((line) => line !== '')
    .map((line) => splitLinks(line, links)
      .map((piece, i) => ('url' in piece ? inlineLink(piece) : i === 0 ? escapeLine(piece.text) : escapeInline(piece.text))).join(''))
    .join('\n');
}

// The URL is safe as it is: splitLinks takes only http(s) URLs without spaces, quotes, brackets or parentheses.
function inlineLink(piece: Extract<TextPiece, { url: string }>): string {
  return `[${escapeInline(piece.label)}](${piece.url})`;
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
