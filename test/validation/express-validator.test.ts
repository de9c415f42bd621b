/**
 * fromExpressValidator against the real express-validator 7, its chains run on a request object
 * as its middleware runs them (no server: express-validator reads only req.body, query, params,
 * headers and cookies).
 */
import assert from 'node:assert/strict';
import { body, checkExact, cookie, header, oneOf, param, query, validationResult, type ContextRunner } from 'express-validator';
import { fromExpressValidator, parseFieldPath } from '../../lib/validation/express-validator.js';

/** A groupware request: a message posted to a channel. */
function request(): Record<string, unknown> {
  return {
    body: { subject: 'hi', recipients: [{ email: 'a@example.com' }, { email: 'nope' }], meta: { 'x.y': 'z', priority: 9 }, extra: 'x' },
    query: { page: 'first' },
    params: { channelId: 'abc' },
    headers: { 'x-tenant': 'unknown' },
    cookies: { session: '' },
  };
}

async function run(req: Record<string, unknown>, chains: ContextRunner[]) {
  for (const chain of chains) await chain.run(req);
  return validationResult(req);
}

describe('fromExpressValidator', () => {
  it('each error keeps its own location; paths become pointers; messages are never sent', async () => {
    const req = request();
    const result = await run(req, [
      body('subject').isLength({ min: 3 }),
      body('recipients[*].email').isEmail(),
      body("meta['x.y']").isInt(),
      body('meta.priority').isInt({ max: 5 }).withMessage('Priority too high'),
      body('title').exists(),
      query('page').isInt(),
      param('channelId').isUUID(),
      header('x-tenant').isIn(['acme', 'globex']),
      cookie('session').notEmpty(),
    ]);
    assert.deepEqual(fromExpressValidator(result), [
      { pointer: '/subject', location: 'body', code: 'INVALID', value: 'hi' },
      { pointer: '/recipients/1/email', location: 'body', code: 'INVALID', value: 'nope' },
      { pointer: '/meta/x.y', location: 'body', code: 'INVALID', value: 'z' },
      { pointer: '/meta/priority', location: 'body', code: 'INVALID', value: 9 },
      { pointer: '/title', location: 'body', code: 'INVALID' },
      { pointer: '/page', location: 'query', code: 'INVALID', value: 'first' },
      { pointer: '/channelId', location: 'path', code: 'INVALID', value: 'abc' },
      { pointer: '/x-tenant', location: 'header', code: 'INVALID', value: 'unknown' },
      { pointer: '/session', location: 'cookie', code: 'INVALID', value: '' },
    ]);
  });

  it('a message that is a violation code is the code; codes maps other messages; the array() works too', async () => {
    const req = request();
    const result = await run(req, [
      body('subject').isLength({ min: 3 }).withMessage('TOO_SHORT'),
      body('title').exists().withMessage('is required'),
      body('meta.priority').isInt({ max: 5 }).withMessage('Too high'),
    ]);
    assert.deepEqual(fromExpressValidator(result.array(), { codes: { 'is required': 'REQUIRED' } }), [
      { pointer: '/subject', location: 'body', code: 'TOO_SHORT', value: 'hi' },
      { pointer: '/title', location: 'body', code: 'REQUIRED' },
      { pointer: '/meta/priority', location: 'body', code: 'INVALID', value: 9 },
    ]);
  });

  it('oneOf errors, alternative and grouped, are flattened', async () => {
    const req = request();
    const result = await run(req, [
      oneOf([body('subject').isEmail(), body('subject').isURL()]),
      oneOf([[body('subject').isEmail(), query('page').isInt()], body('subject').isURL()], { errorType: 'grouped' }),
      oneOf([body('subject').isEmail(), body('subject').isURL()], { errorType: 'least_errored' }),
    ]);
    assert.deepEqual(fromExpressValidator(result), [
      { pointer: '/subject', location: 'body', code: 'INVALID', value: 'hi' },
      { pointer: '/subject', location: 'body', code: 'INVALID', value: 'hi' },
      { pointer: '/subject', location: 'body', code: 'INVALID', value: 'hi' },
      { pointer: '/page', location: 'query', code: 'INVALID', value: 'first' },
      { pointer: '/subject', location: 'body', code: 'INVALID', value: 'hi' },
      { pointer: '/subject', location: 'body', code: 'INVALID', value: 'hi' },
    ]);
  });

  it('checkExact: one UNKNOWN_FIELD per unknown field, at its location', async () => {
    const req = request();
    (req.query as Record<string, unknown>)['debug'] = '1';
    const result = await run(req, [
      checkExact([body('subject'), body('recipients[*].email'), body("meta['x.y']"), body('meta.priority'), query('page')], { locations: ['body', 'query'] }),
    ]);
    assert.deepEqual(fromExpressValidator(result), [
      { pointer: '/extra', location: 'body', code: 'UNKNOWN_FIELD', value: 'x' },
      { pointer: '/debug', location: 'query', code: 'UNKNOWN_FIELD', value: '1' },
    ]);
  });

  it('reads express-validator paths as RFC 6901 pointers take them', () => {
    const cases: Array<[string, Array<string | number>]> = [
      ['name', ['name']],
      ['items[0].name', ['items', 0, 'name']],
      ['address.city', ['address', 'city']],
      ['["a.b"].c', ['a.b', 'c']],
      ["['a.b']", ['a.b']],
      ['a["x.y"][2]', ['a', 'x.y', 2]],
      ['list[01]', ['list', '01']],
      ['', []],
      ['__proto__.constructor', ['__proto__', 'constructor']],
    ];
    for (const [path, segments] of cases) assert.deepEqual(parseFieldPath(path), segments, path);
  });
});
