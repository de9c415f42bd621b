/**
 * The handler's setup, in process: options validated at startup with every problem named,
 * fallbacks (explicit, with placeholders, families with fixed values), and the one startup
 * notice of the common foreign statuses a catalog rewrites.
 */
import assert from 'node:assert/strict';
import createHttpError from 'http-errors';
import { errors } from '../support/catalog.js';
import { CatalogDefinitionError, defineCatalog, errorHandler, koaErrorHandler, wireForm, type HandlerOptions } from '../../lib/index.js';

describe('handler options are validated at startup', () => {
  const base = { format: 'code-message' } as const;
  const factories = [['errorHandler', errorHandler], ['koaErrorHandler', koaErrorHandler]] as const;
  for (const [label, factory] of factories) {
    it(`${label} rejects a catalog without a 500 fallback`, () => {
      const catalog = defineCatalog({ ILLEGAL_STATE: { status: 500, message: 'Illegal state: {detail}' } });
      assert.throws(() => factory(catalog, base), /no 500 fallback: add a 500 definition without placeholders, or set fallbacks\[500\]/);
    });

    it(`${label} accepts an explicit 500 fallback with placeholders and renders it safely`, () => {
      const catalog = defineCatalog({ ILLEGAL_STATE: { status: 500, message: 'Illegal state: {detail}' } });
      assert.doesNotThrow(() => factory(catalog, { ...base, fallbacks: { 500: 'ILLEGAL_STATE' } }));
    });

    it(`${label} rejects unknown fallback and jwt keys, family fallbacks, bad statuses`, () => {
      const options = {
        ...base,
        fallbacks: { 404: 'NOPE', 418: '{RESOURCE}_NOT_EXIST', 200: 'BAD_REQUEST' },
        jwt: { expired: 'MISSING' },
      } as unknown as HandlerOptions<typeof errors>;
      assert.throws(() => factory(errors, options), (err: Error & { problems?: string[] }) => {
        assert.deepEqual(err.problems, [
          'fallbacks: status 200 is not 400–599',
          'fallbacks[404]: "NOPE" is not a key of the catalog',
          'fallbacks[418]: "{RESOURCE}_NOT_EXIST" is a code family; give it fixed values: [\'{RESOURCE}_NOT_EXIST\', { RESOURCE: \'…\' }]',
          'jwt.expired: "MISSING" is not a key of the catalog',
        ]);
        return true;
      });
    });

    it(`${label} rejects an unknown format, naming the choices`, () => {
      assert.throws(() => factory(errors, { format: 'xml' as 'code-message' }),
        /unknown format "xml" \(expected 'errorCode-reason', 'code-description', 'code-message', 'problem-details' or a defineFormat\(\.\.\.\) value\)/);
    });

    it(`${label} rejects a bad realm and bad locales`, () => {
      assert.throws(() => factory(errors, { ...base, realm: 'a\r\nb' }), /realm: expected printable ASCII/);
      assert.throws(() => factory(errors, { ...base, locales: [] }), /locales: expected a non-empty array/);
      assert.throws(() => factory(errors, { ...base, locale: 'en', locales: ['en'] }), /locale and locales: choose one/);
    });

    it(`${label} rejects something that is not a catalog`, () => {
      assert.throws(() => factory({} as typeof errors, base), /expected a catalog made by defineCatalog/);
    });
  }

  it('gives Express a four-parameter function', () => {
    assert.equal(errorHandler(errors, base).length, 4);
  });
});

describe('an explicit fallback with placeholders', () => {
  it('renders its placeholders as themselves and says so', () => {
    const catalog = defineCatalog({ ILLEGAL_STATE: { status: 500, message: 'Illegal state: {detail}' } });
    const wire = wireForm(catalog, new Error('boom'), { format: 'code-message', fallbacks: { 500: 'ILLEGAL_STATE' } });
    assert.equal(wire.status, 500);
    assert.equal(wire.body, '{"code":"ILLEGAL_STATE","message":"Illegal state: {detail}"}');
    assert.deepEqual(wire.problems, [
      'not an HTTP error (no status 400–599): answered with the 500 fallback',
      'fallback "ILLEGAL_STATE" has placeholders; they were sent as themselves ({detail})',
    ]);
  });

  it('a code family as a plain fallback fails at startup (a fallback needs fixed values)', () => {
    assert.throws(() => errorHandler(errors, { format: 'code-message', fallbacks: { 404: '{RESOURCE}_NOT_EXIST' } }), CatalogDefinitionError);
    assert.throws(() => koaErrorHandler(errors, { format: 'code-message', fallbacks: { 404: '{RESOURCE}_NOT_EXIST' } }), CatalogDefinitionError);
  });
});

describe('a family as a fallback, with fixed values', () => {
  const catalog = defineCatalog({
    BAD_REQUEST: { status: 400, message: 'Bad request.' },
    '{RESOURCE}_NOT_FOUND': { status: 404, message: 'The {RESOURCE} could not be found.' },
    NOT_ALLOWED: { status: 405, message: 'Method not allowed.' },
    INTERNAL_ERROR: { status: 500, message: 'Internal server error.' },
  });
  const options = { format: 'code-message', fallbacks: { 404: ['{RESOURCE}_NOT_FOUND', { RESOURCE: 'ROUTE' }] } } as const;
  const answer = (thrown: unknown) => {
    const wire = wireForm(catalog, thrown, options);
    return [wire.status, wire.body, wire.headers.Allow];
  };

  it('answers a foreign 404 with the family and its fixed values, the same bytes every time', () => {
    for (let i = 0; i < 2; i++) {
      assert.deepEqual(answer(createHttpError(404, 'no route for /x (internal text)')), [404, '{"code":"ROUTE_NOT_FOUND","message":"The ROUTE could not be found."}', undefined]);
    }
  });

  it('still answers the family thrown with other values by those values', () => {
    assert.deepEqual(answer(catalog['{RESOURCE}_NOT_FOUND']({ RESOURCE: 'USER' })), [404, '{"code":"USER_NOT_FOUND","message":"The USER could not be found."}', undefined]);
  });

  it('keeps a foreign 405 at 405 with its Allow header when the catalog has a 405', () => {
    assert.deepEqual(answer(createHttpError(405, { headers: { Allow: 'GET, HEAD' } })), [405, '{"code":"NOT_ALLOWED","message":"Method not allowed."}', 'GET, HEAD']);
  });
  it('refuses at startup values that make a bad code or miss a placeholder, naming the status', () => {
    const cases: Array<[unknown, string]> = [
      [['{RESOURCE}_NOT_FOUND', { RESOURCE: 'a b' }], 'fallbacks[404]: family code refused: "a b_NOT_FOUND" does not match [A-Za-z][A-Za-z0-9_]*'],
      [['{RESOURCE}_NOT_FOUND', {}], 'fallbacks[404]: parameter "RESOURCE" is missing or not a string or number; rendered as {RESOURCE}; family code refused: "{RESOURCE}_NOT_FOUND" does not match [A-Za-z][A-Za-z0-9_]*'],
      [['{RESOURCE}_NOT_FOUND'], 'fallbacks[404]: expected a key or [key, values], got an array'],
      [['NOPE', { RESOURCE: 'X' }], 'fallbacks[404]: "NOPE" is not a key of the catalog'],
    ];
    for (const [ref, message] of cases) {
      assert.throws(() => errorHandler(catalog, { format: 'code-message', fallbacks: { 404: ref } } as never), (err: Error) => {
        assert.deepEqual((err as Error & { problems?: string[] }).problems, [message]);
        return true;
      });
    }
  });
});

describe('the handler says once which common foreign statuses it rewrites', () => {
  const warnings: Error[] = [];
  const listen = (warning: Error): void => { if (warning.name === 'HouseErrorsWarning') warnings.push(warning); };
  before(() => process.on('warning', listen));
  after(() => process.off('warning', listen));
  beforeEach(() => { warnings.length = 0; });
  const settle = () => new Promise((resolve) => setImmediate(resolve));

  it('names each rewritten status and what it becomes, once per process', async () => {
    const catalog = defineCatalog({
      QUERY_INVALID: { status: 400, message: 'Bad query.' },
      NO_SUCH_THING: { status: 404, message: 'No such thing.' },
      SLOW_DOWN: { status: 429, message: 'Slow down.' },
      OOPS: { status: 500, message: 'Oops.' },
    });
    errorHandler(catalog, { format: 'code-message' });
    koaErrorHandler(catalog, { format: 'code-message' });
    errorHandler(catalog, { format: 'problem-details' });
    await settle();
    assert.deepEqual(warnings.map((w) => [w.message, (w as Error & { code?: string }).code]), [[
      'house-errors: foreign errors at these statuses will be answered with another status, as the catalog has no definition without '
      + 'placeholders or Bearer challenge there: 405 Method Not Allowed → 400 QUERY_INVALID; 413 Payload Too Large → 400 QUERY_INVALID; '
      + '415 Unsupported Media Type → 400 QUERY_INVALID. Add definitions, or choose in the handler\'s fallbacks option '
      + '(e.g. fallbacks: { 405: \'KEY\' }) to silence this.',
      'HOUSE_ERRORS_REWRITES_STATUS',
    ]]);
  });

  it('says nothing when every common status is defined or chosen in fallbacks', async () => {
    const catalog = defineCatalog({
      WRONG_QUERY: { status: 400, message: 'Bad query.' },
      '{RESOURCE}_NOT_FOUND': { status: 404, message: 'Not found.' },
      OOPS_500: { status: 500, message: 'Oops.' },
    });
    errorHandler(catalog, {
      format: 'code-message',
      fallbacks: { 404: ['{RESOURCE}_NOT_FOUND', { RESOURCE: 'ROUTE' }], 405: 'WRONG_QUERY', 413: 'WRONG_QUERY', 415: 'WRONG_QUERY', 429: 'OOPS_500' },
    });
    await settle();
    assert.deepEqual(warnings, []);
  });
});

