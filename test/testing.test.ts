/**
 * `house-errors/testing`: `expectError` passes on exactly the answer a catalog error gets
 * (responses written here by hand, then real servers' responses), and fails on anything else
 * with the difference named.
 */
import assert, { AssertionError } from 'node:assert/strict';
import request from 'supertest';
import fc from 'fast-check';
import { createServer, forEachServer, type Route } from './support/servers.js';
import { errors, expectedBody, FORMAT_NAMES, FORMATS, type FormatName } from './support/catalog.js';
import { defineCatalog, defineFormat } from '../lib/index.js';
import { expectError, matchError } from '../lib/testing/index.js';

const DEADLINE = { deadline: 5000 };
const JSON_TYPE = 'application/json; charset=utf-8';

/** A response written by hand: the status, the content type of `format`, a body and headers. */
function response(format: FormatName, status: number, code: string, message: string, headers: Record<string, string> = {}) {
  return { status, headers: { 'content-type': FORMATS[format].contentType, ...headers }, body: expectedBody(format, code, status, message) };
}

/** The assertion `fn` throws: an AssertionError whose message matches every pattern. */
function failsWith(fn: () => void, ...patterns: RegExp[]): string {
  let message = '';
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof AssertionError, 'expected an AssertionError');
    message = err.message;
    for (const pattern of patterns) assert.match(err.message, pattern);
    return true;
  });
  return message;
}

const CHALLENGE = {
  invalid: 'Bearer realm="api", error="invalid_token", error_description="Invalid auth token."',
  scope: 'Bearer realm="api", error="insufficient_scope", error_description="Not enough permission.", scope="orders:write admin"',
};

describe('expectError passes on the right answer', () => {
  for (const format of FORMAT_NAMES) {
    describe(`in ${format}`, () => {
      const options = { format } as const;
      it('for a Bearer challenge with and without an error', () => {
        expectError(response(format, 401, 'INVALID_AUTH_TOKEN', 'Invalid auth token.', { 'www-authenticate': CHALLENGE.invalid }), errors.INVALID_AUTH_TOKEN, {}, options);
        expectError(response(format, 401, 'MISSING_AUTH_TOKEN', 'Auth token missing in the request.', { 'WWW-Authenticate': 'Bearer realm="api"' }), errors.MISSING_AUTH_TOKEN, undefined, options);
      });
      it('for insufficient_scope with its scope and a thrown error_description', () => {
        expectError(response(format, 403, 'NOT_ENOUGH_PERMISSION', 'Not enough permission.', { 'www-authenticate': CHALLENGE.scope }), errors.NOT_ENOUGH_PERMISSION, {},
          { format, scope: ['orders:write', 'admin'] });
        expectError(response(format, 401, 'INVALID_AUTH_TOKEN', 'Invalid auth token.', { 'www-authenticate': 'Bearer realm="api", error="invalid_token", error_description="The token expired at noon"' }),
          errors.INVALID_AUTH_TOKEN, {}, { format, errorDescription: 'The token expired at noon' });
      });
      it('for a message parameter, a code family and a shared code', () => {
        expectError(response(format, 500, 'ILLEGAL_STATE', 'Illegal state: order book locked'), errors.ILLEGAL_STATE, { detail: 'order book locked' }, options);
        expectError(response(format, 404, 'USER_NOT_EXIST', 'The specific resource could not be found.'), errors['{RESOURCE}_NOT_EXIST'], { RESOURCE: 'USER' }, options);
        expectError(response(format, 406, 'BAD_REQUEST', 'Bad request'), errors.LOGIC_BAD_REQUEST, {}, options);
      });
      it('for a definition header', () => {
        expectError(response(format, 429, 'TOO_MANY_REQUESTS', 'Too many requests.', { 'retry-after': '30' }), errors.TOO_MANY_REQUESTS, {}, options);
      });
    });
  }

  describe('on a real server, in a supertest chain with matchError', () => {
    const routes: Record<string, Route> = {
      '/scope': () => { throw errors.NOT_ENOUGH_PERMISSION({}, { scope: ['orders:write', 'admin'] }); },
      '/family': () => { throw errors['{RESOURCE}_NOT_EXIST']({ RESOURCE: 'USER' }); },
    };
    forEachServer((name) => {
      const app = createServer(name, { catalog: errors, options: { format: 'problem-details' }, routes });
      it('passes, and the chain resolves', async () => {
        await request(app).get('/scope').timeout(DEADLINE)
          .expect(matchError(errors.NOT_ENOUGH_PERMISSION, {}, { format: 'problem-details', scope: ['orders:write', 'admin'] }));
        expectError(await request(app).get('/family').timeout(DEADLINE), errors['{RESOURCE}_NOT_EXIST'], { RESOURCE: 'USER' }, { format: 'problem-details' });
      });
    });
  });
});

describe('expectError fails with the difference named', () => {
  const options = { format: 'code-message' } as const;
  const json = (status: number, text: string, headers: Record<string, string> = {}) => ({ status, headers: { 'Content-Type': JSON_TYPE, ...headers }, text });
  const invalidToken = json(401, '{"code":"INVALID_AUTH_TOKEN","message":"Invalid auth token."}', { 'WWW-Authenticate': CHALLENGE.invalid });

  it('on a wrong code, naming the catalog key received', () => {
    const message = failsWith(() => expectError(invalidToken, errors.EXPIRED_AUTH_TOKEN, {}, options));
    assert.equal(message, [
      'expected EXPIRED_AUTH_TOKEN (401 EXPIRED_AUTH_TOKEN) in format "code-message"; received 401 INVALID_AUTH_TOKEN (catalog key "INVALID_AUTH_TOKEN")',
      '  body: expected {"code":"EXPIRED_AUTH_TOKEN","message":"Expired auth token."}',
      '        received {"code":"INVALID_AUTH_TOKEN","message":"Invalid auth token."}',
      '  header WWW-Authenticate: expected "Bearer realm=\\"api\\", error=\\"invalid_token\\", error_description=\\"Expired auth token.\\"", '
        + 'received "Bearer realm=\\"api\\", error=\\"invalid_token\\", error_description=\\"Invalid auth token.\\""',
    ].join('\n'));
  });
  it('on a wrong status: the same code at another status', () => {
    failsWith(() => expectError(json(406, '{"code":"BAD_REQUEST","message":"Bad request"}'), errors.BAD_REQUEST, {}, options),
      /^expected BAD_REQUEST \(400 BAD_REQUEST\) in format "code-message"; received 406 BAD_REQUEST \(catalog key "LOGIC_BAD_REQUEST"\)\n/,
      /\n {2}status: expected 400, received 406\n/,
      /\n {2}body: expected \{"code":"BAD_REQUEST","message":"Invalid or missing query parameters\."\}\n {8}received \{"code":"BAD_REQUEST","message":"Bad request"\}/);
  });
  it('on a wrong message parameter', () => {
    const message = failsWith(() => expectError(json(500, '{"code":"ILLEGAL_STATE","message":"Illegal state: order book locked"}'), errors.ILLEGAL_STATE, { detail: 'queue full' }, options),
      /received 500 ILLEGAL_STATE \(catalog key "ILLEGAL_STATE"\)/,
      /body: expected \{"code":"ILLEGAL_STATE","message":"Illegal state: queue full"\}/,
      /received \{"code":"ILLEGAL_STATE","message":"Illegal state: order book locked"\}/);
    assert.doesNotMatch(message, /status:/);
  });
  it('on a wrong family value', () => {
    failsWith(() => expectError(json(404, '{"code":"USER_NOT_EXIST","message":"The specific resource could not be found."}'), errors['{RESOURCE}_NOT_EXIST'], { RESOURCE: 'ORDER' }, options),
      /^expected \{RESOURCE\}_NOT_EXIST \(404 ORDER_NOT_EXIST\) in format "code-message"; received 404 USER_NOT_EXIST \(catalog key "\{RESOURCE\}_NOT_EXIST"\)/);
  });
  it('on a missing WWW-Authenticate header', () => {
    const message = failsWith(() => expectError(json(401, '{"code":"INVALID_AUTH_TOKEN","message":"Invalid auth token."}'), errors.INVALID_AUTH_TOKEN, {}, options));
    assert.equal(message, [
      'expected INVALID_AUTH_TOKEN (401 INVALID_AUTH_TOKEN) in format "code-message"; received 401 INVALID_AUTH_TOKEN (catalog key "INVALID_AUTH_TOKEN")',
      '  header WWW-Authenticate: expected "Bearer realm=\\"api\\", error=\\"invalid_token\\", error_description=\\"Invalid auth token.\\"", received none',
    ].join('\n'));
  });
  it('on a missing definition header', () => {
    failsWith(() => expectError(json(429, '{"code":"TOO_MANY_REQUESTS","message":"Too many requests."}'), errors.TOO_MANY_REQUESTS, {}, options),
      /\n {2}header Retry-After: expected "30", received none$/);
  });
  it('on a wrong scope, and on a scope the server did not send', () => {
    const res = json(403, '{"code":"NOT_ENOUGH_PERMISSION","message":"Not enough permission."}', { 'WWW-Authenticate': CHALLENGE.scope });
    failsWith(() => expectError(res, errors.NOT_ENOUGH_PERMISSION, {}, { ...options, scope: ['orders:read'] }),
      /header WWW-Authenticate: expected "[^\n]*scope=\\"orders:read\\"", received "[^\n]*scope=\\"orders:write admin\\""/);
    failsWith(() => expectError(res, errors.NOT_ENOUGH_PERMISSION, {}, options),
      /header WWW-Authenticate: expected "Bearer realm=\\"api\\", error=\\"insufficient_scope\\", error_description=\\"Not enough permission\.\\"", received/);
  });
  it('on a wrong format, naming the format received', () => {
    failsWith(() => expectError(invalidToken, errors.INVALID_AUTH_TOKEN, {}, { format: 'errorCode-reason' }),
      /^expected INVALID_AUTH_TOKEN \(401 INVALID_AUTH_TOKEN\) in format "errorCode-reason"; received 401 INVALID_AUTH_TOKEN \(catalog key "INVALID_AUTH_TOKEN"\) in format "code-message", not "errorCode-reason"\n/,
      /body: expected \{"errorCode":"INVALID_AUTH_TOKEN","reason":"Invalid auth token\."\}/);
    failsWith(() => expectError(invalidToken, errors.INVALID_AUTH_TOKEN, {}, { format: 'problem-details' }),
      /\n {2}header Content-Type: expected "application\/problem\+json; charset=utf-8", received "application\/json; charset=utf-8"/);
  });
  it('on a wrong content type or charset', () => {
    const body = '{"code":"BAD_REQUEST","message":"Invalid or missing query parameters."}';
    failsWith(() => expectError({ status: 400, headers: { 'Content-Type': 'text/plain; charset=utf-8' }, text: body }, errors.BAD_REQUEST, {}, options),
      /^expected BAD_REQUEST \(400 BAD_REQUEST\) in format "code-message"; received 400 BAD_REQUEST \(catalog key "BAD_REQUEST"\)\n {2}header Content-Type: expected "application\/json; charset=utf-8", received "text\/plain; charset=utf-8"$/);
    failsWith(() => expectError({ status: 400, headers: { 'Content-Type': 'application/json; charset=iso-8859-1' }, text: body }, errors.BAD_REQUEST, {}, options),
      /received "application\/json; charset=iso-8859-1"$/);
  });
  it('on a code that is not in the catalog', () => {
    failsWith(() => expectError(json(400, '{"code":"VALIDATION_FAILED","message":"name is required"}'), errors.BAD_REQUEST, {}, options),
      /received 400 VALIDATION_FAILED \(not a code of this catalog\)/);
  });
  it('on a success', () => {
    failsWith(() => expectError(json(200, '{"ok":true}'), errors.BAD_REQUEST, {}, options),
      /received 200 with a body that is not a "code-message" error body\n {2}status: expected 400, received 200\n/,
      /received \{"ok":true\}/);
  });
  describe('in a supertest chain', () => {
    forEachServer((name) => {
      const app = createServer(name, { catalog: errors, options, routes: { '/illegal': () => Promise.reject(errors.ILLEGAL_STATE({ detail: 'order book locked' })) } });
      it('the request rejects with the AssertionError', async () => {
        await assert.rejects(
          request(app).get('/illegal').timeout(DEADLINE).expect(matchError(errors.ILLEGAL_STATE, { detail: 'x' }, options)),
          (err: unknown) => err instanceof AssertionError && /Illegal state: x/.test(err.message),
        );
      });
    });
  });
});

describe('expectError with languages', () => {
  const i18n = defineCatalog({
    NOT_FOUND: { status: 404, message: { en: 'Not found: {what}', ko: '찾을 수 없습니다: {what}' } },
    INTERNAL_ERROR: { status: 500, message: { en: 'Internal error.', ko: '내부 오류입니다.' } },
  });
  it('expects the text and Content-Language of the given locale', () => {
    const res = { status: 404, headers: { 'content-type': JSON_TYPE, 'content-language': 'ko' }, text: '{"code":"NOT_FOUND","message":"찾을 수 없습니다: order"}' };
    expectError(res, i18n.NOT_FOUND, { what: 'order' }, { format: 'code-message', locale: 'ko' });
    failsWith(() => expectError(res, i18n.NOT_FOUND, { what: 'order' }, { format: 'code-message', locale: 'en' }),
      /received 404 NOT_FOUND \(catalog key "NOT_FOUND"\)\n/,
      /body: expected \{"code":"NOT_FOUND","message":"Not found: order"\}/,
      /header Content-Language: expected "en", received "ko"$/);
  });
});

describe('expectError without a server', () => {
  const format: FormatName = 'code-description';
  const wire = { status: 500, headers: { 'Content-Type': JSON_TYPE }, body: '{"code":"ILLEGAL_STATE","description":"Illegal state: x"}' };

  it('accepts any { status, headers, body }, with parsed or raw bodies and any header case', () => {
    const headers = { 'CONTENT-TYPE': 'Application/JSON;charset="UTF-8"' };
    expectError({ status: 500, headers, body: JSON.parse(wire.body) }, errors.ILLEGAL_STATE, { detail: 'x' }, { format });
    expectError({ status: 500, headers, body: wire.body }, errors.ILLEGAL_STATE, { detail: 'x' }, { format });
    expectError({ status: 500, headers: new Headers(wire.headers), body: wire.body }, errors.ILLEGAL_STATE, { detail: 'x' }, { format });
  });
  it('reads the raw text before the parsed body', () => {
    failsWith(
      () => expectError({ status: 500, headers: wire.headers, body: JSON.parse(wire.body), text: 'not json' },
        errors.ILLEGAL_STATE, { detail: 'x' }, { format }),
      /body: expected \{"code":"ILLEGAL_STATE","description":"Illegal state: x"\}\n {8}received "not json"/,
    );
  });
  it('is exact about the body: an extra member fails', () => {
    const body = { ...JSON.parse(wire.body) as object, stack: 'at x' };
    failsWith(() => expectError({ status: 500, headers: wire.headers, body }, errors.ILLEGAL_STATE, { detail: 'x' }, { format }),
      /received 500 ILLEGAL_STATE \(catalog key "ILLEGAL_STATE"\)\n {2}body: /);
  });
  it('works with a custom format and names a received body it cannot parse', () => {
    const envelope = defineFormat({
      name: 'envelope',
      body: ({ code, message }) => ({ error: { code, message } }),
      schema: { type: 'object' },
    });
    const custom = { headers: { 'Content-Type': JSON_TYPE }, body: '{"error":{"code":"BAD_REQUEST","message":"Invalid or missing query parameters."}}' };
    expectError({ status: 400, headers: custom.headers, body: custom.body }, errors.BAD_REQUEST, {}, { format: envelope });
    failsWith(() => expectError({ status: 400, headers: custom.headers, body: custom.body }, errors.MALFORMED_AUTH, {}, { format: envelope }),
      /^expected MALFORMED_AUTH \(400 MALFORMED_AUTH\) in format "envelope"; received 400 with a body that is not a "envelope" error body\n/);
  });
  it('shows a hostile body without throwing anything but the AssertionError', () => {
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    failsWith(() => expectError({ status: 500, headers: wire.headers, body: circular }, errors.ILLEGAL_STATE, { detail: 'x' }, { format }),
      /received \[object Object\]/);
    failsWith(() => expectError({ status: 500, headers: wire.headers, body: 'x'.repeat(10_000) }, errors.ILLEGAL_STATE, { detail: 'x' }, { format }),
      /received "x{399}…/);
  });
  it('passes on exactly the parameters sent and fails on any other (property)', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 100 }), fc.string({ unit: 'binary', maxLength: 100 }), (sent, other) => {
      const res = { status: 500, headers: { 'content-type': JSON_TYPE }, body: { code: 'ILLEGAL_STATE', description: `Illegal state: ${sent}` } };
      expectError(res, errors.ILLEGAL_STATE, { detail: sent }, { format });
      if (other !== sent) {
        assert.throws(() => expectError(res, errors.ILLEGAL_STATE, { detail: other }, { format }), AssertionError);
      }
    }));
  });
  it('sets actual and expected for the runner\'s diff', () => {
    assert.throws(
      () => expectError({ status: 404, headers: wire.headers, body: {} }, errors.ILLEGAL_STATE, { detail: 'x' }, { format }),
      (err: unknown) => {
        assert.ok(err instanceof AssertionError);
        assert.deepEqual(err.actual, { status: 404, body: {} });
        assert.deepEqual(err.expected, { status: 500, body: { code: 'ILLEGAL_STATE', description: 'Illegal state: x' } });
        return true;
      },
    );
  });
  it('rejects what is not a factory, and a missing format, with a TypeError', () => {
    const untyped = expectError as (...args: unknown[]) => void;
    assert.throws(() => untyped(wire, errors, {}, { format }), { name: 'TypeError', message: /expected a catalog factory such as errors\.KEY/ });
    assert.throws(() => untyped(wire, () => {}, {}, { format }), TypeError);
    assert.throws(() => untyped(wire, errors.BAD_REQUEST, {}), { name: 'TypeError', message: /options with the server's format are required/ });
    assert.throws(() => untyped(wire, errors.BAD_REQUEST, {}, { format: 'json' }), { name: 'TypeError', message: /unknown format "json"/ });
    assert.throws(() => matchError(errors.BAD_REQUEST, {}, { format: 'json' as FormatName }), TypeError);
  });
});
