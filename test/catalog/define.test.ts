/**
 * `defineCatalog`: every bad definition refused at startup with the key named, templates and
 * families rendered and capped, translations checked.
 */
import assert from 'node:assert/strict';
import { CatalogDefinitionError, defineCatalog, wireForm, type HouseError } from '../../lib/index.js';
import { errors } from '../support/catalog.js';
import { familyPattern } from '../../lib/rules/syntax.js';
import { catalogJson } from '../../lib/cli/catalog-json.js';

/** Defines a catalog from untyped input and returns the problems it was refused for. */
function problemsOf(definitions: unknown, options?: unknown): readonly string[] {
  try {
    defineCatalog(definitions as never, options as never);
  } catch (err) {
    assert.ok(err instanceof CatalogDefinitionError, `expected a CatalogDefinitionError, got ${String(err)}`);
    assert.match(err.message, /^house-errors: invalid catalog:\n {2}- /);
    return err.problems;
  }
  assert.fail('the catalog was accepted');
}

const ok = { status: 400, message: 'Fine.' };

describe('defineCatalog validation', () => {
  it('accepts the shared catalog, including the same code at two statuses', () => {
    assert.equal(errors.LOGIC_BAD_REQUEST().code, 'BAD_REQUEST');
    assert.equal(errors.BAD_REQUEST().code, 'BAD_REQUEST');
  });

  it('rejects a status outside 400–599, naming the key', () => {
    for (const status of [200, 399, 600, 404.5, '404', Number.NaN]) {
      assert.deepEqual(problemsOf({ OK: ok, WRONG: { status, message: 'x' } }).length, 1);
      assert.match(problemsOf({ WRONG: { status, message: 'x' } })[0]!, /^"WRONG": status must be an integer from 400 to 599/);
    }
  });

  it('rejects an unknown bearer value', () => {
    assert.match(problemsOf({ AUTH: { status: 401, message: 'x', bearer: 'invalid_tokn' } })[0]!,
      /^"AUTH": bearer must be true, 'invalid_request', 'invalid_token' or 'insufficient_scope', got "invalid_tokn"/);
    assert.match(problemsOf({ AUTH: { status: 401, message: 'x', bearer: 'true' } })[0]!, /^"AUTH": bearer must be/);
  });

  it('rejects a bearer challenge at a status RFC 6750 does not give it', () => {
    assert.match(problemsOf({ AUTH: { status: 403, message: 'x', bearer: 'invalid_token' } })[0]!,
      /^"AUTH": bearer "invalid_token" belongs to status 401 \(RFC 6750 §3\.1\), not 403/);
  });

  it('rejects malformed or unbalanced placeholders in messages, descriptions, codes and keys', () => {
    assert.match(problemsOf({ A: { status: 400, message: 'Illegal {detail' } })[0]!, /^"A": message "Illegal \{detail": unbalanced "\{"/);
    assert.match(problemsOf({ A: { status: 400, message: 'Illegal detail}' } })[0]!, /^"A": message .*unbalanced "\}"/);
    assert.match(problemsOf({ A: { status: 400, message: 'Illegal {}' } })[0]!, /^"A": message .*malformed placeholder "\{\}"/);
    assert.match(problemsOf({ A: { status: 400, message: 'Illegal {a b}' } })[0]!, /malformed placeholder "\{a b\}"/);
    assert.match(problemsOf({ A: { status: 400, message: 'x {a{b}}' } })[0]!, /nested "\{"/);
    assert.match(problemsOf({ A: { status: 400, message: 'x', description: 'y {' } })[0]!, /^"A": description "y \{": unbalanced/);
    assert.match(problemsOf({ '{R_NOT': { status: 400, message: 'x' } })[0]!, /^"\{R_NOT": key "\{R_NOT": unbalanced/);
  });

  it('rejects a wire code that does not match [A-Za-z][A-Za-z0-9_]* once resolved', () => {
    assert.match(problemsOf({ A: { status: 400, message: 'x', code: 'bad-code' } })[0]!, /^"A": wire code "bad-code" does not match/);
    assert.match(problemsOf({ A: { status: 400, message: 'x', code: '9LIVES' } })[0]!, /^"A": wire code "9LIVES"/);
    assert.match(problemsOf({ 'my-key': { status: 400, message: 'x' } })[0]!, /^"my-key": wire code "my-key"/);
    assert.deepEqual(problemsOf({ A: { status: 400, message: 'x', code: '_X' } }).length, 1);
  });

  it('rejects two definitions with the same code and status, naming both', () => {
    assert.deepEqual(problemsOf({ A: { status: 400, message: 'x' }, B: { status: 400, code: 'A', message: 'y' } }),
      ['"B": same code "A" and status 400 as "A"']);
  });

  it('rejects keys whose OpenAPI component names collide', () => {
    assert.deepEqual(problemsOf({ '{R}_X': { status: 404, message: 'x' }, R_X: { status: 400, message: 'y' } }),
      ['"R_X": its OpenAPI component name "R_X" collides with "{R}_X"']);
  });

  it('rejects reserved keys, unknown fields and wrongly typed fields', () => {
    assert.match(problemsOf({ parse: ok })[0]!, /^"parse": this key is reserved/);
    assert.match(problemsOf({ A: { ...ok, stauts: 400 } })[0]!, /^"A": unknown field "stauts"/);
    assert.match(problemsOf({ A: { ...ok, retryable: 'yes' } })[0]!, /^"A": retryable must be a boolean/);
    assert.match(problemsOf({ A: { ...ok, stack: 1 } })[0]!, /^"A": stack must be a boolean/);
    assert.match(problemsOf({ A: { ...ok, group: '' } })[0]!, /^"A": group must be a non-empty string/);
    assert.match(problemsOf({ A: { status: 400 } })[0]!, /^"A": message must be a string or an object of translations/);
    assert.match(problemsOf({ A: 'x' })[0]!, /^"A": expected a definition object/);
    assert.match(problemsOf({ A: { ...ok, group: 'Nope' } }, { groups: { BadRequest: {} } })[0]!, /^"A": group "Nope" is not declared/);
  });

  it('rejects definition headers that are framing headers, bad names or bad values', () => {
    assert.match(problemsOf({ A: { ...ok, headers: { 'Content-Length': '1' } } })[0]!, /^"A": header "Content-Length" cannot be set/);
    assert.match(problemsOf({ A: { ...ok, headers: { 'Set-Cookie': 'a=1' } } })[0]!, /header "Set-Cookie" cannot be set/);
    assert.match(problemsOf({ A: { ...ok, headers: { 'Bad Name': '1' } } })[0]!, /header name "Bad Name" is not an HTTP token/);
    assert.match(problemsOf({ A: { ...ok, headers: { 'X-A': 'a\r\nb' } } })[0]!, /header "X-A" has an invalid value/);
    assert.match(problemsOf({ A: { status: 401, message: 'x', bearer: true, headers: { 'WWW-Authenticate': 'Basic' } } })[0]!,
      /WWW-Authenticate conflicts with bearer/);
  });

  it('rejects a realm outside RFC 6750 characters and other bad options', () => {
    assert.match(problemsOf({ A: ok }, { realm: 'a"b' })[0]!, /^option realm: expected printable ASCII/);
    assert.match(problemsOf({ A: ok }, { defaultLocale: 'english language' })[0]!, /^option defaultLocale/);
    assert.match(problemsOf({ A: ok }, { maxParamLength: 0 })[0]!, /^option maxParamLength/);
    assert.match(problemsOf({ A: ok }, { stack: 'sometimes' })[0]!, /^option stack/);
  });

  it('lists every problem of every key at once', () => {
    const problems = problemsOf({ A: { status: 200, message: 'x {' }, B: { status: 401, message: 'y', bearer: 'x' } });
    assert.equal(problems.length, 3);
    assert.deepEqual(problems.map((p) => p.slice(0, 4)), ['"A":', '"A":', '"B":']);
  });
});

describe('templates and families', () => {
  it('interpolates parameters into the message', () => {
    const err = errors.ILLEGAL_STATE({ detail: 'order book locked' });
    assert.equal(err.message, 'Illegal state: order book locked');
    assert.deepEqual({ ...err.params }, { detail: 'order book locked' });
  });

  it('resolves a family key into its wire code', () => {
    const err = errors['{RESOURCE}_NOT_EXIST']({ RESOURCE: 'USER' });
    assert.equal(err.code, 'USER_NOT_EXIST');
    assert.equal(err.key, '{RESOURCE}_NOT_EXIST');
    assert.equal(err.status, 404);
  });

  it('renders a missing parameter as its placeholder and records the problem', () => {
    const err = (errors.ILLEGAL_STATE as (p?: unknown) => HouseError)({});
    assert.equal(err.message, 'Illegal state: {detail}');
    assert.deepEqual(wireForm(errors, err, { format: 'code-message' }).problems,
      ['parameter "detail" is missing or not a string or number; rendered as {detail}']);
  });

  it('renders numbers, ignores inherited and non-primitive values', () => {
    assert.equal(errors.ILLEGAL_STATE({ detail: 42 }).message, 'Illegal state: 42');
    const inherited = Object.create({ detail: 'from the prototype' }) as { detail: string };
    assert.equal(errors.ILLEGAL_STATE(inherited).message, 'Illegal state: {detail}');
    assert.equal(errors.ILLEGAL_STATE({ detail: { toString: () => 'x' } as unknown as string }).message, 'Illegal state: {detail}');
  });

  it('caps every interpolated value (1 KiB by default) with an ellipsis', () => {
    const err = errors.ILLEGAL_STATE({ detail: 'x'.repeat(5000) });
    assert.equal(err.params.detail!.length, 1024);
    assert.ok(err.params.detail!.endsWith('x…'));
    const small = defineCatalog({ E: { status: 500, message: 'E {v}' } }, { maxParamLength: 4 });
    assert.equal(small.E({ v: 'abcdefgh' }).message, 'E abc…');
  });

  it('keeps the code template when a family value would break the code', () => {
    const err = errors['{RESOURCE}_NOT_EXIST']({ RESOURCE: 'a-b' });
    assert.equal(err.code, '{RESOURCE}_NOT_EXIST');
  });

  it('refuses an empty family value: X__Y would be a code no client reads back', () => {
    const catalog = defineCatalog({
      'X_{A}_Y': { status: 400, message: 'x' },
      INTERNAL_ERROR: { status: 500, message: 'Internal error.' },
    });
    const empty = catalog['X_{A}_Y']({ A: '' });
    assert.equal(empty.code, 'X_{A}_Y');
    const wire = wireForm(catalog, empty, { format: 'code-message' });
    assert.equal(wire.status, 500);
    assert.deepEqual(wire.problems, ['family code refused: parameter "A" is empty', 'answered with the 500 fallback']);
  });

  it('sends only family codes that the documented patterns and errors.parse all read back', () => {
    const json = catalogJson(errors).definitions.find((d) => d.key === '{RESOURCE}_NOT_EXIST')!;
    const openapi = new RegExp(familyPattern(['', '_NOT_EXIST'], false));
    for (const value of ['USER', 'ORDER_LINE', 'x1', 'A_', 'Q9_Z']) {
      const { body } = wireForm(errors, errors['{RESOURCE}_NOT_EXIST']({ RESOURCE: value }), { format: 'code-message' });
      const code = (JSON.parse(body) as { code: string }).code;
      assert.equal(code, `${value}_NOT_EXIST`);
      assert.equal(new RegExp(json.family!.pattern).exec(code)?.[1], value, code);
      assert.match(code, openapi);
      assert.equal(errors.parse(JSON.parse(body), 'code-message')?.key, '{RESOURCE}_NOT_EXIST', code);
    }
    for (const code of ['_NOT_EXIST', '1_NOT_EXIST', 'NOT_EXIST']) {
      assert.doesNotMatch(code, openapi);
      assert.doesNotMatch(code, new RegExp(json.family!.pattern));
    }
  });
});

describe('translated catalogs are validated at startup', () => {
  function problems(definitions: unknown, options?: unknown): readonly string[] {
    try {
      defineCatalog(definitions as never, options as never);
    } catch (err) {
      assert.ok(err instanceof CatalogDefinitionError);
      return err.problems;
    }
    return assert.fail('accepted');
  }

  it('rejects translations whose placeholders differ', () => {
    assert.deepEqual(problems({ A: { status: 400, message: { en: 'Bad {field}', ko: '잘못된 {fieldName}' } } }),
      ['"A": message.ko has placeholders {fieldName} but en has {field}']);
  });

  it('rejects a translated text without the default locale', () => {
    assert.deepEqual(problems({ A: { status: 400, message: { ko: '잘못된 요청' } } }),
      ['"A": message has no text in the default locale "en"']);
    assert.deepEqual(problems({ A: { status: 400, message: { en: 'Bad' } } }, { defaultLocale: 'ko' }),
      ['"A": message has no text in the default locale "ko"']);
  });

  it('rejects tags that are not BCP 47 and translations that are not strings', () => {
    assert.deepEqual(problems({ A: { status: 400, message: { en: 'x', 'not a tag': 'y' } } }),
      ['"A": message: "not a tag" is not a BCP 47 language tag']);
    assert.deepEqual(problems({ A: { status: 400, message: { en: 'x', ko: 3 } } }), ['"A": message.ko must be a string, got 3']);
  });

  it('checks translated descriptions the same way', () => {
    assert.deepEqual(problems({ A: { status: 400, message: 'x', description: { en: 'a {b}', ko: '가' } } }),
      ['"A": description.ko has placeholders {} but en has {b}']);
  });

  it('uses the default-locale text as HouseError.message', () => {
    const en = defineCatalog({ MISSING_HEADER: { status: 400, message: { en: 'Header {name} is missing.', ko: '{name} 헤더가 존재하지 않습니다.' } } });
    assert.equal(en.MISSING_HEADER({ name: 'X' }).message, 'Header X is missing.');
    const ko = defineCatalog({ A: { status: 400, message: { ko: '잘못된 {x}', en: 'Bad {x}' } } }, { defaultLocale: 'ko' });
    assert.equal(ko.A({ x: '값' }).message, '잘못된 값');
  });
});
