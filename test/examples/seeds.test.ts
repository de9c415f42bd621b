/**
 * The seed documents themselves, walked at test time: every code a seed names is in its
 * example's catalog with the seed's status and text, and in the committed reference page;
 * every page is what the docs CLI generates today (the drift gate).
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { wireForm, type AnyCatalog } from '../../lib/index.js';
import { internalsOf } from '../../lib/catalog/define.js';
import type { CompiledDefinition } from '../../lib/catalog/types.js';
import { runCli } from '../../lib/cli/commands.js';
import { docsArgs, EXAMPLE_PAGES } from '../../examples/pages.js';
import { errors as marketplace } from '../../examples/marketplace/catalog.js';
import { errors as groupware } from '../../examples/groupware/catalog.js';
import { errors as gameMarket } from '../../examples/game-market/catalog.js';
import { errors as baas } from '../../examples/baas/catalog.js';
import {
  readSeed, SEED_DIR, SEED_FILES, seed000Example, seed000Rows, seed001Challenges, seed001Codes, seed002Codes, seed003, stripLinks, type SeedCode,
} from './seeds.js';

const definitionsOf = (errors: AnyCatalog): readonly CompiledDefinition[] => internalsOf(errors).definitions;
const text = (def: CompiledDefinition, field: 'message' | 'description', locale?: string): string | undefined =>
  (locale === undefined ? def[field].fallback : def[field].byLocale.get(locale))?.source;
const page = (file: string): string => readFileSync(path.resolve(process.cwd(), 'examples', file), 'utf8');

/** The one definition with this wire code and status; fails when there is none, or several. */
function definitionFor(errors: AnyCatalog, seed: SeedCode): CompiledDefinition {
  const found = definitionsOf(errors).filter((d) => d.code.source === seed.code && (seed.status === undefined || d.status === seed.status));
  assert.equal(found.length, 1, `the seed's ${seed.code} (status ${seed.status ?? 'not stated'}) should be one catalog definition, found ${found.length}`);
  return found[0]!;
}

/** The page's table row for a code: `` `CODE` | STATUS | ``. */
function assertOnPage(markdown: string, code: string, status: number, file: string): void {
  assert.ok(markdown.includes(`\`${code}\` | ${status} |`), `${file} should list ${code} at ${status}`);
}

/** Keys of the catalog that no seed code matched: exactly the documented additions. */
function assertOnlyAdded(errors: AnyCatalog, matched: Iterable<string>, added: readonly string[]): void {
  const rest = new Set(definitionsOf(errors).map((d) => d.key));
  for (const key of matched) rest.delete(key);
  assert.deepEqual([...rest].sort(), [...added].sort());
}

describe('examples: the public error references they reproduce, walked', () => {
  // The copies are pinned by content: an edit to one fails here in every clone, not only beside the originals.
  const PINNED: Readonly<Record<string, string>> = {
    '000_18b49cafd6b013fb.txt': 'd8d7382580c9a8a724352f75d109ce139ad28a04339975d96ebc7127d570d152',
    '001_d1056ad56076deb1.txt': '4a12ab7b6caad5ed6956f5f05efd3011528d49a3c404ebd62cf6da240f24799d',
    '002_8770609544591759.txt': 'd94e7e1437f21de9e865c94dc01e389d59f31f7ab29e5574a7303f44dbac0f85',
    '003_deaa5a5367a91571.txt': '74376a4ee086d4fa0779afd2eeca412c3595714cabace7b5f8efa679a61567d5',
  };

  it('walks the reference documents exactly as published (SHA-256 of each copy)', () => {
    assert.deepEqual(Object.keys(PINNED), Object.values(SEED_FILES));
    for (const [file, sha256] of Object.entries(PINNED)) {
      assert.equal(createHash('sha256').update(readFileSync(path.join(SEED_DIR, file))).digest('hex'), sha256, `${file} was edited`);
    }
  });

  it('walks copies identical to the originals beside the clone (../shared/seeds), when those are there', function () {
    const shared = path.resolve(process.cwd(), '..', 'shared', 'seeds');
    if (!existsSync(shared)) this.skip();
    for (const file of Object.values(SEED_FILES)) {
      assert.equal(readFileSync(path.join(SEED_DIR, file), 'utf8'), readFileSync(path.join(shared, file), 'utf8'), file);
    }
  });

  describe('the marketplace API\'s reference → examples/marketplace', () => {
    const seed = readSeed('000');
    const rows = seed000Rows(seed);
    const markdown = page('marketplace/ERRORS.md');

    it('names ten codes under its status headings, each a catalog definition with its status and description', () => {
      assert.equal(rows.length, 10);
      const matched: string[] = [];
      for (const { status, row } of rows) {
        // Code and description run together: the row must start with one catalog code at its status.
        const candidates = definitionsOf(marketplace).filter((d) => d.status === status && row.startsWith(d.code.source) && /^[A-Z]/.test(row.slice(d.code.source.length)));
        assert.equal(candidates.length, 1, `row "${row}" should start with one ${status} code of the catalog`);
        const def = candidates[0]!;
        assert.equal(text(def, 'description'), row.slice(def.code.source.length), def.key);
        assertOnPage(markdown, def.code.source, status, 'marketplace/ERRORS.md');
        matched.push(def.key);
      }
      assertOnlyAdded(marketplace, matched, ['TOO_MANY_REQUESTS']);
    });

    it('lists 429 without a code: TOO_MANY_REQUESTS is the addition', () => {
      assert.match(seed, /^429 Too Many Requests#\n\nError CodeDescription\n\n500/m);
      assert.equal(marketplace.TOO_MANY_REQUESTS.status, 429);
      assertOnPage(markdown, 'TOO_MANY_REQUESTS', 429, 'marketplace/ERRORS.md');
    });

    it("answers with the example body's reason for its code", () => {
      const example = seed000Example(seed);
      assert.equal(text(definitionFor(marketplace, example), 'message'), example.message);
    });
  });

  describe('the groupware API\'s reference → examples/groupware', () => {
    const seed = readSeed('001');
    const codes = seed001Codes(seed);
    const markdown = page('groupware/ERRORS.md');

    it('names nineteen rows, each a catalog definition with its status and description', () => {
      assert.equal(codes.length, 19);
      const matched = codes.map((code) => {
        const def = definitionFor(groupware, code);
        assert.equal(text(def, 'description'), code.description, def.key);
        assertOnPage(markdown, code.code, code.status!, 'groupware/ERRORS.md');
        return def.key;
      });
      assertOnlyAdded(groupware, matched, []);
    });

    it("sends exactly the header table's WWW-Authenticate values", () => {
      const table = seed001Challenges(seed);
      assert.deepEqual([...table.keys()], [400, 401, 403]);
      const header = (err: unknown): string | undefined => wireForm(groupware, err, { format: 'code-description' }).headers['WWW-Authenticate'];
      assert.equal(header(groupware.INVALID_PARAMETER()), table.get(400));
      assert.equal(header(groupware.UNAUTHORIZED()), table.get(401));
      assert.equal(header(groupware.FORBIDDEN({}, { scope: ['mail.read', 'calendar.write'] })), table.get(403)!.replace('{scope list}', 'mail.read calendar.write'));
    });
  });

  describe('the game market API\'s reference → examples/game-market', () => {
    const seed = readSeed('002');
    const codes = seed002Codes(seed);
    const markdown = page('game-market/ERRORS.md');

    it('names fifteen codes, each a catalog definition with its status, message, description and retryability', () => {
      assert.equal(codes.length, 15);
      const matched = codes.map((code) => {
        const def = definitionFor(gameMarket, code);
        // The seed's {{Error Message}} is the placeholder {errorMessage}.
        if (code.message !== undefined) assert.equal(text(def, 'message'), code.message.replace('{{Error Message}}', '{errorMessage}'), def.key);
        if (code.description) assert.equal(text(def, 'description'), code.description, def.key);
        if (code.status === 500) assert.equal(def.retryable, true, `${def.key} is in the retryable table`);
        else assert.equal(def.retryable, false, `${def.key} is not retryable`);
        assertOnPage(markdown, code.code, def.status, 'game-market/ERRORS.md');
        return def.key;
      });
      assertOnlyAdded(gameMarket, matched, ['METHOD_NOT_ALLOWED', 'TOO_MANY_REQUESTS']);
    });

    it('lists 405 and 429 without codes: METHOD_NOT_ALLOWED and TOO_MANY_REQUESTS are the additions', () => {
      assert.match(seed, /^\| 405 +\| +\|/m);
      assert.match(seed, /^\| 429 +\| +\|/m);
      assert.equal(gameMarket.METHOD_NOT_ALLOWED.status, 405);
      assert.equal(gameMarket.TOO_MANY_REQUESTS.status, 429);
    });
  });

  describe('the BaaS API\'s reference → examples/baas', () => {
    const { groups, codes } = seed003(readSeed('003'));
    const pages = { ko: page('baas/ERRORS.ko.md'), en: page('baas/ERRORS.en.md') };

    it('names forty-nine codes, each in its group with its status and the reference\'s Korean text', () => {
      assert.equal(codes.length, 49);
      const matched = codes.map((code) => {
        const def = definitionFor(baas, code);
        assert.equal(def.group, code.group, def.key);
        assert.equal(text(def, 'description', 'ko'), code.description, def.key);
        // The body is plain text: a Markdown link keeps only its text there.
        assert.equal(text(def, 'message', 'ko'), stripLinks(code.description!), def.key);
        assert.ok(text(def, 'message', 'en'), `${def.key} has an English translation`);
        for (const [locale, markdown] of Object.entries(pages)) assertOnPage(markdown, code.code, code.status!, `baas/ERRORS.${locale}.md`);
        return def.key;
      });
      assertOnlyAdded(baas, matched, ['NotImplemented']);
    });

    it("declares the reference's groups in order, with their status and paragraph", () => {
      const declared = internalsOf(baas).options.groups;
      assert.deepEqual(Object.keys(declared), groups.map((g) => g.name));
      for (const group of groups) {
        assert.equal(declared[group.name]!.status, group.status, group.name);
        const description = declared[group.name]!.description as Record<string, string> | undefined;
        assert.equal(description?.ko, group.paragraph, group.name);
        if (group.paragraph !== undefined) assert.ok(description?.en, `${group.name} has an English paragraph`);
      }
    });

    it('lists NotImplemented (501) without a code: NotImplemented is the addition, in that group', () => {
      const group = groups.find((g) => g.name === 'NotImplemented');
      assert.equal(group?.status, 501);
      assert.equal(baas.NotImplemented.status, 501);
      assert.equal(internalsOf(baas).byKey.get('NotImplemented')!.group, 'NotImplemented');
      assert.equal(codes.filter((c) => c.group === 'NotImplemented').length, 0);
      for (const markdown of Object.values(pages)) assertOnPage(markdown, 'NotImplemented', 501, 'baas pages');
    });
  });
});

describe('examples: committed reference pages', () => {
  const quiet = { stdout: () => {}, stderr: () => {} };

  for (const examplePage of EXAMPLE_PAGES) {
    it(`${examplePage.file} is what the docs CLI generates (--check)`, async () => {
      let diff = '';
      const code = await runCli(['docs', ...docsArgs(examplePage, '--check')], { stdout: (s) => { diff += s; }, stderr: () => {} });
      assert.equal(code, 0, `${examplePage.file} drifted; run npm run docs:examples\n${diff}`);
    });
  }

  it('fails the check, with a diff, when a page drifts', async () => {
    const examplePage = EXAMPLE_PAGES[0]!;
    const copy = path.join(mkdtempSync(path.join(tmpdir(), 'house-errors-')), 'ERRORS.md');
    writeFileSync(copy, readFileSync(examplePage.file, 'utf8').replace('Invalid access Key.', 'Invalid access key.'));
    let diff = '';
    const code = await runCli(['docs', ...docsArgs({ ...examplePage, file: copy }, '--check')], { ...quiet, stdout: (s) => { diff += s; } });
    assert.equal(code, 1);
    assert.match(diff, /^-.*Invalid access key\./m);
    assert.match(diff, /^\+.*Invalid access Key\./m);
  });
});
