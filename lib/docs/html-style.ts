/**
 * The page's inline stylesheet: light and dark schemes, a sidebar table of contents on
 * wide screens and a single column on phones, and the CSS-only language switch.
 */

/** A language radio button: its element id and the locale it shows. */
export interface LocaleInput {
  readonly id: string;
  readonly locale: string;
}

const BASE = `
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

/**
 * The stylesheet, with one rule per language: the checked radio hides every other language.
 * Without any switch (one language) nothing is ever hidden.
 * @example pageStyle([{ id: 'locale-ko', locale: 'ko' }, { id: 'locale-en', locale: 'en' }])
 */
export function pageStyle(inputs: readonly LocaleInput[]): string {
  const rules = inputs.flatMap(({ id, locale }) => [
    `#${id}:checked~.page .l:not(.l-${locale}){display:none}`,
    `#${id}:checked~.page label[for="${id}"]{background:var(--accent);border-color:var(--accent);color:var(--bg)}`,
    `#${id}:focus-visible~.page label[for="${id}"]{outline:2px solid var(--accent);outline-offset:2px}`,
  ]);
  return `${BASE.trim()}\n${rules.join('\n')}`;
}
