/**
 * `renderHtml`: the reference page as one self-contained HTML document. With several
 * locales every language is in the page and a CSS-only switch (radio buttons) shows one.
 */
import type { AnyCatalog } from '../catalog/types.js';
import { escapeHtml, fragmentHref, richHtml } from './html-escape.js';
import { pageStyle, type LocaleInput } from './html-style.js';
import { languageName } from './labels.js';
import { buildPage, IdAllocator, statusTitle, type DocEntry, type DocPage, type DocSection } from './model.js';
import { resolveDocs, type DocsOptions } from './options.js';
import { splitLinks } from './links.js';
import type { ExampleResponse } from './examples.js';

/**
 * Options of `renderHtml`.
 * @example
 * const options: HtmlOptions = { format: 'code-message', locales: ['ko', 'en'] };
 */
export interface HtmlOptions extends DocsOptions {
  /**
   * Render every one of these languages into the page, with a language switch that needs
   * no script; the first is shown first. Use instead of `locale`.
   */
  readonly locales?: readonly string[];
}

/**
 * Renders the catalog's error reference as one HTML page: inline CSS, no script and no
 * external assets, a table of contents, light and dark schemes, readable on a phone.
 * Each definition's entry has `id` equal to its key, so `errors.html#INVALID_AUTH_TOKEN` links to it.
 * @example
 * writeFileSync('errors.html', renderHtml(errors, { format: 'code-message', locales: ['ko', 'en'] }));
 */
export function renderHtml<C extends AnyCatalog>(errors: C, options: HtmlOptions): string {
  const pages = pagesOf(errors, options);
  const ids = new IdAllocator([
    ...pages[0]!.sections.flatMap((s) => [s.id, ...s.entries.map((e) => e.key)]),
    ...Object.values(pages[0]!.ids),
  ]);
  const inputs: LocaleInput[] = pages.length > 1 ? pages.map((p) => ({ id: ids.take(`locale-${p.locale}`), locale: p.locale })) : [];
  const r = new Localized(pages);
  const first = pages[0]!;
  return `${[
    '<!DOCTYPE html>',
    `<html lang="${escapeHtml(first.locale)}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="color-scheme" content="light dark">',
    `<title>${escapeHtml(first.title)}</title>`,
    `<style>\n${pageStyle(inputs)}\n</style>`,
    '</head>',
    '<body>',
    ...inputs.map((input, i) => `<input type="radio" name="house-errors-locale" class="locale-input" id="${input.id}"${i === 0 ? ' checked' : ''} aria-label="${escapeHtml(languageName(input.locale))}">`),
    '<div class="page">',
    '<header class="top"><div class="top-inner">',
    `<h1>${r.text((p) => escapeHtml(p.title))}</h1>`,
    ...(inputs.length > 0 ? [switcher(r, inputs)] : []),
    '</div></header>',
    '<div class="layout">',
    toc(r, first),
    '<main>',
    r.block('p', 'intro', (p) => escapeHtml(p.labels.intro)),
    model(r, first),
    ...first.sections.map((section, i) => sectionHtml(r, section, i)),
    ...(first.challenges.length > 0 ? [challenges(r, first)] : []),
    ...(first.withHeaders.length > 0 ? [otherHeaders(r, first)] : []),
    '</main>',
    '</div>',
    '</div>',
    '</body>',
    '</html>',
  ].join('\n')}\n`;
}

function pagesOf(errors: AnyCatalog, options: HtmlOptions): DocPage[] {
  if (options?.locales === undefined) return [buildPage(resolveDocs(errors, options, 'renderHtml'))];
  const { locales } = options;
  if (options.locale !== undefined) throw new TypeError('house-errors: renderHtml: use locale (one language) or locales (several), not both');
  if (!Array.isArray(locales) || locales.length === 0 || new Set(locales).size !== locales.length) {
    throw new TypeError('house-errors: renderHtml: locales must be a non-empty list of distinct locales');
  }
  return locales.map((locale) => buildPage(resolveDocs(errors, { ...options, locale }, 'renderHtml')));
}

/** Renders a fragment once when every language gives the same HTML, else once per language. */
class Localized {
  constructor(readonly pages: readonly DocPage[]) {}

  /** Inline HTML (`span` per language when they differ). */
  text(render: (page: DocPage) => string): string {
    return this.wrap('span', '', render);
  }

  /** A block element with `className`, one per language when they differ. */
  block(tag: string, className: string, render: (page: DocPage) => string): string {
    return this.wrap(tag, className, render, true);
  }

  private wrap(tag: string, className: string, render: (page: DocPage) => string, always = false): string {
    const htmls = this.pages.map(render);
    const cls = className === '' ? '' : ` class="${className}"`;
    if (htmls.every((h) => h === htmls[0])) return always ? `<${tag}${cls}>${htmls[0]}</${tag}>` : htmls[0]!;
    return htmls.map((html, i) => {
      const locale = escapeHtml(this.pages[i]!.locale);
      return `<${tag} class="${className === '' ? '' : `${className} `}l l-${locale}" lang="${locale}">${html}</${tag}>`;
    }).join('');
  }
}

function switcher(r: Localized, inputs: readonly LocaleInput[]): string {
  const labels = inputs.map((i) => `<label for="${i.id}" lang="${escapeHtml(i.locale)}">${escapeHtml(languageName(i.locale))}</label>`);
  return `<nav class="switch" aria-label="${escapeHtml(r.pages[0]!.labels.language)}">${labels.join('')}</nav>`;
}

function entryLink(entry: DocEntry): string {
  return `<a href="${fragmentHref(entry.key)}"><code>${escapeHtml(entry.code)}</code></a>`;
}

function toc(r: Localized, first: DocPage): string {
  const item = (id: string, title: (p: DocPage) => string, children = ''): string =>
    `<li><a href="${fragmentHref(id)}">${r.text((p) => escapeHtml(title(p)))}</a>${children}</li>`;
  const items = [item(first.ids.model, (p) => p.labels.model)];
  first.sections.forEach((section, i) => {
    const children = section.entries.length === 0 ? '' : `<ul>${section.entries.map((e) => `<li>${entryLink(e)}</li>`).join('')}</ul>`;
    items.push(item(section.id, (p) => p.sections[i]!.title, children));
  });
  if (first.challenges.length > 0) items.push(item(first.ids.challenges, (p) => p.labels.challengeTitle));
  if (first.withHeaders.length > 0) items.push(item(first.ids.headers, (p) => p.labels.headersTitle));
  return `<nav class="toc" aria-label="${escapeHtml(first.labels.contents)}"><h2>${r.text((p) => escapeHtml(p.labels.contents))}</h2><ol>${items.join('')}</ol></nav>`;
}

function model(r: Localized, first: DocPage): string {
  const parts = [
    `<section id="${escapeHtml(first.ids.model)}">`,
    `<h2><a href="${fragmentHref(first.ids.model)}">${r.text((p) => escapeHtml(p.labels.model))}</a></h2>`,
    r.block('p', '', (p) => escapeHtml(p.labels.modelText)),
    r.block('p', '', (p) => `${escapeHtml(p.labels.contentType)} <code>${escapeHtml(p.contentType)}</code>`),
    r.block('pre', '', (p) => `<code>${escapeHtml(p.example.json)}</code>`),
  ];
  if (first.fields.length > 0) {
    parts.push(r.block('ul', 'fields', (p) => p.fields.map((f) =>
      `<li><code>${escapeHtml(f.name)}</code>${f.text === undefined ? '' : `: ${escapeHtml(f.text)}`}</li>`).join('')));
  }
  if (first.anyRetryable) parts.push(r.block('p', '', (p) => richHtml(p.labels.retryText)));
  if (first.anyFamily) parts.push(r.block('p', '', (p) => richHtml(p.labels.familyText)));
  if (first.anyPlaceholder) parts.push(r.block('p', '', (p) => richHtml(p.labels.placeholderText)));
  parts.push('</section>');
  return parts.join('\n');
}

function sectionHtml(r: Localized, section: DocSection, index: number): string {
  const at = (p: DocPage): DocSection => p.sections[index]!;
  const parts = [
    `<section id="${escapeHtml(section.id)}">`,
    `<h2><a href="${fragmentHref(section.id)}">${r.text((p) => escapeHtml(at(p).title))}</a></h2>`,
  ];
  if (section.isGroup && section.status !== undefined) {
    parts.push(r.block('p', 'status-line', (p) => `${escapeHtml(p.labels.statusLine)} ${section.status} <span class="label">(${escapeHtml(statusTitle(section.status!))})</span>`));
  }
  if (section.description !== undefined) {
    parts.push(r.block('div', 'group-text', (p) => paragraphs(at(p).description ?? '', p.links)));
  }
  section.entries.forEach((entry, i) => parts.push(entryHtml(r, entry, (p) => at(p).entries[i]!)));
  parts.push('</section>');
  return parts.join('\n');
}

function paragraphs(text: string, links: boolean): string {
  return text.split(/(?:\r\n|\r|\n){2,}/).map((para) => `<p>${linkedHtml(para.trim(), links)}</p>`).join('');
}

// Escaped text; with `links: true`, http(s) links as anchors (the URL is escaped as an attribute).
function linkedHtml(text: string, links: boolean): string {
  return splitLinks(text, links)
    .map((piece) => ('url' in piece ? `<a href="${escapeHtml(piece.url)}">${escapeHtml(piece.label)}</a>` : escapeHtml(piece.text)))
    .join('');
}

function entryHtml(r: Localized, entry: DocEntry, at: (p: DocPage) => DocEntry): string {
  const retry = r.text((p) => {
    const e = at(p);
    return e.retryable
      ? `<span class="badge retry">${escapeHtml(p.labels.retryable)}</span>`
      : p.anyRetryable ? `<span class="badge final">${escapeHtml(`${p.labels.retryable}: ${p.labels.no}`)}</span>` : '';
  });
  const parts = [
    `<article class="entry" id="${escapeHtml(entry.key)}">`,
    `<h3>${entryLink(entry)} <span class="badge">${escapeHtml(statusTitle(entry.status))}</span> ${retry}</h3>`,
    r.block('p', 'message', (p) => `<span class="label">${escapeHtml(p.labels.message)}:</span> ${escapeHtml(at(p).message)}`),
  ];
  if (entry.description !== undefined || r.pages.some((p) => at(p).description !== undefined)) {
    parts.push(r.block('p', 'description', (p) => (at(p).description === undefined ? escapeHtml(at(p).message) : linkedHtml(at(p).description!, p.links))));
  }
  if (entry.challenge !== undefined) {
    parts.push(r.block('p', 'header-line', (p) => `<span class="label">WWW-Authenticate:</span> <code>${escapeHtml(at(p).challenge!)}</code>`));
  }
  for (const [name, value] of entry.headers) {
    parts.push(`<p class="header-line"><span class="label">${escapeHtml(name)}:</span> <code>${escapeHtml(value)}</code></p>`);
  }
  parts.push(r.block('details', '', (p) => `<summary>${escapeHtml(p.labels.example)}</summary><pre><code>${escapeHtml(httpText(at(p).example))}</code></pre>`));
  parts.push('</article>');
  return parts.join('\n');
}

function httpText(example: ExampleResponse): string {
  const lines = [`HTTP/1.1 ${statusTitle(example.status)}`, ...example.headers.map(([n, v]) => `${n}: ${v}`)];
  return `${lines.join('\n')}\n\n${example.json}`;
}

function table(r: Localized, headings: (p: DocPage) => readonly string[], rows: string[]): string {
  const count = headings(r.pages[0]!).length;
  const head = Array.from({ length: count }, (_, i) => `<th>${r.text((p) => escapeHtml(headings(p)[i]!))}</th>`).join('');
  return `<div class="table-wrap"><table><thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table></div>`;
}

function challenges(r: Localized, first: DocPage): string {
  const rows = first.challenges.map((e, i) =>
    `<tr><td>${entryLink(e)}</td><td>${e.status}</td><td>${r.text((p) => `<code>${escapeHtml(p.challenges[i]!.challenge!)}</code>`)}</td></tr>`);
  const parts = [
    `<section id="${escapeHtml(first.ids.challenges)}">`,
    `<h2><a href="${fragmentHref(first.ids.challenges)}">${r.text((p) => escapeHtml(p.labels.challengeTitle))}</a></h2>`,
    r.block('p', '', (p) => richHtml(p.labels.challengeText)),
    table(r, (p) => [p.labels.code, p.labels.status, 'WWW-Authenticate'], rows),
  ];
  if (first.anyScope) parts.push(r.block('p', '', (p) => richHtml(p.labels.scopeNote)));
  parts.push('</section>');
  return parts.join('\n');
}

function otherHeaders(r: Localized, first: DocPage): string {
  const rows = first.withHeaders.flatMap((e) => e.headers.map(([name, value]) =>
    `<tr><td>${entryLink(e)}</td><td>${e.status}</td><td><code>${escapeHtml(`${name}: ${value}`)}</code></td></tr>`));
  return [
    `<section id="${escapeHtml(first.ids.headers)}">`,
    `<h2><a href="${fragmentHref(first.ids.headers)}">${r.text((p) => escapeHtml(p.labels.headersTitle))}</a></h2>`,
    r.block('p', '', (p) => escapeHtml(p.labels.headersText)),
    table(r, (p) => [p.labels.code, p.labels.status, p.labels.header], rows),
    '</section>',
  ].join('\n');
}
