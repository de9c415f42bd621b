/**
 * fromZod against the real zod 3 and zod 4: each schema's actual error, converted, compared with
 * violations written by hand.
 */
import assert from 'node:assert/strict';
import { z } from 'zod';
import { z as z3 } from 'zod3';
import { fromZod } from '../../lib/validation/index.js';

/** The signup form of the marketplace example, in both zod majors. */
const signup4 = z.object({
  name: z.string().min(3).max(20),
  age: z.number().int().min(18),
  tags: z.array(z.string()).max(2),
  email: z.email(),
  sku: z.string().regex(/^[A-Z]+$/),
  plan: z.enum(['free', 'pro']),
  address: z.object({ city: z.string(), lines: z.array(z.object({ text: z.string().min(1) })) }),
}).strict();

const signup3 = z3.object({
  name: z3.string().min(3).max(20),
  age: z3.number().int().min(18),
  tags: z3.array(z3.string()).max(2),
  email: z3.string().email(),
  sku: z3.string().regex(/^[A-Z]+$/),
  plan: z3.enum(['free', 'pro']),
  address: z3.object({ city: z3.string(), lines: z3.array(z3.object({ text: z3.string().min(1) })) }),
}).strict();

const bad = {
  name: 'ab', age: 17, tags: ['a', 'b', 'c'], email: 'nope', sku: 'abc', plan: 'gold',
  address: { lines: [{ text: 'ok' }, { text: '' }] }, 'extra/key': 1,
};

describe('fromZod', () => {
  it('zod 4: maps each issue to a standard code with its params, in zod\'s order', () => {
    const result = signup4.safeParse(bad);
    assert.equal(result.success, false);
    assert.deepEqual(fromZod(result.error!), [
      { pointer: '/name', location: 'body', code: 'TOO_SHORT', params: { minimum: 3 } },
      { pointer: '/age', location: 'body', code: 'TOO_SMALL', params: { minimum: 18, comparison: '>=' } },
      { pointer: '/tags', location: 'body', code: 'TOO_MANY', params: { maximum: 2 } },
      { pointer: '/email', location: 'body', code: 'FORMAT', params: { format: 'email' } },
      { pointer: '/sku', location: 'body', code: 'PATTERN', params: { pattern: '^[A-Z]+$' } },
      { pointer: '/plan', location: 'body', code: 'NOT_ALLOWED', params: { allowed: 'free, pro' } },
      // Without reportInput, zod 4 does not say a field is missing: a wrong type, expected string.
      { pointer: '/address/city', location: 'body', code: 'INVALID_TYPE', params: { expected: 'string' } },
      { pointer: '/address/lines/1/text', location: 'body', code: 'TOO_SHORT', params: { minimum: 1 } },
      { pointer: '/extra~1key', location: 'body', code: 'UNKNOWN_FIELD' },
    ]);
  });

  it('zod 4 with reportInput: a missing field is REQUIRED and each value is carried', () => {
    const result = signup4.safeParse(bad, { reportInput: true });
    assert.deepEqual(fromZod(result.error!), [
      { pointer: '/name', location: 'body', code: 'TOO_SHORT', params: { minimum: 3 }, value: 'ab' },
      { pointer: '/age', location: 'body', code: 'TOO_SMALL', params: { minimum: 18, comparison: '>=' }, value: 17 },
      { pointer: '/tags', location: 'body', code: 'TOO_MANY', params: { maximum: 2 } },
      { pointer: '/email', location: 'body', code: 'FORMAT', params: { format: 'email' }, value: 'nope' },
      { pointer: '/sku', location: 'body', code: 'PATTERN', params: { pattern: '^[A-Z]+$' }, value: 'abc' },
      { pointer: '/plan', location: 'body', code: 'NOT_ALLOWED', params: { allowed: 'free, pro' }, value: 'gold' },
      { pointer: '/address/city', location: 'body', code: 'REQUIRED' },
      { pointer: '/address/lines/1/text', location: 'body', code: 'TOO_SHORT', params: { minimum: 1 }, value: '' },
      { pointer: '/extra~1key', location: 'body', code: 'UNKNOWN_FIELD' },
    ]);
  });

  it('zod 3: the same form, the same violations (received: undefined is REQUIRED; the regex is not reported)', () => {
    const result = signup3.safeParse(bad);
    assert.equal(result.success, false);
    assert.deepEqual(fromZod(result.error!), [
      { pointer: '/name', location: 'body', code: 'TOO_SHORT', params: { minimum: 3 } },
      { pointer: '/age', location: 'body', code: 'TOO_SMALL', params: { minimum: 18, comparison: '>=' } },
      { pointer: '/tags', location: 'body', code: 'TOO_MANY', params: { maximum: 2 } },
      { pointer: '/email', location: 'body', code: 'FORMAT', params: { format: 'email' } },
      { pointer: '/sku', location: 'body', code: 'PATTERN' },
      { pointer: '/plan', location: 'body', code: 'NOT_ALLOWED', params: { allowed: 'free, pro' }, value: 'gold' },
      { pointer: '/address/city', location: 'body', code: 'REQUIRED' },
      { pointer: '/address/lines/1/text', location: 'body', code: 'TOO_SHORT', params: { minimum: 1 } },
      { pointer: '/extra~1key', location: 'body', code: 'UNKNOWN_FIELD' },
    ]);
  });

  it('accepts the issues array as well as the error', () => {
    const result = z.object({ q: z.string() }).safeParse({ q: 1 });
    assert.deepEqual(fromZod(result.error!.issues, { location: 'query' }), [
      { pointer: '/q', location: 'query', code: 'INVALID_TYPE', params: { expected: 'string' } },
    ]);
  });

  it('numbers, exclusive bounds, integers, dates, literals and bigints', () => {
    const when = new Date('2024-01-01T00:00:00.000Z');
    const schema4 = z.object({ gt: z.number().gt(0), lt: z.number().lt(10), int: z.number().int(), at: z.date().min(when), lit: z.literal('x'), big: z.bigint().max(5n) });
    const input = { gt: 0, lt: 10, int: 1.5, at: new Date('2023-01-01'), lit: 'y', big: 9n };
    assert.deepEqual(fromZod(schema4.safeParse(input).error!), [
      { pointer: '/gt', location: 'body', code: 'TOO_SMALL', params: { minimum: 0, comparison: '>' } },
      { pointer: '/lt', location: 'body', code: 'TOO_BIG', params: { maximum: 10, comparison: '<' } },
      { pointer: '/int', location: 'body', code: 'INVALID_TYPE', params: { expected: 'int' } },
      { pointer: '/at', location: 'body', code: 'TOO_SMALL', params: { minimum: '2024-01-01T00:00:00.000Z', comparison: '>=' } },
      { pointer: '/lit', location: 'body', code: 'NOT_ALLOWED', params: { allowed: 'x' } },
      { pointer: '/big', location: 'body', code: 'TOO_BIG', params: { maximum: 5, comparison: '<=' } },
    ]);
    const schema3 = z3.object({ gt: z3.number().gt(0), lt: z3.number().lt(10), int: z3.number().int(), at: z3.date().min(when), lit: z3.literal('x'), big: z3.bigint().max(5n) });
    assert.deepEqual(fromZod(schema3.safeParse(input).error!), [
      { pointer: '/gt', location: 'body', code: 'TOO_SMALL', params: { minimum: 0, comparison: '>' } },
      { pointer: '/lt', location: 'body', code: 'TOO_BIG', params: { maximum: 10, comparison: '<' } },
      { pointer: '/int', location: 'body', code: 'INVALID_TYPE', params: { expected: 'integer' } },
      { pointer: '/at', location: 'body', code: 'TOO_SMALL', params: { minimum: '2024-01-01T00:00:00.000Z', comparison: '>=' } },
      { pointer: '/lit', location: 'body', code: 'NOT_ALLOWED', params: { allowed: 'x' }, value: 'y' },
      { pointer: '/big', location: 'body', code: 'TOO_BIG', params: { maximum: 5, comparison: '<=' } },
    ]);
  });

  it('flattens unions with their full paths, in both majors (never the lost nested paths of flatten())', () => {
    const shipping4 = z.object({ order: z.object({ ship: z.union([z.object({ pickup: z.string() }), z.object({ address: z.object({ zip: z.string().length(5) }) })]) }) });
    const shipping3 = z3.object({ order: z3.object({ ship: z3.union([z3.object({ pickup: z3.string() }), z3.object({ address: z3.object({ zip: z3.string().length(5) }) })]) }) });
    const input = { order: { ship: { address: { zip: '123' } } } };
    // When one branch matched the shape, zod reports only its issues; otherwise every branch's.
    assert.deepEqual(fromZod(shipping4.safeParse(input, { reportInput: true }).error!), [
      { pointer: '/order/ship/address/zip', location: 'body', code: 'TOO_SHORT', params: { minimum: 5 }, value: '123' },
    ]);
    assert.deepEqual(fromZod(shipping4.safeParse({ order: { ship: { pickup: 7 } } }, { reportInput: true }).error!), [
      { pointer: '/order/ship/pickup', location: 'body', code: 'INVALID_TYPE', params: { expected: 'string' }, value: 7 },
      { pointer: '/order/ship/address', location: 'body', code: 'REQUIRED' },
    ]);
    assert.deepEqual(fromZod(shipping3.safeParse(input).error!), [
      { pointer: '/order/ship/address/zip', location: 'body', code: 'TOO_SHORT', params: { minimum: 5 } },
    ]);
    assert.deepEqual(fromZod(shipping3.safeParse({ order: { ship: { pickup: 7 } } }).error!), [
      { pointer: '/order/ship/pickup', location: 'body', code: 'INVALID_TYPE', params: { expected: 'string' } },
      { pointer: '/order/ship/address', location: 'body', code: 'REQUIRED' },
    ]);
  });

  it('a discriminated union names the allowed discriminators', () => {
    const pay4 = z.discriminatedUnion('method', [z.object({ method: z.literal('card') }), z.object({ method: z.literal('bank') })]);
    const pay3 = z3.discriminatedUnion('method', [z3.object({ method: z3.literal('card') }), z3.object({ method: z3.literal('bank') })]);
    const expected = [{ pointer: '/method', location: 'body', code: 'NOT_ALLOWED', params: { allowed: 'card, bank' } }];
    assert.deepEqual(fromZod(pay4.safeParse({ method: 'cash' }).error!), expected);
    assert.deepEqual(fromZod(pay3.safeParse({ method: 'cash' }).error!), expected);
  });

  it('a refinement or an unknown code is INVALID; codes overrides by zod code, keeping params', () => {
    const schema = z.object({ qty: z.number().refine((n) => n % 2 === 0, 'must be even'), name: z.string().min(2) });
    const error = schema.safeParse({ qty: 3, name: 'a' }).error!;
    assert.deepEqual(fromZod(error), [
      { pointer: '/qty', location: 'body', code: 'INVALID' },
      { pointer: '/name', location: 'body', code: 'TOO_SHORT', params: { minimum: 2 } },
    ]);
    assert.deepEqual(fromZod(error, { codes: { custom: 'NOT_EVEN', too_small: 'NAME_TOO_SHORT' } }), [
      { pointer: '/qty', location: 'body', code: 'NOT_EVEN' },
      { pointer: '/name', location: 'body', code: 'NAME_TOO_SHORT', params: { minimum: 2 } },
    ]);
  });

  it('never uses zod\'s messages, even a custom one', () => {
    const error = z.object({ a: z.string({ error: 'Please tell us your name' }) }).safeParse({ a: 1 }).error!;
    assert.doesNotMatch(JSON.stringify(fromZod(error)), /Please|Invalid/);
  });

  it('keeps prototype-looking keys as plain pointer text', () => {
    const body = JSON.parse('{"__proto__": 1, "constructor": 2}') as unknown;
    assert.deepEqual(fromZod(z.object({}).strict().safeParse(body).error!), [
      { pointer: '/__proto__', location: 'body', code: 'UNKNOWN_FIELD' },
      { pointer: '/constructor', location: 'body', code: 'UNKNOWN_FIELD' },
    ]);
  });

  it('returns a frozen list of frozen violations', () => {
    const list = fromZod(z.object({ a: z.string().min(2) }).safeParse({ a: 'x' }).error!);
    assert.ok(Object.isFrozen(list) && Object.isFrozen(list[0]) && Object.isFrozen(list[0]!.params));
  });
});
