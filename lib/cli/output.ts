/**
 * What every generating command does with its text: print it, write it (`--out`), or
 * compare it with a committed file (`--check`, the drift gate), with the same exit codes.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { CommandIo } from './commands.js';
import { unifiedDiff } from './diff.js';
import { UsageError } from './load-catalog.js';

/**
 * Exit codes of every command: 0 done (or up to date), 1 `--check` found a difference, 2 a usage or
 * load error the user can fix, 3 an unexpected error — so a CI drift gate never takes a crash for drift.
 * @example if (code === EXIT.drift) console.error('regenerate the page');
 */
export const EXIT = { ok: 0, drift: 1, usage: 2, crash: 3 } as const;

/**
 * The `--help` lines on exit codes, shared by every command's usage.
 * @example io.stdout(`${usage}\n${EXIT_HELP}`);
 */
export const EXIT_HELP = `exit status:
  0  done (with --check: the file is up to date)
  1  --check found drift: the file differs from what the catalog generates, or is missing
  2  usage or load error: wrong arguments, a module that is missing, fails to load or exports
     no catalog or no format, a file that cannot be written
  3  unexpected error: a crash while generating, never to be taken for drift
`;

/**
 * What a command's parser made of its arguments: `--help`, a usage problem, or arguments to run with.
 * @example const parsed: Parsed<{ module: string }> = { kind: 'usage', problem: 'a catalog module is required' };
 */
export type Parsed<A> =
  | { readonly kind: 'help' }
  | { readonly kind: 'usage'; readonly problem: string }
  | { readonly kind: 'run'; readonly args: A };

/**
 * A usage problem, as a parser returns it.
 * @example if (to === undefined) return usageProblem('--to is required (md, html or openapi)');
 */
export function usageProblem(problem: string): Parsed<never> {
  return { kind: 'usage', problem };
}

/** Where a command's text goes. */
export interface Destination {
  readonly out: string | undefined;
  readonly check: string | undefined;
}

/** What a generating command's own flags read as (`--out`, `--check` and `--help` come with every one). */
export interface ReadArgs {
  readonly values: Readonly<Record<string, string | boolean | undefined>>;
  readonly positionals: readonly string[];
}

/**
 * Reads a generating command's arguments: its own `flags` plus `--out FILE`, `--check FILE` and
 * `--help`. Gives `help`, a one-line usage problem, or the values and positionals.
 * @example const read = readArgs(args, { json: { type: 'boolean' } }); if (read.kind !== 'run') return read;
 */
export function readArgs(args: string[], flags: NonNullable<ParseArgsConfig['options']>): Parsed<ReadArgs> {
  let read: ReadArgs;
  try {
    read = parseArgs({
      args,
      allowPositionals: true,
      options: { ...flags, out: { type: 'string' }, check: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (err) {
    return usageProblem((err as Error).message);
  }
  if (read.values.help === true) return { kind: 'help' };
  if (read.values.out !== undefined && read.values.check !== undefined) return usageProblem('--out and --check: choose one');
  return { kind: 'run', args: read };
}

/** The usage problem when a command is not given exactly one module, else undefined. */
export function moduleProblem(positionals: readonly string[]): string | undefined {
  if (positionals.length === 1) return undefined;
  return positionals.length === 0 ? 'a catalog module is required' : `one module expected, got ${positionals.join(' ')}`;
}

/**
 * The whole life of a generating command: help, a usage problem, generating, then `deliver`.
 * A `UsageError` or an invalid catalog while generating is reported (exit 2); any other exception
 * is thrown on, for `runCli` to report as a crash (exit 3). `parsed` is what the command's parser made of its arguments.
 * @example return runGenerating('docs', USAGE, parse(args), async (a) => render(a), io);
 */
export async function runGenerating<A extends Destination>(
  command: string, usage: string, parsed: Parsed<A>, generate: (args: A) => Promise<string>, io: CommandIo,
): Promise<number> {
  if (parsed.kind === 'help') {
    io.stdout(usage);
    return EXIT.ok;
  }
  if (parsed.kind === 'usage') {
    io.stderr(`house-errors ${command}: ${parsed.problem}\n\n${usage}`);
    return EXIT.usage;
  }
  let text: string;
  try {
    text = await generate(parsed.args);
  } catch (err) {
    // An invalid catalog (checked by name: the module may use another copy of house-errors) is the user's to fix.
    const fixable = err instanceof UsageError || (err instanceof Error && err.name === 'CatalogDefinitionError');
    if (!fixable) throw err;
    io.stderr(`house-errors ${command}: ${err.message.replace(/^house-errors: /, '')}\n`);
    return EXIT.usage;
  }
  return deliver(command, text, parsed.args, io);
}

/**
 * Prints, writes or checks `text`; resolves to the exit code. `command` prefixes messages.
 * @example await deliver('docs', page, { out: 'ERRORS.md', check: undefined }, io)
 */
export async function deliver(command: string, text: string, to: Destination, io: CommandIo): Promise<number> {
  const say = (message: string): void => io.stderr(`house-errors ${command}: ${message}\n`);
  if (to.check !== undefined) return check(to.check, text, say, io);
  if (to.out === undefined) {
    io.stdout(text);
    return EXIT.ok;
  }
  try {
    await writeFile(to.out, text);
  } catch (err) {
    say(`cannot write ${to.out}: ${(err as Error).message}`);
    return EXIT.usage;
  }
  say(`wrote ${to.out}`);
  return EXIT.ok;
}

async function check(file: string, generated: string, say: (message: string) => void, io: CommandIo): Promise<number> {
  let committed: string;
  try {
    committed = await readFile(file, 'utf8');
  } catch (err) {
    const missing = (err as { code?: unknown }).code === 'ENOENT';
    say(missing ? `${file} does not exist; generate it with --out ${file}` : `cannot read ${file}: ${(err as Error).message}`);
    return missing ? EXIT.drift : EXIT.usage;
  }
  if (committed === generated) {
    say(`${file} is up to date`);
    return EXIT.ok;
  }
  say(`${file} differs from what the catalog generates; regenerate it with --out ${file}`);
  io.stdout(unifiedDiff(committed, generated, file, 'generated'));
  return EXIT.drift;
}
