import assert from 'node:assert/strict';
import { CatalogDefinitionError, defineCatalog, defineFormat, HouseError, isHouseError, wireForm } from '../lib/index.js';
import { errors } from './support/catalog.js';
import { MAX_EXTRA_HEADER_BYTES, MAX_EXTRA_HEADERS, MAX_HEADER_VALUE_LENGTH } from '../lib/rules/headers.js';
import { familyPattern } from '../lib/rules/syntax.js';
import { catalogJson } from '../lib/cli/catalog-json.js';

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
  it('accepts the spec example, including the same code at two statuses', () => {
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

describe('HouseError', () => {
  it('is a real Error with the http-errors contract', () => {
    const cause = new Error('db down');
    const err = errors.INTERNAL_ERROR({}, { cause });
    assert.ok(err instanceof Error);
    assert.ok(err instanceof HouseError);
    assert.equal(err.name, 'HouseError');
    assert.equal(err.status, 500);
    assert.equal(err.statusCode, 500);
    assert.equal(err.expose, true);
    assert.equal(err.cause, cause);
    assert.equal(err.retryable, false);
    assert.equal(errors.ILLEGAL_STATE({ detail: 'x' }).retryable, true);
  });

  it('carries the Bearer challenge and definition headers on err.headers', () => {
    assert.deepEqual({ ...errors.MISSING_AUTH_TOKEN().headers }, { 'WWW-Authenticate': 'Bearer realm="api"' });
    assert.deepEqual({ ...errors.NOT_ENOUGH_PERMISSION({}, { scope: ['orders:write', 'orders:read'] }).headers }, {
      'WWW-Authenticate': 'Bearer realm="api", error="insufficient_scope", error_description="Not enough permission.", scope="orders:write orders:read"',
    });
    assert.deepEqual({ ...errors.TOO_MANY_REQUESTS().headers }, { 'Retry-After': '30' });
    assert.deepEqual({ ...errors.BAD_REQUEST({}, { headers: { 'X-Trace': 'abc', 'Content-Length': '0', 'X-Bad': 'a\nb' } }).headers },
      { 'X-Trace': 'abc' });
  });

  it('builds err.headers by the wire form\'s rules: no foreign challenge, one bad header at a time, ASCII description', () => {
    const extra = { 'X-A': 'a', 'WWW-Authenticate': 'Basic', 'X-C': 'c' };
    Object.defineProperty(extra, 'X-B', { enumerable: true, get() { throw new Error('getter'); } });
    assert.deepEqual({ ...errors.BAD_REQUEST({}, { headers: extra }).headers }, { 'X-A': 'a', 'X-C': 'c' });
    const ko = defineCatalog({
      EXPIRED: { status: 401, bearer: 'invalid_token', message: { ko: '토큰이 만료되었습니다.', en: 'The token expired.' } },
      KO_ONLY: { status: 401, bearer: 'invalid_token', message: '토큰 오류' },
    }, { defaultLocale: 'ko' });
    assert.equal(ko.EXPIRED().headers['WWW-Authenticate'], 'Bearer error="invalid_token", error_description="The token expired."');
    assert.equal(ko.KO_ONLY().headers['WWW-Authenticate'], 'Bearer error="invalid_token"');
  });

  it('caps err.headers as the wire form does; a throw gives a definition header a new value, never Content-Type', () => {
    const many = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`X-H${i}`, `v${i}`]));
    const kept = Object.keys(errors.BAD_REQUEST({}, { headers: many }).headers);
    assert.deepEqual(kept, Array.from({ length: MAX_EXTRA_HEADERS }, (_, i) => `X-H${i}`));
    const big = Object.fromEntries(Array.from({ length: 4 }, (_, i) => [`X-Big${i}`, 'b'.repeat(MAX_HEADER_VALUE_LENGTH)]));
    const bytes = Object.entries(errors.BAD_REQUEST({}, { headers: big }).headers)
      .reduce((sum, [name, value]) => sum + name.length + value.length + 4, 0);
    assert.ok(bytes <= MAX_EXTRA_HEADER_BYTES, `${bytes} bytes of headers`);
    assert.deepEqual(Object.keys(errors.BAD_REQUEST({}, { headers: big }).headers), ['X-Big0']);
    // The same as the answer: the throw's Retry-After replaces the definition's; Content-Type stays the format's.
    const throwHeaders = { 'retry-after': '1', 'Content-Type': 'text/html', 'X-Ok': 'y' };
    assert.deepEqual({ ...errors.TOO_MANY_REQUESTS({}, { headers: throwHeaders }).headers }, { 'retry-after': '1', 'X-Ok': 'y' });
    const wire = wireForm(errors, errors.TOO_MANY_REQUESTS({}, { headers: throwHeaders }), { format: 'code-message' });
    assert.deepEqual(wire.headers, { 'Content-Type': 'application/json; charset=utf-8', 'retry-after': '1', 'X-Ok': 'y', 'Content-Length': '59' });
  });

  it('takes a whole non-negative number as a header value (a rate limiter\'s Retry-After), and refuses other numbers', () => {
    const answer = (value: number) => wireForm(errors, errors.TOO_MANY_REQUESTS({}, { headers: { 'Retry-After': value } }), { format: 'code-message' });
    assert.equal(answer(12).headers['Retry-After'], '12');
    assert.equal(answer(0).headers['Retry-After'], '0');
    assert.deepEqual({ ...errors.TOO_MANY_REQUESTS({}, { headers: { 'Retry-After': 12 } }).headers }, { 'Retry-After': '12' });
    for (const refused of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 60]) {
      const wire = answer(refused);
      assert.equal(wire.headers['Retry-After'], '30', `${refused}: the definition's value stays`);
      assert.deepEqual(wire.problems, ['header "Retry-After" from err.headers dropped: it has a value that is not a non-negative integer or printable ASCII within 4096 characters'], String(refused));
    }
  });

  it('captures a stack for 5xx only by default, and follows the stack option', () => {
    assert.match(errors.INTERNAL_ERROR().stack!, /\n {4}at /);
    assert.doesNotMatch(errors.BAD_REQUEST().stack!, /\n {4}at /);
    const all = defineCatalog({ A: { status: 400, message: 'a' }, B: { status: 400, message: 'b', stack: false } }, { stack: 'all' });
    assert.match(all.A().stack!, /\n {4}at /);
    assert.doesNotMatch(all.B().stack!, /\n {4}at /);
    const none = defineCatalog({ A: { status: 500, message: 'a' } }, { stack: 'none' });
    assert.doesNotMatch(none.A().stack!, /\n {4}at /);
    assert.ok(Error.stackTraceLimit > 0, 'the global stack limit is restored');
  });

  it('has type guards that never throw', () => {
    const err = errors.INVALID_AUTH_TOKEN();
    assert.equal(isHouseError(err), true);
    assert.equal(errors.INVALID_AUTH_TOKEN.is(err), true);
    assert.equal(errors.EXPIRED_AUTH_TOKEN.is(err), false);
    const hostile = new Proxy({}, { get() { throw new Error('trap'); } });
    assert.equal(isHouseError(hostile), false);
    assert.equal(errors.INVALID_AUTH_TOKEN.is(hostile), false);
    for (const value of [null, undefined, 'x', 1, new Error('x')]) assert.equal(isHouseError(value), false);
  });

  it('is recognised across two copies of the package (Symbol.for brand)', () => {
    const foreignCopy = Object.create(null) as Record<symbol, unknown>;
    foreignCopy[Symbol.for('house-errors.HouseError')] = true;
    assert.equal(isHouseError(foreignCopy), true);
  });

  it('exposes what the factory documents', () => {
    assert.equal(errors['{RESOURCE}_NOT_EXIST'].key, '{RESOURCE}_NOT_EXIST');
    assert.equal(errors['{RESOURCE}_NOT_EXIST'].code, '{RESOURCE}_NOT_EXIST');
    assert.equal(errors.LOGIC_BAD_REQUEST.status, 406);
    assert.equal(errors.LOGIC_BAD_REQUEST.code, 'BAD_REQUEST');
  });
});

describe('HouseError.headers is built on first read', () => {
  it('is the same object on every read, and survives a broken params property', () => {
    const err = errors.NOT_ENOUGH_PERMISSION({}, { scope: ['a'] });
    assert.equal(err.headers, err.headers);
    const templated = errors.ILLEGAL_STATE({ detail: 'x' });
    (templated as { params: unknown }).params = null;
    assert.deepEqual({ ...templated.headers }, {});
    const frozen = Object.freeze(errors.NOT_ENOUGH_PERMISSION({}, { scope: ['b'] }));
    assert.equal(frozen.headers['WWW-Authenticate'], 'Bearer realm="api", error="insufficient_scope", error_description="Not enough permission.", scope="b"');
  });
});

describe('defineFormat content types', () => {
  const spec = { name: 'envelope', body: () => ({}), schema: {} };

  it('accepts RFC 9110 media types with parameters, quoted strings and tabs', () => {
    for (const contentType of ['application/json', 'application/vnd.api+json; charset=utf-8', 'application/json;\tprofile="https://x.example/e \\"v1\\""']) {
      assert.equal(defineFormat({ ...spec, contentType }).contentType, contentType);
    }
  });

  it('refuses at definition what Node would refuse on every answer, naming the value', () => {
    const refused: Array<[string, string]> = [
      ['a line break', 'application/json;\ncharset=utf-8'],
      ['a NUL in a quoted string', 'application/json; a="\u0000"'],
      ['a character outside Latin-1', 'application/json; a="\u0100"'],
      ['non-ASCII in a quoted string', 'application/json; a="é"'],
      ['a Unicode line separator as white space', 'application/json;\u2028charset=utf-8'],
      ['no subtype', 'application'],
      ['a parameter without a value', 'application/json; charset='],
      ['more than 256 characters', `application/${'x'.repeat(250)}+json`],
    ];
    for (const [what, contentType] of refused) {
      assert.throws(() => defineFormat({ ...spec, contentType }), (err: Error) => {
        assert.equal(err.message, `house-errors: invalid format "envelope": contentType ${JSON.stringify(contentType)} is not an ASCII media type of at most 256 characters (type/subtype; name=value)`, what);
        return true;
      }, what);
    }
  });
});
