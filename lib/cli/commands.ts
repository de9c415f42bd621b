/**
 * The `house-errors` commands, run the same in a test and in a shell:
 *
 * - `docs <module> --to md|html|openapi [--format NAME] [--title T] [--locale L] [--links] [--details-field NAME]`: the error reference;
 * - `catalog <module> --json`, `catalog --schema`: the catalog as JSON for clients in other languages, and its JSON Schema;
 *
 * each printed, written (`--out FILE`) or compared with a committed file (`--check FILE`, the drift gate).
 * The arguments are read once, by `parseCli`, into a tagged invocation; `runCli` runs it and maps the
 * outcome to the exit code. The process around it (flushing, exiting, crashes in the background) is lib/cli.ts.
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { internalsOf } from '../catalog/define.js';
import { CATALOG, type AnyCatalog } from '../catalog/types.js';
import { renderHtml } from '../docs/html.js';
import { renderMarkdown } from '../docs/markdown.js';
import { toOpenAPI } from '../docs/openapi.js';
import { builtinFormats, resolveFormat, type FormatRef } from '../formats/builtin.js';
import { isHouseFormat } from '../formats/format.js';
import { catalogJson, catalogSchema } from './catalog-json.js';
import { unifiedDiff } from './diff.js';

/**
 * Where the commands write.
 * @example const io: CommandIo = { stdout: (s) => { out += s; }, stderr: (s) => { err += s; } };
 */
export interface CommandIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

// The exit codes: 0 done (or up to date), 1 `--check` found a difference, 2 a usage or load error the
// user can fix, 3 an unexpected error — so a CI drift gate never takes a crash for drift.
const EXIT = { done: 0, drift: 1, usage: 2, crash: 3 } as const;

/** What a run came to; `EXIT` gives its exit code. */
type Outcome = keyof typeof EXIT;

/** The command names. */
type CommandName = 'docs' | 'catalog';

/** Where a command's text goes: standard output when neither is given. */
interface Destination {
  readonly out: string | undefined;
  readonly check: string | undefined;
}

/**
 * What `house-errors docs` was asked for.
 * @example { command: 'docs', module: './dist/errors.js', to: 'md', format: 'code-message', title: undefined, links: false, locales: ['en'], out: undefined, check: 'ERRORS.md' }
 */
export interface DocsJob extends Destination {
  readonly command: 'docs';
  readonly module: string;
  readonly to: 'md' | 'html' | 'openapi';
  readonly format: string | undefined;
  readonly title: string | undefined;
  readonly links: boolean;
  /** `--locale`, split at commas; several only for html. */
  readonly locales: readonly string[] | undefined;
  /** `--details-field`: the handler's `detailsField`, when the server sets one. */
  readonly detailsField?: string | undefined;
}

/**
 * What `house-errors catalog` was asked for; no module means `--schema`.
 * @example { command: 'catalog', module: './dist/errors.js', out: 'errors.json', check: undefined }
 */
export interface CatalogJob extends Destination {
  readonly command: 'catalog';
  readonly module: string | undefined;
}

/**
 * The arguments, read: help to print (the command's, or the command list), a usage problem (exit 2;
 * no message for a bare `house-errors`), or a job to run.
 * @example parseCli(['docs', '--help']) // { kind: 'help', command: 'docs' }
 */
export type Invocation =
  | { readonly kind: 'help'; readonly command?: CommandName }
  | { readonly kind: 'usage'; readonly command?: CommandName; readonly message?: string }
  | ({ readonly kind: 'run' } & (DocsJob | CatalogJob));

const BUILTIN = Object.keys(builtinFormats).join(', ');

const EXIT_HELP = `exit status:
  0  done (with --check: the file is up to date)
  1  --check found drift: the file differs from what the catalog generates, or is missing
  2  usage or load error: wrong arguments, a module that is missing, fails to load or exports
     no catalog or no format, a file that cannot be written
  3  unexpected error: a crash while generating, never to be taken for drift
`;

const USAGE = {
  cli: `usage: house-errors <command> [options]

commands:
  docs     error reference from a catalog module: Markdown, HTML or OpenAPI 3.1
  catalog  the catalog as JSON for clients in other languages (--json), or its JSON Schema (--schema)

Run house-errors <command> --help for its options.

${EXIT_HELP}`,
  docs: `usage: house-errors docs <module> --to md|html|openapi [options]

  <module>          a module exporting the catalog as default or as "errors" (ESM or CommonJS)
  --to KIND         md (Markdown), html (one self-contained page) or openapi (OpenAPI 3.1 JSON)
  --format NAME     the house format your server sends, required (there is no default):
                    ${BUILTIN},
                    or the name of the format the module exports as "format".
                    Without --format, the module's "format" export is the format.
  --title TEXT      the page title
  --locale TAG      the page's language; for html, a comma-separated list (ko,en) adds a language switch
  --links           render [text](https://…) in descriptions and group paragraphs as links
  --details-field NAME
                    the member holding field-level details, when the handler's detailsField
                    option names one other than "details"
  --out FILE        write to FILE instead of standard output
  --check FILE      exit 1 with a diff when FILE differs from what the catalog generates

${EXIT_HELP}`,
  catalog: `usage: house-errors catalog <module> --json [options]
       house-errors catalog --schema [options]

  <module>          a module exporting the catalog as default or as "errors" (ESM or CommonJS)
  --json            print the catalog as JSON: codes, statuses, messages, families, Bearer challenges
  --schema          print the JSON Schema (draft 2020-12) of that JSON instead
  --out FILE        write to FILE instead of standard output
  --check FILE      exit 1 with a diff when FILE differs from what the catalog generates

${EXIT_HELP}`,
} as const;

// Each command's own flags; --out, --check and --help come with every one.
const FLAGS: Readonly<Record<CommandName, NonNullable<ParseArgsConfig['options']>>> = {
  docs: {
    to: { type: 'string' }, format: { type: 'string' }, title: { type: 'string' }, locale: { type: 'string' }, links: { type: 'boolean' },
    'details-field': { type: 'string' },
  },
  catalog: { json: { type: 'boolean' }, schema: { type: 'boolean' } },
};
const COMMON_FLAGS = { out: { type: 'string' }, check: { type: 'string' }, help: { type: 'boolean', short: 'h' } } as const;

// No flag is `multiple`, so a value is a string, a boolean or absent.
type Values = Readonly<Record<string, string | boolean | undefined>>;

/**
 * Reads the command line (without `node` and the script) into an invocation. Pure: it loads nothing.
 * @example
 * parseCli(['catalog', './dist/errors.js', '--json', '--out', 'errors.json'])
 * // { kind: 'run', command: 'catalog', module: './dist/errors.js', out: 'errors.json', check: undefined }
 */
export function parseCli(argv: readonly string[]): Invocation {
  const [name, ...args] = argv;
  if (name === undefined) return { kind: 'usage' };
  if (name === '--help' || name === '-h' || name === 'help') return { kind: 'help' };
  if (name !== 'docs' && name !== 'catalog') return { kind: 'usage', message: `unknown command ${JSON.stringify(name)}` };
  const problem = (message: string): Invocation => ({ kind: 'usage', command: name, message });
  let values: Values;
  let positionals: readonly string[];
  try {
    const read = parseArgs({ args, allowPositionals: true, options: { ...FLAGS[name], ...COMMON_FLAGS } });
    values = read.values as Values;
    positionals = read.positionals;
  } catch (err) {
    return problem((err as Error).message); // node's own wording: "Unknown option '--colour'…"
  }
  if (values.help === true) return { kind: 'help', command: name };
  const destination = { out: values.out as string | undefined, check: values.check as string | undefined };
  if (destination.out !== undefined && destination.check !== undefined) return problem('--out and --check: choose one');

  if (name === 'catalog' && values.schema === true) {
    if (values.json === true || positionals.length > 0) return problem('--schema prints the schema alone: no module, no --json');
    return { kind: 'run', command: 'catalog', module: undefined, ...destination };
  }
  if (positionals.length !== 1) {
    return problem(positionals.length === 0 ? 'a catalog module is required' : `one module expected, got ${positionals.join(' ')}`);
  }
  const module = positionals[0]!;
  if (name === 'catalog') {
    if (values.json !== true) return problem('choose the output: --json (or --schema for its JSON Schema)');
    return { kind: 'run', command: 'catalog', module, ...destination };
  }

  const to = values.to as string | undefined;
  if (to === undefined) return problem('--to is required (md, html or openapi)');
  if (to !== 'md' && to !== 'html' && to !== 'openapi') return problem(`--to ${JSON.stringify(to)}: expected md, html or openapi`);
  const locale = values.locale as string | undefined;
  const locales = locale?.split(',').map((l) => l.trim()).filter((l) => l !== '');
  if (locales?.length === 0) return problem('--locale needs a language, e.g. --locale en');
  if (locales !== undefined && new Set(locales).size !== locales.length) return problem(`--locale ${locale!}: a language is repeated`);
  if (locales !== undefined && locales.length !== 1 && to !== 'html') return problem(`--locale takes one language for ${to}; several are for html`);
  return {
    kind: 'run', command: 'docs', module, to, locales, links: values.links === true,
    format: values.format as string | undefined, title: values.title as string | undefined, ...destination,
    ...(values['details-field'] === undefined ? {} : { detailsField: values['details-field'] as string }),
  };
}

/**
 * `house-errors …`: reads the arguments, runs the command, resolves to the exit code: 0 done (or up to
 * date), 1 drift found by `--check`, 2 a usage or load error, 3 a crash (reported with its stack).
 * Messages go to `io.stderr`; the page, the JSON or the `--check` diff to `io.stdout`.
 * @example
 * const io = { stdout: (s: string) => { process.stdout.write(s); }, stderr: (s: string) => { process.stderr.write(s); } };
 * process.exitCode = await runCli(['docs', './dist/errors.js', '--to', 'md', '--format', 'code-message', '--check', 'ERRORS.md'], io);
 */
export async function runCli(argv: readonly string[], io: CommandIo): Promise<number> {
  const invocation = parseCli(argv);
  try {
    return EXIT[await outcomeOf(invocation, io)];
  } catch (err) {
    // A command reports what the user can fix; anything reaching here is unexpected: show where it came from.
    io.stderr(`house-errors${invocation.kind === 'run' ? ` ${invocation.command}` : ''}: ${crashMessage(err)}\n`);
    return EXIT.crash;
  }
}

async function outcomeOf(invocation: Invocation, io: CommandIo): Promise<Outcome> {
  if (invocation.kind === 'help') {
    io.stdout(USAGE[invocation.command ?? 'cli']);
    return 'done';
  }
  if (invocation.kind === 'usage') {
    const { command, message } = invocation;
    if (command !== undefined) io.stderr(`house-errors ${command}: ${message ?? ''}\n\n${USAGE[command]}`);
    else io.stderr(message === undefined ? USAGE.cli : `house-errors: ${message}\n${USAGE.cli}`);
    return 'usage';
  }
  const say = (message: string): void => io.stderr(`house-errors ${invocation.command}: ${message}\n`);
  let text: string;
  try {
    text = invocation.command === 'docs' ? await docsPage(invocation) : await catalogDocument(invocation);
  } catch (err) {
    // An invalid catalog (checked by name: the module may use another copy of house-errors) is the user's to fix.
    const fixable = err instanceof UsageError || (err instanceof Error && err.name === 'CatalogDefinitionError');
    if (!fixable) throw err;
    say(err.message.replace(/^house-errors: /, ''));
    return 'usage';
  }
  return deliver(text, invocation, say, io);
}

/**
 * How a crash is told on standard error: the exit code, then the error's stack (or its value).
 * lib/cli.ts tells a crash outside a command the same way.
 */
function crashMessage(err: unknown): string {
  const told = err instanceof Error ? err.stack ?? `${err.name}: ${err.message}` : String(err);
  return `unexpected error (exit ${EXIT.crash}): ${told}`;
}

/** A problem the user fixes in the arguments or the module: one line on standard error, exit 2. */
class UsageError extends Error {}

async function docsPage(job: DocsJob): Promise<string> {
  const namespace = await loadModule(job.module);
  const errors = catalogOf(namespace, job.module);
  const format = formatOf(job, exportOf(namespace, 'format'));
  // Checked here, not left to the renderer, so a language the catalog lacks is a usage error, not a crash.
  const known = internalsOf(errors).locales;
  const unknown = job.locales?.find((locale) => !known.includes(locale));
  if (unknown !== undefined) throw new UsageError(`--locale ${JSON.stringify(unknown)}: the catalog's languages are ${known.join(', ')}`);

  if (job.detailsField !== undefined) {
    try {
      resolveFormat(format, job.detailsField);
    } catch (err) {
      throw new UsageError(`--details-field: ${(err as Error).message.replace(/^house-errors: /, '')}`);
    }
  }
  const common = {
    format, ...(job.title === undefined ? {} : { title: job.title }), ...(job.links ? { links: true } : {}),
    ...(job.detailsField === undefined ? {} : { detailsField: job.detailsField }),
  };
  const locale = job.locales?.length === 1 ? { locale: job.locales[0]! } : {};
  switch (job.to) {
    case 'md': return renderMarkdown(errors, { ...common, ...locale });
    case 'html': return renderHtml(errors, job.locales !== undefined && job.locales.length > 1 ? { ...common, locales: job.locales } : { ...common, ...locale });
    case 'openapi': return `${JSON.stringify(toOpenAPI(errors, { ...common, ...locale }), null, 2)}\n`;
  }
}

async function catalogDocument(job: CatalogJob): Promise<string> {
  const document = job.module === undefined ? catalogSchema : catalogJson(catalogOf(await loadModule(job.module), job.module));
  return `${JSON.stringify(document, null, 2)}\n`;
}

// The page must document the body the server sends, so the format is the user's: --format (a built-in
// name or the name of the module's own format), else the module's "format" export. Never a default.
function formatOf({ format: name, module }: DocsJob, exported: unknown): FormatRef {
  const builtin = (value: unknown): value is FormatRef => typeof value === 'string' && Object.hasOwn(builtinFormats, value);
  const own = isHouseFormat(exported) || builtin(exported) ? exported : undefined;
  if (name === undefined) {
    if (own !== undefined) return own;
    if (exported === undefined) {
      throw new UsageError(`which house format does your server send? Give --format NAME (${BUILTIN}) or export it from ${module} as "format" (a built-in name or a defineFormat(...) value)`);
    }
    const shown = typeof exported === 'string' ? JSON.stringify(exported) : `a value of type ${exported === null ? 'null' : typeof exported}`;
    throw new UsageError(`${module} exports "format" as ${shown}, which is not a format: use ${BUILTIN} or a defineFormat(...) value`);
  }
  if (builtin(name)) return name;
  if (isHouseFormat(own) && own.name === name) return own;
  throw new UsageError(`unknown format ${JSON.stringify(name)} (expected ${BUILTIN}${isHouseFormat(own) ? `, ${own.name}` : ''})`);
}

// The user's module, by path relative to the working directory: ESM or CommonJS, TypeScript compiled to either.
async function loadModule(modulePath: string): Promise<Record<string, unknown>> {
  if (modulePath === '') throw new UsageError('a module path is required');
  const file = resolve(process.cwd(), modulePath);
  if (!existsSync(file)) throw new UsageError(`module not found: ${modulePath} (resolved to ${file})`);
  try {
    // The CommonJS build compiles import() to require(), which takes a path, not a file URL.
    const specifier = typeof require === 'function' ? file : pathToFileURL(file).href;
    return await import(specifier) as Record<string, unknown>;
  } catch (err) {
    if ((err as { code?: unknown } | null)?.code === 'ERR_UNKNOWN_FILE_EXTENSION' && /\.[cm]?tsx?$/.test(file)) {
      throw new UsageError(`cannot load ${modulePath}: Node needs a TypeScript loader (node --import tsx …) or the compiled .js file`, { cause: err });
    }
    throw new UsageError(`cannot load ${modulePath}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
}

const isCatalog = (value: unknown): value is AnyCatalog => typeof value === 'object' && value !== null && CATALOG in value;

// A named export, also of a CommonJS module: import() gives `module.exports` as `default`, and its
// properties as named exports only when Node's static analysis finds them.
function exportOf(namespace: Record<string, unknown>, name: string): unknown {
  if (namespace[name] !== undefined) return namespace[name];
  const cjs = namespace.default;
  return typeof cjs === 'object' && cjs !== null && !isCatalog(cjs) ? (cjs as Record<string, unknown>)[name] : undefined;
}

// The catalog: `default`, `errors`, or the same on a CommonJS `module.exports`.
function catalogOf(namespace: Record<string, unknown>, modulePath: string): AnyCatalog {
  const cjs = namespace.default;
  const candidates = [
    namespace.default, exportOf(namespace, 'errors'),
    // TypeScript's CommonJS output puts its default export on exports.default.
    typeof cjs === 'object' && cjs !== null ? (cjs as Record<string, unknown>).default : undefined,
  ];
  const found = candidates.find(isCatalog);
  if (found !== undefined) return found;
  const names = Object.keys(namespace).filter((n) => n !== 'default' || namespace.default !== undefined);
  throw new UsageError(
    `${modulePath} exports no catalog: export it as default or as "errors" (found ${names.length === 0 ? 'no exports' : names.map((n) => `"${n}"`).join(', ')})`,
  );
}

// Prints, writes or checks the text.
async function deliver(text: string, to: Destination, say: (message: string) => void, io: CommandIo): Promise<Outcome> {
  if (to.check !== undefined) return check(to.check, text, say, io);
  if (to.out === undefined) {
    io.stdout(text);
    return 'done';
  }
  try {
    await writeFile(to.out, text);
  } catch (err) {
    say(`cannot write ${to.out}: ${(err as Error).message}`);
    return 'usage';
  }
  say(`wrote ${to.out}`);
  return 'done';
}

// The drift gate: a missing file is drift (exit 1), an unreadable one a problem to fix (exit 2).
async function check(file: string, generated: string, say: (message: string) => void, io: CommandIo): Promise<Outcome> {
  let committed: string;
  try {
    committed = await readFile(file, 'utf8');
  } catch (err) {
    const missing = (err as { code?: unknown }).code === 'ENOENT';
    say(missing ? `${file} does not exist; generate it with --out ${file}` : `cannot read ${file}: ${(err as Error).message}`);
    return missing ? 'drift' : 'usage';
  }
  if (committed === generated) {
    say(`${file} is up to date`);
    return 'done';
  }
  say(`${file} differs from what the catalog generates; regenerate it with --out ${file}`);
  io.stdout(unifiedDiff(committed, generated, file, 'generated'));
  return 'drift';
}
