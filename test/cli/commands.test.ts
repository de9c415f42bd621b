import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineCatalog, renderHtml, renderMarkdown, toOpenAPI } from '../../lib/index.js';
import { parseCli, runCli, type Invocation } from '../../lib/cli/commands.js';

const fixture = createRequire(import.meta.url)('../fixtures/cli/definitions.cjs') as {
  definitions: Parameters<typeof defineCatalog>[0]; options: Parameters<typeof defineCatalog>[1];
};
/** The catalog every module under test/fixtures/cli exports. */
const errors = defineCatalog(fixture.definitions, fixture.options);
const FIXTURES = 'test/fixtures/cli';
/** Exports its catalog as the default export, and no format: every run names one. */
const MODULE = `${FIXTURES}/default-export.mjs`;
/** A catalog in Korean and English with a two-placeholder family, exported as "errors". */
const TRANSLATED = fileURLToPath(new URL('../support/cli-catalog-module.ts', import.meta.url));
/** house-errors itself, for modules written into a temporary directory. */
const LIB = new URL('../../lib/index.ts', import.meta.url).href;

const EXIT_STATUS = `exit status:
  0  done (with --check: the file is up to date)
  1  --check found drift: the file differs from what the catalog generates, or is missing
  2  usage or load error: wrong arguments, a module that is missing, fails to load or exports
     no catalog or no format, a file that cannot be written
  3  unexpected error: a crash while generating, never to be taken for drift
`;

interface Run { code: number; stdout: string; stderr: string }

/** `house-errors …` in this process: the exit code and what it wrote. */
async function run(...argv: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (s) => { stdout += s; }, stderr: (s) => { stderr += s; } });
  return { code, stdout, stderr };
}

describe('parseCli: the command line, read once', () => {
  const none = { format: undefined, title: undefined, links: false, locales: undefined, out: undefined, check: undefined };
  const runs: Array<[string[], Invocation]> = [
    [['docs', 'errors.js', '--to', 'md'], { kind: 'run', command: 'docs', module: 'errors.js', to: 'md', ...none }],
    [
      ['docs', 'errors.js', '--to', 'html', '--format', 'code-message', '--title', 'Orders', '--locale', ' ko, en ', '--links', '--out', 'ERRORS.html'],
      { kind: 'run', command: 'docs', module: 'errors.js', to: 'html', format: 'code-message', title: 'Orders', links: true, locales: ['ko', 'en'], out: 'ERRORS.html', check: undefined },
    ],
    [
      ['docs', '--to=openapi', '--check', 'openapi.json', './dist/errors.js', '--locale', 'en'],
      { kind: 'run', command: 'docs', module: './dist/errors.js', to: 'openapi', ...none, locales: ['en'], check: 'openapi.json' },
    ],
    [['catalog', 'errors.js', '--json'], { kind: 'run', command: 'catalog', module: 'errors.js', out: undefined, check: undefined }],
    [['catalog', '--json', '--check', 'errors.json', 'errors.js'], { kind: 'run', command: 'catalog', module: 'errors.js', out: undefined, check: 'errors.json' }],
    [['catalog', '--schema', '--out', 'errors.schema.json'], { kind: 'run', command: 'catalog', module: undefined, out: 'errors.schema.json', check: undefined }],
    [['--help'], { kind: 'help' }],
    [['-h'], { kind: 'help' }],
    [['help'], { kind: 'help' }],
    [['docs', '--help'], { kind: 'help', command: 'docs' }],
    [['catalog', 'errors.js', '-h'], { kind: 'help', command: 'catalog' }],
    [[], { kind: 'usage' }],
    [['doc'], { kind: 'usage', message: 'unknown command "doc"' }],
  ];
  for (const [argv, expected] of runs) {
    it(`house-errors ${argv.join(' ')}`, () => {
      assert.deepEqual(parseCli(argv), expected);
    });
  }

  const problems: Array<[string[], string | RegExp]> = [
    [['docs', '--to', 'md'], 'a catalog module is required'],
    [['docs', 'a.mjs', 'b.mjs', '--to', 'md'], 'one module expected, got a.mjs b.mjs'],
    [['docs', 'errors.js'], '--to is required (md, html or openapi)'],
    [['docs', 'errors.js', '--to'], "Option '--to <value>' argument missing"],
    [['docs', 'errors.js', '--to', 'pdf'], '--to "pdf": expected md, html or openapi'],
    [['docs', 'errors.js', '--to', 'md', '--colour'], /^Unknown option '--colour'/],
    [['docs', 'errors.js', '--to', 'md', '--json'], /^Unknown option '--json'/],
    [['docs', 'errors.js', '--to', 'md', '--out', 'a', '--check', 'b'], '--out and --check: choose one'],
    [['docs', 'errors.js', '--to', 'html', '--locale', ','], '--locale needs a language, e.g. --locale en'],
    [['docs', 'errors.js', '--to', 'html', '--locale', 'ko,ko'], '--locale ko,ko: a language is repeated'],
    [['docs', 'errors.js', '--to', 'md', '--locale', 'ko,en'], '--locale takes one language for md; several are for html'],
    [['docs', 'errors.js', '--to', 'openapi', '--locale', 'ko,en'], '--locale takes one language for openapi; several are for html'],
    [['catalog'], 'a catalog module is required'],
    [['catalog', 'errors.js'], 'choose the output: --json (or --schema for its JSON Schema)'],
    [['catalog', 'a.js', 'b.js', '--json'], 'one module expected, got a.js b.js'],
    [['catalog', 'errors.js', '--json', '--yaml'], /^Unknown option '--yaml'/],
    [['catalog', 'errors.js', '--to', 'md'], /^Unknown option '--to'/],
    [['catalog', 'errors.js', '--schema'], '--schema prints the schema alone: no module, no --json'],
    [['catalog', '--schema', '--json'], '--schema prints the schema alone: no module, no --json'],
    [['catalog', 'errors.js', '--json', '--out', 'a', '--check', 'b'], '--out and --check: choose one'],
  ];
  for (const [argv, message] of problems) {
    it(`house-errors ${argv.join(' ')} is a usage problem`, () => {
      const parsed = parseCli(argv);
      assert.ok(parsed.kind === 'usage' && parsed.message !== undefined, JSON.stringify(parsed));
      assert.equal(parsed.command, argv[0]);
      if (typeof message === 'string') assert.equal(parsed.message, message);
      else assert.match(parsed.message, message);
    });
  }
});

describe('runCli', () => {
  let dir: string;
  before(() => { dir = mkdtempSync(join(tmpdir(), 'house-errors-cli-')); });
  after(() => { rmSync(dir, { recursive: true, force: true }); });

  describe('help and usage problems', () => {
    it('--help prints the commands and the exit codes on standard output (exit 0)', async () => {
      assert.deepEqual(await run('--help'), {
        code: 0, stderr: '', stdout: `usage: house-errors <command> [options]

commands:
  docs     error reference from a catalog module: Markdown, HTML or OpenAPI 3.1
  catalog  the catalog as JSON for clients in other languages (--json), or its JSON Schema (--schema)

Run house-errors <command> --help for its options.

${EXIT_STATUS}`,
      });
    });
    it('each command\'s --help prints its options and the exit codes (exit 0)', async () => {
      const docs = await run('docs', '--help');
      assert.equal(docs.code, 0);
      assert.ok(docs.stdout.startsWith('usage: house-errors docs <module> --to md|html|openapi [options]\n'), docs.stdout);
      assert.ok(docs.stdout.includes('\n  --format NAME     the house format your server sends, required (there is no default):\n'
        + '                    errorCode-reason, code-description, code-message, problem-details,\n'));
      assert.ok(docs.stdout.endsWith(`\n\n${EXIT_STATUS}`));
      const catalog = await run('catalog', '--help');
      assert.equal(catalog.code, 0);
      assert.ok(catalog.stdout.startsWith('usage: house-errors catalog <module> --json [options]\n       house-errors catalog --schema [options]\n'));
      assert.ok(catalog.stdout.endsWith(`\n\n${EXIT_STATUS}`));
    });
    it('a usage problem is one line naming the command, then the command\'s usage, on standard error (exit 2)', async () => {
      const docs = await run('docs', MODULE);
      assert.equal(docs.code, 2);
      assert.equal(docs.stdout, '');
      assert.ok(docs.stderr.startsWith('house-errors docs: --to is required (md, html or openapi)\n\nusage: house-errors docs <module>'), docs.stderr);
      const catalog = await run('catalog', MODULE);
      assert.equal(catalog.code, 2);
      assert.ok(catalog.stderr.startsWith('house-errors catalog: choose the output: --json (or --schema for its JSON Schema)\n\nusage: house-errors catalog <module>'));
    });
    it('an unknown command, or none, prints the command list on standard error (exit 2)', async () => {
      const unknown = await run('doc');
      assert.equal(unknown.code, 2);
      assert.match(unknown.stderr, /^house-errors: unknown command "doc"\nusage: house-errors <command> \[options\]\n\ncommands:\n {2}docs +error reference/);
      const nothing = await run();
      assert.deepEqual({ ...nothing, stderr: nothing.stderr.slice(0, 40) }, { code: 2, stdout: '', stderr: 'usage: house-errors <command> [options]\n' });
    });
  });

  describe('loading the catalog module', () => {
    const page = renderMarkdown(errors, { format: 'code-message' });
    const shapes: Array<[string, string[]]> = [
      ['default-export.mjs', ['--format', 'code-message']],
      ['module-exports.cjs', []], // its format comes from module.exports.format
      ['tsc-output.cjs', ['--format', 'code-message']], // exports.default
    ];
    for (const [file, format] of shapes) {
      it(`reads ${file}`, async () => {
        assert.deepEqual(await run('docs', `${FIXTURES}/${file}`, '--to', 'md', ...format), { code: 0, stdout: page, stderr: '' });
      });
    }
    it('reads the "errors" export of an ESM .js module, with its "format" export as the format', async () => {
      const result = await run('docs', `${FIXTURES}/errors-export.js`, '--to', 'md');
      assert.equal(result.code, 0, result.stderr);
      assert.equal(result.stdout, renderMarkdown(errors, { format: 'errorCode-reason' }));
    });
    it('reads a TypeScript module (through the tsx loader) and its custom format', async () => {
      const result = await run('docs', `${FIXTURES}/typescript.ts`, '--to', 'md', '--format', 'envelope');
      assert.equal(result.code, 0, result.stderr);
      assert.ok(result.stdout.includes('"error": {\n    "code": "INVALID_AUTH_TOKEN"'));
    });
    it('says when the module does not exist (exit 2)', async () => {
      for (const command of [['docs', `${FIXTURES}/nope.mjs`, '--to', 'md'], ['catalog', `${FIXTURES}/nope.mjs`, '--json']]) {
        const result = await run(...command);
        assert.equal(result.code, 2);
        assert.equal(result.stdout, '');
        assert.match(result.stderr, new RegExp(`^house-errors ${command[0]!}: module not found: test/fixtures/cli/nope\\.mjs \\(resolved to .*nope\\.mjs\\)\\n$`));
      }
    });
    it('says when the module path is empty (exit 2)', async () => {
      assert.deepEqual(await run('docs', '', '--to', 'md'), { code: 2, stdout: '', stderr: 'house-errors docs: a module path is required\n' });
    });
    it('says when the module exports no catalog, listing what it exports (exit 2)', async () => {
      assert.deepEqual(await run('docs', `${FIXTURES}/no-catalog.mjs`, '--to', 'md'), {
        code: 2, stdout: '',
        stderr: 'house-errors docs: test/fixtures/cli/no-catalog.mjs exports no catalog: export it as default or as "errors" (found "default", "definitions")\n',
      });
      const answer = join(dir, 'answer.mjs');
      writeFileSync(answer, 'export const answer = 42;\n');
      assert.deepEqual(await run('catalog', answer, '--json'), {
        code: 2, stdout: '', stderr: `house-errors catalog: ${answer} exports no catalog: export it as default or as "errors" (found "answer")\n`,
      });
    });
    it('says when the module throws while loading (exit 2)', async () => {
      assert.deepEqual(await run('docs', `${FIXTURES}/throws.mjs`, '--to', 'md'), {
        code: 2, stdout: '', stderr: 'house-errors docs: cannot load test/fixtures/cli/throws.mjs: boom while loading\n',
      });
    });
  });

  describe('docs: the page', () => {
    it('--to html gives the HTML page', async () => {
      const result = await run('docs', MODULE, '--to', 'html', '--format', 'code-message');
      assert.equal(result.code, 0);
      assert.equal(result.stdout, renderHtml(errors, { format: 'code-message' }));
    });
    it('--to openapi gives the OpenAPI document as JSON, indented, with a final newline', async () => {
      const result = await run('docs', MODULE, '--to', 'openapi', '--format', 'code-message', '--title', 'Orders');
      assert.equal(result.code, 0);
      assert.deepEqual(JSON.parse(result.stdout), toOpenAPI(errors, { format: 'code-message', title: 'Orders' }));
      assert.ok(result.stdout.startsWith('{\n  "openapi": "3.1.0",\n'));
      assert.ok(result.stdout.endsWith('}\n'));
    });
    it('--format picks a built-in format', async () => {
      const result = await run('docs', MODULE, '--to', 'md', '--format', 'problem-details');
      assert.equal(result.stdout, renderMarkdown(errors, { format: 'problem-details' }));
    });
    it('--title sets the title', async () => {
      const result = await run('docs', MODULE, '--to', 'md', '--format', 'code-message', '--title', 'Orders API errors');
      assert.ok(result.stdout.startsWith('# Orders API errors\n'));
    });
    it('--links renders [text](https://…) in descriptions as links', async () => {
      const module = join(dir, 'links.mjs');
      writeFileSync(module, `import { defineCatalog } from ${JSON.stringify(LIB)};
export const errors = defineCatalog({
  INVALID_AUTH_TOKEN: { status: 401, message: 'Invalid auth token.', description: 'See [tokens](https://example.com/tokens).' },
  INTERNAL_ERROR: { status: 500, message: 'Internal server error.' },
});
export const format = 'code-message';
`);
      const linked = await run('docs', module, '--to', 'md', '--links');
      assert.equal(linked.code, 0, linked.stderr);
      assert.ok(linked.stdout.includes('See [tokens](https://example.com/tokens).'), linked.stdout);
      const plain = await run('docs', module, '--to', 'md');
      assert.equal(plain.code, 0, plain.stderr);
      assert.ok(!plain.stdout.includes('[tokens](https://example.com/tokens)'), plain.stdout);
    });
    it('--locale renders one language; for html a list adds the language switch', async () => {
      const ko = await run('docs', MODULE, '--to', 'md', '--format', 'code-message', '--locale', 'ko');
      assert.equal(ko.stdout, renderMarkdown(errors, { format: 'code-message', locale: 'ko' }));
      assert.ok(ko.stdout.includes('| 404 | {RESOURCE}을(를) 찾을 수 없습니다. |'));
      const both = await run('docs', MODULE, '--to', 'html', '--format', 'code-message', '--locale', 'ko,en');
      assert.equal(both.stdout, renderHtml(errors, { format: 'code-message', locales: ['ko', 'en'] }));
    });
    it('--locale with a language the catalog lacks is an error (exit 2)', async () => {
      assert.deepEqual(await run('docs', MODULE, '--to', 'md', '--format', 'code-message', '--locale', 'fr'), {
        code: 2, stdout: '', stderr: 'house-errors docs: --locale "fr": the catalog\'s languages are en, ko\n',
      });
    });
  });

  describe('docs --details-field', () => {
    const QUICKSTART = 'examples/quickstart/catalog.ts';
    it('names the member holding details in the page\'s example bodies, as the handler\'s detailsField does', async () => {
      const result = await run('docs', QUICKSTART, '--to', 'md', '--format', 'code-message', '--details-field', 'fields');
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stdout, /carries a list of violations in `fields`, one per bad field/);
      assert.match(result.stdout, /\n {2}"message": "The order has invalid fields\.",\n {2}"fields": \[\n {4}\{\n {6}"pointer": "\/email",/);
      assert.doesNotMatch(result.stdout, /"details"/);
    });
    it('refuses a member name the format uses itself (exit 2)', async () => {
      assert.deepEqual(await run('docs', QUICKSTART, '--to', 'md', '--format', 'code-message', '--details-field', 'code'), {
        code: 2, stdout: '',
        stderr: 'house-errors docs: --details-field: detailsField must be a member name [A-Za-z_][A-Za-z0-9_]* of at most 64 characters other than "code" and "message", got "code"\n',
      });
    });
  });

  describe('docs: the house format comes from the user, never from a default', () => {
    it('a page without --format or a "format" export is a usage error (exit 2) saying how to give one', async () => {
      for (const to of ['md', 'html', 'openapi']) {
        assert.deepEqual(await run('docs', MODULE, '--to', to), {
          code: 2, stdout: '',
          stderr: 'house-errors docs: which house format does your server send? Give --format NAME (errorCode-reason, code-description, code-message, problem-details) '
            + 'or export it from test/fixtures/cli/default-export.mjs as "format" (a built-in name or a defineFormat(...) value)\n',
        }, to);
      }
    });
    it('a "format" export that is not a format is a load error (exit 2)', async () => {
      assert.deepEqual(await run('docs', `${FIXTURES}/bad-format.mjs`, '--to', 'md'), {
        code: 2, stdout: '',
        stderr: 'house-errors docs: test/fixtures/cli/bad-format.mjs exports "format" as "code_message", which is not a format: '
          + 'use errorCode-reason, code-description, code-message, problem-details or a defineFormat(...) value\n',
      });
    });
    it('an unknown --format is an error (exit 2) listing the built-in formats and the module\'s own', async () => {
      assert.deepEqual(await run('docs', MODULE, '--to', 'md', '--format', 'xml'), {
        code: 2, stdout: '', stderr: 'house-errors docs: unknown format "xml" (expected errorCode-reason, code-description, code-message, problem-details)\n',
      });
      assert.equal((await run('docs', `${FIXTURES}/typescript.ts`, '--to', 'md', '--format', 'xml')).stderr,
        'house-errors docs: unknown format "xml" (expected errorCode-reason, code-description, code-message, problem-details, envelope)\n');
    });
    it('--format wins over the module\'s "format" export', async () => {
      const result = await run('docs', `${FIXTURES}/errors-export.js`, '--to', 'md', '--format', 'code-description');
      assert.equal(result.code, 0, result.stderr);
      assert.ok(result.stdout.includes('"code": "INVALID_AUTH_TOKEN",\n  "description": "Invalid auth token."'));
    });
  });

  describe('--out and --check (the drift gate)', () => {
    const md = ['docs', MODULE, '--to', 'md', '--format', 'code-message'];
    it('--out writes the file and says so', async () => {
      const out = join(dir, 'ERRORS.md');
      assert.deepEqual(await run(...md, '--out', out), { code: 0, stdout: '', stderr: `house-errors docs: wrote ${out}\n` });
      assert.equal(readFileSync(out, 'utf8'), renderMarkdown(errors, { format: 'code-message' }));
    });
    it('--out into a missing directory is an error (exit 2)', async () => {
      for (const command of [md, ['catalog', TRANSLATED, '--json']]) {
        const result = await run(...command, '--out', join(dir, 'no', 'such', 'ERRORS.md'));
        assert.equal(result.code, 2);
        assert.match(result.stderr, new RegExp(`^house-errors ${command[0]!}: cannot write .*ERRORS\\.md: ENOENT`));
      }
    });
    it('--check exits 0 when the file is up to date', async () => {
      const file = join(dir, 'current.md');
      writeFileSync(file, renderMarkdown(errors, { format: 'code-message' }));
      assert.deepEqual(await run(...md, '--check', file), { code: 0, stdout: '', stderr: `house-errors docs: ${file} is up to date\n` });
    });
    it('--check exits 1 with a short diff on standard output when the file drifted', async () => {
      const file = join(dir, 'stale.md');
      writeFileSync(file, renderMarkdown(errors, { format: 'code-message' }).replace('Illegal state: {detail}', 'Illegal state'));
      const result = await run(...md, '--check', file);
      assert.equal(result.code, 1);
      assert.equal(result.stderr, `house-errors docs: ${file} differs from what the catalog generates; regenerate it with --out ${file}\n`);
      const lines = result.stdout.split('\n');
      assert.deepEqual(lines.slice(0, 2), [`--- ${file}`, '+++ generated']);
      assert.match(lines[2]!, /^@@ -\d+,7 \+\d+,7 @@$/);
      assert.deepEqual(lines.filter((l) => l.startsWith('-') && !l.startsWith('---')), ['-| <a id="ILLEGAL_STATE"></a>`ILLEGAL_STATE` | 500 | Illegal state | yes |']);
      assert.deepEqual(lines.filter((l) => l.startsWith('+') && !l.startsWith('+++')), ['+| <a id="ILLEGAL_STATE"></a>`ILLEGAL_STATE` | 500 | Illegal state: {detail} | yes |']);
    });
    it('--check on an OpenAPI document with two drifted lines prints only those lines, in two hunks', async () => {
      const openapi = ['docs', MODULE, '--to', 'openapi', '--format', 'code-message'];
      const file = join(dir, 'openapi.json');
      assert.equal((await run(...openapi, '--out', file)).code, 0);
      writeFileSync(file, readFileSync(file, 'utf8').replaceAll('Illegal state: {detail}"', 'Illegal state"'));
      const drift = await run(...openapi, '--check', file);
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
    it('--check exits 1 when the file does not exist yet, and 2 when it cannot be read', async () => {
      const file = join(dir, 'never.md');
      assert.deepEqual(await run(...md, '--check', file), { code: 1, stdout: '', stderr: `house-errors docs: ${file} does not exist; generate it with --out ${file}\n` });
      const unreadable = await run(...md, '--check', dir);
      assert.equal(unreadable.code, 2);
      assert.match(unreadable.stderr, /^house-errors docs: cannot read .*: EISDIR/);
    });
    it('catalog --json: --out writes, --check is up to date, then exits 1 with a diff after an edit', async () => {
      const file = join(dir, 'errors.json');
      assert.deepEqual(await run('catalog', TRANSLATED, '--json', '--out', file), { code: 0, stdout: '', stderr: `house-errors catalog: wrote ${file}\n` });
      assert.equal(readFileSync(file, 'utf8'), (await run('catalog', TRANSLATED, '--json')).stdout);
      assert.deepEqual(await run('catalog', TRANSLATED, '--json', '--check', file), { code: 0, stdout: '', stderr: `house-errors catalog: ${file} is up to date\n` });
      writeFileSync(file, readFileSync(file, 'utf8').replace('"status": 429', '"status": 428'));
      const drift = await run('catalog', TRANSLATED, '--json', '--check', file);
      assert.equal(drift.code, 1);
      assert.equal(drift.stderr, `house-errors catalog: ${file} differs from what the catalog generates; regenerate it with --out ${file}\n`);
      assert.match(drift.stdout, /^--- .*errors\.json\n\+\+\+ generated\n@@ [^\n]+ @@\n/);
      assert.match(drift.stdout, /\n- {6}"status": 428,\n\+ {6}"status": 429,\n/);
      const missing = await run('catalog', TRANSLATED, '--json', '--check', join(dir, 'nope.json'));
      assert.equal(missing.code, 1);
      assert.match(missing.stderr, /nope\.json does not exist; generate it with --out /);
    });
  });

  describe('exit 2 for a catalog the user must fix, 3 for a crash', () => {
    it('a catalog the docs find invalid is a load error (exit 2), not a crash', async () => {
      assert.deepEqual(await run('docs', `${FIXTURES}/no-fallback.mjs`, '--to', 'md'), {
        code: 2, stdout: '',
        stderr: 'house-errors docs: invalid catalog:\n  - no 500 fallback: add a 500 definition without placeholders, or set fallbacks[500]\n',
      });
    });
    it('a catalog whose rendering throws exits 3, not 1, and names the error with its stack', async () => {
      const result = await run('docs', `${FIXTURES}/render-throws.mjs`, '--to', 'md', '--check', 'README.md');
      assert.equal(result.code, 3);
      assert.equal(result.stdout, '');
      assert.match(result.stderr, /^house-errors docs: unexpected error \(exit 3\): Error: house-errors: cannot document "INVALID_AUTH_TOKEN": its example answered 500 \(format "broken" failed; answered with the plain 500 fallback\)\n {4}at /);
    });
  });
});
