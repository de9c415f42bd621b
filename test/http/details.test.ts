/**
 * Field-level details on the wire, once per server: a route validates a JSON body with zod and
 * throws violations; what the client receives, what `onError` hears when details are refused, the
 * language of the violations, and body-parser's malformed JSON (unchanged by details).
 */
import assert from 'node:assert/strict';
import request from 'supertest';
import { z } from 'zod';
import { fromZod } from '../../lib/validation/index.js';
import type { ErrorContext } from '../../lib/index.js';
import { createServer, forEachServer, type Route } from '../support/servers.js';
import { shop } from '../support/catalog.js';

const DEADLINE = { response: 5000, deadline: 10_000 };
const Order = z.object({ name: z.string().min(3), email: z.string(), colour: z.enum(['red', 'blue']).optional() });

const routes: Record<string, Route> = {
  '/orders': ({ body }) => {
    // zod 4 reports the input only when asked: the converter then tells a missing field from a wrong type.
    const parsed = Order.safeParse(body, { reportInput: true });
    if (!parsed.success) throw shop.INVALID_PARAMETER({}, { details: fromZod(parsed.error) });
    return { ok: true };
  },
  '/credit': () => { throw shop.OUT_OF_CREDIT({}, { details: { balance: 3 } }); },
  '/refused': () => { throw shop.OUT_OF_CREDIT({}, { details: { balance: 'a lot', password: 'hunter2' } as never }); },
};

const ORDER_BODY = '{"code":"INVALID_PARAMETER","message":"There is an error in the requested parameter.","details":['
  + '{"pointer":"/colour","location":"body","code":"NOT_ALLOWED","message":"Must be one of: red, blue.","params":{"allowed":"red, blue"},"value":"green"},'
  + '{"pointer":"/email","location":"body","code":"REQUIRED","message":"This field is required."},'
  + '{"pointer":"/name","location":"body","code":"TOO_SHORT","message":"Must be at least 3 characters.","params":{"minimum":3}}]}';

describe('field-level details over HTTP', () => {
  forEachServer((name) => {
    const told: Array<{ err: unknown; context: ErrorContext }> = [];
    const server = createServer(name, {
      catalog: shop, json: true, routes,
      options: { format: 'code-message', locales: ['en', 'ko'], onError: (err, context) => { told.push({ err, context }); } },
    });

    it('answers a body that fails validation with its violations: sorted, exact bytes and length', async () => {
      const res = await request(server).post('/orders').send({ name: 'al', colour: 'green' }).timeout(DEADLINE);
      assert.equal(res.status, 400);
      assert.equal(res.text, ORDER_BODY);
      assert.equal(res.headers['content-length'], String(Buffer.byteLength(ORDER_BODY)));
    });

    it('answers the message and each violation in the negotiated language', async () => {
      const res = await request(server).post('/orders').set('Accept-Language', 'ko').send({ name: 'al', email: 'a@b' }).timeout(DEADLINE);
      const body = '{"code":"INVALID_PARAMETER","message":"요청 파라미터에 오류가 있습니다.","details":['
        + '{"pointer":"/name","location":"body","code":"TOO_SHORT","message":"최소 3자 이상이어야 합니다.","params":{"minimum":3}}]}';
      assert.equal(res.text, body);
      assert.equal(res.headers['content-length'], String(Buffer.byteLength(body)));
    });

    it('sends a definition\'s own details, and refused ones not at all, telling onError why', async () => {
      const credit = await request(server).get('/credit').timeout(DEADLINE);
      assert.equal(credit.text, '{"code":"OUT_OF_CREDIT","message":"Not enough credit.","details":{"balance":3}}');
      told.length = 0;
      const refused = await request(server).get('/refused').timeout(DEADLINE);
      assert.equal(refused.status, 403);
      assert.equal(refused.text, '{"code":"OUT_OF_CREDIT","message":"Not enough credit."}');
      assert.doesNotMatch(refused.text, /hunter2/);
      assert.equal(told.length, 1);
      assert.deepEqual(told[0]!.context.problems, ['details refused: /balance must be a finite number']);
    });

    it('answers malformed JSON as before: the 400 fallback, with no details member', async () => {
      const res = await request(server).post('/orders').set('Content-Type', 'application/json').send('{"name": ').timeout(DEADLINE);
      assert.equal(res.status, 400);
      assert.equal(res.text, '{"code":"INVALID_PARAMETER","message":"There is an error in the requested parameter."}');
    });
  });
});
