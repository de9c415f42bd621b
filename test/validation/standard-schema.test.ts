/**
 * fromStandardSchema against the real valibot and arktype (and zod 4 through its `~standard`),
 * each schema's `~standard.validate()` issues converted and compared with violations written by hand.
 */
import assert from 'node:assert/strict';
import { type } from 'arktype';
import * as v from 'valibot';
import { z } from 'zod';
import { fromStandardSchema } from '../../lib/validation/index.js';

/** A BaaS project's settings, as each library writes it. */
const projectValibot = v.strictObject({
  name: v.pipe(v.string(), v.minLength(3), v.maxLength(20)),
  seats: v.pipe(v.number(), v.integer(), v.minValue(1), v.ltValue(100)),
  regions: v.pipe(v.array(v.string()), v.nonEmpty()),
  slug: v.pipe(v.string(), v.regex(/^[a-z-]+$/)),
  owner: v.pipe(v.string(), v.email()),
  tier: v.picklist(['free', 'team']),
  webhook: v.object({ url: v.string(), retries: v.number() }),
  codes: v.pipe(v.array(v.string()), v.length(2)),
});

const input = {
  name: 'ab', seats: 100, regions: [], slug: 'Not Valid', owner: 'nope', tier: 'gold',
  webhook: { retries: 'three' }, codes: ['a', 'b', 'c'], 'x~y': 1,
};

async function issuesOf(schema: { readonly '~standard': { validate(value: unknown): unknown } }, value: unknown) {
  const result = await schema['~standard'].validate(value) as { issues?: readonly { message: string }[] };
  assert.ok(result.issues !== undefined, 'the value should fail');
  return result.issues;
}

describe('fromStandardSchema', () => {
  it('valibot: kind and type pick the code; requirement gives the params', async () => {
    assert.deepEqual(fromStandardSchema(await issuesOf(projectValibot, input)), [
      { pointer: '/name', location: 'body', code: 'TOO_SHORT', params: { minimum: 3 }, value: 'ab' },
      { pointer: '/seats', location: 'body', code: 'TOO_BIG', params: { maximum: 100, comparison: '<' }, value: 100 },
      { pointer: '/regions', location: 'body', code: 'TOO_FEW', params: { minimum: 1 } },
      { pointer: '/slug', location: 'body', code: 'PATTERN', params: { pattern: '^[a-z-]+$' }, value: 'Not Valid' },
      { pointer: '/owner', location: 'body', code: 'FORMAT', params: { format: 'email' }, value: 'nope' },
      { pointer: '/tier', location: 'body', code: 'NOT_ALLOWED', params: { allowed: 'free, team' }, value: 'gold' },
      { pointer: '/webhook/url', location: 'body', code: 'REQUIRED' },
      { pointer: '/webhook/retries', location: 'body', code: 'INVALID_TYPE', params: { expected: 'number' }, value: 'three' },
      { pointer: '/codes', location: 'body', code: 'TOO_MANY', params: { maximum: 2 } },
      { pointer: '/x~0y', location: 'body', code: 'UNKNOWN_FIELD', value: 1 },
    ]);
  });

  it('valibot: a union\'s issues are flattened under the union\'s path; an integer check is a type', async () => {
    const schema = v.object({
      ship: v.union([v.object({ pickup: v.string() }), v.object({ zip: v.pipe(v.string(), v.length(5)) })]),
      qty: v.pipe(v.number(), v.integer()),
    });
    assert.deepEqual(fromStandardSchema(await issuesOf(schema, { ship: {}, qty: 1.5 })), [
      { pointer: '/ship/pickup', location: 'body', code: 'REQUIRED' },
      { pointer: '/ship/zip', location: 'body', code: 'REQUIRED' },
      { pointer: '/qty', location: 'body', code: 'INVALID_TYPE', params: { expected: 'integer' }, value: 1.5 },
    ]);
  });

  it('arktype: its codes pick the violation code; `+: reject` keys are UNKNOWN_FIELD', async () => {
    const project = type({
      '+': 'reject',
      name: 'string >= 3',
      seats: 'number > 0',
      regions: 'string[] >= 1',
      slug: /^[a-z-]+$/,
      tier: "'free' | 'team'",
      webhook: { url: 'string', retries: 'number' },
      code: 'string == 4',
    });
    const issues = await issuesOf(project, { name: 'ab', seats: 0, regions: [], slug: 'Not Valid', tier: 'gold', webhook: { retries: 'three' }, code: 'abcde', debug: true });
    assert.deepEqual(fromStandardSchema(issues, { location: 'body' }), [
      { pointer: '/code', location: 'body', code: 'TOO_LONG', params: { maximum: 4 }, value: 'abcde' },
      { pointer: '/name', location: 'body', code: 'TOO_SHORT', params: { minimum: 3 }, value: 'ab' },
      { pointer: '/regions', location: 'body', code: 'TOO_FEW', params: { minimum: 1 } },
      { pointer: '/seats', location: 'body', code: 'TOO_SMALL', params: { minimum: 0, comparison: '>' }, value: 0 },
      { pointer: '/slug', location: 'body', code: 'PATTERN', params: { pattern: '^[a-z-]+$' }, value: 'Not Valid' },
      { pointer: '/tier', location: 'body', code: 'NOT_ALLOWED', params: { allowed: 'free, team' }, value: 'gold' },
      { pointer: '/webhook/retries', location: 'body', code: 'INVALID_TYPE', params: { expected: 'number' }, value: 'three' },
      { pointer: '/webhook/url', location: 'body', code: 'REQUIRED' },
      { pointer: '/debug', location: 'body', code: 'UNKNOWN_FIELD' },
    ]);
  });

  it('zod 4 through its ~standard: mapped as fromZod maps it', async () => {
    const schema = z.object({ name: z.string().min(3), plan: z.enum(['free', 'pro']) });
    assert.deepEqual(fromStandardSchema(await issuesOf(schema, { name: 'ab', plan: 'gold' })), [
      { pointer: '/name', location: 'body', code: 'TOO_SHORT', params: { minimum: 3 } },
      { pointer: '/plan', location: 'body', code: 'NOT_ALLOWED', params: { allowed: 'free, pro' } },
    ]);
  });

  it('a plain standard issue is INVALID at its path; { key } segments are unwrapped; the result object works too', () => {
    const issues = [
      { message: 'Nope', path: ['items', 0, 'sku'] },
      { message: 'Nope', path: [{ key: 'owner' }, { key: 'email' }] },
      { message: 'Whole body' },
    ];
    assert.deepEqual(fromStandardSchema({ issues }, { location: 'query' }), [
      { pointer: '/items/0/sku', location: 'query', code: 'INVALID' },
      { pointer: '/owner/email', location: 'query', code: 'INVALID' },
      { pointer: '', location: 'query', code: 'INVALID' },
    ]);
  });

  it('a symbol in a path ends the pointer at its parent (no request can name a symbol)', () => {
    const secret = Symbol('internal');
    assert.deepEqual(fromStandardSchema([
      { message: 'x', path: ['profile', secret, 'name'] },
      { message: 'x', path: [{ key: secret }] },
    ]), [
      { pointer: '/profile', location: 'body', code: 'INVALID' },
      { pointer: '', location: 'body', code: 'INVALID' },
    ]);
  });
});
