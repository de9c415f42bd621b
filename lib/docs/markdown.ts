/**
 * `renderMarkdown`: the reference page as CommonMark with GFM tables, in the seeds' style.
 */
import type { AnyCatalog } from '../catalog/types.js';
import {
  attribute, codeSpan, escapeInline, escapeLine, fencedBlock, richText, tableRow, textInline, textParagraph,
} from './commonmark.js';
import { buildPage, type DocEntry, type DocPage, type DocSection } from './model.js';
import { resolveDocs, type DocsOptions } from './options.js';

/**
 * Options of `renderMarkdown`.
 * @example
 * const options: MarkdownOptions = { format: 'errorCode-reason', title: 'Errors' };
 */
export type MarkdownOptions = DocsOptions;

/**
 * Renders the catalog's error reference as Markdown (CommonMark and GFM tables): the
 * response model with an example body, then one table per status or group. The same
 * catalog and options always give the same bytes, so the page can be checked into git.
 * @example
 * import { writeFileSync } from 'node:fs';
 * writeFileSync('ERRORS.md', renderMarkdown(errors, { format: 'code-message', title: 'Errors' }));
 */
export function renderMarkdown<C extends AnyCatalog>(errors: C, options: MarkdownOptions): string {
  const page = buildPage(resolveDocs(errors, options, 'renderMarkdown'));
  const blocks: string[] = [`# ${escapeInline(page.title)}`, escapeLine(page.labels.intro), contents(page), ...model(page)];
  for (const section of page.sections) blocks.push(...sectionBlocks(page, section));
  if (page.challenges.length > 0) blocks.push(...challenges(page));
  if (page.withHeaders.length > 0) blocks.push(...otherHeaders(page));
  return `${blocks.join('\n\n')}\n`;
}

function heading(level: number, id: string, title: string): string {
  return `${'#'.repeat(level)} <a id="${attribute(id)}"></a>${escapeInline(title)}`;
}

function link(title: string, id: string): string {
  return `[${escapeInline(title)}](#${encodeURI(id)})`;
}

function contents(page: DocPage): string {
  const items = [link(page.labels.model, page.ids.model), ...page.sections.map((s) => link(s.title, s.id))];
  if (page.challenges.length > 0) items.push(link(page.labels.challengeTitle, page.ids.challenges));
  if (page.withHeaders.length > 0) items.push(link(page.labels.headersTitle, page.ids.headers));
  return items.map((item) => `- ${item}`).join('\n');
}

function model(page: DocPage): string[] {
  const { labels } = page;
  const blocks = [
    heading(2, page.ids.model, labels.model),
    escapeLine(labels.modelText),
    `${richText(labels.contentType)} ${codeSpan(page.contentType)}`,
    fencedBlock(page.example.json, 'json'),
  ];
  const fields = page.fields.map((f) => `- ${codeSpan(f.name)}${f.text === undefined ? '' : `: ${escapeInline(f.text)}`}`);
  if (fields.length > 0) blocks.push(fields.join('\n'));
  if (page.anyRetryable) blocks.push(richText(labels.retryText));
  if (page.anyFamily) blocks.push(richText(labels.familyText));
  if (page.anyPlaceholder) blocks.push(richText(labels.placeholderText));
  return blocks;
}

function sectionBlocks(page: DocPage, section: DocSection): string[] {
  const { labels } = page;
  const blocks = [heading(2, section.id, section.title)];
  if (section.isGroup && section.status !== undefined) blocks.push(`${escapeInline(labels.statusLine)} ${section.status}`);
  if (section.description !== undefined && section.description.trim() !== '') blocks.push(textParagraph(section.description, page.links));
  if (section.entries.length === 0) return blocks;
  const columns = [labels.code, labels.status, labels.message];
  if (page.anyDescription) columns.push(labels.description);
  if (page.anyRetryable) columns.push(labels.retryable);
  const rows = [tableRow(columns.map(escapeInline)), tableRow(columns.map(() => '---'))];
  for (const entry of section.entries) rows.push(tableRow(entryCells(page, entry)));
  blocks.push(rows.join('\n'));
  return blocks;
}

function entryCells(page: DocPage, entry: DocEntry): string[] {
  const cells = [
    `<a id="${attribute(entry.key)}"></a>${codeSpan(entry.code)}`,
    String(entry.status),
    escapeInline(entry.message),
  ];
  if (page.anyDescription) cells.push(entry.description === undefined ? '' : textInline(entry.description, page.links));
  if (page.anyRetryable) cells.push(escapeInline(entry.retryable ? page.labels.yes : page.labels.no));
  return cells;
}

function codeLink(entry: DocEntry): string {
  return `[${codeSpan(entry.code)}](#${encodeURI(entry.key)})`;
}

function challenges(page: DocPage): string[] {
  const { labels } = page;
  const rows = [
    tableRow([labels.code, labels.status, labels.challengeTitle].map(escapeInline)),
    tableRow(['---', '---', '---']),
    ...page.challenges.map((e) => tableRow([codeLink(e), String(e.status), codeSpan(e.challenge!)])),
  ];
  const blocks = [heading(2, page.ids.challenges, labels.challengeTitle), richText(labels.challengeText), rows.join('\n')];
  if (page.anyScope) blocks.push(richText(labels.scopeNote));
  return blocks;
}

function otherHeaders(page: DocPage): string[] {
  const { labels } = page;
  const rows = [
    tableRow([labels.code, labels.status, labels.header].map(escapeInline)),
    tableRow(['---', '---', '---']),
    ...page.withHeaders.flatMap((e) => e.headers.map(([name, value]) => tableRow([codeLink(e), String(e.status), codeSpan(`${name}: ${value}`)]))),
  ];
  return [heading(2, page.ids.headers, labels.headersTitle), escapeLine(labels.headersText), rows.join('\n')];
}
