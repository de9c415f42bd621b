import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileProject } from './support/typescript.js';

// These tests load the *built* package by its own name, through package.json `exports`.
const require = createRequire(import.meta.url);
type Api = typeof import('../lib/index.js');

function exercise(api: Api): void {
  const errors = api.defineCatalog({
    INVALID_AUTH_TOKEN: { status: 401, message: 'Invalid auth token.', bearer: 'invalid_token' },
    INTERNAL_ERROR: { status: 500, message: 'Internal server error.' },
  }, { realm: 'api' });
  const err = errors.INVALID_AUTH_TOKEN();
  assert.equal(api.isHouseError(err), true);
  assert.equal(api.errorHandler(errors, { format: 'code-message' }).length, 4);
  assert.equal(typeof api.koaErrorHandler(errors, { format: 'code-message' }), 'function');
  const wire = api.wireForm(errors, err, { format: 'errorCode-reason' });
  assert.equal(wire.body, '{"errorCode":"INVALID_AUTH_TOKEN","reason":"Invalid auth token."}');
  assert.equal(wire.headers['WWW-Authenticate'], 'Bearer realm="api", error="invalid_token", error_description="Invalid auth token."');
}

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** Where `npm test` packs the package before anything else (`npm run pack:test`); ignored by git. */
const PACKED = join(ROOT, '.pack');
const tarballs = (): string[] => (existsSync(PACKED) ? readdirSync(PACKED).filter((name) => name.endsWith('.tgz')) : []);

interface Done { status: number | null; stdout: string; stderr: string }

/** Starts a process now and resolves with how it ended; a test awaits it later. */
function started(command: string, args: readonly string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<Done> {
  return new Promise((resolve) => {
    const child = execFile(command, args, { ...options, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      resolve({ status: child.exitCode, stdout, stderr: stderr || (err?.message ?? '') });
    });
  });
}

/** The browser test run the way `npm test` runs it, with this environment. */
const browserTest = (env: Record<string, string>): Promise<Done> => started(process.execPath,
  [join(ROOT, 'node_modules/mocha/bin/mocha.js'), '--reporter', 'spec', 'test/docs/browser.test.ts'],
  { cwd: ROOT, env: { ...process.env, HOUSE_ERRORS_REQUIRE_BROWSER: '', ...env } });

interface Children { pending: Promise<Done>; required: Promise<Done> }
let children: Children | undefined;
/**
 * The file's slow child processes (the browser test twice, without Chromium), started by the first
 * suite that runs: they work on the other core while this process compiles the node10 consumer.
 * (arethetypeswrong and the strict consumer's compile run in `npm run lint`, beside the type check.)
 */
function childProcesses(): Children {
  if (children === undefined) {
    children = {
      pending: browserTest({ CHROMIUM_PATH: '/nonexistent/chromium' }),
      required: browserTest({ CHROMIUM_PATH: '/nonexistent/chromium', HOUSE_ERRORS_REQUIRE_BROWSER: '1' }),
    };
  }
  return children;
}

describe('the built package', function () {
  this.timeout(60_000); // child processes: seconds on a busy machine
  before(() => {
    childProcesses();
    assert.ok(existsSync('dist/esm/index.js') && existsSync('dist/cjs/index.js'), 'run npm run pack:test first (npm test does: it builds dist/ and packs it)');
  });

  it('loads with require() (CommonJS build)', () => {
    exercise(require('house-errors') as Api);
    assert.ok(require.resolve('house-errors').includes(`dist${require('node:path').sep}cjs`));
  });

  it('never loads jsonwebtoken for house-errors alone; house-errors/bearer does (a subpath of its own)', () => {
    // ESM imports of CommonJS packages go through require.cache, so it shows what was loaded.
    const script = `
      import { createRequire } from 'node:module';
      const loaded = () => Object.keys(createRequire(import.meta.url).cache).filter((p) => p.includes('jsonwebtoken')).length;
      await import('house-errors');
      const core = loaded();
      await import('house-errors/bearer');
      console.log(JSON.stringify([core, loaded() > 0]));
    `;
    assert.deepEqual(JSON.parse(run(process.execPath, ['--input-type=module', '-e', script], ROOT)), [0, true]);
  });

  it('loads with import (ESM build)', async () => {
    exercise(await import('house-errors') as unknown as Api);
  });

  it('recognises an error of the CommonJS copy in the ESM copy (Symbol.for brand)', async () => {
    const cjs = require('house-errors') as Api;
    const esm = await import('house-errors') as unknown as Api;
    assert.notEqual(cjs.HouseError, esm.HouseError);
    const errors = cjs.defineCatalog({ E: { status: 500, message: 'x' } });
    assert.equal(esm.isHouseError(errors.E()), true);
  });

  it('answers an error of the CommonJS copy with the ESM middleware as its own (no dual-package hazard)', async () => {
    const cjs = require('house-errors') as Api;
    const esm = await import('house-errors') as unknown as Api;
    const errors = cjs.defineCatalog({
      '{RESOURCE}_NOT_EXIST': { status: 404, message: 'No such {RESOURCE}.' },
      NOT_ENOUGH_PERMISSION: { status: 403, message: 'Not enough permission.', bearer: 'insufficient_scope' },
      INTERNAL_ERROR: { status: 500, message: 'Internal server error.' },
    });
    const family = esm.wireForm(errors, errors['{RESOURCE}_NOT_EXIST']({ RESOURCE: 'USER' }), { format: 'code-message' });
    assert.equal(family.status, 404);
    assert.equal(family.body, '{"code":"USER_NOT_EXIST","message":"No such USER."}');
    const scoped = esm.wireForm(errors, errors.NOT_ENOUGH_PERMISSION({}, { scope: ['a'] }), { format: 'code-message' });
    assert.equal(scoped.headers['WWW-Authenticate'], 'Bearer error="insufficient_scope", error_description="Not enough permission.", scope="a"');
    const refused = esm.wireForm(errors, errors['{RESOURCE}_NOT_EXIST']({ RESOURCE: 'a b' }), { format: 'code-message' });
    assert.equal(refused.status, 500);
    assert.equal(errors['{RESOURCE}_NOT_EXIST'].is(esm.defineCatalog({ E: { status: 500, message: 'x' } }).E()), false);
  });
});

/** Runs a command; a failure shows its output (a compile error, npm's reason). */
function run(command: string, args: readonly string[], cwd: string): string {
  const done = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, npm_config_update_notifier: 'false' } });
  if (done.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${done.status ?? done.signal}:\n${done.stdout}${done.stderr}`);
  return done.stdout;
}

/** The newest modification time of the files under `dir`. */
function newest(dir: string): number {
  return Math.max(...readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile()).map((entry) => statSync(join(entry.parentPath, entry.name)).mtimeMs));
}

// `npm test` packs first: `npm pack` runs prepack (`npm run build`, which starts by deleting dist/), so
// the tarball is what a fresh clone packs, and the same build serves every test that loads dist/.
describe('the tarball npm pack makes', function () {
  this.timeout(120_000); // the node10 consumer: installing and compiling take seconds on a busy machine
  let work: string;
  let tarball: string;
  let packed: string[];

  before(() => {
    childProcesses();
    const found = tarballs();
    assert.equal(found.length, 1, `expected one tarball in .pack/, found ${found.length}: run npm test, or npm run pack:test first`);
    assert.match(found[0]!, /^house-errors-\d+\.\d+\.\d+.*\.tgz$/);
    tarball = join(PACKED, found[0]!);
    assert.ok(statSync(tarball).mtimeMs >= newest(join(ROOT, 'lib')), 'lib/ changed after the tarball was packed: run npm run pack:test');
    work = mkdtempSync(join(tmpdir(), 'house-errors-pack-'));
    packed = run('tar', ['-tzf', tarball], work).split('\n').filter(Boolean).map((path) => path.replace(/^package\//, ''));
  });
  after(() => { if (work) rmSync(work, { recursive: true, force: true }); });

  it('is what a fresh clone packs: built from tracked sources only, with no output of a deleted module', () => {
    const ignored = execFileSync('git', ['ls-files', '--others', '--ignored', '--exclude-standard', '--', 'lib', 'tsconfig.json', 'tsconfig.cjs.json', 'scripts'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(ignored, '', 'the build reads files git ignores');
    const stale = packed.filter((path) => {
      const source = /^dist\/(?:esm|cjs)\/(.+)\.(?:js|d\.ts)$/.exec(path)?.[1];
      return source !== undefined && !existsSync(join(ROOT, 'lib', `${source}.ts`));
    });
    assert.deepEqual(stale, [], 'built files whose source is gone');
  });

  it('builds before packing (prepack), so the tarball holds every entry point in ESM and CommonJS with declarations', () => {
    const expected = [
      'dist/esm/index.js', 'dist/esm/index.d.ts', 'dist/cjs/index.js', 'dist/cjs/index.d.ts',
      'dist/esm/bearer/index.js', 'dist/esm/bearer/index.d.ts', 'dist/cjs/bearer/index.js', 'dist/cjs/bearer/index.d.ts',
      'dist/esm/testing/index.js', 'dist/esm/testing/index.d.ts', 'dist/cjs/testing/index.js', 'dist/cjs/testing/index.d.ts',
      'dist/esm/validation/index.js', 'dist/esm/validation/index.d.ts', 'dist/cjs/validation/index.js', 'dist/cjs/validation/index.d.ts',
      'dist/cjs/package.json', 'dist/esm/cli.js',
    ];
    assert.deepEqual(expected.filter((path) => !packed.includes(path)), []);
    assert.equal(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts.prepack, 'npm run build');
  });

  it('ships the LICENSE the license field promises, and otherwise only the build', () => {
    assert.deepEqual(packed.filter((path) => !path.startsWith('dist/')).sort(), ['LICENSE', 'README.md', 'package.json']);
    const license = run('tar', ['-xzOf', tarball, 'package/LICENSE'], work);
    assert.equal(license.split('\n').slice(0, 3).join('\n'), 'MIT License\n\nCopyright (c) 2026 house-errors contributors');
  });

  it('holds every file package.json points to (exports, main, module, types, typesVersions, bin)', () => {
    const pkg = JSON.parse(run('tar', ['-xzOf', tarball, 'package/package.json'], work));
    const targets = new Set<string>();
    const collect = (value: unknown): void => {
      if (typeof value === 'string') targets.add(value.replace(/^\.\//, ''));
      else if (value !== null && typeof value === 'object') Object.values(value).forEach(collect);
    };
    [pkg.exports, pkg.main, pkg.module, pkg.types, pkg.typesVersions, pkg.bin].forEach(collect);
    assert.ok(targets.size >= 18, `only ${targets.size} targets read from package.json`);
    assert.deepEqual([...targets].filter((path) => !packed.includes(path)), []);
  });

  it('installs into a TypeScript project with "module": "commonjs" (node10 resolution) that imports all four entry points', () => {
    // The tarball unpacked where npm puts it, beside the runtime dependencies only (no @types).
    const app = join(work, 'app');
    const installed = join(app, 'node_modules', 'house-errors');
    mkdirSync(installed, { recursive: true });
    run('tar', ['-xzf', tarball, '-C', installed, '--strip-components=1'], work);
    const { dependencies } = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    for (const name of Object.keys(dependencies)) {
      mkdirSync(dirname(join(app, 'node_modules', name)), { recursive: true });
      symlinkSync(join(ROOT, 'node_modules', name), join(app, 'node_modules', name), 'dir');
    }
    cpSync(join(ROOT, 'test/consumer/node10.cts'), join(app, 'node10.cts'));
    cpSync(join(ROOT, 'test/consumer/tsconfig.node10.json'), join(app, 'tsconfig.json'));
    assert.equal(compileProject(join(app, 'tsconfig.json')), '');
    // Two lines, in the order the middleware calls back (synchronously or not): sorted here.
    const printed = run(process.execPath, ['out/node10.cjs'], app).trim().split('\n').sort();
    assert.deepEqual(printed, [
      '{"code":"INVALID_PARAMETER","message":"Invalid parameter.","details":[{"pointer":"/email","location":"body","code":"INVALID","message":"This value is invalid."}]}',
      JSON.stringify({ status: 401, body: '{"errorCode":"MISSING_AUTH_TOKEN","reason":"Auth token missing in the request."}', challenge: 'Bearer realm="api"' }),
    ]);
  });
});

describe('npm test on a machine with only Node (no Chromium)', function () {
  this.timeout(60_000);

  it('leaves the browser test pending and says what it needs', async () => {
    const done = await childProcesses().pending;
    assert.equal(done.status, 0, done.stdout + done.stderr);
    assert.match(done.stdout, /^ {4}- needs Chromium at \/nonexistent\/chromium \(or CHROMIUM_PATH\)$/m);
    assert.match(done.stdout, /^ {2}0 passing .*\n {2}1 pending$/m);
    assert.match(done.stdout, /no Chromium at \/nonexistent\/chromium/);
  });

  it('fails the browser test where CI requires it (HOUSE_ERRORS_REQUIRE_BROWSER=1)', async () => {
    const done = await childProcesses().required;
    assert.equal(done.status, 1, done.stdout + done.stderr);
    assert.match(done.stdout, /1 failing/);
    assert.match(done.stdout, /Chromium not found at \/nonexistent\/chromium/);
  });
});
