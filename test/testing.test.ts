import assert, { AssertionError } from 'node:assert/strict';
import request from 'supertest';
import { createServer, forEachServer, type Route } from './support/servers.js';
import { errors, FORMAT_NAMES, type FormatName } from './support/catalog.js';
import fc from 'fast-check';
import { defineCatalog, defineFormat, wireForm } from '../lib/index.js';
import { expectError, matchError } from '../lib/testing/index.js';

const DEADLINE = { deadline: 5000 };

/** A route that writes a response by hand, the way a buggy handler would. */
function handWritten(status: number, headers: Record<string, string>, body: string): Route {
  return (input) => {
    input.res.statusCode = status;
    for (const [name, value] of Object.entries(headers)) input.res.setHeader(name, value);
    input.write(body);
    input.res.end();
  };
}

const JSON_TYPE = { 'Content-Type': 'application/json; charset=utf-8' };

const routes: Record<string, Route> = {
  '/invalid-token': () => { throw errors.INVALID_AUTH_TOKEN(); },
  '/missing-token': () => { throw errors.MISSING_AUTH_TOKEN(); },
  '/scope': () => { throw errors.NOT_ENOUGH_PERMISSION({}, { scope: ['orders:write', 'admin'] }); },
  '/described': () => { throw errors.INVALID_AUTH_TOKEN({}, { errorDescription: 'The token expired at noon' }); },
  '/illegal': () => Promise.reject(errors.ILLEGAL_STATE({ detail: 'order book locked' })),
  '/family': () => { throw errors['{RESOURCE}_NOT_EXIST']({ RESOURCE: 'USER' }); },
  '/logic': () => { throw errors.LOGIC_BAD_REQUEST(); },
  '/too-many': () => { throw errors.TOO_MANY_REQUESTS(); },
  '/ok': () => ({ ok: true }),
  // Hand-written answers that look right but are not.
  '/no-challenge': handWritten(401, JSON_TYPE, '{"code":"INVALID_AUTH_TOKEN","message":"Invalid auth token."}'),
  '/no-retry-after': handWritten(429, JSON_TYPE, '{"code":"TOO_MANY_REQUESTS","message":"Too many requests."}'),
  '/text-type': handWritten(400, { 'Content-Type': 'text/plain; charset=utf-8' },
    '{"code":"BAD_REQUEST","message":"Invalid or missing query parameters."}'),
  '/latin1': handWritten(400, { 'Content-Type': 'application/json; charset=iso-8859-1' },
    '{"code":"BAD_REQUEST","message":"Invalid or missing query parameters."}'),
  '/foreign-code': handWritten(400, JSON_TYPE, '{"code":"VALIDATION_FAILED","message":"name is required"}'),
};

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

describe('expectError', () => {
  forEachServer((name) => {
    for (const format of FORMAT_NAMES) {
      describe(`passes on the right answer in ${format}`, () => {
        const app = createServer(name, { catalog: errors, options: { format }, routes });
        const options = { format } as const;

        it('for a Bearer challenge with and without an error', async () => {
          expectError(await request(app).get('/invalid-token').timeout(DEADLINE), errors.INVALID_AUTH_TOKEN, {}, options);
          expectError(await request(app).get('/missing-token').timeout(DEADLINE), errors.MISSING_AUTH_TOKEN, undefined, options);
        });
        it('for insufficient_scope with its scope and a thrown error_description', async () => {
          expectError(await request(app).get('/scope').timeout(DEADLINE), errors.NOT_ENOUGH_PERMISSION, {},
            { format, scope: ['orders:write', 'admin'] });
          expectError(await request(app).get('/described').timeout(DEADLINE), errors.INVALID_AUTH_TOKEN, {},
            { format, errorDescription: 'The token expired at noon' });
        });
        it('for a message parameter, a code family and a shared code', async () => {
          expectError(await request(app).get('/illegal').timeout(DEADLINE), errors.ILLEGAL_STATE, { detail: 'order book locked' }, options);
          expectError(await request(app).get('/family').timeout(DEADLINE), errors['{RESOURCE}_NOT_EXIST'], { RESOURCE: 'USER' }, options);
          expectError(await request(app).get('/logic').timeout(DEADLINE), errors.LOGIC_BAD_REQUEST, {}, options);
        });
        it('for a definition header, in a supertest chain with matchError', async () => {
          await request(app).get('/too-many').timeout(DEADLINE).expect(matchError(errors.TOO_MANY_REQUESTS, {}, options));
          await request(app).get('/family').timeout(DEADLINE)
            .expect(matchError(errors['{RESOURCE}_NOT_EXIST'], { RESOURCE: 'USER' }, options));
        });
      });
    }

    describe('fails with the difference named', () => {
      const app = createServer(name, { catalog: errors, options: { format: 'code-message' }, routes });
      const options = { format: 'code-message' } as const;

      it('on a wrong code, naming the catalog key received', async () => {
        const res = await request(app).get('/invalid-token').timeout(DEADLINE);
        const message = failsWith(() => expectError(res, errors.EXPIRED_AUTH_TOKEN, {}, options));
        assert.equal(message, [
          'expected EXPIRED_AUTH_TOKEN (401 EXPIRED_AUTH_TOKEN) in format "code-message"; received 401 INVALID_AUTH_TOKEN (catalog key "INVALID_AUTH_TOKEN")',
          '  body: expected {"code":"EXPIRED_AUTH_TOKEN","message":"Expired auth token."}',
          '        received {"code":"INVALID_AUTH_TOKEN","message":"Invalid auth token."}',
          '  header WWW-Authenticate: expected "Bearer realm=\\"api\\", error=\\"invalid_token\\", error_description=\\"Expired auth token.\\"", '
            + 'received "Bearer realm=\\"api\\", error=\\"invalid_token\\", error_description=\\"Invalid auth token.\\""',
        ].join('\n'));
      });
      it('on a wrong status: the same code at another status', async () => {
        const res = await request(app).get('/logic').timeout(DEADLINE);
        failsWith(() => expectError(res, errors.BAD_REQUEST, {}, options),
          /^expected BAD_REQUEST \(400 BAD_REQUEST\) in format "code-message"; received 406 BAD_REQUEST \(catalog key "LOGIC_BAD_REQUEST"\)\n/,
          /\n {2}status: expected 400, received 406\n/,
          /\n {2}body: expected \{"code":"BAD_REQUEST","message":"Invalid or missing query parameters\."\}\n {8}received \{"code":"BAD_REQUEST","message":"Bad request"\}/);
      });
      it('on a wrong message parameter', async () => {
        const res = await request(app).get('/illegal').timeout(DEADLINE);
        const message = failsWith(() => expectError(res, errors.ILLEGAL_STATE, { detail: 'queue full' }, options),
          /received 500 ILLEGAL_STATE \(catalog key "ILLEGAL_STATE"\)/,
          /body: expected \{"code":"ILLEGAL_STATE","message":"Illegal state: queue full"\}/,
          /received \{"code":"ILLEGAL_STATE","message":"Illegal state: order book locked"\}/);
        assert.doesNotMatch(message, /status:/);
      });
      it('on a wrong family value', async () => {
        const res = await request(app).get('/family').timeout(DEADLINE);
        failsWith(() => expectError(res, errors['{RESOURCE}_NOT_EXIST'], { RESOURCE: 'ORDER' }, options),
          /^expected \{RESOURCE\}_NOT_EXIST \(404 ORDER_NOT_EXIST\) in format "code-message"; received 404 USER_NOT_EXIST \(catalog key "\{RESOURCE\}_NOT_EXIST"\)/);
      });
      it('on a missing WWW-Authenticate header', async () => {
        const res = await request(app).get('/no-challenge').timeout(DEADLINE);
        const message = failsWith(() => expectError(res, errors.INVALID_AUTH_TOKEN, {}, options));
        assert.equal(message, [
          'expected INVALID_AUTH_TOKEN (401 INVALID_AUTH_TOKEN) in format "code-message"; received 401 INVALID_AUTH_TOKEN (catalog key "INVALID_AUTH_TOKEN")',
          '  header WWW-Authenticate: expected "Bearer realm=\\"api\\", error=\\"invalid_token\\", error_description=\\"Invalid auth token.\\"", received none',
        ].join('\n'));
      });
      it('on a missing definition header', async () => {
        const res = await request(app).get('/no-retry-after').timeout(DEADLINE);
        failsWith(() => expectError(res, errors.TOO_MANY_REQUESTS, {}, options), /\n {2}header Retry-After: expected "30", received none$/);
      });
      it('on a wrong scope, and on a scope the server did not send', async () => {
        const res = await request(app).get('/scope').timeout(DEADLINE);
        failsWith(() => expectError(res, errors.NOT_ENOUGH_PERMISSION, {}, { ...options, scope: ['orders:read'] }),
          /header WWW-Authenticate: expected "[^\n]*scope=\\"orders:read\\"", received "[^\n]*scope=\\"orders:write admin\\""/);
        failsWith(() => expectError(res, errors.NOT_ENOUGH_PERMISSION, {}, options),
          /header WWW-Authenticate: expected "Bearer realm=\\"api\\", error=\\"insufficient_scope\\", error_description=\\"Not enough permission\.\\"", received/);
      });
      it('on a wrong format, naming the format received', async () => {
        const res = await request(app).get('/invalid-token').timeout(DEADLINE);
        failsWith(() => expectError(res, errors.INVALID_AUTH_TOKEN, {}, { format: 'errorCode-reason' }),
          /^expected INVALID_AUTH_TOKEN \(401 INVALID_AUTH_TOKEN\) in format "errorCode-reason"; received 401 INVALID_AUTH_TOKEN \(catalog key "INVALID_AUTH_TOKEN"\) in format "code-message", not "errorCode-reason"\n/,
          /body: expected \{"errorCode":"INVALID_AUTH_TOKEN","reason":"Invalid auth token\."\}/);
        failsWith(() => expectError(res, errors.INVALID_AUTH_TOKEN, {}, { format: 'problem-details' }),
          /\n {2}header Content-Type: expected "application\/problem\+json; charset=utf-8", received "application\/json; charset=utf-8"/);
      });
      it('on a wrong content type or charset', async () => {
        const text = await request(app).get('/text-type').timeout(DEADLINE);
        failsWith(() => expectError(text, errors.BAD_REQUEST, {}, options),
          /^expected BAD_REQUEST \(400 BAD_REQUEST\) in format "code-message"; received 400 BAD_REQUEST \(catalog key "BAD_REQUEST"\)\n {2}header Content-Type: expected "application\/json; charset=utf-8", received "text\/plain; charset=utf-8"$/);
        const latin1 = await request(app).get('/latin1').timeout(DEADLINE);
        failsWith(() => expectError(latin1, errors.BAD_REQUEST, {}, options), /received "application\/json; charset=iso-8859-1"$/);
      });
      it('on a code that is not in the catalog', async () => {
        const res = await request(app).get('/foreign-code').timeout(DEADLINE);
        failsWith(() => expectError(res, errors.BAD_REQUEST, {}, options),
          /received 400 VALIDATION_FAILED \(not a code of this catalog\)/);
      });
      it('on a success', async () => {
        const res = await request(app).get('/ok').timeout(DEADLINE);
        failsWith(() => expectError(res, errors.BAD_REQUEST, {}, options),
          /received 200 with a body that is not a "code-message" error body\n {2}status: expected 400, received 200\n/,
          /received \{"ok":true\}/);
      });
      it('in a supertest chain: the request rejects with the AssertionError', async () => {
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
  forEachServer((name) => {
    const app = createServer(name, {
      catalog: i18n, options: { format: 'code-message', locales: ['en', 'ko'] },
      routes: { '/missing': () => { throw i18n.NOT_FOUND({ what: 'order' }); } },
    });
    it('expects the text and Content-Language of the given locale', async () => {
      const res = await request(app).get('/missing').set('Accept-Language', 'ko').timeout(DEADLINE);
      expectError(res, i18n.NOT_FOUND, { what: 'order' }, { format: 'code-message', locale: 'ko' });
      failsWith(() => expectError(res, i18n.NOT_FOUND, { what: 'order' }, { format: 'code-message', locale: 'en' }),
        /received 404 NOT_FOUND \(catalog key "NOT_FOUND"\)\n/,
        /body: expected \{"code":"NOT_FOUND","message":"Not found: order"\}/,
        /header Content-Language: expected "en", received "ko"$/);
    });
  });
});

describe('expectError without a server', () => {
  const format: FormatName = 'code-description';
  const wire = wireForm(errors, errors.ILLEGAL_STATE({ detail: 'x' }), { format });

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
    const custom = wireForm(errors, errors.BAD_REQUEST(), { format: envelope });
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
      const res = wireForm(errors, errors.ILLEGAL_STATE({ detail: sent }), { format });
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
