/**
 * `house-errors catalog <module> --json [--out FILE] [--check FILE]` and
 * `house-errors catalog --schema [--out FILE]`: the catalog as JSON for clients written in
 * other languages, and the JSON Schema of that file.
 */
import { parseArgs } from 'node:util';
import { catalogJson } from './catalog-json.js';
import { catalogSchema } from './catalog-schema.js';
import type { CommandIo } from './commands.js';
import { runGenerating } from './output.js';
import { loadCatalog } from './load-catalog.js';

const USAGE = `usage: house-errors catalog <module> --json [options]
       house-errors catalog --schema [options]

  <module>          a module exporting the catalog as default or as "errors" (ESM or CommonJS)
  --json            print the catalog as JSON: codes, statuses, messages, families, Bearer challenges
  --schema          print the JSON Schema (draft 2020-12) of that JSON instead
  --out FILE        write to FILE instead of standard output
  --check FILE      exit 1 with a diff when FILE differs from what the catalog generates
`;

interface CatalogArgs {
  readonly module: string | undefined;
  readonly out: string | undefined;
  readonly check: string | undefined;
}

/**
 * Runs `catalog`; resolves to the exit code (0 done, 1 drift found by `--check`, 2 error).
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

function parse(args: string[]): CatalogArgs | 'help' | string {
  let values: { json?: boolean; schema?: boolean; out?: string; check?: string; help?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        json: { type: 'boolean' }, schema: { type: 'boolean' }, out: { type: 'string' }, check: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (err) {
    return (err as Error).message;
  }
  if (values.help === true) return 'help';
  if (values.out !== undefined && values.check !== undefined) return '--out and --check: choose one';
  if (values.schema === true) {
    if (values.json === true || positionals.length > 0) return '--schema prints the schema alone: no module, no --json';
    return { module: undefined, out: values.out, check: values.check };
  }
  if (positionals.length !== 1) return positionals.length === 0 ? 'a catalog module is required' : `one module expected, got ${positionals.join(' ')}`;
  if (values.json !== true) return 'choose the output: --json (or --schema for its JSON Schema)';
  return { module: positionals[0]!, out: values.out, check: values.check };
}
