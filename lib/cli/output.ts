/**
 * What every generating command does with its text: print it, write it (`--out`), or
 * compare it with a committed file (`--check`, the drift gate), with the same exit codes.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { CommandIo } from './commands.js';
import { unifiedDiff } from './diff.js';

/** Exit codes of every command: 0 done (or up to date), 1 `--check` found a difference, 2 anything that stopped it. */
export const EXIT = { ok: 0, drift: 1, error: 2 } as const;

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
 * `--help`. Gives `'help'`, a one-line usage problem, or the values and positionals.
 * @example const read = readArgs(args, { json: { type: 'boolean' } }); if (typeof read === 'string') return read;
 */
export function readArgs(args: string[], flags: NonNullable<ParseArgsConfig['options']>): ReadArgs | 'help' | string {
  let read: ReadArgs;
  try {
    read = parseArgs({
      args,
      allowPositionals: true,
      options: { ...flags, out: { type: 'string' }, check: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (err) {
    return (err as Error).message;
  }
  if (read.values.help === true) return 'help';
  if (read.values.out !== undefined && read.values.check !== undefined) return '--out and --check: choose one';
  return read;
}

/** The usage problem when a command is not given exactly one module, else undefined. */
export function moduleProblem(positionals: readonly string[]): string | undefined {
  if (positionals.length === 1) return undefined;
  return positionals.length === 0 ? 'a catalog module is required' : `one module expected, got ${positionals.join(' ')}`;
}

/**
 * The whole life of a generating command: help, a usage error, generating (whose failure is
 * reported, never thrown), then `deliver`. `parsed` is what the command's parser made of its arguments.
 * @example return runGenerating('docs', USAGE, parse(args), async (a) => render(a), io);
 */
export async function runGenerating<A extends Destination>(
  command: string, usage: string, parsed: A | 'help' | string, generate: (args: A) => Promise<string>, io: CommandIo,
): Promise<number> {
  if (parsed === 'help') {
    io.stdout(usage);
    return EXIT.ok;
  }
  if (typeof parsed === 'string') {
    io.stderr(`house-errors ${command}: ${parsed}\n\n${usage}`);
    return EXIT.error;
  }
  let text: string;
  try {
    text = await generate(parsed);
  } catch (err) {
    io.stderr(`house-errors ${command}: ${(err instanceof Error ? err.message : String(err)).replace(/^house-errors: /, '')}\n`);
    return EXIT.error;
  }
  return deliver(command, text, parsed, io);
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
    return EXIT.error;
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
    return missing ? EXIT.drift : EXIT.error;
  }
  if (committed === generated) {
    say(`${file} is up to date`);
    return EXIT.ok;
  }
  say(`${file} differs from what the catalog generates; regenerate it with --out ${file}`);
  io.stdout(unifiedDiff(committed, generated, file, 'generated'));
  return EXIT.drift;
}
