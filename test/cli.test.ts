import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// The house-errors executable as a process: what only a process shows — its exit code, everything it
// wrote arriving before it exits, and exiting at all when the user's module keeps the event loop busy.
// What the commands print and answer is tested in this process, in test/cli/commands.test.ts.

const FIXTURES = 'test/fixtures/cli';
/** The executable package.json names, as built by `npm run build` (`npm test` builds before mocha starts). */
const BIN: string = JSON.parse(readFileSync('package.json', 'utf8')).bin['house-errors'];

interface Run { code: number; stdout: string; stderr: string }

/**
 * `house-errors …` as a real process, from the repository root, as `npx house-errors` runs it: the built
 * executable in plain Node. A process still running after 20 seconds is killed and fails the test: the CLI
 * must exit on its own.
 */
function spawn(...args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const options = { timeout: 20_000, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 } as const;
    execFile(process.execPath, [BIN, ...args], options, (err, stdout, stderr) => {
      if (err !== null && typeof err.code !== 'number') {
        reject(new Error(`house-errors ${args.join(' ')} did not exit by itself (${err.signal ?? err.message}); it wrote:\n${stderr}`));
        return;
      }
      resolve({ code: err === null ? 0 : err.code as number, stdout, stderr });
    });
  });
}

/** The newest modification time of the files under `dir`. */
const newest = (dir: string): number => Math.max(...readdirSync(dir, { recursive: true, withFileTypes: true })
  .filter((entry) => entry.isFile()).map((entry) => statSync(join(entry.parentPath, entry.name)).mtimeMs));

describe('the house-errors process (the built executable in plain Node)', function () {
  this.timeout(120_000);
  let dir: string;
  before(() => {
    assert.ok(existsSync(BIN), `${BIN} is missing: run npm run build first (npm test does)`);
    assert.ok(statSync(BIN).mtimeMs >= newest('lib'), `lib/ changed after ${BIN} was built: run npm run build first`);
    // Inside the package, so the modules below import the built package by its name, as an app's modules do.
    mkdirSync('test/artifacts', { recursive: true });
    dir = mkdtempSync(join('test', 'artifacts', 'cli-'));
    writeFileSync(join(dir, 'definitions.cjs'), readFileSync(`${FIXTURES}/definitions.cjs`));
    for (const name of ['side-effects.mjs', 'default-export.mjs', 'render-throws.mjs', 'pool-fails.mjs']) {
      const source = readFileSync(`${FIXTURES}/${name}`, 'utf8');
      assert.ok(source.includes("from '../../../lib/index.js'"), name);
      writeFileSync(join(dir, name), source.replace("from '../../../lib/index.js'", "from 'house-errors'"));
    }
  });
  after(() => { if (dir !== undefined) rmSync(dir, { recursive: true, force: true }); });

  describe('with a module that leaves a server and a timer running, and a page far larger than a pipe buffer', () => {
    const busy = (): string[] => ['docs', join(dir, 'side-effects.mjs'), '--to', 'openapi'];
    let file: string;
    before(() => { file = join(dir, 'busy.json'); });

    it('--out writes the whole page, says so and exits 0', async () => {
      assert.deepEqual(await spawn(...busy(), '--out', file), { code: 0, stdout: '', stderr: `house-errors docs: wrote ${file}\n` });
      const document = JSON.parse(readFileSync(file, 'utf8')) as { components: { responses: Record<string, unknown> } };
      assert.equal(Object.keys(document.components.responses).length, 4 + 1500);
      assert.ok('LIMIT_1499_EXCEEDED' in document.components.responses);
    });
    it('prints the same page completely on standard output, then exits 0', async () => {
      const printed = await spawn(...busy());
      assert.equal(printed.code, 0, printed.stderr);
      assert.ok(printed.stdout.length > 1_000_000, `${printed.stdout.length} characters`);
      assert.equal(printed.stdout, readFileSync(file, 'utf8'));
    });
    it('--check prints "up to date" and exits 0: the drift gate does not hang', async () => {
      assert.deepEqual(await spawn(...busy(), '--check', file), { code: 0, stdout: '', stderr: `house-errors docs: ${file} is up to date\n` });
    });
    it('--check exits 1 with the diff on standard output after an edit', async () => {
      writeFileSync(file, readFileSync(file, 'utf8').replace('"description": "Limit 7 exceeded."', '"description": "Limit seven exceeded."'));
      const drift = await spawn(...busy(), '--check', file);
      assert.equal(drift.code, 1);
      assert.equal(drift.stderr, `house-errors docs: ${file} differs from what the catalog generates; regenerate it with --out ${file}\n`);
      assert.match(drift.stdout, /^--- .*busy\.json\n\+\+\+ generated\n@@ /);
      assert.ok(drift.stdout.includes('\n-        "description": "Limit seven exceeded.",\n+        "description": "Limit 7 exceeded.",\n'), drift.stdout);
    });
  });

  it('exits 2 with the message for a usage or load error: here a page without a format', async () => {
    const result = await spawn('docs', join(dir, 'default-export.mjs'), '--to', 'openapi');
    assert.equal(result.code, 2);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /^house-errors docs: which house format does your server send\? Give --format NAME/);
  });

  it('exits 3, never 1 (drift), for a crash: rendering that throws', async () => {
    const broken = await spawn('docs', join(dir, 'render-throws.mjs'), '--to', 'openapi');
    assert.equal(broken.code, 3);
    assert.equal(broken.stdout, '');
    assert.match(broken.stderr, /^house-errors docs: unexpected error \(exit 3\): Error: house-errors: cannot document "INVALID_AUTH_TOKEN"/);
  });

  it('exits 3, never 1 (drift), for a crash: a module failing in the background during --check', async () => {
    const file = join(dir, 'pool.md');
    writeFileSync(file, 'stale\n');
    const pool = await spawn('docs', join(dir, 'pool-fails.mjs'), '--to', 'md', '--check', file);
    assert.equal(pool.code, 3);
    assert.match(pool.stderr, /^house-errors: unexpected error \(exit 3\): Error: connect ECONNREFUSED 127\.0\.0\.1:5432\n {4}at /);
  });
});
