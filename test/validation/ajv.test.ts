/**
 * fromAjv against the real ajv 8: with and without allErrors, with and without verbose.
 */
import assert from 'node:assert/strict';
import { Ajv } from 'ajv';
import { fromAjv } from '../../lib/validation/index.js';

/** A game-market listing: what a seller posts. */
const listing = {
  type: 'object',
  required: ['title', 'price'],
  additionalProperties: false,
  properties: {
    title: { type: 'string', minLength: 3, maxLength: 40 },
    price: { type: 'number', exclusiveMinimum: 0, maximum: 1000 },
    tags: { type: 'array', maxItems: 2, items: { type: 'string' } },
    sku: { type: 'string', pattern: '^[A-Z]+$' },
    region: { enum: ['eu', 'us'] },
    currency: { const: 'EUR' },
    seller: { type: 'object', required: ['id'], properties: { id: { type: 'integer' }, 'a/b~c': { type: 'string' } } },
    released: { type: 'string', format: 'date' },
    stock: { type: 'integer', multipleOf: 5 },
    note: { type: ['string', 'null'] },
  },
} as const;

const bad = {
  title: 'ab', price: 0, tags: ['a', 'b', 'c'], sku: 'abc', region: 'asia', currency: 'USD',
  seller: { 'a/b~c': 1 }, released: 'someday', stock: 7, note: 3, 'extra key': true,
};

// ajv compiles a schema to code: each variant once for the file.
const compiled = new Map<string, ReturnType<Ajv['compile']>>();
function validator(options: { allErrors?: boolean; verbose?: boolean }) {
  const key = JSON.stringify(options);
  let validate = compiled.get(key);
  if (validate === undefined) {
    const ajv = new Ajv({ ...options, strict: false });
    ajv.addFormat('date', /^\d{4}-\d{2}-\d{2}$/);
    validate = ajv.compile(listing);
    compiled.set(key, validate);
  }
  return validate;
}

describe('fromAjv', () => {
  it('allErrors: folds missingProperty / additionalProperty into the pointer and maps every keyword', () => {
    const validate = validator({ allErrors: true });
    assert.equal(validate(bad), false);
    assert.deepEqual(fromAjv(validate.errors), [
      { pointer: '/extra key', location: 'body', code: 'UNKNOWN_FIELD' },
      { pointer: '/title', location: 'body', code: 'TOO_SHORT', params: { minimum: 3 } },
      { pointer: '/price', location: 'body', code: 'TOO_SMALL', params: { minimum: 0, comparison: '>' } },
      { pointer: '/tags', location: 'body', code: 'TOO_MANY', params: { maximum: 2 } },
      { pointer: '/sku', location: 'body', code: 'PATTERN', params: { pattern: '^[A-Z]+$' } },
      { pointer: '/region', location: 'body', code: 'NOT_ALLOWED', params: { allowed: 'eu, us' } },
      { pointer: '/currency', location: 'body', code: 'NOT_ALLOWED', params: { allowed: 'EUR' } },
      { pointer: '/seller/id', location: 'body', code: 'REQUIRED' },
      { pointer: '/seller/a~1b~0c', location: 'body', code: 'INVALID_TYPE', params: { expected: 'string' } },
      { pointer: '/released', location: 'body', code: 'FORMAT', params: { format: 'date' } },
      { pointer: '/stock', location: 'body', code: 'INVALID' },
      { pointer: '/note', location: 'body', code: 'INVALID_TYPE', params: { expected: 'string, null' } },
    ]);
  });

  it('without allErrors: the first error only', () => {
    const validate = validator({});
    validate({ price: 5 });
    assert.deepEqual(fromAjv(validate.errors), [{ pointer: '/title', location: 'body', code: 'REQUIRED' }]);
  });

  it('verbose: carries the offending value (an extra property\'s own value; never an object)', () => {
    const validate = validator({ allErrors: true, verbose: true });
    validate({ title: 'ab', price: 1, seller: { id: 1.5 }, tags: ['a', 'b', 'c'], 'extra key': true });
    assert.deepEqual(fromAjv(validate.errors), [
      { pointer: '/extra key', location: 'body', code: 'UNKNOWN_FIELD', value: true },
      { pointer: '/title', location: 'body', code: 'TOO_SHORT', params: { minimum: 3 }, value: 'ab' },
      { pointer: '/tags', location: 'body', code: 'TOO_MANY', params: { maximum: 2 } },
      { pointer: '/seller/id', location: 'body', code: 'INVALID_TYPE', params: { expected: 'integer' }, value: 1.5 },
    ]);
  });

  it('null errors (valid data) give an empty list; the location option is used', () => {
    const validate = validator({});
    assert.equal(validate({ title: 'abc', price: 1 }), true);
    assert.deepEqual(fromAjv(validate.errors), []);
    validate({ title: 'abc' });
    assert.deepEqual(fromAjv(validate.errors, { location: 'query' }), [{ pointer: '/price', location: 'query', code: 'REQUIRED' }]);
  });

  it('oneOf / anyOf: each branch\'s error, then the summary as INVALID; propertyNames point at the key', () => {
    const ajv = new Ajv({ allErrors: true });
    const validate = ajv.compile({
      type: 'object',
      properties: { qty: { anyOf: [{ type: 'integer' }, { type: 'string', pattern: '^\\d+$' }] }, labels: { type: 'object', propertyNames: { pattern: '^[a-z]+$' } } },
    });
    validate({ qty: 'x', labels: { Bad: 1 } });
    assert.deepEqual(fromAjv(validate.errors), [
      { pointer: '/qty', location: 'body', code: 'INVALID_TYPE', params: { expected: 'integer' } },
      { pointer: '/qty', location: 'body', code: 'PATTERN', params: { pattern: '^\\d+$' } },
      { pointer: '/qty', location: 'body', code: 'INVALID' },
      { pointer: '/labels/Bad', location: 'body', code: 'PATTERN', params: { pattern: '^[a-z]+$' } },
      { pointer: '/labels/Bad', location: 'body', code: 'INVALID' },
    ]);
  });

  it('codes overrides by ajv keyword; prototype-looking keys stay plain pointer text', () => {
    const ajv = new Ajv({ allErrors: true });
    const validate = ajv.compile({ type: 'object', required: ['constructor'], additionalProperties: false, properties: { constructor: { type: 'string' } } });
    validate(JSON.parse('{"__proto__": {"x": 1}}'));
    // ajv finds `constructor` on the object's prototype, so it is not missing but of the wrong type.
    assert.deepEqual(fromAjv(validate.errors, { codes: { additionalProperties: 'NOT_ACCEPTED' } }), [
      { pointer: '/__proto__', location: 'body', code: 'NOT_ACCEPTED' },
      { pointer: '/constructor', location: 'body', code: 'INVALID_TYPE', params: { expected: 'string' } },
    ]);
  });
});
