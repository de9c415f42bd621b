#!/usr/bin/env node
/**
 * The `house-errors` command: `docs <module> --to md|html|openapi …` (reference pages) and
 * `catalog <module> --json` (the catalog as JSON for clients in other languages).
 * The commands live in lib/cli/; this file only connects them to the process.
 * @packageDocumentation
 */
import { runCli } from './cli/commands.js';

runCli(process.argv.slice(2), {
  stdout: (text) => { process.stdout.write(text); },
  stderr: (text) => { process.stderr.write(text); },
}).then(
  (code) => { process.exitCode = code; },
  (err: unknown) => {
    process.stderr.write(`house-errors: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
