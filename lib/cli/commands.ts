/**
 * The CLI's command table. A command is an async function of its arguments and an
 * output pair that resolves to the exit code, so it runs the same in a test and in a shell.
 */
import { catalogCommand } from './catalog-command.js';
import { docsCommand } from './docs-command.js';
import { EXIT, EXIT_HELP } from './output.js';

/**
 * Where a command writes.
 * @example const io: CommandIo = { stdout: (s) => { out += s; }, stderr: (s) => { err += s; } };
 */
export interface CommandIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

/**
 * One command: resolves to the process exit code.
 * @example const hello: Command = async (args, io) => { io.stdout(`hello ${args[0]}\n`); return 0; };
 */
export type Command = (args: string[], io: CommandIo) => Promise<number>;

/**
 * Every command, by name. Add one with a line here.
 * @example commands.docs.run(['./dist/errors.js', '--to', 'md'], io)
 */
export const commands: Readonly<Record<string, { readonly run: Command; readonly summary: string }>> = {
  docs: { run: docsCommand, summary: 'error reference from a catalog module: Markdown, HTML or OpenAPI 3.1' },
  catalog: { run: catalogCommand, summary: 'the catalog as JSON for clients in other languages (--json), or its JSON Schema (--schema)' },
};

/**
 * `house-errors <command> …`: finds the command and runs it; 2 for an unknown command, 3 when
 * the command throws (a crash is reported with its stack and never mistaken for drift, exit 1).
 * @example process.exitCode = await runCli(process.argv.slice(2), { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s) });
 */
export async function runCli(argv: readonly string[], io: CommandIo): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? io.stderr : io.stdout)(usage());
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  const command = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (command === undefined) {
    io.stderr(`house-errors: unknown command ${JSON.stringify(name)}\n${usage()}`);
    return EXIT.usage;
  }
  try {
    return await command.run(args, io);
  } catch (err) {
    // A command reports what the user can fix; anything reaching here is unexpected: show where it came from.
    io.stderr(`house-errors ${name}: ${crashMessage(err)}`);
    return EXIT.crash;
  }
}

/**
 * How a crash is told on standard error: exit code, then the error's stack (or its value), one trailing newline.
 * @example process.stderr.write(`house-errors: ${crashMessage(err)}`);
 */
export function crashMessage(err: unknown): string {
  const told = err instanceof Error ? err.stack ?? `${err.name}: ${err.message}` : String(err);
  return `unexpected error (exit ${EXIT.crash}): ${told}\n`;
}

function usage(): string {
  const width = Math.max(...Object.keys(commands).map((n) => n.length));
  const lines = Object.entries(commands).map(([n, c]) => `  ${n.padEnd(width)}  ${c.summary}`);
  return `usage: house-errors <command> [options]\n\ncommands:\n${lines.join('\n')}\n\nRun house-errors <command> --help for its options.\n\n${EXIT_HELP}`;
}
