/**
 * `house-errors catalog <module> --json [--out FILE] [--check FILE]` and
 * `house-errors catalog --schema [--out FILE]`: the catalog as JSON for clients written in
 * other languages, and the JSON Schema of that file.
 */
import { catalogJson } from './catalog-json.js';
import { catalogSchema } from './catalog-schema.js';
import type { CommandIo } from './commands.js';
import { EXIT_HELP, moduleProblem, readArgs, runGenerating, usageProblem, type Parsed } from './output.js';
import { loadCatalog } from './load-catalog.js';

const USAGE = `usage: house-errors catalog <module> --json [options]
       house-errors catalog --schema [options]

  <module>          a module exporting the catalog as default or as "errors" (ESM or CommonJS)
  --json            print the catalog as JSON: codes, statuses, messages, families, Bearer challenges
  --schema          print the JSON Schema (draft 2020-12) of that JSON instead
  --out FILE        write to FILE instead of standard output
  --check FILE      exit 1 with a diff when FILE differs from what the catalog generates

${EXIT_HELP}`;

interface CatalogArgs {
  readonly module: string | undefined;
  readonly out: string | undefined;
  readonly check: string | undefined;
}

/**
 * Runs `catalog`; resolves to the exit code (0 done, 1 drift found by `--check`, 2 usage or load error).
 * @example
 * process.exitCode = await catalogCommand(['./dist/errors.js', '--json', '--out', 'errors.json'], {
 *   stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s),
 * });
 */
export async function catalogCommand(args: string[], io: CommandIo): Promise<number> {
  return runGenerating('catalog', USAGE, parse(args), async ({ module }) => {
    const document = module === undefined ? catalogSchema : catalogJson(await loadCatalog(module));
    return `${JSON.stringify(document, null, 2)}\n`;
  }, io);
}

function parse(args: string[]): Parsed<CatalogArgs> {
  const read = readArgs(args, { json: { type: 'boolean' }, schema: { type: 'boolean' } });
  if (read.kind !== 'run') return read;
  const { values, positionals } = read.args;
  const destination = { out: values.out as string | undefined, check: values.check as string | undefined };
  if (values.schema === true) {
    if (values.json === true || positionals.length > 0) return usageProblem('--schema prints the schema alone: no module, no --json');
    return { kind: 'run', args: { module: undefined, ...destination } };
  }
  const problem = moduleProblem(positionals);
  if (problem !== undefined) return usageProblem(problem);
  if (values.json !== true) return usageProblem('choose the output: --json (or --schema for its JSON Schema)');
  return { kind: 'run', args: { module: positionals[0]!, ...destination } };
}
