/**
 * Checks a generated Markdown page with the `commonmark` reference parser: nothing the
 * generator did not mean as syntax may come out as emphasis, HTML, links or images, and
 * every GFM table row keeps its cells. GFM tables are not core CommonMark, so table rows
 * are split on unescaped pipes here and each cell is parsed on its own.
 */
import assert from 'node:assert/strict';
import * as commonmark from 'commonmark';

/** The anchors the generator writes: `<a id="…"></a>`, as commonmark splits them. */
const ANCHOR_OPEN = /^<a id="[^"<>&]+">$/;
/** The empty comment the generator puts before an e-mail's `@`: it shows nothing. */
const SEPARATOR = '<!-- -->';

/** Parses Markdown; asserts that the only raw HTML is our anchors and that every link is an in-page link to one of them. */
export function assertCleanMarkdown(markdown: string): { ids: Set<string>; links: string[] } {
  const doc = new commonmark.Parser().parse(markdown);
  const ids = new Set<string>();
  const links: string[] = [];
  const walker = doc.walker();
  let event;
  while ((event = walker.next())) {
    if (!event.entering) continue;
    const node = event.node;
    switch (node.type) {
      case 'emph': case 'strong': case 'image': case 'html_block': case 'thematic_break': case 'block_quote':
        assert.fail(`unexpected ${node.type} node near ${JSON.stringify(node.firstChild?.literal ?? node.literal)}`);
        break;
      case 'html_inline': {
        const literal = node.literal ?? '';
        if (literal === '</a>' || literal === SEPARATOR) break;
        assert.match(literal, ANCHOR_OPEN, `unexpected raw HTML ${literal}`);
        ids.add(literal.slice('<a id="'.length, -2).replace(/&quot;/g, '"').replace(/&amp;/g, '&'));
        break;
      }
      case 'link':
        assert.ok(node.destination?.startsWith('#'), `unexpected link ${node.destination}`);
        links.push(decodeURIComponent(node.destination!.slice(1)));
        break;
      default: break;
    }
  }
  for (const link of links) assert.ok(ids.has(link), `link #${link} has no anchor`);
  return { ids, links };
}

/** The plain text a table cell shows: text and code literals, in order. */
export function inlineText(markdown: string): string {
  // A cell is inline content: a leading letter keeps "1. x" or "# x" from opening a block when parsed alone.
  const doc = new commonmark.Parser().parse(`X${markdown}`);
  let out = '';
  const walker = doc.walker();
  let event;
  while ((event = walker.next())) {
    const node = event.node;
    if (!event.entering) continue;
    if (node.type === 'text' || node.type === 'code') out += node.literal ?? '';
    else if (node.type === 'softbreak') out += '\n';
    else if (node.type === 'html_inline' && node.literal !== '</a>' && node.literal !== SEPARATOR && !ANCHOR_OPEN.test(node.literal ?? '')) {
      out += node.literal ?? '';
    }
    else if (node.type !== 'document' && node.type !== 'paragraph' && node.type !== 'html_inline' && node.type !== 'link') {
      assert.fail(`cell has a ${node.type} node: ${markdown}`);
    }
  }
  assert.ok(out.startsWith('X'));
  return out.slice(1);
}

/** The cells of a GFM table row, split on pipes that are not escaped. */
export function tableCells(row: string): string[] {
  assert.ok(row.startsWith('| ') && row.endsWith(' |'), `not a table row: ${row}`);
  const cells: string[] = [];
  let cell = '';
  for (let i = 1; i < row.length - 1; i++) {
    const ch = row[i]!;
    if (ch === '\\' && i + 1 < row.length - 1) { cell += ch + row[i + 1]!; i++; continue; }
    if (ch === '|') { cells.push(cell.trim()); cell = ''; continue; }
    cell += ch;
  }
  cells.push(cell.trim());
  return cells;
}

/** Every table of a page: its header cells and its rows' cells; asserts that every row has the header's width. */
export function tablesOf(markdown: string): Array<{ header: string[]; rows: string[][] }> {
  const tables: Array<{ header: string[]; rows: string[][] }> = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i]!.startsWith('| ') || lines[i - 1]?.startsWith('| ')) continue;
    const header = tableCells(lines[i]!);
    assert.deepEqual(tableCells(lines[i + 1]!), header.map(() => '---'), `table without delimiter row at line ${i + 1}`);
    const rows: string[][] = [];
    for (let j = i + 2; j < lines.length && lines[j]!.startsWith('| '); j++) {
      const cells = tableCells(lines[j]!);
      assert.equal(cells.length, header.length, `row of ${cells.length} cells in a ${header.length}-column table: ${lines[j]}`);
      rows.push(cells);
    }
    tables.push({ header, rows });
  }
  return tables;
}

// GitHub Flavored Markdown, "Autolinks (extension)": an extended www autolink starts at `www.`, an
// extended url autolink at `http://`, `https://` or `ftp://` (each then needs a valid domain), and an
// extended email autolink is one or more of alphanumerics `.` `-` `_` `+`, an `@`, then alphanumerics,
// `-` and `_` separated by periods (at least one). The patterns below are looser (no domain check),
// so they flag everything GitHub would link, and more.
const WWW = /www\./i;
const SCHEME = /(?:https?|ftp):\/\//i;
const EMAIL = /[A-Za-z0-9.+_-]@[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)+/;

/**
 * Asserts that GitHub's autolink extension finds nothing to link in the page's text. GitHub's parser
 * (cmark-gfm) looks for `www.` and `://` in the source as it reads inline text, so an escaped character
 * (its own text node in commonmark) breaks them; it finds e-mail addresses afterwards in text nodes
 * merged with their text neighbours, so only a non-text node (such as an HTML comment) breaks those.
 * Text inside links is skipped, as GitHub does.
 */
export function assertNoAutolinks(markdown: string): void {
  const walker = new commonmark.Parser().parse(markdown).walker();
  let inLink = 0;
  let event;
  while ((event = walker.next())) {
    const node = event.node;
    if (node.type === 'link') inLink += event.entering ? 1 : -1;
    if (!event.entering || inLink > 0 || node.type !== 'text') continue;
    const literal = node.literal ?? '';
    assert.doesNotMatch(literal, WWW, `GFM would link www. in ${JSON.stringify(literal)}`);
    assert.doesNotMatch(literal, SCHEME, `GFM would link a URL in ${JSON.stringify(literal)}`);
    if (node.prev?.type === 'text') continue;
    let merged = literal;
    for (let next = node.next; next?.type === 'text'; next = next.next) merged += next.literal ?? '';
    assert.doesNotMatch(merged, EMAIL, `GFM would link an e-mail address in ${JSON.stringify(merged)}`);
  }
}

/**
 * The text a standalone CommonMark text (an OpenAPI `description`) shows; asserts that it is one
 * paragraph of text and code spans: no HTML (but the e-mail separator), link, emphasis or other block.
 */
export function plainText(markdown: string): string {
  const walker = new commonmark.Parser().parse(markdown).walker();
  let out = '';
  let paragraphs = 0;
  let event;
  while ((event = walker.next())) {
    const node = event.node;
    if (!event.entering) continue;
    if (node.type === 'text' || node.type === 'code') out += node.literal ?? '';
    else if (node.type === 'softbreak') out += '\n';
    else if (node.type === 'paragraph') paragraphs++;
    else if (node.type !== 'document' && !(node.type === 'html_inline' && node.literal === SEPARATOR)) {
      assert.fail(`a ${node.type} node (${JSON.stringify(node.literal ?? node.destination)}) in ${JSON.stringify(markdown)}`);
    }
  }
  assert.ok(paragraphs <= 1, `${paragraphs} paragraphs in ${JSON.stringify(markdown)}`);
  return out;
}
