/**
 * `house-errors docs <module> --to md|html|openapi [--format NAME] [--title T]
 * [--locale L] [--out FILE] [--check FILE]`: the error reference of a catalog module,
 * printed, written, or checked against a committed file (the drift gate for CI).
 */
import type { AnyCatalog } from '../catalog/define.js';
import { builtinFormats, type FormatRef } from '../formats/builtin.js';
import { isHouseFormat } from '../formats/format.js';
import { renderHtml } from '../docs/html.js';
import { renderMarkdown } from '../docs/markdown.js';
import { toOpenAPI } from '../docs/openapi.js';
import type { CommandIo } from './commands.js';
import { moduleProblem, readArgs, runGenerating } from './output.js';
import { catalogOf, CatalogModuleError, loadModule } from './load-catalog.js';

const USAGE = `usage: house-errors docs <module> --to md|html|openapi [options]

  <module>          a module exporting the catalog as default or as "errors" (ESM or CommonJS)
  --to KIND         md (Markdown), html (one self-contained page) or openapi (OpenAPI 3.1 JSON)
  --format NAME     the house format: ${Object.keys(builtinFormats).join(', ')},
                    or the name of a format the module exports as "format"
                    (default: the module's "format" export, else code-message)
  --title TEXT      the page title
  --locale TAG      the page's language; for html, a comma-separated list (ko,en) adds a language switch
  --links           render [text](https://…) in descriptions and group paragraphs as links
  --out FILE        write to FILE instead of standard output
  --check FILE      exit 1 with a diff when FILE differs from what the catalog generates
`;

const KINDS = ['md', 'html', 'openapi'] as const;
type Kind = (typeof KINDS)[number];


interface DocsArgs {
  readonly module: string;
  readonly to: Kind;
  readonly format: string | undefined;
  readonly title: string | undefined;
  readonly links: boolean;
  readonly locales: string[] | undefined;
  readonly out: string | undefined;
  readonly check: string | undefined;
}

/**
 * Runs `docs`; resolves to the exit code (0 done, 1 drift found by `--check`, 2 error).
 * @example
 * process.exitCode = await docsCommand(['./dist/errors.js', '--to', 'md', '--check', 'ERRORS.md'], {
 *   stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s),
 * });
 */
export async function docsCommand(args: string[], io: CommandIo): Promise<number> {
  return runGenerating('docs', USAGE, parse(args), async (parsed) => {
    const namespace = await loadModule(parsed.module);
    const errors = catalogOf(namespace, parsed.module);
    return render(errors, parsed, formatOf(parsed.format, namespace.format));
  }, io);
}

function parse(args: string[]): DocsArgs | 'help' | string {
  const read = readArgs(args, {
    to: { type: 'string' }, format: { type: 'string' }, title: { type: 'string' }, locale: { type: 'string' }, links: { type: 'boolean' },
  });
  if (typeof read === 'string') return read;
  const { values, positionals } = read;
  const problem = moduleProblem(positionals);
  if (problem !== undefined) return problem;
  const to = values.to as string | undefined;
  if (to === undefined) return '--to is required (md, html or openapi)';
  if (!(KINDS as readonly string[]).includes(to)) return `--to ${JSON.stringify(to)}: expected md, html or openapi`;
  const locales = typeof values.locale === 'string' ? values.locale.split(',').map((l) => l.trim()).filter((l) => l !== '') : undefined;
  if (locales !== undefined && locales.length !== 1 && to !== 'html') return `--locale takes one language for ${to}; several are for html`;
  return {
    module: positionals[0]!, to: to as Kind, format: values.format as string | undefined, title: values.title as string | undefined,
    links: values.links === true,
    locales, out: values.out as string | undefined, check: values.check as string | undefined,
  };
}

// --format names a built-in format or the module's own `format` export; without it, that export or code-message.
function formatOf(name: string | undefined, exported: unknown): FormatRef {
  const own = isHouseFormat(exported) ? exported : typeof exported === 'string' && Object.hasOwn(builtinFormats, exported) ? exported as FormatRef : undefined;
  if (name === undefined) return own ?? 'code-message';
  if (Object.hasOwn(builtinFormats, name)) return name as FormatRef;
  if (own !== undefined && typeof own !== 'string' && own.name === name) return own;
  const choices = [...Object.keys(builtinFormats), ...(own !== undefined && typeof own !== 'string' ? [own.name] : [])];
  throw new CatalogModuleError(`unknown format ${JSON.stringify(name)} (expected ${choices.join(', ')})`);
}

function render(errors: AnyCatalog, args: DocsArgs, format: FormatRef): string {
  const common = {
    format,
    ...(args.title === undefined ? {} : { title: args.title }),
    ...(args.links ? { links: true } : {}),
  };
  const locale = args.locales?.length === 1 ? { locale: args.locales[0]! } : {};
  switch (args.to) {
    case 'md': return renderMarkdown(errors, { ...common, ...locale });
    case 'html': return renderHtml(errors, args.locales !== undefined && args.locales.length > 1 ? { ...common, locales: args.locales } : { ...common, ...locale });
    case 'openapi': return `${JSON.stringify(toOpenAPI(errors, { ...common, ...locale }), null, 2)}\n`;
  }
}
