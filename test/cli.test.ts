import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineCatalog, renderHtml, renderMarkdown, toOpenAPI } from '../lib/index.js';
import { runCli } from '../lib/cli/commands.js';
import { docsCommand } from '../lib/cli/docs-command.js';
import { unifiedDiff } from '../lib/cli/diff.js';
import { loadCatalog } from '../lib/cli/load-catalog.js';

const fixture = createRequire(import.meta.url)('./fixtures/cli/definitions.cjs') as {
  definitions: Parameters<typeof defineCatalog>[0]; options: Parameters<typeof defineCatalog>[1];
};
const errors = defineCatalog(fixture.definitions, fixture.options);
const FIXTURES = 'test/fixtures/cli';

interface Run { code: number; stdout: string; stderr: string }

async function run(args: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: (s) => { stdout += s; }, stderr: (s) => { stderr += s; } });
  return { code, stdout, stderr };
}

/**
 * The CLI as a real process, from the repository root, as `npx house-errors` would run it (through tsx).
 * A process still running after `timeout` ms is killed and fails the test: the CLI must exit on its own.
 */
function spawn(args: string[], timeout = 30_000): Promise<Run> {
  return new Promise((resolve, reject) => {
    const options = { timeout, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 } as const;
    execFile(process.execPath, ['--import', 'tsx', 'lib/cli.ts', ...args], options, (err, stdout, stderr) => {
      if (err !== null && typeof err.code !== 'number') {
        reject(new Error(`house-errors ${args.join(' ')} did not exit by itself (${err.signal ?? err.message}); it wrote:\n${stderr}`));
        return;
      }
      resolve({ code: err === null ? 0 : err.code as number, stdout, stderr });
    });
  });
}

describe('house-errors CLI', () => {
  let dir: string;
  before(() => { dir = mkdtempSync(join(tmpdir(), 'house-errors-cli-')); });
  after(() => { rmSync(dir, { recursive: true, force: true }); });

  describe('loading the catalog module', () => {
    const expected = renderMarkdown(errors, { format: 'code-message' });
    const cases: Array<[string, string[]]> = [
      ['default-export.mjs', ['--format', 'code-message']],
      ['module-exports.cjs', []], // its format comes from module.exports.format
      ['tsc-output.cjs', ['--format', 'code-message']],
    ];
    for (const [file, format] of cases) {
      it(`reads ${file}`, async () => {
        const result = await run(['docs', `${FIXTURES}/${file}`, '--to', 'md', ...format]);
        assert.equal(result.stderr, '');
        assert.equal(result.code, 0);
        assert.equal(result.stdout, expected);
      });
    }
    it('reads the "errors" export of an ESM .js module, with its "format" export as the default format', async () => {
      const result = await run(['docs', `${FIXTURES}/errors-export.js`, '--to', 'md']);
      assert.equal(result.code, 0);
      assert.equal(result.stdout, renderMarkdown(errors, { format: 'errorCode-reason' }));
    });
    it('reads a TypeScript module (through the tsx loader) and its custom format', async () => {
      const result = await run(['docs', `${FIXTURES}/typescript.ts`, '--to', 'md', '--format', 'envelope']);
      assert.equal(result.code, 0, result.stderr);
      assert.ok(result.stdout.includes('"error": {\n    "code": "INVALID_AUTH_TOKEN"'));
    });
    it('loadCatalog gives the catalog object itself', async () => {
      const loaded = await loadCatalog(`${FIXTURES}/module-exports.cjs`);
      assert.equal(renderMarkdown(loaded, { format: 'code-message' }), expected);
    });
    it('says when the module does not exist (exit 2)', async () => {
      const result = await run(['docs', `${FIXTURES}/nope.mjs`, '--to', 'md']);
      assert.equal(result.code, 2);
      assert.match(result.stderr, /^house-errors docs: module not found: test\/fixtures\/cli\/nope\.mjs \(resolved to .*nope\.mjs\)\n$/);
      assert.equal(result.stdout, '');
    });
    it('says when the module exports no catalog, listing what it exports (exit 2)', async () => {
      const result = await run(['docs', `${FIXTURES}/no-catalog.mjs`, '--to', 'md']);
      assert.equal(result.code, 2);
      assert.equal(result.stderr, 'house-errors docs: test/fixtures/cli/no-catalog.mjs exports no catalog: export it as default or as "errors" (found "default", "definitions")\n');
    });
    it('says when the module throws while loading (exit 2)', async () => {
      const result = await run(['docs', `${FIXTURES}/throws.mjs`, '--to', 'md']);
      assert.equal(result.code, 2);
      assert.equal(result.stderr, 'house-errors docs: cannot load test/fixtures/cli/throws.mjs: boom while loading\n');
    });
  });

  describe('docs flags', () => {
    const module = `${FIXTURES}/default-export.mjs`; // exports no format: every run names one
    it('--to html gives the HTML page', async () => {
      const result = await run(['docs', module, '--to', 'html', '--format', 'code-message']);
      assert.equal(result.code, 0);
      assert.equal(result.stdout, renderHtml(errors, { format: 'code-message' }));
    });
    it('--to openapi gives the OpenAPI document as JSON', async () => {
      const result = await run(['docs', module, '--to', 'openapi', '--format', 'code-message', '--title', 'Orders']);
      assert.equal(result.code, 0);
      assert.deepEqual(JSON.parse(result.stdout), toOpenAPI(errors, { format: 'code-message', title: 'Orders' }));
      assert.ok(result.stdout.endsWith('}\n'));
    });
    it('--format picks a built-in format', async () => {
      const result = await run(['docs', module, '--to', 'md', '--format', 'problem-details']);
      assert.equal(result.stdout, renderMarkdown(errors, { format: 'problem-details' }));
    });
    it('--title sets the title', async () => {
      const result = await run(['docs', module, '--to', 'md', '--format', 'code-message', '--title', 'Orders API errors']);
      assert.ok(result.stdout.startsWith('# Orders API errors\n'));
    });
    it('--locale renders one language; for html a list adds the language switch', async () => {
      const ko = await run(['docs', module, '--to', 'md', '--format', 'code-message', '--locale', 'ko']);
      assert.equal(ko.stdout, renderMarkdown(errors, { format: 'code-message', locale: 'ko' }));
      assert.ok(ko.stdout.includes('| 404 | {RESOURCE}을(를) 찾을 수 없습니다. |'));
      const both = await run(['docs', module, '--to', 'html', '--format', 'code-message', '--locale', 'ko,en']);
      assert.equal(both.stdout, renderHtml(errors, { format: 'code-message', locales: ['ko', 'en'] }));
      const many = await run(['docs', module, '--to', 'md', '--format', 'code-message', '--locale', 'ko,en']);
      assert.equal(many.code, 2);
      assert.match(many.stderr, /--locale takes one language for md; several are for html/);
    });
    it('--locale with a language the catalog lacks is an error (exit 2)', async () => {
      const result = await run(['docs', module, '--to', 'md', '--format', 'code-message', '--locale', 'fr']);
      assert.equal(result.code, 2);
      assert.equal(result.stderr, 'house-errors docs: --locale "fr": the catalog\'s languages are en, ko\n');
    });
    it('--out writes the file and says so', async () => {
      const out = join(dir, 'ERRORS.md');
      const result = await run(['docs', module, '--to', 'md', '--format', 'code-message', '--out', out]);
      assert.equal(result.code, 0);
      assert.equal(result.stdout, '');
      assert.equal(result.stderr, `house-errors docs: wrote ${out}\n`);
      assert.equal(readFileSync(out, 'utf8'), renderMarkdown(errors, { format: 'code-message' }));
    });
    it('--out into a missing directory is an error (exit 2)', async () => {
      const result = await run(['docs', module, '--to', 'md', '--format', 'code-message', '--out', join(dir, 'no', 'such', 'ERRORS.md')]);
      assert.equal(result.code, 2);
      assert.match(result.stderr, /^house-errors docs: cannot write .*ERRORS\.md: ENOENT/);
    });
    it('--check exits 0 when the file is up to date', async () => {
      const file = join(dir, 'current.md');
      writeFileSync(file, renderMarkdown(errors, { format: 'code-message' }));
      const result = await run(['docs', module, '--to', 'md', '--format', 'code-message', '--check', file]);
      assert.equal(result.code, 0);
      assert.equal(result.stdout, '');
      assert.equal(result.stderr, `house-errors docs: ${file} is up to date\n`);
    });
    it('--check exits 1 with a short diff when the file drifted', async () => {
      const file = join(dir, 'stale.md');
      writeFileSync(file, renderMarkdown(errors, { format: 'code-message' }).replace('Illegal state: {detail}', 'Illegal state'));
      const result = await run(['docs', module, '--to', 'md', '--format', 'code-message', '--check', file]);
      assert.equal(result.code, 1);
      assert.equal(result.stderr, `house-errors docs: ${file} differs from what the catalog generates; regenerate it with --out ${file}\n`);
      const lines = result.stdout.split('\n');
      assert.equal(lines[0], `--- ${file}`);
      assert.equal(lines[1], '+++ generated');
      assert.match(lines[2]!, /^@@ -\d+,7 \+\d+,7 @@$/);
      assert.deepEqual(lines.filter((l) => l.startsWith('-') && !l.startsWith('---')), ['-| <a id="ILLEGAL_STATE"></a>`ILLEGAL_STATE` | 500 | Illegal state | yes |']);
      assert.deepEqual(lines.filter((l) => l.startsWith('+') && !l.startsWith('+++')), ['+| <a id="ILLEGAL_STATE"></a>`ILLEGAL_STATE` | 500 | Illegal state: {detail} | yes |']);
    });
    it('--check exits 1 when the file does not exist yet', async () => {
      const file = join(dir, 'never.md');
      const result = await run(['docs', module, '--to', 'md', '--format', 'code-message', '--check', file]);
      assert.equal(result.code, 1);
      assert.equal(result.stderr, `house-errors docs: ${file} does not exist; generate it with --out ${file}\n`);
    });
    it('--help prints the usage (exit 0)', async () => {
      const result = await run(['docs', '--help']);
      assert.equal(result.code, 0);
      assert.ok(result.stdout.startsWith('usage: house-errors docs <module> --to md|html|openapi [options]'));
    });
  });

  describe('usage errors (exit 2)', () => {
    const cases: Array<[string, string[], RegExp]> = [
      ['no module', ['docs', '--to', 'md'], /^house-errors docs: a catalog module is required\n/],
      ['two modules', ['docs', 'a.mjs', 'b.mjs', '--to', 'md'], /^house-errors docs: one module expected, got a\.mjs b\.mjs\n/],
      ['no --to', ['docs', `${FIXTURES}/default-export.mjs`], /^house-errors docs: --to is required \(md, html or openapi\)\n/],
      ['a bad --to', ['docs', `${FIXTURES}/default-export.mjs`, '--to', 'pdf'], /^house-errors docs: --to "pdf": expected md, html or openapi\n/],
      ['an unknown option', ['docs', `${FIXTURES}/default-export.mjs`, '--to', 'md', '--colour'], /^house-errors docs: Unknown option '--colour'/],
      ['--out with --check', ['docs', `${FIXTURES}/default-export.mjs`, '--to', 'md', '--out', 'a', '--check', 'b'], /^house-errors docs: --out and --check: choose one\n/],
      ['an empty --locale', ['docs', `${FIXTURES}/default-export.mjs`, '--to', 'html', '--locale', ','], /^house-errors docs: --locale needs a language, e\.g\. --locale en\n/],
      ['a repeated --locale', ['docs', `${FIXTURES}/default-export.mjs`, '--to', 'html', '--locale', 'ko,ko'], /^house-errors docs: --locale ko,ko: a language is repeated\n/],
      ['an unknown format', ['docs', `${FIXTURES}/default-export.mjs`, '--to', 'md', '--format', 'xml'],
        /^house-errors docs: unknown format "xml" \(expected errorCode-reason, code-description, code-message, problem-details\)\n$/],
    ];
    for (const [name, args, message] of cases) {
      it(name, async () => {
        const result = await run(args);
        assert.equal(result.code, 2);
        assert.match(result.stderr, message);
        assert.equal(result.stdout, '');
      });
    }
    it('an unknown command, or none, prints the command list', async () => {
      const unknown = await run(['doc']);
      assert.equal(unknown.code, 2);
      assert.match(unknown.stderr, /^house-errors: unknown command "doc"\nusage: house-errors <command> \[options\]\n\ncommands:\n {2}docs +error reference/);
      const none = await run([]);
      assert.equal(none.code, 2);
      assert.match(none.stderr, /^usage: house-errors <command>/);
      const help = await run(['--help']);
      assert.equal(help.code, 0);
      assert.match(help.stdout, /^usage: house-errors <command>/);
    });
    it('the docs command is callable on its own', async () => {
      let err = '';
      assert.equal(await docsCommand(['--to', 'md'], { stdout: () => {}, stderr: (s) => { err += s; } }), 2);
      assert.match(err, /a catalog module is required/);
    });
  });

  describe('the house format comes from the user, never from a default', () => {
    it('a page without --format or a "format" export is a usage error (exit 2) saying how to give one', async () => {
      for (const to of ['md', 'html', 'openapi']) {
        const result = await run(['docs', `${FIXTURES}/default-export.mjs`, '--to', to]);
        assert.equal(result.code, 2, to);
        assert.equal(result.stdout, '');
        assert.equal(result.stderr,
          'house-errors docs: which house format does your server send? Give --format NAME (errorCode-reason, code-description, code-message, problem-details) '
          + 'or export it from test/fixtures/cli/default-export.mjs as "format" (a built-in name or a defineFormat(...) value)\n');
      }
    });
    it('a "format" export that is not a format is a load error (exit 2)', async () => {
      const result = await run(['docs', `${FIXTURES}/bad-format.mjs`, '--to', 'md']);
      assert.equal(result.code, 2);
      assert.equal(result.stderr,
        'house-errors docs: test/fixtures/cli/bad-format.mjs exports "format" as "code_message", which is not a format: '
        + 'use errorCode-reason, code-description, code-message, problem-details or a defineFormat(...) value\n');
    });
    it('--format wins over the module\'s "format" export', async () => {
      const result = await run(['docs', `${FIXTURES}/errors-export.js`, '--to', 'md', '--format', 'code-description']);
      assert.equal(result.code, 0, result.stderr);
      assert.ok(result.stdout.includes('"code": "INVALID_AUTH_TOKEN",\n  "description": "Invalid auth token."'));
    });
  });

  describe('exit codes: 0 done, 1 drift, 2 usage or load error, 3 crash', () => {
    it('--help lists them', async () => {
      const result = await run(['docs', '--help']);
      const exitStatus = `
exit status:
  0  done (with --check: the file is up to date)
  1  --check found drift: the file differs from what the catalog generates, or is missing
  2  usage or load error: wrong arguments, a module that is missing, fails to load or exports
     no catalog or no format, a file that cannot be written
  3  unexpected error: a crash while generating, never to be taken for drift
`;
      assert.ok(result.stdout.endsWith(exitStatus), result.stdout);
      assert.ok((await run(['--help'])).stdout.endsWith(exitStatus));
    });
    it('a catalog the docs find invalid is a load error (exit 2), not a crash', async () => {
      const result = await run(['docs', `${FIXTURES}/no-fallback.mjs`, '--to', 'md']);
      assert.deepEqual(result, {
        code: 2, stdout: '',
        stderr: 'house-errors docs: invalid catalog:\n  - no 500 fallback: add a 500 definition without placeholders, or set fallbacks[500]\n',
      });
    });
    it('a catalog whose rendering throws exits 3, not 1, and names the error', async () => {
      const result = await run(['docs', `${FIXTURES}/render-throws.mjs`, '--to', 'md', '--check', 'README.md']);
      assert.equal(result.code, 3);
      assert.equal(result.stdout, '');
      assert.match(result.stderr, /^house-errors docs: unexpected error \(exit 3\): Error: house-errors: cannot document "INVALID_AUTH_TOKEN": its example answered 500 \(format "broken" failed; answered with the plain 500 fallback\)\n {4}at /);
    });
  });

  describe('as a real process (node --import tsx lib/cli.ts)', function () {
    this.timeout(120_000);
    const module = `${FIXTURES}/default-export.mjs`;
    it('prints the page on stdout and exits 0', async () => {
      const result = await spawn(['docs', module, '--to', 'md', '--format', 'code-description', '--title', 'T', '--locale', 'en']);
      assert.equal(result.code, 0, result.stderr);
      assert.equal(result.stdout, renderMarkdown(errors, { format: 'code-description', title: 'T', locale: 'en' }));
    });
    it('reads CommonJS and TypeScript modules', async () => {
      const cjs = await spawn(['docs', `${FIXTURES}/module-exports.cjs`, '--to', 'openapi']);
      assert.equal(cjs.code, 0, cjs.stderr);
      assert.deepEqual(JSON.parse(cjs.stdout), toOpenAPI(errors, { format: 'code-message' }));
      const ts = await spawn(['docs', `${FIXTURES}/typescript.ts`, '--to', 'html', '--locale', 'en,ko']);
      assert.equal(ts.code, 0, ts.stderr);
      assert.ok(ts.stdout.startsWith('<!DOCTYPE html>\n<html lang="en">'));
    });
    it('--out then --check: 0 when current, 1 with a diff after an edit', async () => {
      const file = join(dir, 'process.md');
      const written = await spawn(['docs', module, '--to', 'md', '--format', 'code-message', '--out', file]);
      assert.equal(written.code, 0, written.stderr);
      assert.equal((await spawn(['docs', module, '--to', 'md', '--format', 'code-message', '--check', file])).code, 0);
      writeFileSync(file, readFileSync(file, 'utf8').replace('| 401 | Invalid auth token. |', '| 401 | Bad token. |'));
      const drift = await spawn(['docs', module, '--to', 'md', '--format', 'code-message', '--check', file]);
      assert.equal(drift.code, 1);
      assert.match(drift.stdout, /^--- .*process\.md\n\+\+\+ generated\n@@ /);
      assert.ok(drift.stdout.includes('\n-| <a id="INVALID_AUTH_TOKEN"></a>`INVALID_AUTH_TOKEN` | 401 | Bad token. | no |\n'));
    });
    it('exits 2 with a clear message for each error path', async () => {
      const paths: Array<[string[], RegExp]> = [
        [['docs', `${FIXTURES}/nope.mjs`, '--to', 'md'], /module not found: test\/fixtures\/cli\/nope\.mjs/],
        [['docs', `${FIXTURES}/no-catalog.mjs`, '--to', 'md'], /exports no catalog/],
        [['docs', module, '--to', 'md', '--format', 'xml'], /unknown format "xml"/],
        [['docs', module], /--to is required/],
        [['nope'], /unknown command "nope"/],
      ];
      for (const [args, message] of paths) {
        const result = await spawn(args);
        assert.equal(result.code, 2, args.join(' '));
        assert.match(result.stderr, message);
      }
    });

    it('--check on an OpenAPI document with two drifted lines prints only those lines, in two hunks', async () => {
      const file = join(dir, 'openapi.json');
      const written = await spawn(['docs', module, '--to', 'openapi', '--format', 'code-message', '--out', file]);
      assert.equal(written.code, 0, written.stderr);
      writeFileSync(file, readFileSync(file, 'utf8').replaceAll('Illegal state: {detail}"', 'Illegal state"'));
      const drift = await spawn(['docs', module, '--to', 'openapi', '--format', 'code-message', '--check', file]);
      assert.equal(drift.code, 1);
      assert.equal(drift.stdout, `--- ${file}
+++ generated
@@ -99,7 +99,7 @@
         "x-retryable": false
       },
       "ILLEGAL_STATE": {
-        "description": "Illegal state",
+        "description": "Illegal state: {detail}",
         "content": {
           "application/json": {
             "schema": {
@@ -118,7 +118,7 @@
             },
             "example": {
               "code": "ILLEGAL_STATE",
-              "message": "Illegal state"
+              "message": "Illegal state: {detail}"
             }
           }
         },
`);
    });

    describe('a module that leaves a server and a timer running', () => {
      const busy = `${FIXTURES}/side-effects.mjs`;
      it('--check prints "up to date" and exits 0 (the drift gate does not hang)', async () => {
        const file = join(dir, 'busy.md');
        const written = await spawn(['docs', busy, '--to', 'md', '--out', file], 20_000);
        assert.deepEqual(written, { code: 0, stdout: '', stderr: `house-errors docs: wrote ${file}\n` });
        const checked = await spawn(['docs', busy, '--to', 'md', '--check', file], 20_000);
        assert.deepEqual(checked, { code: 0, stdout: '', stderr: `house-errors docs: ${file} is up to date\n` });
        writeFileSync(file, readFileSync(file, 'utf8').replace('| Limit 7 exceeded. |', '| Limit seven exceeded. |'));
        const drift = await spawn(['docs', busy, '--to', 'md', '--check', file], 20_000);
        assert.equal(drift.code, 1);
        assert.ok(drift.stdout.includes('\n-| <a id="LIMIT_7_EXCEEDED"></a>`LIMIT_7_EXCEEDED` | 429 | Limit seven exceeded. | yes |\n'), drift.stdout);
      });
      it('writes a page far larger than a pipe buffer completely, to stdout and to --out, then exits 0', async () => {
        const file = join(dir, 'busy.json');
        const printed = await spawn(['docs', busy, '--to', 'openapi'], 20_000);
        assert.equal(printed.code, 0, printed.stderr);
        assert.ok(printed.stdout.length > 1_000_000, `${printed.stdout.length} characters`);
        const document = JSON.parse(printed.stdout) as { components: { responses: Record<string, unknown> } };
        assert.equal(Object.keys(document.components.responses).length, 4 + 1500);
        assert.ok('LIMIT_1499_EXCEEDED' in document.components.responses);
        const written = await spawn(['docs', busy, '--to', 'openapi', '--out', file], 20_000);
        assert.equal(written.code, 0, written.stderr);
        assert.equal(readFileSync(file, 'utf8'), printed.stdout);
      });
    });

    it('a page without a format exits 2 with the message', async () => {
      const result = await spawn(['docs', module, '--to', 'openapi']);
      assert.equal(result.code, 2);
      assert.equal(result.stdout, '');
      assert.match(result.stderr, /^house-errors docs: which house format does your server send\? Give --format NAME/);
    });

    it('a crash exits 3, never 1 (drift): rendering that throws, and a module failing in the background', async () => {
      const broken = await spawn(['docs', `${FIXTURES}/render-throws.mjs`, '--to', 'openapi']);
      assert.equal(broken.code, 3);
      assert.equal(broken.stdout, '');
      assert.match(broken.stderr, /^house-errors docs: unexpected error \(exit 3\): Error: house-errors: cannot document "INVALID_AUTH_TOKEN"/);
      const file = join(dir, 'pool.md');
      writeFileSync(file, 'stale\n');
      const pool = await spawn(['docs', `${FIXTURES}/pool-fails.mjs`, '--to', 'md', '--check', file]);
      assert.equal(pool.code, 3);
      assert.match(pool.stderr, /^house-errors: unexpected error \(exit 3\): Error: connect ECONNREFUSED 127\.0\.0\.1:5432\n {4}at /);
    });
  });
});

describe('unifiedDiff', () => {
  it('is empty for equal texts', () => {
    assert.equal(unifiedDiff('a\n', 'a\n', 'x', 'y'), '');
  });
  it('shows the changed lines with three lines of context', () => {
    const before = 'a\nb\nc\nd\ne\nf\ng\nh\n';
    const after = 'a\nb\nc\nd\nE\nf\ng\nh\n';
    assert.equal(unifiedDiff(before, after, 'old', 'new'), '--- old\n+++ new\n@@ -2,7 +2,7 @@\n b\n c\n d\n-e\n+E\n f\n g\n h\n');
  });
  it('shows added and removed lines at either end, an empty side and a missing final newline', () => {
    assert.equal(unifiedDiff('a\n', 'a\nb\n', 'old', 'new'), '--- old\n+++ new\n@@ -1 +1,2 @@\n a\n+b\n');
    assert.equal(unifiedDiff('a\nb\n', 'b\n', 'old', 'new'), '--- old\n+++ new\n@@ -1,2 +1 @@\n-a\n b\n');
    assert.equal(unifiedDiff('', 'a\nb\n', 'old', 'new'), '--- old\n+++ new\n@@ -0,0 +1,2 @@\n+a\n+b\n');
    assert.equal(unifiedDiff('a\n', '', 'old', 'new'), '--- old\n+++ new\n@@ -1 +0,0 @@\n-a\n');
    assert.equal(unifiedDiff('a', 'a\n', 'old', 'new'), '--- old\n+++ new\n@@ -1 +1 @@\n-a\n\\ No newline at end of file\n+a\n');
  });
  it('keeps a moved block\'s neighbours as context instead of removing and re-adding them', () => {
    const before = 'x\n1\n2\n3\n4\n5\n6\n7\n8\n';
    const after = '1\n2\n3\n4\n5\n6\n7\n8\nx\n';
    assert.equal(unifiedDiff(before, after, 'old', 'new'), '--- old\n+++ new\n@@ -1,4 +1,3 @@\n-x\n 1\n 2\n 3\n@@ -7,3 +6,4 @@\n 6\n 7\n 8\n+x\n');
  });

  // An OpenAPI document of 42 lines in which two lines, 27 lines apart, changed.
  const document = (title: string, description: string): string => `{
  "openapi": "3.1.0",
  "info": {
    "title": "${title}",
    "version": "1.0.0"
  },
  "components": {
    "schemas": {
      "Error": {
        "type": "object",
        "required": [
          "code",
          "message"
        ],
        "properties": {
          "code": {
            "type": "string",
            "enum": [
              "INVALID_AUTH_TOKEN",
              "ILLEGAL_STATE"
            ]
          },
          "message": {
            "type": "string"
          }
        }
      }
    },
    "responses": {
      "INVALID_AUTH_TOKEN": {
        "description": "${description}",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            }
          }
        }
      }
    }
  }
}
`;
  it('shows a two-line change in a 42-line document as two small hunks', () => {
    const before = document('Orders API errors', 'Invalid auth token.');
    const after = document('Orders API error codes', 'The auth token is invalid.');
    assert.equal(before.split('\n').length - 1, 42);
    assert.equal(unifiedDiff(before, after, 'openapi.json', 'generated'), `--- openapi.json
+++ generated
@@ -1,7 +1,7 @@
 {
   "openapi": "3.1.0",
   "info": {
-    "title": "Orders API errors",
+    "title": "Orders API error codes",
     "version": "1.0.0"
   },
   "components": {
@@ -28,7 +28,7 @@
     },
     "responses": {
       "INVALID_AUTH_TOKEN": {
-        "description": "Invalid auth token.",
+        "description": "The auth token is invalid.",
         "content": {
           "application/json": {
             "schema": {
`);
  });
  it('merges changes closer than twice the context into one hunk', () => {
    const before = 'a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n';
    const after = 'a\nB\nc\nd\ne\nf\ng\nH\ni\nj\n';
    assert.equal(unifiedDiff(before, after, 'old', 'new'), '--- old\n+++ new\n@@ -1,10 +1,10 @@\n a\n-b\n+B\n c\n d\n e\n f\n g\n-h\n+H\n i\n j\n');
  });
  it('caps a long diff at 100 lines and counts the rest', () => {
    const lines = Array.from({ length: 150 }, (_, i) => `line ${i}`);
    const shown = lines.slice(0, 99).map((line) => `+${line}\n`).join('');
    assert.equal(unifiedDiff('', `${lines.join('\n')}\n`, 'old', 'new'), `--- old\n+++ new\n@@ -0,0 +1,150 @@\n${shown}… 51 more lines\n`);
  });
});
