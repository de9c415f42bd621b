/**
 * `HouseError`: a real Error honouring the http-errors contract (`status`, `statusCode`,
 * `expose`, `headers`), its headers built by the answer's rules, its stack policy, its type
 * guards, and its brand shared by every copy of the package.
 */
import assert from 'node:assert/strict';
import { defineCatalog, HouseError, isHouseError, wireForm } from '../../lib/index.js';
import { errors } from '../support/catalog.js';
import { MAX_EXTRA_HEADER_BYTES, MAX_EXTRA_HEADERS, MAX_HEADER_VALUE_LENGTH } from '../../lib/rules/headers.js';

describe('HouseError', () => {
  it('is a real Error with the http-errors contract', () => {
    const cause = new Error('db down');
    const err = errors.INTERNAL_ERROR({}, { cause });
    assert.ok(err instanceof Error);
    assert.ok(err instanceof HouseError);
    assert.equal(err.name, 'HouseError');
    assert.equal(err.status, 500);
    assert.equal(err.statusCode, 500);
    assert.equal(err.expose, true);
    assert.equal(err.cause, cause);
    assert.equal(err.retryable, false);
    assert.equal(errors.ILLEGAL_STATE({ detail: 'x' }).retryable, true);
  });

  it('carries the Bearer challenge and definition headers on err.headers', () => {
    assert.deepEqual({ ...errors.MISSING_AUTH_TOKEN().headers }, { 'WWW-Authenticate': 'Bearer realm="api"' });
    assert.deepEqual({ ...errors.NOT_ENOUGH_PERMISSION({}, { scope: ['orders:write', 'orders:read'] }).headers }, {
      'WWW-Authenticate': 'Bearer realm="api", error="insufficient_scope", error_description="Not enough permission.", scope="orders:write orders:read"',
    });
    assert.deepEqual({ ...errors.TOO_MANY_REQUESTS().headers }, { 'Retry-After': '30' });
    assert.deepEqual({ ...errors.BAD_REQUEST({}, { headers: { 'X-Trace': 'abc', 'Content-Length': '0', 'X-Bad': 'a\nb' } }).headers },
      { 'X-Trace': 'abc' });
  });

  it('builds err.headers by the wire form\'s rules: no foreign challenge, one bad header at a time, ASCII description', () => {
    const extra = { 'X-A': 'a', 'WWW-Authenticate': 'Basic', 'X-C': 'c' };
    Object.defineProperty(extra, 'X-B', { enumerable: true, get() { throw new Error('getter'); } });
    assert.deepEqual({ ...errors.BAD_REQUEST({}, { headers: extra }).headers }, { 'X-A': 'a', 'X-C': 'c' });
    const ko = defineCatalog({
      EXPIRED: { status: 401, bearer: 'invalid_token', message: { ko: '토큰이 만료되었습니다.', en: 'The token expired.' } },
      KO_ONLY: { status: 401, bearer: 'invalid_token', message: '토큰 오류' },
    }, { defaultLocale: 'ko' });
    assert.equal(ko.EXPIRED().headers['WWW-Authenticate'], 'Bearer error="invalid_token", error_description="The token expired."');
    assert.equal(ko.KO_ONLY().headers['WWW-Authenticate'], 'Bearer error="invalid_token"');
  });

  it('caps err.headers as the wire form does; a throw gives a definition header a new value, never Content-Type', () => {
    const many = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`X-H${i}`, `v${i}`]));
    const kept = Object.keys(errors.BAD_REQUEST({}, { headers: many }).headers);
    assert.deepEqual(kept, Array.from({ length: MAX_EXTRA_HEADERS }, (_, i) => `X-H${i}`));
    const big = Object.fromEntries(Array.from({ length: 4 }, (_, i) => [`X-Big${i}`, 'b'.repeat(MAX_HEADER_VALUE_LENGTH)]));
    const bytes = Object.entries(errors.BAD_REQUEST({}, { headers: big }).headers)
      .reduce((sum, [name, value]) => sum + name.length + value.length + 4, 0);
    assert.ok(bytes <= MAX_EXTRA_HEADER_BYTES, `${bytes} bytes of headers`);
    assert.deepEqual(Object.keys(errors.BAD_REQUEST({}, { headers: big }).headers), ['X-Big0']);
    // The same as the answer: the throw's Retry-After replaces the definition's; Content-Type stays the format's.
    const throwHeaders = { 'retry-after': '1', 'Content-Type': 'text/html', 'X-Ok': 'y' };
    assert.deepEqual({ ...errors.TOO_MANY_REQUESTS({}, { headers: throwHeaders }).headers }, { 'retry-after': '1', 'X-Ok': 'y' });
    const wire = wireForm(errors, errors.TOO_MANY_REQUESTS({}, { headers: throwHeaders }), { format: 'code-message' });
    assert.deepEqual(wire.headers, { 'Content-Type': 'application/json; charset=utf-8', 'retry-after': '1', 'X-Ok': 'y', 'Content-Length': '59' });
  });

  it('takes a whole non-negative number as a header value (a rate limiter\'s Retry-After), and refuses other numbers', () => {
    const answer = (value: number) => wireForm(errors, errors.TOO_MANY_REQUESTS({}, { headers: { 'Retry-After': value } }), { format: 'code-message' });
    assert.equal(answer(12).headers['Retry-After'], '12');
    assert.equal(answer(0).headers['Retry-After'], '0');
    assert.deepEqual({ ...errors.TOO_MANY_REQUESTS({}, { headers: { 'Retry-After': 12 } }).headers }, { 'Retry-After': '12' });
    for (const refused of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 60]) {
      const wire = answer(refused);
      assert.equal(wire.headers['Retry-After'], '30', `${refused}: the definition's value stays`);
      assert.deepEqual(wire.problems, ['header "Retry-After" from err.headers dropped: it has a value that is not a non-negative integer or printable ASCII within 4096 characters'], String(refused));
    }
  });

  it('captures a stack for 5xx only by default, and follows the stack option', () => {
    assert.match(errors.INTERNAL_ERROR().stack!, /\n {4}at /);
    assert.doesNotMatch(errors.BAD_REQUEST().stack!, /\n {4}at /);
    const all = defineCatalog({ A: { status: 400, message: 'a' }, B: { status: 400, message: 'b', stack: false } }, { stack: 'all' });
    assert.match(all.A().stack!, /\n {4}at /);
    assert.doesNotMatch(all.B().stack!, /\n {4}at /);
    const none = defineCatalog({ A: { status: 500, message: 'a' } }, { stack: 'none' });
    assert.doesNotMatch(none.A().stack!, /\n {4}at /);
    assert.ok(Error.stackTraceLimit > 0, 'the global stack limit is restored');
  });

  it('has type guards that never throw', () => {
    const err = errors.INVALID_AUTH_TOKEN();
    assert.equal(isHouseError(err), true);
    assert.equal(errors.INVALID_AUTH_TOKEN.is(err), true);
    assert.equal(errors.EXPIRED_AUTH_TOKEN.is(err), false);
    const hostile = new Proxy({}, { get() { throw new Error('trap'); } });
    assert.equal(isHouseError(hostile), false);
    assert.equal(errors.INVALID_AUTH_TOKEN.is(hostile), false);
    for (const value of [null, undefined, 'x', 1, new Error('x')]) assert.equal(isHouseError(value), false);
  });

  it('reads each throw option alone: a getter that throws makes that option absent, not the others', () => {
    const boom = (): never => { throw new Error('boom'); };
    const options = { get cause(): unknown { return boom(); }, headers: { 'Retry-After': 7 }, get errorDescription(): string { return boom(); }, scope: ['orders:write'] };
    const err = errors.NOT_ENOUGH_PERMISSION({}, options as never);
    assert.equal(err.cause, undefined);
    const wire = wireForm(errors, err, { format: 'code-message' });
    assert.equal(wire.headers['Retry-After'], '7');
    assert.equal(wire.headers['WWW-Authenticate'], 'Bearer realm="api", error="insufficient_scope", error_description="Not enough permission.", scope="orders:write"');
    const hostile = new Proxy({}, { getOwnPropertyDescriptor: boom, get: boom, has: boom });
    assert.equal(errors.NOT_ENOUGH_PERMISSION({}, hostile as never).message, 'Not enough permission.');
  });

  it('is recognised, and answered as its own, by another copy of the package (Symbol.for brand)', async () => {
    // A second, independent load of the library, as two installed copies would be.
    const copy = await import(`../../lib/index.js?second-copy=${Date.now()}`) as typeof import('../../lib/index.js');
    assert.notEqual(copy.HouseError, HouseError, 'a real second copy');
    const theirs = copy.defineCatalog({ GONE: { status: 410, message: 'Gone.' }, INTERNAL_ERROR: { status: 500, message: 'Internal.' } });
    const err = theirs.GONE();
    assert.equal(err instanceof HouseError, false);
    assert.equal(isHouseError(err), true);
    assert.equal(copy.isHouseError(errors.BAD_REQUEST()), true);
    assert.equal(wireForm(theirs, err, { format: 'code-message' }).body, '{"code":"GONE","message":"Gone."}');
    // A look-alike without the brand is not one.
    assert.equal(isHouseError({ name: 'HouseError', key: 'GONE', code: 'GONE', status: 410, expose: true }), false);
  });

  it('exposes what the factory documents', () => {
    assert.equal(errors['{RESOURCE}_NOT_EXIST'].key, '{RESOURCE}_NOT_EXIST');
    assert.equal(errors['{RESOURCE}_NOT_EXIST'].code, '{RESOURCE}_NOT_EXIST');
    assert.equal(errors.LOGIC_BAD_REQUEST.status, 406);
    assert.equal(errors.LOGIC_BAD_REQUEST.code, 'BAD_REQUEST');
  });
});

describe('HouseError.headers is built on first read', () => {
  it('is the same object on every read, and survives a broken params property', () => {
    const err = errors.NOT_ENOUGH_PERMISSION({}, { scope: ['a'] });
    const first = err.headers;
    assert.deepEqual({ ...first }, { 'WWW-Authenticate': 'Bearer realm="api", error="insufficient_scope", error_description="Not enough permission.", scope="a"' });
    assert.strictEqual(err.headers, first, 'a second read returns the object of the first');
    const templated = errors.ILLEGAL_STATE({ detail: 'x' });
    (templated as { params: unknown }).params = null;
    assert.deepEqual({ ...templated.headers }, {});
    const frozen = Object.freeze(errors.NOT_ENOUGH_PERMISSION({}, { scope: ['b'] }));
    assert.equal(frozen.headers['WWW-Authenticate'], 'Bearer realm="api", error="insufficient_scope", error_description="Not enough permission.", scope="b"');
  });
});
