/**
 * `errors.parse`: an error body read back to its catalog key, code, message and parameters,
 * family codes resolved to their key, a shared code told apart by status; never throws.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ALL_FORMATS, errors, formatName, THROWN } from '../support/catalog.js';
import { defineCatalog, wireForm } from '../../lib/index.js';

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
