/**
 * `npm run docs:examples`: (re)generates the seed examples' reference pages with the docs
 * CLI. `--check` compares instead of writing, and exits 1 when a page drifted.
 * Run from the repository root (the paths are relative to it).
 */
import { runCli } from '../lib/cli/commands.js';
import { docsArgs, EXAMPLE_PAGES } from '../examples/pages.js';

const mode = process.argv.includes('--check') ? '--check' : '--out';
const io = { stdout: (text: string) => { process.stdout.write(text); }, stderr: (text: string) => { process.stderr.write(text); } };
let exit = 0;
for (const page of EXAMPLE_PAGES) exit = Math.max(exit, await runCli(['docs', ...docsArgs(page, mode)], io));
process.exitCode = exit;
