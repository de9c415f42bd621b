#!/usr/bin/env node
/**
 * The `house-errors` executable: `docs <module> --to md|html|openapi …` (reference pages) and
 * `catalog <module> --json` (the catalog as JSON for clients in other languages); see lib/cli/commands.ts.
 * This file is the process around them: it writes their output, turns a crash anywhere into exit 3,
 * and exits once the output is out, whatever the user's module left running.
 * @packageDocumentation
 */
import type { CommandIo } from './cli/commands.js';

// EXIT.crash of cli/commands.ts, here because the handlers are set before the commands load: even a broken
// install, or a catalog module failing in the background (a pool that cannot connect), is a crash, never drift.
const CRASH = 3;
process.on('uncaughtException', crash);
process.on('unhandledRejection', crash);
// A reader that stops early (`| head`) closes the pipe: that is not a crash.
process.stdout.on('error', (err: NodeJS.ErrnoException) => { if (err.code !== 'EPIPE') crash(err); });

const written = { stdout: Promise.resolve(), stderr: Promise.resolve() };
const io: CommandIo = { stdout: write('stdout'), stderr: write('stderr') };

import('./cli/commands.js').then(({ runCli }) => runCli(process.argv.slice(2), io)).then(exit, crash);

// Each write's callback runs once the text is handed to the OS; the last one means all of it is.
function write(name: 'stdout' | 'stderr'): (text: string) => void {
  return (text) => {
    written[name] = new Promise((resolve) => { process[name].write(text, () => { resolve(); }); });
  };
}

function crash(err: unknown): void {
  io.stderr(`house-errors: unexpected error (exit ${CRASH}): ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  void exit(CRASH);
}

// Exit once the output is out, whatever the catalog module left open (a server, a timer, a pool).
async function exit(code: number): Promise<void> {
  process.exitCode = code;
  await Promise.all([written.stdout, written.stderr]);
  process.exit(code);
}
