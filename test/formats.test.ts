/**
 * The house formats: every definition's exact body in each built-in format (written by hand),
 * `defineFormat`'s checks, and `parseErrorBody` reading any body back without ever throwing.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ALL_FORMATS, envelope, errors, expectedBody, FORMAT_NAMES, formatName, THROWN } from './support/catalog.js';
import { assertWire, ANSWERS, illegalState, type Expectation } from './support/hostile.js';
import { builtinFormats, defineFormat, MAX_BODY_TEXT, parseErrorBody, problemDetails, wireForm, type ErrorInfo, type HouseFormat, type Violation } from '../lib/index.js';
import { bodyWriterOf, resolveFormat } from '../lib/formats/builtin.js';
import { VIOLATION_LOCATIONS } from '../lib/formats/violations.js';

describe('the built-in formats', () => {
  const CASES: ReadonlyArray<readonly [string, () => unknown, Expectation]> = [
    ['a Bearer invalid_token', () => errors.INVALID_AUTH_TOKEN(), ANSWERS.INVALID_AUTH_TOKEN],
    ['a Bearer challenge without an error', () => errors.MISSING_AUTH_TOKEN(), ANSWERS.MISSING_AUTH_TOKEN],
    ['insufficient_scope with its scope', () => errors.NOT_ENOUGH_PERMISSION({}, { scope: ['orders:write'] }), { ...ANSWERS.NOT_ENOUGH_PERMISSION, headers: { 'www-authenticate': 'Bearer realm="api", error="insufficient_scope", error_description="Not enough permission.", scope="orders:write"' } }],
    ['a message parameter', () => errors.ILLEGAL_STATE({ detail: 'order book locked' }), illegalState('order book locked')],
    ['a code family', () => errors['{RESOURCE}_NOT_EXIST']({ RESOURCE: 'USER' }), { status: 404, code: 'USER_NOT_EXIST', message: 'The specific resource could not be found.' }],
    ['the same code at another status', () => errors.LOGIC_BAD_REQUEST(), ANSWERS.LOGIC_BAD_REQUEST],
    ['a plain 400', () => errors.BAD_REQUEST(), ANSWERS.BAD_REQUEST],
    ['a definition header', () => errors.TOO_MANY_REQUESTS(), ANSWERS.TOO_MANY_REQUESTS],
  ];
  for (const [name, make, want] of CASES) {
    it(`${name}: the exact body, content type and headers in every format`, () => {
      for (const format of FORMAT_NAMES) {
        const wire = wireForm(errors, make(), { format });
        assertWire(wire, format, want, `${format}: ${name}`);
        // Members in the documented order, nothing else.
        assert.deepEqual(Object.keys(JSON.parse(wire.body) as object), Object.keys(expectedBody(format, want.code, want.status, want.message)));
      }
    });
  }

  it('writes the bytes the README shows, in each format', () => {
    const bodies = Object.fromEntries(FORMAT_NAMES.map((format) => [format, wireForm(errors, errors.NOT_ENOUGH_PERMISSION(), { format }).body]));
    assert.deepEqual(bodies, {
      'errorCode-reason': '{"errorCode":"NOT_ENOUGH_PERMISSION","reason":"Not enough permission."}',
      'code-description': '{"code":"NOT_ENOUGH_PERMISSION","description":"Not enough permission."}',
      'code-message': '{"code":"NOT_ENOUGH_PERMISSION","message":"Not enough permission."}',
      'problem-details': '{"type":"about:blank","title":"Forbidden","status":403,"detail":"Not enough permission.","code":"NOT_ENOUGH_PERMISSION"}',
    });
  });
});

describe('parseErrorBody', () => {
  for (const format of ALL_FORMATS) {
    it(`reads back every definition's body in ${formatName(format)}, parsed or as text`, () => {
      for (const { error } of THROWN) {
        const { body } = wireForm(errors, error, { format });
        const expected = { code: error.code, message: error.message };
        assert.deepEqual(parseErrorBody(JSON.parse(body), format), expected);
        assert.deepEqual(parseErrorBody(body, format), expected);
      }
    });
  }

  it('gives undefined for a body of another format', () => {
    const body = JSON.parse(wireForm(errors, errors.BAD_REQUEST(), { format: 'code-message' }).body) as unknown;
    assert.equal(parseErrorBody(body, 'errorCode-reason'), undefined);
    assert.equal(parseErrorBody(body, 'code-description'), undefined);
    assert.equal(parseErrorBody(body, 'problem-details'), undefined);
    assert.equal(parseErrorBody(body, envelope), undefined);
  });

  it('gives undefined for a custom format without parse, or whose parse throws or lies', () => {
    const base = { name: 'x', body: () => ({}), schema: {} };
    assert.equal(parseErrorBody({ code: 'A', message: 'b' }, defineFormat(base)), undefined);
    assert.equal(parseErrorBody({}, defineFormat({ ...base, parse: () => { throw new Error('boom'); } })), undefined);
    assert.equal(parseErrorBody({}, defineFormat({ ...base, parse: () => ({ code: 42, message: 'b' }) as never })), undefined);
    assert.equal(parseErrorBody({}, defineFormat({ ...base, parse: () => ({ code: 'not a code', message: 'b' }) })), undefined);
    const hostile = new Proxy({}, { get: () => { throw new Error('trap'); } });
    assert.equal(parseErrorBody({}, defineFormat({ ...base, parse: () => hostile as never })), undefined);
  });

  it('accepts only wire codes: [A-Za-z][A-Za-z0-9_]*, at most 256 characters', () => {
    const parse = (code: unknown) => parseErrorBody({ code, message: 'm' }, 'code-message');
    assert.deepEqual(parse('A'.repeat(256)), { code: 'A'.repeat(256), message: 'm' });
    assert.deepEqual(parse('a_1'), { code: 'a_1', message: 'm' });
    for (const bad of ['A'.repeat(257), '', '1ABC', '_A', 'A-B', 'A B', 'A\n', 'ÄB', 'A.B', '<script>']) {
      assert.equal(parse(bad), undefined, JSON.stringify(bad));
    }
    for (const bad of [42, null, true, ['A'], { toString: () => 'A' }, new String('A')]) assert.equal(parse(bad), undefined);
    assert.equal(parseErrorBody({ code: 'A', message: 7 }, 'code-message'), undefined);
  });

  describe('never throws on hostile input', () => {
    const formats = ALL_FORMATS;
    const none = (body: unknown): void => {
      for (const format of formats) assert.equal(parseErrorBody(body, format), undefined, formatName(format));
    };

    it('non-objects, arrays and functions', () => {
      for (const body of [undefined, null, 0, 42, NaN, true, 10n, Symbol('x'), '', 'code', '42', 'null', '[]', '"x"']) none(body);
      none([]);
      none(Object.assign(['x'], { code: 'A', message: 'b', errorCode: 'A', reason: 'b' }));
      none('[{"code":"A","message":"b"}]');
      none(Object.assign(() => {}, { code: 'A', message: 'b' }));
    });

    it('getters that throw', () => {
      const body = {
        get code(): string { throw new Error('getter'); },
        get errorCode(): string { throw new Error('getter'); },
        get error(): string { throw new Error('getter'); },
        message: 'm', reason: 'm', description: 'm', detail: 'm',
      };
      none(body);
    });

    it('Proxies with throwing traps, and revoked Proxies', () => {
      const fail = (): never => { throw new Error('trap'); };
      none(new Proxy({}, { get: fail, has: fail, ownKeys: fail, getPrototypeOf: fail, getOwnPropertyDescriptor: fail }));
      none(new Proxy([], { get: fail }));
      const { proxy, revoke } = Proxy.revocable({ code: 'A', message: 'b' }, {});
      revoke();
      none(proxy);
    });

    it('a Proxy whose getter answers differently each time is read once', () => {
      let reads = 0;
      const body = new Proxy({ code: '', message: '' }, { get: (_t, name) => (name === 'code' ? (reads++ === 0 ? 'FIRST' : 'x y') : 'm') });
      assert.deepEqual(parseErrorBody(body, 'code-message'), { code: 'FIRST', message: 'm' });
    });

    it(`strings: a 10 MB string, and JSON text longer than MAX_BODY_TEXT (${MAX_BODY_TEXT})`, () => {
      none('x'.repeat(10 * 1024 * 1024));
      const json = JSON.stringify({ code: 'A', message: 'b' });
      const padded = (length: number): string => json + ' '.repeat(length - json.length);
      assert.deepEqual(parseErrorBody(padded(MAX_BODY_TEXT), 'code-message'), { code: 'A', message: 'b' });
      assert.equal(parseErrorBody(padded(MAX_BODY_TEXT + 1), 'code-message'), undefined);
      none(`{"code":"A","message":"${'x'.repeat(10 * 1024 * 1024)}"}`);
    });

    it('deeply nested JSON text and objects', () => {
      none('['.repeat(MAX_BODY_TEXT - 1));
      none(`${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`);
      let deep: Record<string, unknown> = {};
      for (let i = 0; i < 100_000; i++) deep = { code: deep, message: deep, error: deep };
      none(deep);
      // A valid body may carry deep extra members: they are not read.
      assert.deepEqual(parseErrorBody({ code: 'A', message: 'b', extra: deep }, 'code-message'), { code: 'A', message: 'b' });
    });

    it('null-prototype objects are read like any JSON object', () => {
      const body = Object.assign(Object.create(null) as object, { code: 'A', message: 'b' });
      assert.deepEqual(parseErrorBody(body, 'code-message'), { code: 'A', message: 'b' });
      none(Object.create(null));
    });

    it('a huge message in a parsed body is returned as is (only text is capped)', () => {
      const message = 'x'.repeat(1024 * 1024);
      assert.equal(parseErrorBody({ code: 'A', message }, 'code-message')?.message.length, message.length);
    });
  });

  it('throws a TypeError for a format that is not one', () => {
    assert.throws(() => parseErrorBody({}, 'code-mesage' as never), { name: 'TypeError', message: /unknown format "code-mesage"/ });
    assert.throws(() => parseErrorBody({}, {} as never), TypeError);
  });
});

describe('parseErrorBody and prototype pollution', () => {
  it('reads only own properties, so a polluted prototype does not make {} an error', () => {
    const proto = Object.prototype as Record<string, unknown>;
    proto.code = 'POLLUTED';
    proto.message = 'polluted';
    proto.detail = 'polluted';
    try {
      for (const format of ['code-message', 'problem-details'] as const) assert.equal(parseErrorBody({}, format), undefined);
    } finally {
      delete proto.code;
      delete proto.message;
      delete proto.detail;
    }
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

describe('the built-in formats write their bodies as text', () => {
  const settings = { numRuns: Math.max(1, Number(process.env.FC_RUNS ?? 300)) };
  // Strings JSON must escape (quotes, backslashes, control characters, lone and paired surrogates) and ones it need not.
  const text = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 12 }),
    fc.string({ unit: 'grapheme', maxLength: 12 }),
    fc.constantFrom('', '"', '\\', 'a\u0000b', '\u001f', '\u007f', '\u2028', '\ud800', '\udfff x', '\ud83d\ude00', '/a~1b/0', 'é'),
  );
  const name = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,8}$/).filter((n) => n !== '__proto__');
  const violation = fc.record({
    pointer: text,
    location: fc.constantFrom(...VIOLATION_LOCATIONS),
    code: fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,12}$/),
    message: text,
    params: fc.option(fc.dictionary(name, fc.oneof(text, fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer()), { maxKeys: 3 }), { nil: undefined }),
    value: fc.option(fc.oneof(text, fc.integer(), fc.boolean(), fc.constant(null)), { nil: undefined }),
  }).map(({ pointer, location, code, message, params, value }): Violation => ({
    pointer, location, code, message, ...(params === undefined ? {} : { params }), ...(value === undefined ? {} : { value }),
  }));
  // The violations as the format's body has them: its own objects, or problem details' `errors` entries.
  const asSent = (list: readonly Violation[], form: 'house' | 'problem'): unknown => (form === 'house' ? list : list.map((v) => ({
    detail: v.message, pointer: v.pointer, code: v.code, location: v.location,
    ...(v.params === undefined ? {} : { params: v.params }), ...(v.value === undefined ? {} : { value: v.value }),
  })));

  const formats: ReadonlyArray<readonly [string, HouseFormat]> = [
    ...Object.entries(builtinFormats),
    ['code-message with detailsField "errors"', resolveFormat('code-message', 'errors')],
    ['errorCode-reason with detailsField "invalid_fields"', resolveFormat('errorCode-reason', 'invalid_fields')],
    ['problem details with a typeBase', problemDetails({ typeBase: 'https://api.example.com/errors#' })],
  ];
  const info = fc.record({
    key: fc.oneof(text, fc.constantFrom('{RESOURCE}_NOT_EXIST', 'ILLEGAL_STATE')),
    code: text,
    status: fc.integer({ min: 400, max: 599 }),
    message: text,
  }).map((given): ErrorInfo => ({ ...given, params: {}, retryable: false, locale: undefined }));
  const custom = fc.dictionary(name, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 });

  for (const [label, format] of formats) {
    const writer = bodyWriterOf(format);
    it(`${label}: the text is JSON.stringify(format.body(info)), whatever the message, code, key and details`, () => {
      assert.ok(writer !== undefined, 'a built-in format has a writer');
      fc.assert(fc.property(info, fc.option(custom, { nil: undefined }), (given, details) => {
        const withDetails = details === undefined ? given : { ...given, details };
        assert.equal(writer.write(withDetails, undefined), JSON.stringify(format.body(withDetails)));
      }), settings);
    });
    it(`${label}: violations written as text go where the body puts them, in its member order`, () => {
      assert.ok(writer !== undefined);
      fc.assert(fc.property(info, fc.array(violation, { maxLength: 4 }), (given, list) => {
        assert.equal(writer.write(given, JSON.stringify(asSent(list, writer.form))), JSON.stringify(format.body({ ...given, details: list })));
      }), settings);
    });
  }

  it('a defineFormat value has no writer: its object is serialised', () => {
    assert.equal(bodyWriterOf(defineFormat({ name: 'envelope', body: (i) => ({ error: i.code }), schema: {} })), undefined);
  });
});
