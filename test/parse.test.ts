import assert from 'node:assert/strict';
import fc from 'fast-check';
import { errors, FORMAT_NAMES } from './support/catalog.js';
import {
  defineCatalog, defineFormat, MAX_BODY_TEXT, parseErrorBody, problemDetails, wireForm, type FormatRef, type HouseError,
} from '../lib/index.js';

/** Every definition of the shared catalog, thrown with the parameters it needs. */
const THROWN: ReadonlyArray<{ error: HouseError; params: Record<string, string> }> = [
  { error: errors.BAD_REQUEST(), params: {} },
  { error: errors.MISSING_AUTH_TOKEN(), params: {} },
  { error: errors.INVALID_AUTH_TOKEN(), params: {} },
  { error: errors.EXPIRED_AUTH_TOKEN(), params: {} },
  { error: errors.NOT_ENOUGH_PERMISSION({}, { scope: ['a'] }), params: {} },
  { error: errors.MALFORMED_AUTH(), params: {} },
  { error: errors['{RESOURCE}_NOT_EXIST']({ RESOURCE: 'USER' }), params: { RESOURCE: 'USER' } },
  { error: errors.RESOURCE_NOT_FOUND(), params: {} },
  { error: errors.LOGIC_BAD_REQUEST(), params: {} },
  { error: errors.TOO_MANY_REQUESTS(), params: {} },
  { error: errors.ILLEGAL_STATE({ detail: 'order book locked: {x} "quoted"' }), params: { detail: 'order book locked: {x} "quoted"' } },
  { error: errors.INTERNAL_ERROR(), params: {} },
];

const envelope = defineFormat({
  name: 'envelope',
  body: ({ code, message }) => ({ error: { code, message } }),
  schema: { type: 'object' },
  parse: (body) => {
    const e = (body as { error?: { code?: unknown; message?: unknown } }).error;
    return typeof e?.code === 'string' && typeof e.message === 'string' ? { code: e.code, message: e.message } : undefined;
  },
});
const ALL_FORMATS: readonly FormatRef[] = [...FORMAT_NAMES, envelope, problemDetails({ typeBase: 'https://api.example.com/errors#' })];
const formatName = (format: FormatRef): string => (typeof format === 'string' ? format : `${format.name} (value)`);

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

describe('errors.parse', () => {
  for (const format of ALL_FORMATS) {
    it(`reads every definition back to its key, code and parameters in ${formatName(format)}`, () => {
      for (const { error, params } of THROWN) {
        const wire = wireForm(errors, error, { format });
        assert.deepEqual(errors.parse(wire.body, format, { status: wire.status }), {
          key: error.key, code: error.code, message: error.message, params, status: error.status, retryable: error.retryable,
        });
      }
    });
  }

  it('resolves a family code to its key with the family value', () => {
    const parsed = errors.parse({ code: 'ORDER_LINE_NOT_EXIST', message: 'The specific resource could not be found.' }, 'code-message');
    assert.deepEqual(parsed, {
      key: '{RESOURCE}_NOT_EXIST', code: 'ORDER_LINE_NOT_EXIST', message: 'The specific resource could not be found.',
      params: { RESOURCE: 'ORDER_LINE' }, status: 404, retryable: false,
    });
  });

  it('tells a shared code apart by status, else takes the first in catalog order', () => {
    const body = { code: 'BAD_REQUEST', message: 'Bad request' };
    assert.equal(errors.parse(body, 'code-message', { status: 406 })?.key, 'LOGIC_BAD_REQUEST');
    assert.equal(errors.parse(body, 'code-message', { status: 400 })?.key, 'BAD_REQUEST');
    assert.equal(errors.parse(body, 'code-message')?.key, 'BAD_REQUEST');
    assert.equal(errors.parse(body, 'code-message', { status: 404 }), undefined);
    assert.equal(errors.parse({ code: 'USER_NOT_EXIST', message: '' }, 'code-message', { status: 400 }), undefined);
  });

  it('prefers an exact code over a family, and families in catalog order', () => {
    const catalog = defineCatalog({
      '{THING}_NOT_EXIST': { status: 404, message: 'Missing.' },
      '{A}_{B}_EXIST': { status: 409, message: 'Conflict.' },
      ORDER_NOT_EXIST: { status: 404, message: 'No such order.' },
      INTERNAL_ERROR: { status: 500, message: 'Internal.' },
    });
    assert.equal(catalog.parse({ code: 'ORDER_NOT_EXIST', message: '' }, 'code-message')?.key, 'ORDER_NOT_EXIST');
    assert.deepEqual(catalog.parse({ code: 'USER_NOT_EXIST', message: '' }, 'code-message')?.params, { THING: 'USER' });
    // Adjacent placeholders match lazily: the first takes the shortest value.
    assert.deepEqual(catalog.parse({ code: 'X_Y_Z_EXIST', message: '' }, 'code-message')?.params, { A: 'X', B: 'Y_Z' });
    assert.equal(catalog.parse({ code: '_NOT_EXIST', message: '' }, 'code-message'), undefined);
    assert.equal(catalog.parse({ code: 'NOPE', message: '' }, 'code-message'), undefined);
  });

  it('recovers message parameters when the message matches a translation, else keeps only the code\'s', () => {
    const catalog = defineCatalog({
      '{RESOURCE}_NOT_EXIST': { status: 404, message: { en: 'No {RESOURCE} with id {id}.', ko: '{id} 번 {RESOURCE} 없음' } },
      TWICE: { status: 409, message: '{x} then {x}' },
      INTERNAL_ERROR: { status: 500, message: 'Internal.' },
    }, { maxParamLength: 8 });
    const parse = (code: string, message: string) => catalog.parse({ code, message }, 'code-message')?.params;
    assert.deepEqual(parse('USER_NOT_EXIST', 'No USER with id 7.'), { RESOURCE: 'USER', id: '7' });
    assert.deepEqual(parse('USER_NOT_EXIST', '7 번 USER 없음'), { RESOURCE: 'USER', id: '7' });
    assert.deepEqual(parse('USER_NOT_EXIST', 'A newer text.'), { RESOURCE: 'USER' });
    // The code is what the server resolved; a message that disagrees does not override it.
    assert.deepEqual(parse('USER_NOT_EXIST', 'No ORDER with id 7.'), { RESOURCE: 'USER', id: '7' });
    assert.deepEqual(parse('TWICE', 'a then a'), { x: 'a' });
    assert.deepEqual(parse('TWICE', 'a then b'), {});
    // A value cut to maxParamLength is read back as it was sent.
    const long = wireForm(catalog, catalog['{RESOURCE}_NOT_EXIST']({ RESOURCE: 'USER', id: '1234567890' }), { format: 'code-message' });
    assert.deepEqual(catalog.parse(long.body, 'code-message')?.params, { RESOURCE: 'USER', id: '1234567…' });
  });

  it('keeps a placeholder named __proto__ as data', () => {
    const catalog = defineCatalog({
      ODD: { status: 400, message: 'Odd: {__proto__}' },
      INTERNAL_ERROR: { status: 500, message: 'Internal.' },
    });
    const parsed = catalog.parse({ code: 'ODD', message: 'Odd: {"polluted":true}' }, 'code-message');
    assert.equal(Object.getPrototypeOf(parsed?.params), Object.prototype);
    assert.ok(Object.hasOwn(parsed!.params, '__proto__'));
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it('returns frozen results and is not an enumerable member of the catalog', () => {
    const parsed = errors.parse({ code: 'USER_NOT_EXIST', message: 'x' }, 'code-message');
    assert.ok(Object.isFrozen(parsed) && Object.isFrozen(parsed?.params));
    assert.equal(Object.keys(errors).includes('parse'), false);
    assert.equal(typeof errors.parse, 'function');
  });

  it('never throws on hostile bodies or options', () => {
    const fail = (): never => { throw new Error('trap'); };
    const hostile = [
      null, 42, 'x'.repeat(10 * 1024 * 1024), new Proxy({}, { get: fail }), { get code(): string { return fail(); } },
    ];
    for (const body of hostile) assert.equal(errors.parse(body, 'code-message'), undefined);
    const body = { code: 'BAD_REQUEST', message: 'Bad request' };
    assert.equal(errors.parse(body, 'code-message', new Proxy({}, { get: fail }))?.key, 'BAD_REQUEST');
    assert.equal(errors.parse(body, 'code-message', { status: '406' as never })?.key, 'BAD_REQUEST');
  });

  it('round-trips any family value and any message parameter (property)', () => {
    fc.assert(fc.property(
      fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,30}$/),
      fc.string({ maxLength: 200, unit: 'binary' }),
      fc.constantFrom(...ALL_FORMATS),
      (resource, detail, format) => {
        const family = wireForm(errors, errors['{RESOURCE}_NOT_EXIST']({ RESOURCE: resource }), { format });
        assert.deepEqual(errors.parse(family.body, format)?.params, { RESOURCE: resource });
        const state = wireForm(errors, errors.ILLEGAL_STATE({ detail }), { format });
        assert.deepEqual(errors.parse(JSON.parse(state.body), format, { status: 500 })?.params, { detail });
      },
    ));
  });
});

describe('parseErrorBody and prototype pollution', () => {
  it('reads only own properties, so a polluted prototype does not make {} an error', async () => {
    const { parseErrorBody } = await import('../lib/index.js');
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
