/**
 * `renderMarkdown`: the reference page as CommonMark with GFM tables, in the style of the
 * reference pages it was modelled on; and `escapeMarkdown`, the one escaper of every CommonMark
 * target (this page and the OpenAPI document's descriptions).
 */
import type { AnyCatalog } from '../catalog/types.js';
import { escapeHtml } from './html.js';
import { detailsLabel, fillLabel } from './labels.js';
import { buildPages, splitLinks, type DocEntry, type DocPage, type DocSection, type DocsOptions } from './model.js';

/**
 * Options of `renderMarkdown`.
 * @example
 * import type { MarkdownOptions } from 'house-errors';
 * const options: MarkdownOptions = { format: 'errorCode-reason', title: 'Errors' };
 */
export type MarkdownOptions = DocsOptions;

/**
 * Renders the catalog's error reference as Markdown (CommonMark and GFM tables): the
 * response model with an example body, then one table per status or group. The same
 * catalog and options always give the same bytes, so the page can be checked into git.
 * @example
 * import { writeFileSync } from 'node:fs';
 * import { defineCatalog, renderMarkdown } from 'house-errors';
 * const errors = defineCatalog({ INTERNAL_ERROR: { status: 500, message: 'Internal server error.' } });
 * writeFileSync('ERRORS.md', renderMarkdown(errors, { format: 'code-message', title: 'Errors' }));
 */
export function renderMarkdown<C extends AnyCatalog>(errors: C, options: MarkdownOptions): string {
  const page = buildPages(errors, options, 'renderMarkdown')[0]!;
  const { labels } = page;
  const blocks: string[] = [`# ${escapeMarkdown(page.title)}`, escapeMarkdown(labels.intro, { paragraph: true }), contents(page), ...model(page)];
  for (const section of page.sections) blocks.push(...sectionBlocks(page, section));
  if (page.violationCodes.length > 0) blocks.push(...violationCodes(page));
  if (page.challenges.length > 0) {
    blocks.push(heading(2, page.ids.challenges, labels.challengeTitle), escapeMarkdown(labels.challengeText, { paragraph: true, code: true }),
      table([labels.code, labels.status, labels.challengeTitle], page.challenges.map((e) => [codeLink(e), String(e.status), codeSpan(e.challenge!)])));
    if (page.anyScope) blocks.push(escapeMarkdown(labels.scopeNote, { paragraph: true, code: true }));
  }
  if (page.withHeaders.length > 0) {
    const rows = page.withHeaders.flatMap((e) => e.headers.map(([name, value]) => [codeLink(e), String(e.status), codeSpan(`${name}: ${value}`)]));
    blocks.push(heading(2, page.ids.headers, labels.headersTitle), escapeMarkdown(labels.headersText, { paragraph: true }),
      table([labels.code, labels.status, labels.header], rows));
  }
  return `${blocks.join('\n\n')}\n`;
}

/** What a text may hold besides plain text, and where it stands. */
export interface MarkdownTextOptions {
  /**
   * A paragraph of its own: line breaks kept as soft breaks, blank lines dropped, each line safe
   * at a line start. Default: text inside a line (a table cell, a heading), line breaks become spaces.
   */
  readonly paragraph?: boolean;
  /** A catalog text with `links: true`: its `[label](https://…)` links stay links. */
  readonly links?: boolean;
  /** One of our own fixed texts: text between backticks is code. */
  readonly code?: boolean;
}

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
 * Escapes a text for CommonMark (and GFM): every character Markdown would read as syntax is
 * backslash-escaped (CommonMark lets any ASCII punctuation be, so escaping more than needed is
 * safe), no raw HTML, and every bare URL or e-mail address GitHub would link is broken. Only
 * what `options` allows stays markup: http(s) links, or our own code spans.
 * @example escapeMarkdown('a_b | <c>') // 'a\\_b \\| \\<c\\>'
 * @example escapeMarkdown('www.x.example, https://x.example, a@x.example')
 * // 'www\\.x.example, https\\://x.example, a<!-- -->@x.example'
 * @example escapeMarkdown('one\n- two', { paragraph: true }) // 'one\n\\- two'
 * @example escapeMarkdown('see [RFC 6902](https://www.rfc-editor.org/rfc/rfc6902)', { links: true })
 * // 'see [RFC 6902](https://www.rfc-editor.org/rfc/rfc6902)'
 * @example escapeMarkdown('a `{b}` c', { code: true }) // 'a `{b}` c'
 */
export function escapeMarkdown(text: string, options: MarkdownTextOptions = {}): string {
  const lines = options.paragraph === true
    ? text.split(/\r\n|\r|\n/).map((line) => line.trim()).filter((line) => line !== '')
    : [text.replace(/\s*[\r\n]+\s*/g, ' ')];
  return lines.map((line) => splitLinks(line, options.links === true).map((piece, i) => {
    // The URL is safe as it is: splitLinks takes only http(s) URLs without spaces, quotes, brackets or parentheses.
    if ('url' in piece) return `[${escapeInline(piece.label)}](${piece.url})`;
    const parts = options.code === true ? piece.text.split('`') : [piece.text];
    return parts.map((part, j) => {
      if (j % 2 === 1) return codeSpan(part);
      const escaped = escapeInline(part);
      return options.paragraph === true && i === 0 && j === 0 ? escapeLineStart(escaped) : escaped;
    }).join('');
  }).join('')).join('\n');
}

function escapeInline(text: string): string {
  return text.replace(INLINE, '\\$&').replace(WWW_DOT, '\\.').replace(SCHEME_COLON, '\\:').replace(EMAIL_AT, '<!-- -->@');
}

function escapeLineStart(escaped: string): string {
  return escaped.replace(BLOCK_START, (m) => (m.length === 1 ? `\\${m}` : `${m.slice(0, -1)}\\${m.slice(-1)}`));
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

// Ids are raw HTML in the page: escaped as HTML.
function heading(level: number, id: string, title: string): string {
  return `${'#'.repeat(level)} <a id="${escapeHtml(id)}"></a>${escapeMarkdown(title)}`;
}

function link(title: string, id: string): string {
  return `[${escapeMarkdown(title)}](#${encodeURI(id)})`;
}

function codeLink(entry: DocEntry): string {
  return `[${codeSpan(entry.code)}](#${encodeURI(entry.key)})`;
}

// A GFM table: the headings are our words, the cells already Markdown.
function table(headings: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const row = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
  return [row(headings.map((h) => escapeMarkdown(h))), row(headings.map(() => '---')), ...rows.map(row)].join('\n');
}

// A fence longer than any backtick run inside.
function fencedBlock(content: string, info: string): string {
  const fence = '`'.repeat(Math.max(2, ...Array.from(content.matchAll(/`+/g), (m) => m[0].length)) + 1);
  return `${fence}${info}\n${content}\n${fence}`;
}

function contents(page: DocPage): string {
  const items = [link(page.labels.model, page.ids.model), ...page.sections.map((s) => link(s.title, s.id))];
  if (page.violationCodes.length > 0) items.push(link(page.labels.violationsTitle, page.ids.violations));
  if (page.challenges.length > 0) items.push(link(page.labels.challengeTitle, page.ids.challenges));
  if (page.withHeaders.length > 0) items.push(link(page.labels.headersTitle, page.ids.headers));
  return items.map((item) => `- ${item}`).join('\n');
}

function model(page: DocPage): string[] {
  const { labels } = page;
  const blocks = [
    heading(2, page.ids.model, labels.model),
    escapeMarkdown(labels.modelText, { paragraph: true }),
    `${escapeMarkdown(labels.contentType, { paragraph: true })} ${codeSpan(page.format.contentType)}`,
    fencedBlock(page.example.json, 'json'),
  ];
  const fields = page.fields.map((f) => `- ${codeSpan(f.name)}${f.text === undefined ? '' : `: ${escapeMarkdown(f.text)}`}`);
  if (fields.length > 0) blocks.push(fields.join('\n'));
  if (page.anyRetryable) blocks.push(escapeMarkdown(labels.retryText, { paragraph: true, code: true }));
  if (page.anyFamily) blocks.push(escapeMarkdown(labels.familyText, { paragraph: true, code: true }));
  if (page.anyPlaceholder) blocks.push(escapeMarkdown(labels.placeholderText, { paragraph: true, code: true }));
  return blocks;
}

function sectionBlocks(page: DocPage, section: DocSection): string[] {
  const { labels } = page;
  const blocks = [heading(2, section.id, section.title)];
  if (section.isGroup && section.status !== undefined) blocks.push(`${escapeMarkdown(labels.statusLine)} ${section.status}`);
  if (section.description !== undefined && section.description.trim() !== '') {
    blocks.push(escapeMarkdown(section.description, { paragraph: true, links: page.links }));
  }
  if (section.entries.length === 0) return blocks;
  const columns = [labels.code, labels.status, labels.message];
  if (page.anyDescription) columns.push(labels.description);
  if (page.anyRetryable) columns.push(labels.retryable);
  blocks.push(table(columns, section.entries.map((entry) => {
    const cells = [`<a id="${escapeHtml(entry.key)}"></a>${codeSpan(entry.code)}`, String(entry.status), escapeMarkdown(entry.message)];
    if (page.anyDescription) cells.push(entry.description === undefined ? '' : escapeMarkdown(entry.description, { links: page.links }));
    if (page.anyRetryable) cells.push(escapeMarkdown(entry.retryable ? labels.yes : labels.no));
    return cells;
  })));
  for (const entry of section.entries) if (entry.details !== undefined) blocks.push(...detailsBlocks(page, entry));
  return blocks;
}

// Below its section's table, what a definition with details carries: a sentence naming the member (and
// linking the violation codes), the fields of its own object, and an example body carrying them.
function detailsBlocks(page: DocPage, entry: DocEntry): string[] {
  const { labels } = page;
  const details = entry.details!;
  const { kind, member, fields, anyDescription: described } = details;
  const label = detailsLabel(labels, details);
  const pieces = { code: codeLink(entry), member: member === undefined ? '' : codeSpan(member), link: link(labels.violationsTitle, page.ids.violations) };
  const blocks = [fillLabel(label, (text) => escapeMarkdown(text), pieces)];
  if (kind === 'schema') {
    const columns = [labels.field, labels.type, labels.required, ...(described ? [labels.description] : [])];
    blocks.push(table(columns, fields.map((f) => [
      codeSpan(f.name), codeSpan(f.type), escapeMarkdown(f.required ? labels.answerYes : labels.answerNo),
      ...(described ? [f.description === undefined ? '' : escapeMarkdown(f.description)] : []),
    ])));
  }
  blocks.push(escapeMarkdown(labels.exampleBody, { paragraph: true }), fencedBlock(entry.example.json, 'json'));
  return blocks;
}

// The catalog's violation codes, once per page: what a violation holds, then one row per code.
function violationCodes(page: DocPage): string[] {
  const { labels } = page;
  const columns = [labels.code, labels.message, ...(page.anyViolationDescription ? [labels.description] : []), labels.echoed];
  return [
    heading(2, page.ids.violations, labels.violationsTitle),
    escapeMarkdown(labels.violationsText, { paragraph: true, code: true }),
    table(columns, page.violationCodes.map((v) => [
      codeSpan(v.code), escapeMarkdown(v.message),
      ...(page.anyViolationDescription ? [v.description === undefined ? '' : escapeMarkdown(v.description)] : []),
      escapeMarkdown(v.echo ? labels.answerYes : labels.answerNo),
    ])),
  ];
}
