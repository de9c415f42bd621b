/**
 * `house-errors docs <module> --to md|html|openapi [--format NAME] [--title T]
 * [--locale L] [--out FILE] [--check FILE]`: the error reference of a catalog module,
 * printed, written, or checked against a committed file (the drift gate for CI).
 */
import { internalsOf } from '../catalog/define.js';
import { type AnyCatalog } from '../catalog/types.js';
import { builtinFormats, type FormatRef } from '../formats/builtin.js';
import { isHouseFormat } from '../formats/format.js';
import { renderHtml } from '../docs/html.js';
import { renderMarkdown } from '../docs/markdown.js';
import { toOpenAPI } from '../docs/openapi.js';
import type { CommandIo } from './commands.js';
import { EXIT_HELP, moduleProblem, readArgs, runGenerating, usageProblem, type Parsed } from './output.js';
import { catalogOf, exportOf, loadModule, UsageError } from './load-catalog.js';

const BUILTIN = Object.keys(builtinFormats).join(', ');

const USAGE = `usage: house-errors docs <module> --to md|html|openapi [options]

  <module>          a module exporting the catalog as default or as "errors" (ESM or CommonJS)
  --to KIND         md (Markdown), html (one self-contained page) or openapi (OpenAPI 3.1 JSON)
  --format NAME     the house format your server sends, required (there is no default):
                    ${BUILTIN},
                    or the name of the format the module exports as "format".
                    Without --format, the module's "format" export is the format.
  --title TEXT      the page title
  --locale TAG      the page's language; for html, a comma-separated list (ko,en) adds a language switch
  --links           render [text](https://…) in descriptions and group paragraphs as links
  --out FILE        write to FILE instead of standard output
  --check FILE      exit 1 with a diff when FILE differs from what the catalog generates

${EXIT_HELP}`;

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
 * Runs `docs`; resolves to the exit code (0 done, 1 drift found by `--check`, 2 usage or load error).
 * An exception while rendering is thrown on; `runCli` reports it as a crash (exit 3).
 * @example
 * process.exitCode = await docsCommand(['./dist/errors.js', '--to', 'md', '--check', 'ERRORS.md'], {
 *   stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s),
 * });
 */
export async function docsCommand(args: string[], io: CommandIo): Promise<number> {
  return runGenerating('docs', USAGE, parse(args), async (parsed) => {
    const namespace = await loadModule(parsed.module);
    const errors = catalogOf(namespace, parsed.module);
    const format = formatOf(parsed, exportOf(namespace, 'format'));
    checkLocales(errors, parsed.locales);
    return render(errors, parsed, format);
  }, io);
}

function parse(args: string[]): Parsed<DocsArgs> {
  const read = readArgs(args, {
    to: { type: 'string' }, format: { type: 'string' }, title: { type: 'string' }, locale: { type: 'string' }, links: { type: 'boolean' },
  });
  if (read.kind !== 'run') return read;
  const { values, positionals } = read.args;
  const problem = moduleProblem(positionals);
  if (problem !== undefined) return usageProblem(problem);
  const to = values.to as string | undefined;
  if (to === undefined) return usageProblem('--to is required (md, html or openapi)');
  if (!(KINDS as readonly string[]).includes(to)) return usageProblem(`--to ${JSON.stringify(to)}: expected md, html or openapi`);
  const locales = typeof values.locale === 'string' ? values.locale.split(',').map((l) => l.trim()).filter((l) => l !== '') : undefined;
  if (locales?.length === 0) return usageProblem('--locale needs a language, e.g. --locale en');
  if (locales !== undefined && new Set(locales).size !== locales.length) return usageProblem(`--locale ${values.locale as string}: a language is repeated`);
  if (locales !== undefined && locales.length !== 1 && to !== 'html') return usageProblem(`--locale takes one language for ${to}; several are for html`);
  return {
    kind: 'run',
    args: {
      module: positionals[0]!, to: to as Kind, format: values.format as string | undefined, title: values.title as string | undefined,
      links: values.links === true, locales, out: values.out as string | undefined, check: values.check as string | undefined,
    },
  };
}

// The page must document the body the server sends, so the format is the user's: --format (a built-in
// name or the name of the module's own format), else the module's "format" export. Never a default.
function formatOf({ format: name, module }: DocsArgs, exported: unknown): FormatRef {
  const builtin = (value: unknown): value is FormatRef => typeof value === 'string' && Object.hasOwn(builtinFormats, value);
  const own = isHouseFormat(exported) || builtin(exported) ? exported : undefined;
  if (name === undefined) {
    if (own !== undefined) return own;
    if (exported === undefined) {
      throw new UsageError(`which house format does your server send? Give --format NAME (${BUILTIN}) or export it from ${module} as "format" (a built-in name or a defineFormat(...) value)`);
    }
    throw new UsageError(`${module} exports "format" as ${shown(exported)}, which is not a format: use ${BUILTIN} or a defineFormat(...) value`);
  }
  if (builtin(name)) return name;
  if (isHouseFormat(own) && own.name === name) return own;
  throw new UsageError(`unknown format ${JSON.stringify(name)} (expected ${BUILTIN}${isHouseFormat(own) ? `, ${own.name}` : ''})`);
}

function shown(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : `a value of type ${value === null ? 'null' : typeof value}`;
}

// Checked here, not left to the renderer, so a language the catalog lacks is a usage error (exit 2), not a crash.
function checkLocales(errors: AnyCatalog, locales: readonly string[] | undefined): void {
  const known = internalsOf(errors).locales;
  const unknown = locales?.find((locale) => !known.includes(locale));
  if (unknown !== undefined) throw new UsageError(`--locale ${JSON.stringify(unknown)}: the catalog's languages are ${known.join(', ')}`);
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
