/**
 * Header rules, in process: CR, LF, NUL, `"`, `\\`, non-ASCII and very long values in `scope`,
 * `error_description`, `realm` and `err.headers`; `err.headers` trying to set framing headers,
 * `Set-Cookie`, `__proto__`; a second `error=`; a foreign error's own headers. Each row is checked
 * in all four formats; every `WWW-Authenticate` goes through the strict ABNF checker
 * (test/support/abnf.ts) and `auth-header`, which reports a duplicated parameter as an array.
 */
import assert from 'node:assert/strict';
import createHttpError from 'http-errors';
import { ANSWERS, assertChallenge, assertWire, headersOf, type Expectation } from '../support/hostile.js';
import { errors, FORMAT_NAMES } from '../support/catalog.js';
import { CatalogDefinitionError, defineCatalog, errorHandler, koaErrorHandler, wireForm } from '../../lib/index.js';
import { MAX_DESCRIPTION_LENGTH, MAX_SCOPE_LENGTH } from '../../lib/rules/challenge.js';
import { MAX_EXTRA_HEADER_BYTES, MAX_EXTRA_HEADERS, MAX_HEADER_VALUE_LENGTH } from '../../lib/rules/headers.js';

const PERMISSION_CHALLENGE = 'Bearer realm="api", error="insufficient_scope", error_description="Not enough permission."';
const TOKEN_CHALLENGE = 'Bearer realm="api", error="invalid_token"';

/** A header attack, the answer it gets, and what the answer's problems must say. */
interface Case {
  readonly name: string;
  readonly make: () => unknown;
  readonly want: Expectation;
  /** Problems onError must hear of (substrings). */
  readonly problems: readonly string[];
  /** Extra checks on the raw response. */
  readonly check?: (headers: Readonly<Record<string, string>>) => void;
}

const BAD_SCOPES: ReadonlyArray<readonly [string, unknown]> = [
  ['CR LF', ['orders:write\r\nSet-Cookie: sid=1']], ['LF', ['a\nb']], ['NUL', ['a\u0000b']], ['a double quote', ['a"b']],
  ['a backslash', ['a\\b']], ['non-ASCII', ['commandes:écrire']], ['a space inside a token', ['a b']], ['an empty list', []],
  ['an empty token', ['']], ['a token over the cap', ['x'.repeat(MAX_SCOPE_LENGTH + 1)]],
  ['a list over the cap', Array.from({ length: 300 }, (_, i) => `scope${i}`)], ['a number', [42]], ['a string, not a list', 'orders:write'],
  ['a second error= attempt', ['a"', 'error="invalid_request']],
];
const BAD_DESCRIPTIONS: ReadonlyArray<readonly [string, unknown]> = [
  ['CR LF', 'bad\r\nSet-Cookie: sid=1'], ['NUL', 'a\u0000'], ['a double quote', 'say "hi"'], ['a backslash', 'back\\slash'],
  ['non-ASCII', 'jeton expiré'], ['a tab', 'a\tb'], ['an empty string', ''], ['a number', 42],
  ['a second error= attempt', 'x", error="invalid_request'],
];
const SCOPE_CHARS = "!#$%&'()*+,-./:;<=>?@[]^_`{|}~";

const CASES: Case[] = [
  ...BAD_SCOPES.map(([name, scope]): Case => ({
    name: `scope with ${name} is dropped`, problems: ['scope dropped'],
    make: () => errors.NOT_ENOUGH_PERMISSION({}, { scope: scope as string[] }),
    want: { ...ANSWERS.NOT_ENOUGH_PERMISSION, headers: { 'www-authenticate': PERMISSION_CHALLENGE } },
  })),
  {
    name: 'scope with every RFC 6750 scope-token character is kept', problems: [],
    make: () => errors.NOT_ENOUGH_PERMISSION({}, { scope: ['orders:write', SCOPE_CHARS] }),
    want: { ...ANSWERS.NOT_ENOUGH_PERMISSION, headers: { 'www-authenticate': `${PERMISSION_CHALLENGE}, scope="orders:write ${SCOPE_CHARS}"` } },
  },
  {
    name: `scope of exactly ${MAX_SCOPE_LENGTH} characters is kept`, problems: [],
    make: () => errors.NOT_ENOUGH_PERMISSION({}, { scope: ['s'.repeat(MAX_SCOPE_LENGTH)] }),
    want: { ...ANSWERS.NOT_ENOUGH_PERMISSION, headers: { 'www-authenticate': `${PERMISSION_CHALLENGE}, scope="${'s'.repeat(MAX_SCOPE_LENGTH)}"` } },
  },
  ...BAD_DESCRIPTIONS.map(([name, description]): Case => ({
    name: `error_description with ${name} is dropped`, problems: ['error_description dropped'],
    make: () => errors.INVALID_AUTH_TOKEN(undefined, { errorDescription: description as string }),
    want: { ...ANSWERS.INVALID_AUTH_TOKEN, headers: { 'www-authenticate': TOKEN_CHALLENGE } },
  })),
  {
    name: 'an unquoted ", error=" inside error_description stays inside the quotes', problems: [],
    make: () => errors.INVALID_AUTH_TOKEN(undefined, { errorDescription: 'x, error=invalid_request, realm=evil' }),
    want: { ...ANSWERS.INVALID_AUTH_TOKEN, headers: { 'www-authenticate': `${TOKEN_CHALLENGE}, error_description="x, error=invalid_request, realm=evil"` } },
  },
  {
    name: `a 10 MB error_description is cut to ${MAX_DESCRIPTION_LENGTH} characters`, problems: [],
    make: () => errors.INVALID_AUTH_TOKEN(undefined, { errorDescription: 'd'.repeat(10 * 2 ** 20) }),
    want: { ...ANSWERS.INVALID_AUTH_TOKEN, headers: { 'www-authenticate': `${TOKEN_CHALLENGE}, error_description="${'d'.repeat(MAX_DESCRIPTION_LENGTH - 3)}..."` } },
  },
  {
    name: 'err.headers cannot replace the challenge (a second error= attempt)', problems: ['"WWW-Authenticate"', '"www-authenticate"'],
    make: () => errors.INVALID_AUTH_TOKEN(undefined, { headers: { 'WWW-Authenticate': 'Bearer error="invalid_request"', 'www-authenticate': 'Basic realm="evil"' } }),
    want: ANSWERS.INVALID_AUTH_TOKEN,
  },
  {
    name: 'err.headers cannot add a challenge to a definition without bearer', problems: ['"WWW-Authenticate"'],
    make: () => errors.BAD_REQUEST(undefined, { headers: { 'WWW-Authenticate': '' } }),
    want: ANSWERS.BAD_REQUEST,
  },
  {
    name: 'err.headers: framing, cookie, encoding, __proto__ and malformed headers are dropped, a good one kept',
    problems: ['"Content-Length"', '"Transfer-Encoding"', '"Content-Type"', '"Set-Cookie"', '"Connection"', '"Upgrade"', '"Trailer"',
      '"Keep-Alive"', '"Content-Encoding"', '"Content-Range"', '"__proto__"', '"Bad Name"', '"X-Ünicode"', '"X-CRLF"', '"X-LF"',
      '"X-NUL"', '"X-Latin"', '"X-Long"', '"X-Number"'],
    make: () => errors.TOO_MANY_REQUESTS(undefined, {
      headers: JSON.parse(JSON.stringify({
        'X-Ok': 'fine', 'Content-Length': '0', 'Transfer-Encoding': 'chunked', 'Content-Type': 'text/html', 'Set-Cookie': 'sid=1',
        Connection: 'close', Upgrade: 'websocket', Trailer: 'X', 'Keep-Alive': 'timeout=1', 'Content-Encoding': 'gzip',
        'Content-Range': 'bytes 0-1/2', 'Bad Name': 'x', 'X-Ünicode': 'x', 'X-CRLF': 'a\r\nSet-Cookie: sid=1', 'X-LF': 'a\nb',
        'X-NUL': 'a\u0000b', 'X-Latin': 'café', 'X-Long': 'l'.repeat(MAX_HEADER_VALUE_LENGTH + 1), 'X-Max': 'm'.repeat(MAX_HEADER_VALUE_LENGTH),
        'Retry-After': '0', // a new value for the definition's own header
      }).replace('{', '{"__proto__":"polluted","X-Number":5.5,')) as Record<string, string>,
    }),
    want: { ...ANSWERS.TOO_MANY_REQUESTS, headers: { 'retry-after': '0', 'x-ok': 'fine', 'x-max': 'm'.repeat(MAX_HEADER_VALUE_LENGTH), 'content-encoding': undefined, 'content-range': undefined, 'upgrade': undefined, 'trailer': undefined, 'keep-alive': undefined, connection: undefined, 'x-crlf': undefined, 'x-latin': undefined, 'x-long': undefined, 'transfer-encoding': undefined } },
    check: (headers) => {
      assert.equal(Object.hasOwn(headers, '__proto__'), false);
      assert.equal(({} as { polluted?: unknown }).polluted, undefined);
    },
  },
  {
    name: `err.headers: at most ${MAX_EXTRA_HEADERS} extra headers`, problems: [`"X-H${MAX_EXTRA_HEADERS}"`, 'past the limit'],
    make: () => errors.BAD_REQUEST(undefined, { headers: Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`X-H${i}`, `v${i}`])) }),
    want: ANSWERS.BAD_REQUEST,
    check: (headers) => {
      for (let i = 0; i < 40; i++) assert.equal(headers[`x-h${i}`], i < MAX_EXTRA_HEADERS ? `v${i}` : undefined, `x-h${i}`);
    },
  },
  {
    name: `err.headers: at most ${MAX_EXTRA_HEADER_BYTES} bytes of extra headers, so every client can read the answer`, problems: ['past the limit'],
    make: () => errors.BAD_REQUEST(undefined, { headers: Object.fromEntries(Array.from({ length: MAX_EXTRA_HEADERS }, (_, i) => [`X-Big${i}`, 'b'.repeat(MAX_HEADER_VALUE_LENGTH)])) }),
    want: ANSWERS.BAD_REQUEST,
    check: (headers) => {
      const kept = Object.keys(headers).filter((name) => name.startsWith('x-big'));
      assert.ok(kept.length >= 1, 'the first big headers are kept');
      assert.ok(kept.reduce((sum, name) => sum + name.length + 4 + String(headers[name]).length, 0) <= MAX_EXTRA_HEADER_BYTES);
    },
  },
  {
    name: 'a foreign error\'s headers: only Allow and Retry-After pass, the rest are named in the problems',
    problems: ['"X-Foreign"', '"Content-Length"', '"Transfer-Encoding"', '"Set-Cookie"', '"Content-Type"', 'only Allow and Retry-After'],
    make: () => createHttpError(400, 'internal', {
      headers: { 'X-Foreign': 'ok', 'Content-Length': '1', 'Transfer-Encoding': 'chunked', 'Set-Cookie': 'a=b', 'Content-Type': 'text/html', 'Allow': 'GET, HEAD' },
    }),
    want: { ...ANSWERS.BAD_REQUEST, headers: { 'x-foreign': undefined, 'set-cookie': undefined, 'allow': 'GET, HEAD' } },
  },
  {
    name: 'a foreign Retry-After that is not printable ASCII is dropped',
    problems: ['"Retry-After"', 'printable ASCII'],
    make: () => createHttpError(400, 'internal', { headers: { 'Retry-After': '1\r\nX-Injected: 1' } }),
    want: { ...ANSWERS.BAD_REQUEST, headers: { 'retry-after': undefined, 'x-injected': undefined } },
  },
  {
    name: 'a foreign error cannot bring its own challenge', problems: ['"WWW-Authenticate"'],
    make: () => createHttpError(429, { headers: { 'WWW-Authenticate': 'Bearer error="invalid_request", error="invalid_token"' } }),
    want: { ...ANSWERS.TOO_MANY_REQUESTS, headers: { 'retry-after': '30', 'www-authenticate': undefined } },
  },
  {
    name: 'a foreign 401 gets no Bearer challenge it did not ask for: the 400 fallback', problems: [],
    make: () => createHttpError(401, { headers: { 'WWW-Authenticate': 'Bearer error="invalid_token"' } }),
    want: { ...ANSWERS.BAD_REQUEST, headers: { 'www-authenticate': undefined } },
  },
  {
    name: 'a foreign 405 (answered at 400) brings none of its headers', problems: [],
    make: () => createHttpError(405, { headers: { Allow: 'GET' } }),
    want: { ...ANSWERS.BAD_REQUEST, headers: { allow: undefined } },
  },
  {
    name: 'a foreign error\'s headers behind a Proxy whose traps throw are ignored', problems: [],
    make: () => Object.assign(new Error('x'), { status: 400, headers: new Proxy({}, { ownKeys() { throw new Error('trap'); }, get() { throw new Error('trap'); } }) }),
    want: ANSWERS.BAD_REQUEST,
  },
  {
    name: 'a foreign header whose getter throws is dropped alone', problems: ['"Retry-After"'],
    make: () => Object.assign(new Error('x'), {
      status: 400,
      headers: Object.defineProperty({ Allow: 'GET' }, 'Retry-After', { enumerable: true, get() { throw new Error('getter'); } }),
    }),
    want: { ...ANSWERS.BAD_REQUEST, headers: { allow: 'GET', 'retry-after': undefined } },
  },
  {
    name: 'a foreign header name that is not allowed is never read (its getter would throw)', problems: ['"X-Getter"'],
    make: () => Object.assign(new Error('x'), {
      status: 400,
      headers: Object.defineProperty({ Allow: 'GET' }, 'X-Getter', { enumerable: true, get() { throw new Error('getter'); } }),
    }),
    want: { ...ANSWERS.BAD_REQUEST, headers: { allow: 'GET', 'x-getter': undefined } },
  },
  {
    name: 'ThrowOptions.headers whose getter throws: the rest are kept', problems: ['"X-Getter"'],
    make: () => errors.BAD_REQUEST(undefined, {
      headers: Object.defineProperty({ 'X-Mine': 'ok' }, 'X-Getter', { enumerable: true, get() { throw new Error('getter'); } }) as Record<string, string>,
    }),
    want: { ...ANSWERS.BAD_REQUEST, headers: { 'x-mine': 'ok' } },
  },
];

describe('header attacks', () => {
  for (const c of CASES) {
    it(c.name, () => {
      for (const format of FORMAT_NAMES) {
        const wire = wireForm(errors, c.make(), { format });
        assertWire(wire, format, c.want, `${format}: ${c.name}`, c.problems);
        c.check?.(headersOf(wire, c.name));
      }
    });
  }
});

describe('realm is checked once, at startup', () => {
  const BAD_REALMS: ReadonlyArray<readonly [string, string]> = [
    ['CR LF', 'api\r\nSet-Cookie: sid=1'], ['NUL', 'a\u0000'], ['a double quote', 'a"b'], ['a backslash', 'a\\b'],
    ['non-ASCII', 'réalm'], ['over 256 characters', 'r'.repeat(257)], ['a tab', 'a\tb'],
  ];
  for (const [name, realm] of BAD_REALMS) {
    it(`a realm with ${name} fails errorHandler, koaErrorHandler and defineCatalog`, () => {
      assert.throws(() => errorHandler(errors, { format: 'code-message', realm }), CatalogDefinitionError);
      assert.throws(() => koaErrorHandler(errors, { format: 'code-message', realm }), CatalogDefinitionError);
      assert.throws(() => defineCatalog({ E: { status: 500, message: 'x' } }, { realm }), CatalogDefinitionError);
    });
  }

  it('uses the handler realm over the catalog realm', () => {
    assert.equal(wireForm(errors, errors.MISSING_AUTH_TOKEN(), { format: 'code-message', realm: 'orders' }).headers['WWW-Authenticate'], 'Bearer realm="orders"');
  });

  it('the longest challenge (256-character realm, cut description, 2048-character scope) is valid and within the cap', () => {
    const realm = 'r'.repeat(256);
    const wire = wireForm(errors, errors.NOT_ENOUGH_PERMISSION({}, { scope: ['s'.repeat(MAX_SCOPE_LENGTH)], errorDescription: 'd'.repeat(1000) }), { format: 'code-message', realm });
    const challenge = wire.headers['WWW-Authenticate']!;
    assert.equal(challenge, `Bearer realm="${realm}", error="insufficient_scope", error_description="${'d'.repeat(MAX_DESCRIPTION_LENGTH - 3)}...", scope="${'s'.repeat(MAX_SCOPE_LENGTH)}"`);
    assertChallenge(challenge, 'longest challenge');
    assert.ok(challenge.length <= MAX_HEADER_VALUE_LENGTH);
  });
});

describe('a polluted Object.prototype', () => {
  const proto = Object.prototype as { headers?: unknown; scope?: unknown };
  beforeEach(() => {
    proto.headers = { 'X-Polluted': '1', Allow: 'POLLUTED' };
    proto.scope = ['admin'];
  });
  afterEach(() => {
    delete proto.headers;
    delete proto.scope;
  });

  it('lends no headers and no scope to our error thrown with options', () => {
    const wire = wireForm(errors, errors.NOT_ENOUGH_PERMISSION({}, { cause: new Error('x') }), { format: 'code-message' });
    assertWire(wire, 'code-message', { ...ANSWERS.NOT_ENOUGH_PERMISSION, headers: { ...ANSWERS.NOT_ENOUGH_PERMISSION.headers, 'x-polluted': undefined, allow: undefined } }, 'ours');
  });

  it('lends no headers to a foreign error', () => {
    const wire = wireForm(errors, Object.assign(new Error('x'), { status: 400 }), { format: 'code-message' });
    assertWire(wire, 'code-message', { ...ANSWERS.BAD_REQUEST, headers: { 'x-polluted': undefined, allow: undefined } }, 'foreign');
  });

  it('lends nothing to err.headers (the http-errors contract)', () => {
    const err = errors.NOT_ENOUGH_PERMISSION({}, { cause: new Error('x') });
    assert.deepEqual({ ...err.headers }, {
      'WWW-Authenticate': 'Bearer realm="api", error="insufficient_scope", error_description="Not enough permission."',
    });
  });
});
