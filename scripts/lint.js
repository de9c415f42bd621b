// `npm run lint`: the type checks and the package checks, two at a time on the machine's two cores.
// - our own code and tests type-check (`tsc -p test/tsconfig.json`);
// - beside it, what a user meets: a strict consumer compiles against the packed declarations
//   (no @types, no DOM types, skipLibCheck off), and arethetypeswrong resolves every entry point of
//   the tarball under node10, node16 (CommonJS and ESM) and bundler to its own declaration file;
// - then the layers (dependency-cruiser) and the documented exports.
// The tarball is the one `npm run pack:test` wrote to .pack/ (`npm test` packs first).
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const bin = (path) => join(process.cwd(), 'node_modules', path);

/** Runs a Node script; resolves with its exit code and output. */
function run(label, args, options = {}) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => { out += chunk; });
    child.stderr.setEncoding('utf8').on('data', (chunk) => { out += chunk; });
    child.on('close', (code) => resolve({ label, code, out }));
  });
}

/** The entry points of package.json `exports` (but ./package.json), and the declaration each mode must resolve. */
function expectedResolutions() {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
  const expected = {};
  for (const [entry, conditions] of Object.entries(pkg.exports)) {
    if (typeof conditions !== 'object') continue;
    const cjs = conditions.require.types.replace(/^\.\//, '');
    const esm = conditions.import.types.replace(/^\.\//, '');
    expected[entry] = { node10: cjs, 'node16-cjs': cjs, 'node16-esm': esm, bundler: esm };
  }
  return expected;
}

/** arethetypeswrong on the tarball: no problem, and each entry point resolved to its own file in each mode. */
async function checkTarball() {
  const found = existsSync('.pack') ? readdirSync('.pack').filter((name) => name.endsWith('.tgz')) : [];
  if (found.length !== 1) return { label: 'arethetypeswrong', code: 1, out: `expected one tarball in .pack/, found ${found.length}: run npm run pack:test first (npm test does)\n` };
  const attw = await run('arethetypeswrong', [bin('@arethetypeswrong/cli/dist/index.js'), join(process.cwd(), '.pack', found[0]), '--format', 'json'], { cwd: tmpdir() });
  if (attw.code !== 0) return attw;
  const report = JSON.parse(attw.out);
  const problems = [];
  if (Object.keys(report.problems).length > 0) problems.push(`problems: ${JSON.stringify(report.problems)}`);
  const expected = expectedResolutions();
  for (const [entry, modes] of Object.entries(expected)) {
    const resolutions = report.analysis.entrypoints[entry]?.resolutions ?? {};
    for (const [mode, file] of Object.entries(modes)) {
      const got = resolutions[mode]?.resolution?.fileName?.replace('/node_modules/house-errors/', '');
      if (got !== file) problems.push(`${entry} under ${mode}: expected ${file}, resolved ${got ?? 'nothing'}`);
    }
  }
  const extra = Object.keys(report.analysis.entrypoints).filter((entry) => entry !== './package.json' && !(entry in expected));
  if (extra.length > 0) problems.push(`entry points not in package.json exports: ${extra.join(', ')}`);
  return { label: 'arethetypeswrong', code: problems.length === 0 ? 0 : 1, out: problems.length === 0 ? `${Object.keys(expected).length} entry points resolve to their own declarations in every mode\n` : `${problems.join('\n')}\n` };
}

const tsc = bin('typescript/bin/tsc');
const results = await Promise.all([
  run('typecheck', [tsc, '-p', 'test/tsconfig.json', '--noEmit']),
  (async () => {
    const consumer = await run('strict consumer', [tsc, '-p', 'test/consumer/tsconfig.json']);
    return [consumer, await checkTarball()];
  })(),
]);
const checks = [...results.flat()];
checks.push(await run('layers', [bin('dependency-cruiser/bin/dependency-cruise.mjs'), 'lib', '--config', '.dependency-cruiser.cjs']));
checks.push(await run('documented exports', ['scripts/lint-docs.js']));

let failed = false;
for (const { label, code, out } of checks) {
  const text = out.trim();
  if (code === 0) console.log(`ok: ${label}${text === '' ? '' : ` (${text.split('\n').pop()})`}`);
  else { failed = true; console.error(`FAILED: ${label}\n${text}`); }
}
process.exit(failed ? 1 : 0);
