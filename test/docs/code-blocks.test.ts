/**
 * Every ```ts block of the README and the guides compiles (test/support/code-blocks.ts says how);
 * ```json blocks must parse; ```http, ```text, ```sh and the rest are not checked.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CANARY, codeBlocks, documents } from '../support/code-blocks.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const SCRIPT = path.join(ROOT, 'test', 'support', 'code-blocks.ts');

// Started when mocha loads this file: the TypeScript program (seconds of CPU) runs in its own process,
// on the other core, while the rest of the suite runs.
const checked = new Promise<string[]>((resolve, reject) => {
  const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => { out += chunk; });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => { err += chunk; });
  child.on('error', reject);
  child.on('close', (code) => {
    if (code !== 0) reject(new Error(`the code-block check exited ${code}:\n${err}`));
    else resolve(JSON.parse(out) as string[]);
  });
});
// Until a test awaits it, a failure must not count as an unhandled rejection.
checked.catch(() => {});

describe('docs: code blocks', function () {
  this.timeout(60_000);
  const docs = documents().map((name) => ({ name, markdown: readFileSync(path.join(ROOT, name), 'utf8') }));
  let problems: string[] = [];

  before(async () => { problems = await checked; });

  it('finds fences the way CommonMark does (a longer fence holds a shorter one)', () => {
    const md = ['text', '````md', '```json', '{}', '```', '````', '  ```ts', '  const a = 1;', '  ```', '```'].join('\n');
    assert.deepEqual(codeBlocks(md), [
      { lang: 'md', line: 2, code: '```json\n{}\n```' },
      { lang: 'ts', line: 7, code: 'const a = 1;' },
      { lang: '', line: 10, code: '' },
    ]);
  });

  it('every ```ts block of README.md, docs/, bench/README.md and examples/README.md type-checks', () => {
    const ours = problems.filter((p) => !p.startsWith(CANARY.name));
    assert.ok(ours.length === 0, `code blocks that do not compile:\n${ours.join('\n')}`);
  });

  it('a block with a type error fails, named by its document and line', () => {
    const canary = problems.filter((p) => p.startsWith(CANARY.name));
    assert.equal(canary.length, 1, canary.join('\n'));
    assert.match(canary[0]!, /^canary\/guide\.md:12 \(the block at line 9\): TS2339: Property 'NOPE' does not exist/);
  });

  it('every ```json block parses', () => {
    const broken: string[] = [];
    for (const { name, markdown } of docs) {
      for (const block of codeBlocks(markdown)) {
        if (block.lang !== 'json') continue;
        try {
          JSON.parse(block.code);
        } catch (err) {
          broken.push(`${name}:${block.line}: ${(err as Error).message}`);
        }
      }
    }
    assert.ok(broken.length === 0, `JSON blocks that do not parse:\n${broken.join('\n')}`);
  });
});
