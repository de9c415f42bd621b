/**
 * Every converter against what no validation library should send but a converter must survive:
 * wrong arguments and options (a TypeError naming them), getters that throw, Proxies, prototype
 * keys, 100 000 issues, paths 10 000 deep, cycles, and params or values that must not pass as they are.
 */
import assert from 'node:assert/strict';
import { fromAjv, fromExpressValidator, fromStandardSchema, fromZod } from '../../lib/validation/index.js';
import type { ConvertedViolations } from '../../lib/validation/index.js';
import { allowedList } from '../../lib/validation/convert.js';

type Converter = (input: never, options?: never) => ConvertedViolations;
const converters: Array<[string, Converter]> = [
  ['fromZod', fromZod as Converter],
  ['fromAjv', fromAjv as Converter],
  ['fromExpressValidator', fromExpressValidator as Converter],
  ['fromStandardSchema', fromStandardSchema as Converter],
];
const convert = (fn: Converter, input: unknown, options?: unknown): ConvertedViolations => fn(input as never, options as never);

/** One issue in each library's shape: a too-short `name`. */
const oneIssue: Record<string, unknown> = {
  fromZod: { code: 'too_small', origin: 'string', minimum: 3, path: ['name'], message: 'x' },
  fromAjv: { keyword: 'minLength', instancePath: '/name', params: { limit: 3 }, message: 'x' },
  fromExpressValidator: { type: 'field', path: 'name', location: 'body', msg: 'TOO_SHORT' },
  fromStandardSchema: { kind: 'validation', type: 'min_length', requirement: 3, input: 'ab', path: [{ key: 'name' }], message: 'x' },
};
const nameViolation = (code: string) => ({ pointer: '/name', location: 'body', code });

const throwing = new Proxy({}, { get() { throw new Error('boom'); }, has() { throw new Error('boom'); }, ownKeys() { throw new Error('boom'); }, getOwnPropertyDescriptor() { throw new Error('boom'); } });
const revoked = (() => { const r = Proxy.revocable([], {}); r.revoke(); return r.proxy; })();

describe('validation converters: hostile input', () => {
  for (const [name, fn] of converters) {
    describe(name, () => {
      it('a wrong argument is a TypeError naming the converter', () => {
        const wrong: unknown[] = [undefined, 'errors', 42, {}, { issues: 'no' }, throwing, revoked];
        if (name === 'fromAjv') wrong.splice(0, 1); // undefined is ajv's "no errors"
        for (const input of wrong) {
          assert.throws(() => convert(fn, input), (err: unknown) => err instanceof TypeError && err.message.startsWith(`${name}: expected`), String(typeof input));
        }
      });

      it('a wrong option is a TypeError naming the option', () => {
        const cases: Array<[unknown, RegExp]> = [
          ['body', /options must be an object/],
          [{ location: 'bodyy' }, /options\.location must be one of 'body', 'query', 'path', 'header', 'cookie' \(got 'bodyy'\)/],
          [{ location: 7 }, /options\.location .*\(got number\)/],
          [{ codes: 'x' }, /options\.codes must be an object/],
          [{ codes: { too_small: 'not a code' } }, /options\.codes\["too_small"\] must be a violation code/],
          [{ codes: { minLength: 5 } }, /options\.codes\["minLength"\] must be a violation code .*\(got number\)/],
          [{ loaction: 'query' }, /unknown option 'loaction'/],
        ];
        for (const [options, message] of cases) {
          assert.throws(() => convert(fn, [], options), (err: unknown) => err instanceof TypeError && err.message.startsWith(`${name}: `) && message.test(err.message), message.source);
        }
      });

      it('an issue whose getters throw, or a Proxy, costs that issue only', () => {
        const good = oneIssue[name];
        const list = convert(fn, [throwing, good, revoked, good]);
        assert.equal(list.filter((v) => v.pointer === '/name').length, 2);
        assert.ok(list.every((v) => typeof v.pointer === 'string' && typeof v.code === 'string'));
      });

      it('stops reading at 1000 issues, of 100 000', () => {
        const many = Array.from({ length: 100_000 }, () => oneIssue[name]);
        const list = convert(fn, many);
        assert.equal(list.length, 1000);
      });

      it('never reads an array it cannot read (a revoked Proxy as the list)', () => {
        if (name === 'fromExpressValidator') {
          assert.throws(() => convert(fn, { array: () => revoked }), TypeError);
        } else {
          assert.throws(() => convert(fn, { issues: revoked }), TypeError);
        }
      });
    });
  }

  it('paths 10 000 deep are cut at 32 segments', () => {
    const deep = Array.from({ length: 10_000 }, (_, i) => `k${i % 10}`);
    const expected = '/' + deep.slice(0, 32).join('/');
    assert.equal(fromZod([{ code: 'custom', path: deep }])[0]!.pointer, expected);
    assert.equal(fromStandardSchema([{ message: 'x', path: deep }])[0]!.pointer, expected);
    assert.equal(fromAjv([{ keyword: 'type', instancePath: '/' + deep.join('/'), params: {} }])[0]!.pointer, expected);
    assert.equal(fromExpressValidator([{ type: 'field', path: deep.join('.'), location: 'body', msg: 'x' }])[0]!.pointer, expected);
  });

  it('a 10 MB path string or key ends the pointer where it would be too long', () => {
    const huge = 'x'.repeat(10_000_000);
    assert.equal(fromExpressValidator([{ type: 'field', path: `a.${huge}`, location: 'body', msg: 'x' }])[0]!.pointer, '/a');
    assert.equal(fromAjv([{ keyword: 'required', instancePath: '/a', params: { missingProperty: huge } }])[0]!.pointer, '/a');
  });

  it('prototype keys are plain pointer text and pollute nothing', () => {
    const path = ['__proto__', 'constructor', 'prototype', 'polluted'];
    assert.equal(fromZod([{ code: 'custom', path }])[0]!.pointer, '/__proto__/constructor/prototype/polluted');
    assert.equal(fromStandardSchema([{ message: 'x', path }])[0]!.pointer, '/__proto__/constructor/prototype/polluted');
    assert.equal(fromExpressValidator([{ type: 'field', path: '__proto__.polluted', location: '__proto__', msg: 'constructor' }])[0]!.pointer, '/__proto__/polluted');
    assert.deepEqual(fromAjv([{ keyword: '__proto__', instancePath: '/__proto__', params: { missingProperty: 'x' } }]), [{ pointer: '/__proto__', location: 'body', code: 'INVALID' }]);
    assert.deepEqual(fromZod([{ code: '__proto__', path: [] }], { codes: JSON.parse('{"__proto__": "PROTO"}') as Record<string, string> }), [{ pointer: '', location: 'body', code: 'PROTO' }]);
    assert.deepEqual(fromZod([{ code: 'toString', path: [] }], { codes: {} }), [{ pointer: '', location: 'body', code: 'INVALID' }]);
    assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
  });

  it('an express-validator error with an unknown location takes options.location', () => {
    assert.deepEqual(fromExpressValidator([{ type: 'field', path: 'a', location: '__proto__', msg: 'x' }], { location: 'query' }), [
      { pointer: '/a', location: 'query', code: 'INVALID' },
    ]);
  });

  it('cycles end: a union that contains itself, an alternative that nests itself', () => {
    const union: Record<string, unknown> = { code: 'invalid_union', path: ['a'] };
    union['errors'] = [[union]];
    assert.ok(fromZod([union]).length <= 1000);
    const alternative: Record<string, unknown> = { type: 'alternative' };
    alternative['nestedErrors'] = [alternative, { type: 'field', path: 'b', location: 'body', msg: 'x' }];
    const list = fromExpressValidator([alternative]);
    assert.ok(list.length > 0 && list.length <= 1000);
    assert.deepEqual(list[0], { pointer: '/b', location: 'body', code: 'INVALID' });
    const ark: Record<string, unknown> = { code: 'intersection', path: ['c'] };
    ark['errors'] = [ark];
    assert.ok(fromStandardSchema([ark as never]).length <= 1000);
  });

  it('params keep only finite numbers and strings cut at 1 KiB; values only strings, finite numbers, booleans and null', () => {
    const long = 'p'.repeat(5000);
    const cut = `${'p'.repeat(1023)}…`;
    assert.deepEqual(fromAjv([
      { keyword: 'minLength', instancePath: '/a', params: { limit: NaN }, data: { nested: true } },
      { keyword: 'maximum', instancePath: '/b', params: { limit: Infinity }, data: Infinity },
      { keyword: 'pattern', instancePath: '/c', params: { pattern: long }, data: long },
      { keyword: 'format', instancePath: '/d', params: { format: { toString: () => 'x' } }, data: null },
      { keyword: 'type', instancePath: '/e', params: { type: 'string' }, data: false },
    ]), [
      { pointer: '/a', location: 'body', code: 'TOO_SHORT' },
      { pointer: '/b', location: 'body', code: 'TOO_BIG', params: { comparison: '<=' } },
      { pointer: '/c', location: 'body', code: 'PATTERN', params: { pattern: cut }, value: cut },
      { pointer: '/d', location: 'body', code: 'FORMAT', value: null },
      { pointer: '/e', location: 'body', code: 'INVALID_TYPE', params: { expected: 'string' }, value: false },
    ]);
  });

  it('cuts a long string at 1,024 units with an ellipsis, never inside a surrogate pair', () => {
    // 😀 is two UTF-16 units: the 512th starts at unit 1,022, so cutting at 1,023 would halve it.
    const emoji = '😀'.repeat(600);
    const [violation] = fromAjv([{ keyword: 'pattern', instancePath: '/a', params: { pattern: emoji }, data: emoji }]);
    const pattern = violation!.params!.pattern as string;
    assert.equal(pattern, `${'😀'.repeat(511)}…`);
    assert.equal(violation!.value, pattern);
    assert.ok(pattern.length <= 1024);
    assert.equal(allowedList(['a'.repeat(2000)]), `${'a'.repeat(1023)}…`);
  });

  it('never copies a library\'s message, whatever the issue', () => {
    const message = 'Secret: internal schema /^(a+)+$/ rejected <script>';
    const lists = [
      fromZod([{ code: 'custom', path: ['a'], message }]),
      fromAjv([{ keyword: 'x', instancePath: '/a', params: {}, message }]),
      fromExpressValidator([{ type: 'field', path: 'a', location: 'body', msg: message }]),
      fromStandardSchema([{ message, path: ['a'] }]),
    ];
    for (const list of lists) assert.doesNotMatch(JSON.stringify(list), /Secret|script/);
  });
});
