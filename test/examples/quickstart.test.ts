/**
 * examples/quickstart (Express 5): the order body checked by zod and answered with violations,
 * exactly as the example's README and reference page show them.
 */
import assert from 'node:assert/strict';
import request from 'supertest';
import { createApp } from '../../examples/quickstart/server.js';
import { errors } from '../../examples/quickstart/catalog.js';
import { expectError } from '../../lib/testing/index.js';

const DEADLINE = { response: 5000, deadline: 10_000 };
const app = createApp();
const order = (body: string) => request(app).post('/orders').set('Authorization', 'Bearer admin-token')
  .set('Content-Type', 'application/json').send(body).timeout(DEADLINE);

describe('examples/quickstart: an order body checked field by field', () => {
  it('answers 422 INVALID_ORDER with one violation per bad field, in pointer order', async () => {
    const res = await order('{"sku":"sku1","quantity":0,"note":"x"}');
    assert.equal(res.status, 422);
    assert.equal(res.text, '{"code":"INVALID_ORDER","message":"The order has invalid fields.","details":['
      + '{"pointer":"/note","location":"body","code":"UNKNOWN_FIELD","message":"This field is not allowed."},'
      + '{"pointer":"/quantity","location":"body","code":"TOO_SMALL","message":"Must be at least 1.","params":{"minimum":1}},'
      + '{"pointer":"/sku","location":"body","code":"PATTERN","message":"Must look like SKU-1."}]}');
  });

  it('tells a missing field (REQUIRED) from one of the wrong type (INVALID_TYPE)', async () => {
    expectError(await order('{"quantity":"2"}'), errors.INVALID_ORDER, {}, {
      format: 'code-message',
      details: [
        { pointer: '/quantity', location: 'body', code: 'INVALID_TYPE', params: { expected: 'number' } },
        { pointer: '/sku', location: 'body', code: 'REQUIRED' },
      ],
    });
  });

  it('keeps answering malformed JSON with BAD_REQUEST, without details', async () => {
    const res = await order('{"sku": oops}');
    assert.equal(res.status, 400);
    assert.equal(res.text, '{"code":"BAD_REQUEST","message":"Invalid or missing query parameters."}');
  });

  it('accepts a valid order', async () => {
    const res = await order('{"sku":"SKU-1","quantity":1}');
    assert.equal(res.status, 201);
  });
});
