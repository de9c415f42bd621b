import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020Module from 'ajv/dist/2020.js';
import { CATALOG_SCHEMA_ID, catalogJson, catalogSchema } from '../../lib/cli/catalog-json.js';
import { runCli } from '../../lib/cli/commands.js';
import { defineCatalog, toOpenAPI, wireForm } from '../../lib/index.js';
import { backtrackingSteps } from '../support/backtracking.js';
import { errors as shared } from '../support/catalog.js';
import { errors as translated } from '../support/cli-catalog-module.js';
import { detailsErrors } from '../support/docs-catalogs.js';

const Ajv2020 = Ajv2020Module as unknown as typeof Ajv2020Module.default;
const MODULE = fileURLToPath(new URL('../support/cli-catalog-module.ts', import.meta.url));
const SHARED_MODULE = fileURLToPath(new URL('../support/catalog.ts', import.meta.url));

/** `house-errors catalog …` in this process; returns its exit code and what it wrote. */
async function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['catalog', ...args], { stdout: (s) => { stdout += s; }, stderr: (s) => { stderr += s; } });
  return { code, stdout, stderr };
}

function validator() {
  const ajv = new Ajv2020({
    strict: true, allErrors: true,
    formats: { regex: (text: string) => { try { new RegExp(text, 'u'); return true; } catch { return false; } } },
  });
  return ajv.compile(catalogSchema);
}

interface Definition { key: string; code: string; family: { pattern: string; params: string[] } | null }

describe('catalog --json and catalog --schema', () => {
  let dir: string;
  before(async () => { dir = await mkdtemp(join(tmpdir(), 'house-errors-catalog-')); });
  after(async () => { await rm(dir, { recursive: true, force: true }); });

  describe('<module> --json', () => {
    it('prints the catalog as JSON that validates against the schema', async () => {
      const validate = validator();
      for (const module of [MODULE, SHARED_MODULE]) {
        const { code, stdout, stderr } = await run(module, '--json');
        assert.equal(code, 0, stderr);
        assert.equal(stderr, '');
        assert.ok(stdout.endsWith('}\n'));
        const document: unknown = JSON.parse(stdout);
        assert.ok(validate(document), JSON.stringify(validate.errors));
      }
    });

    it('carries every field of every definition, in catalog order, indented with two spaces', async () => {
      const { stdout } = await run(MODULE, '--json');
      assert.ok(stdout.startsWith('{\n  "$schema": "urn:house-errors:catalog:1",\n  "defaultLocale": "ko",\n  "locales": [\n    "ko",\n    "en"\n  ],\n'), stdout);
      assert.deepEqual(JSON.parse(stdout), {
        $schema: 'urn:house-errors:catalog:1',
        defaultLocale: 'ko',
        locales: ['ko', 'en'],
        groups: {
          BadRequest: { description: { ko: '잘못된 요청', en: 'Bad requests.' }, status: 400 },
          Unauthorized: { description: 'Authentication errors.', status: null },
        },
        definitions: [
          {
            key: 'MissingHeader', code: 'MissingHeader', family: null, params: ['header'], status: 400,
            message: { ko: '해당 헤더가 존재하지 않습니다: {header}', en: 'A required header is missing: {header}' },
            description: { ko: '헤더가 없는 경우 발생합니다.', en: 'Sent when a required header is missing.' },
            bearer: null, retryable: false, group: 'BadRequest', headers: {},
          },
          {
            key: 'AccessTokenExpired', code: 'AccessTokenExpired', family: null, params: [], status: 401,
            message: { ko: '토큰 만료', en: 'The access token has expired.' },
            description: { ko: '토큰 만료', en: 'The access token has expired.' },
            bearer: 'invalid_token', retryable: false, group: 'Unauthorized', headers: {},
          },
          {
            key: '{RESOURCE}_{ACTION}_LIMIT', code: '{RESOURCE}_{ACTION}_LIMIT',
            family: { pattern: '^([A-Za-z][A-Za-z0-9]*)_([A-Za-z0-9_]+)_LIMIT$', params: ['RESOURCE', 'ACTION'] },
            params: ['RESOURCE', 'ACTION'], status: 429,
            message: 'Too many {ACTION} on {RESOURCE}.', description: 'Too many {ACTION} on {RESOURCE}.',
            bearer: null, retryable: true, group: null, headers: { 'Retry-After': '60' },
          },
          {
            key: 'Internal', code: 'Internal', family: null, params: [], status: 500,
            message: { ko: '내부 오류', en: 'Internal error.' }, description: { ko: '내부 오류', en: 'Internal error.' },
            bearer: null, retryable: false, group: null, headers: {},
          },
        ],
      });
    });

    it('is deterministic: the same catalog gives the same bytes', async () => {
      const first = await run(SHARED_MODULE, '--json');
      const second = await run(SHARED_MODULE, '--json');
      assert.equal(first.stdout, second.stdout);
      const keys = (JSON.parse(first.stdout) as { definitions: Definition[] }).definitions.map((d) => d.key);
      assert.deepEqual(keys, Object.keys(shared));
    });

    it('gives family patterns that read the codes the server sends back into their values', async () => {
      const document = JSON.parse((await run(SHARED_MODULE, '--json')).stdout) as { definitions: Definition[] };
      const family = document.definitions.find((d) => d.key === '{RESOURCE}_NOT_EXIST')!;
      for (const resource of ['USER', 'ORDER_LINE', 'a1', 'X_NOT_EXIST']) {
        const { body } = wireForm(shared, shared['{RESOURCE}_NOT_EXIST']({ RESOURCE: resource }), { format: 'code-message' });
        const match = new RegExp(family.family!.pattern).exec((JSON.parse(body) as { code: string }).code);
        assert.deepEqual(match?.slice(1), [resource]);
      }
      assert.equal(new RegExp(family.family!.pattern).test('NOT_EXIST'), false);
      const fixed = document.definitions.filter((d) => d.family === null).map((d) => d.code);
      assert.ok(fixed.every((code) => /^[A-Za-z][A-Za-z0-9_]*$/.test(code)));

      const limits = (JSON.parse((await run(MODULE, '--json')).stdout) as { definitions: Definition[] }).definitions[2]!;
      const { body } = wireForm(translated, translated['{RESOURCE}_{ACTION}_LIMIT']({ RESOURCE: 'ORDERS', ACTION: 'READ' }), { format: 'code-message' });
      assert.deepEqual(new RegExp(limits.family!.pattern).exec((JSON.parse(body) as { code: string }).code)?.slice(1), ['ORDERS', 'READ']);
    });
  });

  describe('--schema', () => {
    it('prints a valid JSON Schema 2020-12 whose $id the catalog file names', async () => {
      const { code, stdout } = await run('--schema');
      assert.equal(code, 0);
      const schema = JSON.parse(stdout) as Record<string, unknown>;
      assert.deepEqual(schema, JSON.parse(JSON.stringify(catalogSchema)));
      assert.equal(schema.$id, 'urn:house-errors:catalog:1');
      assert.equal(CATALOG_SCHEMA_ID, 'urn:house-errors:catalog:1');
      const ajv = new Ajv2020({ strict: true });
      assert.equal(ajv.validateSchema(schema), true, JSON.stringify(ajv.errors));
      const file = join(dir, 'catalog.schema.json');
      assert.equal((await run('--schema', '--out', file)).code, 0);
      assert.equal(await readFile(file, 'utf8'), stdout);
    });

    it('rejects documents that break the contract', async () => {
      const validate = validator();
      const good = JSON.parse((await run(MODULE, '--json')).stdout) as { definitions: Array<Record<string, unknown>> } & Record<string, unknown>;
      assert.ok(validate(good));
      const broken = (change: (doc: typeof good) => void): boolean => {
        const doc = structuredClone(good);
        change(doc);
        return validate(doc) as boolean;
      };
      assert.equal(broken((d) => { d.definitions[0]!.status = 600; }), false);
      assert.equal(broken((d) => { d.definitions[0]!.code = '{X}_FIXED'; }), false, 'a fixed code with braces');
      assert.equal(broken((d) => { d.definitions[0]!.bearer = 'invalid_scope'; }), false);
      assert.equal(broken((d) => { delete d.definitions[0]!.headers; }), false);
      assert.equal(broken((d) => { d.definitions[0]!.extra = 1; }), false);
      assert.equal(broken((d) => { d.definitions[2]!.family = { pattern: '([', params: ['A'] }; }), false, 'an invalid pattern');
      assert.equal(broken((d) => { d.$schema = 'urn:house-errors:catalog:2'; }), false);
      assert.equal(broken((d) => { d.locales = []; }), false);
      assert.equal(broken((d) => { d.definitions[0]!.message = { 'not a tag!': 'x' }; }), false);
    });
  });
});

describe('catalog --json: field-level details', () => {
  const file = catalogJson(detailsErrors) as unknown as { definitions: Array<Record<string, unknown>>; violations?: unknown[] } & Record<string, unknown>;

  it('lists the violation codes with their messages by language, params, echo and description, INVALID last', () => {
    assert.deepEqual(file.violations, [
      {
        code: 'REQUIRED',
        message: { en: 'This field is required.', ko: '필수 항목입니다.' },
        description: { en: 'This field is required.', ko: '필수 항목입니다.' },
        params: [], echo: false,
      },
      {
        code: 'TOO_SHORT',
        message: { en: 'Must be at least {minimum} characters.', ko: '최소 {minimum}자 이상이어야 합니다.' },
        description: { en: 'A string is shorter than allowed.', ko: '문자열이 허용된 길이보다 짧습니다.' },
        params: ['minimum'], echo: true,
      },
      { code: 'INVALID', message: 'This value is invalid.', description: 'This value is invalid.', params: [], echo: false },
    ]);
    assert.deepEqual(Object.keys(file), ['$schema', 'defaultLocale', 'locales', 'groups', 'definitions', 'violations']);
  });

  it('carries each definition\'s details declaration, its schema as written, and nothing for a definition without', () => {
    assert.deepEqual(file.definitions.map((d) => [d.key, d.details]), [
      ['INVALID_PARAMETER', { kind: 'violations' }],
      ['OUT_OF_CREDIT', {
        kind: 'schema',
        schema: {
          type: 'object', required: ['balance'],
          properties: {
            balance: { type: 'integer', minimum: 0, description: 'The credit left, in cents.' },
            currency: { type: 'string', enum: ['EUR', 'USD'] },
            items: { type: 'array', items: { type: 'object', required: ['sku'], properties: { sku: { type: 'string', title: 'Item number' }, price: { type: 'number' } } } },
          },
        },
      }],
      ['{RESOURCE}_LOCKED', {
        kind: 'schema',
        schema: { type: 'object', required: ['until'], properties: { until: { type: 'string', format: 'date-time' } }, examples: [{ until: '2025-01-01T00:00:00Z' }] },
      }],
      ['INTERNAL_ERROR', undefined],
    ]);
    assert.equal(Object.hasOwn(file.definitions[3]!, 'details'), false);
  });

  it('validates against the schema, which refuses malformed violation codes and details', () => {
    const validate = validator();
    assert.ok(validate(file), JSON.stringify(validate.errors));
    const broken = (change: (doc: typeof file) => void): boolean => {
      const doc = structuredClone(file);
      change(doc);
      return validate(doc) as boolean;
    };
    const codes = (doc: typeof file): Array<Record<string, unknown>> => doc.violations as Array<Record<string, unknown>>;
    assert.equal(broken((d) => { codes(d)[0]!.code = 'not a code'; }), false);
    assert.equal(broken((d) => { delete codes(d)[0]!.echo; }), false);
    assert.equal(broken((d) => { codes(d)[1]!.params = ['minimum', 'minimum']; }), false);
    assert.equal(broken((d) => { codes(d)[0]!.extra = true; }), false);
    assert.equal(broken((d) => { d.violations = []; }), false);
    assert.equal(broken((d) => { d.definitions[0]!.details = { kind: 'list' }; }), false);
    assert.equal(broken((d) => { d.definitions[1]!.details = { kind: 'schema' }; }), false);
    assert.equal(broken((d) => { d.definitions[0]!.details = { kind: 'violations', schema: {} }; }), false);
  });

  it('leaves the file of a catalog without details as it was, and lists the codes a catalog registers even before a definition uses them', () => {
    const plain = catalogJson(defineCatalog({ INTERNAL_ERROR: { status: 500, message: 'Internal server error.' } }));
    assert.deepEqual(Object.keys(plain), ['$schema', 'defaultLocale', 'locales', 'groups', 'definitions']);
    assert.deepEqual(Object.keys(plain.definitions[0]!), ['key', 'code', 'family', 'params', 'status', 'message', 'description', 'bearer', 'retryable', 'group', 'headers']);
    const objectOnly = catalogJson(defineCatalog({
      OUT_OF_CREDIT: { status: 403, message: 'Not enough credit.', details: { schema: { type: 'object', properties: { balance: { type: 'number' } } } } },
      INTERNAL_ERROR: { status: 500, message: 'Internal server error.' },
    }));
    assert.equal(objectOnly.violations, undefined);
    const registered = catalogJson(defineCatalog({ INTERNAL_ERROR: { status: 500, message: 'Internal.' } }, { violations: { REQUIRED: { message: 'Required.' } } }));
    assert.deepEqual(registered.violations?.map((v) => v.code), ['REQUIRED', 'INVALID']);
  });
});

/**
 * Code families, the parts of their codes as written in the key, and their patterns written out by
 * hand: `json` (catalog --json, a group per placeholder) and `openapi` (the schema's `pattern`).
 */
const FAMILIES = [
  { key: 'INVALID_{RESOURCE}', literals: ['INVALID_', ''], names: ['RESOURCE'],
    json: '^INVALID_([A-Za-z0-9_]+)$', openapi: '^INVALID_[A-Za-z0-9_]+$' },
  { key: '{RESOURCE}_NOT_EXIST', literals: ['', '_NOT_EXIST'], names: ['RESOURCE'],
    json: '^([A-Za-z][A-Za-z0-9_]*)_NOT_EXIST$', openapi: '^[A-Za-z][A-Za-z0-9_]*_NOT_EXIST$' },
  { key: '{RESOURCE}_{ACTION}_LIMIT', literals: ['', '_', '_LIMIT'], names: ['RESOURCE', 'ACTION'],
    json: '^([A-Za-z][A-Za-z0-9]*)_([A-Za-z0-9_]+)_LIMIT$', openapi: '^[A-Za-z][A-Za-z0-9]*_[A-Za-z0-9_]+_LIMIT$' },
  { key: '{A}{B}{C}{D}', literals: ['', '', '', '', ''], names: ['A', 'B', 'C', 'D'],
    json: '^([A-Za-z])([A-Za-z0-9_])([A-Za-z0-9_])([A-Za-z0-9_]+)$', openapi: '^[A-Za-z][A-Za-z0-9_][A-Za-z0-9_][A-Za-z0-9_]+$' },
  { key: '{A}_NOT_{B}', literals: ['', '_NOT_', ''], names: ['A', 'B'],
    json: '^([A-Za-z](?:(?!_NOT_)[A-Za-z0-9_])*)_NOT_([A-Za-z0-9_]+)$',
    openapi: '^[A-Za-z](?:(?!_NOT_)[A-Za-z0-9_])*_NOT_[A-Za-z0-9_]+$' },
  { key: 'X{A}Y{B}', literals: ['X', 'Y', ''], names: ['A', 'B'],
    json: '^X([A-Za-z0-9_][A-XZa-z0-9_]*)Y([A-Za-z0-9_]+)$', openapi: '^X[A-Za-z0-9_][A-XZa-z0-9_]*Y[A-Za-z0-9_]+$' },
] as const;

type Factory = (params: Record<string, string>) => { code: string };

/** A catalog of one family (and the 500 fallback), with its two exported patterns. */
function familyCatalog(key: string) {
  const catalog = defineCatalog({ [key]: { status: 400, message: 'Family.' }, INTERNAL_ERROR: { status: 500, message: 'Internal.' } });
  const json = catalogJson(catalog).definitions[0]!.family!.pattern;
  const response = toOpenAPI(catalog, { format: 'code-message' }).components.responses[key.replace(/[{}]/g, '')]!;
  const schema = response.content['application/json']!.schema as { allOf: [unknown, { properties: { code: { pattern: string } } }] };
  const factory = (catalog as unknown as Record<string, Factory>)[key]!;
  return { catalog, json, openapi: schema.allOf[1].properties.code.pattern, factory };
}

/** Every way to cut `code` into the literals and non-empty values, earlier values shortest first. */
function* cuts(literals: readonly string[], code: string): Generator<string[]> {
  function* from(i: number, at: number, values: string[]): Generator<string[]> {
    if (i === literals.length) {
      if (at === code.length) yield values;
      return;
    }
    for (let end = at + 1; end <= code.length; end++) {
      if (code.startsWith(literals[i]!, end)) yield* from(i + 1, end + literals[i]!.length, [...values, code.slice(at, end)]);
    }
  }
  if (code.startsWith(literals[0]!)) yield* from(1, literals[0]!.length, []);
}

/** All strings of up to `max` tokens. */
function strings(tokens: readonly string[], max: number): string[] {
  let level = [''];
  const all = [''];
  for (let n = 0; n < max; n++) {
    level = level.flatMap((s) => tokens.map((t) => s + t));
    all.push(...level);
  }
  return [...new Set(all)];
}

describe('code family patterns (catalog --json and OpenAPI)', () => {
  it('are the patterns written out for each family', () => {
    for (const family of FAMILIES) {
      const { json, openapi } = familyCatalog(family.key);
      assert.deepEqual({ key: family.key, json, openapi }, { key: family.key, json: family.json, openapi: family.openapi });
    }
  });

  it('accept exactly the codes the runtime sends, and read them back as errors.parse does', () => {
    for (const family of FAMILIES) {
      const { catalog, json, openapi, factory } = familyCatalog(family.key);
      const tokens = [...new Set(['a', 'B', '1', '_', '-', 'N', ...family.literals.filter((l) => l !== '')])];
      let sent = 0;
      for (const code of strings(tokens, family.names.length > 2 ? 5 : 4)) {
        // The runtime is the judge: some values make it send exactly this code.
        const values = [...cuts(family.literals, code)]
          .find((vs) => factory(Object.fromEntries(family.names.map((name, i) => [name, vs[i]!]))).code === code);
        const label = `${family.key} ${JSON.stringify(code)}`;
        assert.equal(new RegExp(openapi, 'u').test(code), values !== undefined, label);
        const groups = new RegExp(json, 'u').exec(code)?.slice(1);
        assert.equal(groups !== undefined, values !== undefined, label);
        const parsed = catalog.parse({ code, message: 'Family.' }, 'code-message');
        assert.equal(parsed?.key === family.key, values !== undefined, label);
        if (groups === undefined) continue;
        sent++;
        // The groups are errors.parse's values, and they make the same code again.
        const params = Object.fromEntries(family.names.map((name, i) => [name, groups[i]!]));
        assert.deepEqual(parsed!.params, params, label);
        assert.equal(factory(params).code, code, label);
      }
      assert.ok(sent > 10, `${family.key}: only ${sent} codes sent`);
    }
  });

  // A backtracking engine's work is counted, never timed: the four adjacent placeholders of a
  // lazy pattern took about n⁴/24 steps on a non-matching code of n characters.
  it('cost a backtracking engine a number of steps linear in the length of the code, worst cases included', () => {
    for (const family of FAMILIES) {
      const { json, openapi } = familyCatalog(family.key);
      const parts = ['a', '_', ...family.literals.filter((l) => l !== '')];
      const fillers = [...parts, ...parts.map((p) => `${p}a`), ...parts.map((p) => `a${p}`)];
      for (const filler of fillers) {
        const steps = (n: number, pattern: string, end: string): number => {
          const code = `A${filler.repeat(Math.ceil(n / filler.length))}${end}`;
          const counted = backtrackingSteps(pattern, code, 200_000);
          assert.notEqual(counted.steps, undefined, `${pattern} on ${JSON.stringify(code.slice(0, 30))}… (${code.length} characters): over the budget`);
          assert.equal(counted.matched, new RegExp(pattern).test(code));
          return counted.steps!;
        };
        for (const pattern of [json, openapi]) {
          for (const end of ['-', '', '_LIMIT']) {
            const small = steps(300, pattern, end);
            const large = steps(600, pattern, end);
            const label = `${pattern} with ${JSON.stringify(filler)}…${JSON.stringify(end)}: ${small} then ${large} steps`;
            assert.ok(large <= 2.2 * small + 100, label);
            assert.ok(large <= 40 * 600, label);
          }
        }
      }
    }
  });

  it('match and refuse 10,000-character codes in RegExp, with and without the u flag', () => {
    for (const family of FAMILIES) {
      const { json, openapi } = familyCatalog(family.key);
      const long = `A${'a_'.repeat(5_000)}`;
      for (const pattern of [json, openapi]) {
        for (const flags of ['', 'u']) {
          const regexp = new RegExp(pattern, flags);
          assert.equal(regexp.test(`${long}-`), false);
          assert.equal(regexp.test(`${'A'.repeat(10_000)}-`), false);
          assert.equal(regexp.test(`A${'_NOT_'.repeat(2_000)}-`), false);
        }
      }
    }
  });
});
