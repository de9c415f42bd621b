/**
 * `renderHtml`: the reference page as one self-contained HTML document (inline style, no
 * script, no external asset), and `escapeHtml`, its one escaper. With several locales every
 * language is in the page, and a CSS-only switch (radio buttons) shows one.
 */
import type { AnyCatalog } from '../catalog/types.js';
import { detailsLabel, fillLabel, languageName } from './labels.js';
import {
  buildPages, IdAllocator, splitLinks, statusTitle, type DocEntry, type DocPage, type DocSection, type DocsOptions, type ExampleResponse,
} from './model.js';

/**
 * Options of `renderHtml`.
 * @example
 * import type { HtmlOptions } from 'house-errors';
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
 * import { writeFileSync } from 'node:fs';
 * import { defineCatalog, renderHtml } from 'house-errors';
 * const errors = defineCatalog({ INTERNAL_ERROR: { status: 500, message: { en: 'Internal server error.', ko: '서버 에러.' } } });
 * writeFileSync('errors.html', renderHtml(errors, { format: 'code-message', locales: ['ko', 'en'] }));
 */
export function renderHtml<C extends AnyCatalog>(errors: C, options: HtmlOptions): string {
  const pages = buildPages(errors, options, 'renderHtml');
  const first = pages[0]!;
  const ids = new IdAllocator([...first.sections.flatMap((s) => [s.id, ...s.entries.map((e) => e.key)]), ...Object.values(first.ids)]);
  const inputs: LocaleInput[] = pages.length > 1 ? pages.map((p) => ({ id: ids.take(`locale-${p.locale}`), locale: p.locale })) : [];
  const r = new Localized(pages);
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
    ...(first.violationCodes.length > 0 ? [violationCodes(r, first)] : []),
    ...(first.challenges.length > 0 ? [challenges(r, first)] : []),
    ...(first.withHeaders.length > 0 ? [otherHeaders(r, first)] : []),
    '</main>',
    '</div>',
    '</div>',
    '</body>',
    '</html>',
  ].join('\n')}\n`;
}

/** What a text may hold besides plain text. */
export interface HtmlTextOptions {
  /** A catalog text with `links: true`: its `[label](https://…)` links become anchors. */
  readonly links?: boolean;
  /** One of our own fixed texts: text between backticks is code. */
  readonly code?: boolean;
}

const SPECIAL = /[&<>"']/g;
const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Escapes a text for an HTML text node or a quoted attribute value: every catalog text is text,
 * never markup. Only what `options` allows becomes markup: http(s) links, or our own code.
 * @example escapeHtml('<script>') // '&lt;script&gt;'
 * @example escapeHtml('a `b`', { code: true }) // 'a <code>b</code>'
 * @example escapeHtml('see [RFC 6750](https://www.rfc-editor.org/rfc/rfc6750)', { links: true })
 * // 'see <a href="https://www.rfc-editor.org/rfc/rfc6750">RFC 6750</a>'
 */
export function escapeHtml(text: string, options: HtmlTextOptions = {}): string {
  const escape = (plain: string): string => plain.replace(SPECIAL, (ch) => ENTITIES[ch]!);
  return splitLinks(text, options.links === true).map((piece) => {
    if ('url' in piece) return `<a href="${escape(piece.url)}">${escape(piece.label)}</a>`;
    if (options.code !== true) return escape(piece.text);
    return piece.text.split('`').map((part, i) => (i % 2 === 1 ? `<code>${escape(part)}</code>` : escape(part))).join('');
  }).join('');
}

// The href of a link to an id: percent-encoded as a URL fragment (a key's `{` and `}` are not URL
// characters; browsers decode the fragment to find the id).
function fragmentHref(id: string): string {
  return `#${escapeHtml(encodeURIComponent(id))}`;
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
  if (first.violationCodes.length > 0) items.push(item(first.ids.violations, (p) => p.labels.violationsTitle));
  if (first.challenges.length > 0) items.push(item(first.ids.challenges, (p) => p.labels.challengeTitle));
  if (first.withHeaders.length > 0) items.push(item(first.ids.headers, (p) => p.labels.headersTitle));
  return `<nav class="toc" aria-label="${escapeHtml(first.labels.contents)}"><h2>${r.text((p) => escapeHtml(p.labels.contents))}</h2><ol>${items.join('')}</ol></nav>`;
}

function model(r: Localized, first: DocPage): string {
  const parts = [
    `<section id="${escapeHtml(first.ids.model)}">`,
    `<h2><a href="${fragmentHref(first.ids.model)}">${r.text((p) => escapeHtml(p.labels.model))}</a></h2>`,
    r.block('p', '', (p) => escapeHtml(p.labels.modelText)),
    r.block('p', '', (p) => `${escapeHtml(p.labels.contentType)} <code>${escapeHtml(p.format.contentType)}</code>`),
    r.block('pre', '', (p) => `<code>${escapeHtml(p.example.json)}</code>`),
  ];
  if (first.fields.length > 0) {
    parts.push(r.block('ul', 'fields', (p) => p.fields.map((f) =>
      `<li><code>${escapeHtml(f.name)}</code>${f.text === undefined ? '' : `: ${escapeHtml(f.text)}`}</li>`).join('')));
  }
  if (first.anyRetryable) parts.push(r.block('p', '', (p) => escapeHtml(p.labels.retryText, { code: true })));
  if (first.anyFamily) parts.push(r.block('p', '', (p) => escapeHtml(p.labels.familyText, { code: true })));
  if (first.anyPlaceholder) parts.push(r.block('p', '', (p) => escapeHtml(p.labels.placeholderText, { code: true })));
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
    // A blank line starts a new paragraph.
    parts.push(r.block('div', 'group-text', (p) => (at(p).description ?? '').split(/(?:\r\n|\r|\n){2,}/)
      .map((para) => `<p>${escapeHtml(para.trim(), { links: p.links })}</p>`).join('')));
  }
  section.entries.forEach((entry, i) => parts.push(entryHtml(r, entry, (p) => at(p).entries[i]!)));
  parts.push('</section>');
  return parts.join('\n');
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
    parts.push(r.block('p', 'description', (p) => (at(p).description === undefined ? escapeHtml(at(p).message) : escapeHtml(at(p).description!, { links: p.links }))));
  }
  if (entry.challenge !== undefined) {
    parts.push(r.block('p', 'header-line', (p) => `<span class="label">WWW-Authenticate:</span> <code>${escapeHtml(at(p).challenge!)}</code>`));
  }
  for (const [name, value] of entry.headers) {
    parts.push(`<p class="header-line"><span class="label">${escapeHtml(name)}:</span> <code>${escapeHtml(value)}</code></p>`);
  }
  if (entry.details !== undefined) parts.push(...detailsHtml(r, entry));
  parts.push(r.block('details', '', (p) => `<summary>${escapeHtml(p.labels.example)}</summary><pre><code>${escapeHtml(httpText(at(p).example))}</code></pre>`));
  parts.push('</article>');
  return parts.join('\n');
}

// What a definition with details carries: a sentence naming the member (and linking the violation
// codes) and the fields of its own object; the example response below shows them.
function detailsHtml(r: Localized, entry: DocEntry): string[] {
  const details = entry.details!;
  const { kind, member, fields, anyDescription: described } = details;
  const parts = [r.block('p', 'details-line', (p) => {
    const { labels } = p;
    const label = detailsLabel(labels, details);
    const pieces = {
      code: `<code>${escapeHtml(entry.code)}</code>`,
      member: member === undefined ? '' : `<code>${escapeHtml(member)}</code>`,
      link: `<a href="${fragmentHref(p.ids.violations)}">${escapeHtml(labels.violationsTitle)}</a>`,
    };
    return `<span class="label">${escapeHtml(labels.details)}:</span> ${fillLabel(label, (text) => escapeHtml(text), pieces)}`;
  })];
  if (kind === 'schema') {
    const rows = fields.map((f) => `<tr><td><code>${escapeHtml(f.name)}</code></td><td><code>${escapeHtml(f.type)}</code></td>`
      + `<td>${r.text((p) => escapeHtml(f.required ? p.labels.answerYes : p.labels.answerNo))}</td>`
      + `${described ? `<td>${f.description === undefined ? '' : escapeHtml(f.description)}</td>` : ''}</tr>`);
    parts.push(table(r, (p) => [p.labels.field, p.labels.type, p.labels.required, ...(described ? [p.labels.description] : [])], rows));
  }
  return parts;
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
    r.block('p', '', (p) => escapeHtml(p.labels.challengeText, { code: true })),
    table(r, (p) => [p.labels.code, p.labels.status, 'WWW-Authenticate'], rows),
  ];
  if (first.anyScope) parts.push(r.block('p', '', (p) => escapeHtml(p.labels.scopeNote, { code: true })));
  parts.push('</section>');
  return parts.join('\n');
}

function violationCodes(r: Localized, first: DocPage): string {
  const described = first.anyViolationDescription;
  const rows = first.violationCodes.map((v, i) => {
    const at = (p: DocPage) => p.violationCodes[i]!;
    return `<tr><td><code>${escapeHtml(v.code)}</code></td><td>${r.text((p) => escapeHtml(at(p).message))}</td>`
      + `${described ? `<td>${r.text((p) => escapeHtml(at(p).description ?? ''))}</td>` : ''}`
      + `<td>${r.text((p) => escapeHtml(v.echo ? p.labels.answerYes : p.labels.answerNo))}</td></tr>`;
  });
  return [
    `<section id="${escapeHtml(first.ids.violations)}">`,
    `<h2><a href="${fragmentHref(first.ids.violations)}">${r.text((p) => escapeHtml(p.labels.violationsTitle))}</a></h2>`,
    r.block('p', '', (p) => escapeHtml(p.labels.violationsText, { code: true })),
    table(r, (p) => [p.labels.code, p.labels.message, ...(described ? [p.labels.description] : []), p.labels.echoed], rows),
    '</section>',
  ].join('\n');
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

// The stylesheet: light and dark schemes, a sidebar table of contents on wide screens and a single
// column on phones, and the language switch.
const STYLE = `
:root{color-scheme:light dark;--bg:#ffffff;--fg:#1f2328;--muted:#59636e;--border:#d1d9e0;--panel:#f6f8fa;--accent:#0550ae;--target:#fff8c5;--ok:#116329;--warn:#953800}
@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#9198a1;--border:#3d444d;--panel:#161b22;--accent:#58a6ff;--target:#2e2a12;--ok:#3fb950;--warn:#f0883e}}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--fg);font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans KR","Apple SD Gothic Neo",sans-serif}
a{color:var(--accent);text-underline-offset:.25em}
code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace;font-size:.875em}
code{overflow-wrap:anywhere}
pre{background:var(--panel);border:1px solid var(--border);border-radius:6px;padding:.75rem 1rem;overflow-x:auto;line-height:1.45}
pre code{overflow-wrap:normal;font-size:inherit}
[id]{scroll-margin-top:1rem}
.top{border-bottom:1px solid var(--border);padding:1.25rem}
.top-inner,.layout{max-width:76rem;margin:0 auto}
.top-inner{display:flex;flex-wrap:wrap;gap:.75rem 1.5rem;align-items:center;justify-content:space-between}
h1{font-size:1.75rem;line-height:1.25;margin:0}
.layout{display:grid;grid-template-columns:15rem minmax(0,1fr);gap:2.5rem;padding:1.5rem 1.25rem 4rem}
.toc{position:sticky;top:1rem;align-self:start;max-height:calc(100vh - 2rem);overflow:auto;font-size:.9rem}
.toc h2{font-size:.8rem;text-transform:uppercase;letter-spacing:.06em;color:var(--muted);margin:0 0 .5rem}
.toc ol,.toc ul{list-style:none;margin:0;padding:0}
.toc ul{padding-left:.75rem;margin:.15rem 0 .5rem;border-left:1px solid var(--border)}
.toc li{margin:.15rem 0}
.toc a{text-decoration:none}
.toc a:hover{text-decoration:underline}
main{min-width:0}
main>section{margin-bottom:2.5rem}
h2{font-size:1.4rem;line-height:1.3;margin:0 0 .75rem;padding-bottom:.3rem;border-bottom:1px solid var(--border)}
h2 a,h3 a{color:inherit;text-decoration:none}
h2 a:hover,h3 a:hover{text-decoration:underline}
.status-line{color:var(--muted);margin:.25rem 0}
.entry{border:1px solid var(--border);border-radius:8px;padding:.9rem 1rem;margin:1rem 0}
.entry:target{outline:2px solid var(--accent);background:var(--target)}
.entry h3{font-size:1.05rem;margin:0 0 .35rem;display:flex;flex-wrap:wrap;gap:.4rem .6rem;align-items:baseline}
.entry h3 code{font-size:1rem;font-weight:600}
.entry p{margin:.35rem 0}
.badge{font-size:.78rem;font-weight:600;border:1px solid var(--border);border-radius:999px;padding:0 .55rem;white-space:nowrap}
.retry{color:var(--ok);border-color:currentColor}
.final{color:var(--muted)}
.label{color:var(--muted);font-size:.85rem}
.header-line{margin:.35rem 0}
details{margin-top:.5rem}
summary{cursor:pointer;color:var(--accent)}
.table-wrap{overflow-x:auto}
table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{border:1px solid var(--border);padding:.4rem .6rem;text-align:left;vertical-align:top}
th{background:var(--panel)}
td:first-child code{overflow-wrap:normal;white-space:nowrap}
.switch{display:flex;gap:.4rem;align-items:center;flex-wrap:wrap}
.switch label{border:1px solid var(--border);border-radius:999px;padding:.15rem .75rem;cursor:pointer;user-select:none}
.locale-input{position:absolute;opacity:0;width:1px;height:1px;margin:0}
@media (max-width:50rem){
.layout{grid-template-columns:minmax(0,1fr);gap:1.5rem;padding-top:1rem}
.toc{position:static;max-height:none;border:1px solid var(--border);border-radius:8px;padding:.75rem 1rem}
h1{font-size:1.4rem}
}
@media print{.toc,.switch,.locale-input{display:none}.layout{display:block}}
`;

/** A language radio button: its element id and the locale it shows. */
interface LocaleInput {
  readonly id: string;
  readonly locale: string;
}

// The stylesheet, with one rule per language: the checked radio hides every other language.
// Without any switch (one language) nothing is ever hidden.
function pageStyle(inputs: readonly LocaleInput[]): string {
  const rules = inputs.flatMap(({ id, locale }) => [
    `#${id}:checked~.page .l:not(.l-${locale}){display:none}`,
    `#${id}:checked~.page label[for="${id}"]{background:var(--accent);border-color:var(--accent);color:var(--bg)}`,
    `#${id}:focus-visible~.page label[for="${id}"]{outline:2px solid var(--accent);outline-offset:2px}`,
  ]);
  return `${STYLE.trim()}\n${rules.join('\n')}`;
}
