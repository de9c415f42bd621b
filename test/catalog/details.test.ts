/**
 * Field-level details, in process: what a definition may declare (refused at startup with the key
 * named), how a throw's details are read (hostile values included), the exact body in each format,
 * and the client side (`errors.parse`, `expectError`).
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  CatalogDefinitionError, defineCatalog, defineFormat, parseErrorBody, wireForm, type ConvertedViolations, type Violation, type ViolationInput,
} from '../../lib/index.js';
import { violationsIn, violationsJson } from '../../lib/catalog/details.js';
import { errorInternals } from '../../lib/catalog/house-error.js';
import { toPointer } from '../../lib/rules/pointer.js';
import { expectError } from '../../lib/testing/index.js';
import { FORMAT_NAMES, shop } from '../support/catalog.js';
import { VIOLATION_LOCATIONS } from '../../lib/formats/violations.js';

const TWO: readonly ViolationInput<'REQUIRED' | 'TOO_SHORT'>[] = [
  { pointer: '/name', location: 'body', code: 'TOO_SHORT', params: { minimum: 3, pattern: '^secret-regex$' }, value: 'al' },
  { pointer: '/email', location: 'body', code: 'REQUIRED' },
];

/** Throws untyped input, as a JavaScript caller or a converter's hostile output would. */
const untyped = (details: unknown) => shop.INVALID_PARAMETER({}, { details: details as ConvertedViolations });
const wire = (err: unknown, format: Parameters<typeof wireForm>[2]['format'] = 'code-message', extra = {}) => wireForm(shop, err, { format, ...extra });

describe('details: what a catalog may declare', () => {
  function problemsOf(definitions: unknown, options?: unknown): readonly string[] {
    try {
      defineCatalog(definitions as never, options as never);
    } catch (err) {
      assert.ok(err instanceof CatalogDefinitionError);
      return err.problems;
    }
    assert.fail('the catalog was accepted');
  }
  const base = { E: { status: 500, message: 'x' } };

  it('refuses a wrong details declaration, naming the key and the place in the schema', () => {
    const cases: Array<[unknown, string]> = [
      ['violation', `"BAD": details must be 'violations' or { schema: { type: 'object', … } }, got "violation"`],
      [{ schema: { type: 'string' } }, `"BAD": details.schema must be an object schema ({ type: 'object', properties: { … } })`],
      [{ schema: { type: 'object', properties: { a: { type: 'string', pattern: '^a' } } } },
        '"BAD": details.schema/properties/a: keyword "pattern" is not supported for string (supported: type, minLength, maxLength, enum, format, title, description, examples)'],
      [{ schema: { type: 'object', properties: {}, required: ['a'] } }, '"BAD": details.schema: required names "a", which is not in properties'],
      [{ schema: { type: 'object', properties: { a: { $ref: '#/x' } } } },
        '"BAD": details.schema/properties/a: "type" must be one of object, array, string, number, integer, boolean, null (or use "const"), got nothing'],
      [{ schema: { type: 'object', properties: {}, additionalProperties: true } }, '"BAD": details.schema: additionalProperties may only be false'],
      [{ schema: { type: 'object', properties: { n: { type: 'number', minimum: Infinity } } } }, '"BAD": details.schema/properties/n: minimum must be a finite number'],
    ];
    for (const [details, problem] of cases) {
      assert.deepEqual(problemsOf({ ...base, BAD: { status: 400, message: 'x', details } }), [problem]);
    }
  });

  it('refuses wrong violation codes and options, naming each', () => {
    assert.deepEqual(problemsOf(base, {
      violations: { 'too-short': { message: 'x' }, EMPTY: {}, ODD: { message: 'a {b', echo: 'yes', colour: 1 } },
      maxViolations: 0,
    }), [
      'option maxViolations: expected a whole number from 1 to 1000, got 0',
      'violation "too-short": a violation code must match [A-Za-z][A-Za-z0-9_]*',
      'violation "EMPTY": message must be a string or an object of translations by locale, got undefined',
      'violation "ODD": unknown field "colour"',
      'violation "ODD": message "a {b": unbalanced "{" at offset 2',
      'violation "ODD": echo must be a boolean, got "yes"',
    ]);
    assert.deepEqual(problemsOf(base, { violations: { T: { message: { en: 'min {minimum}', ko: '최소' } } } }),
      ['violation "T": message.ko has placeholders {} but en has {minimum}']);
    assert.deepEqual(problemsOf(base, { violations: { P: { message: 'Must not be {__proto__}.' } } }),
      ['violation "P": message: {__proto__} cannot be a placeholder name']);
  });
});

describe('details: the body in each format', () => {
  const err = shop.INVALID_PARAMETER({}, { details: TWO });

  it('carries sorted violations with rendered messages, only the params the template names, and no value unless echoed', () => {
    const violations = '[{"pointer":"/email","location":"body","code":"REQUIRED","message":"This field is required."},'
      + '{"pointer":"/name","location":"body","code":"TOO_SHORT","message":"Must be at least 3 characters.","params":{"minimum":3}}]';
    assert.equal(wire(err, 'errorCode-reason').body, `{"errorCode":"INVALID_PARAMETER","reason":"There is an error in the requested parameter.","details":${violations}}`);
    assert.equal(wire(err, 'code-description').body, `{"code":"INVALID_PARAMETER","description":"There is an error in the requested parameter.","details":${violations}}`);
    assert.equal(wire(err, 'code-message', { detailsField: 'errors' }).body, `{"code":"INVALID_PARAMETER","message":"There is an error in the requested parameter.","errors":${violations}}`);
    assert.equal(wire(err, 'problem-details').body, '{"type":"about:blank","title":"Bad Request","status":400,'
      + '"detail":"There is an error in the requested parameter.","code":"INVALID_PARAMETER","errors":['
      + '{"detail":"This field is required.","pointer":"/email","code":"REQUIRED","location":"body"},'
      + '{"detail":"Must be at least 3 characters.","pointer":"/name","code":"TOO_SHORT","location":"body","params":{"minimum":3}}]}');
    assert.deepEqual(wire(err).problems, []);
  });

  it('leaves bodies without details exactly as they were: two members', () => {
    assert.equal(wire(shop.INVALID_PARAMETER()).body, '{"code":"INVALID_PARAMETER","message":"There is an error in the requested parameter."}');
    assert.equal(wire(shop.NOT_FOUND(), 'errorCode-reason').body, '{"errorCode":"NOT_FOUND","reason":"Not found."}');
  });

  it('renders violation messages in the answer\'s language, and Content-Length counts their bytes', () => {
    const ko = defineCatalog({
      INVALID: { status: 422, message: { en: 'Invalid input.', ko: '잘못된 입력입니다.' }, details: 'violations' },
      INTERNAL_ERROR: { status: 500, message: 'Internal server error.' },
    }, { violations: { TOO_SHORT: { message: { en: 'At least {minimum}.', ko: '최소 {minimum}자.' } } } });
    const answer = wireForm(ko, ko.INVALID({}, { details: [{ pointer: '/a', location: 'query', code: 'TOO_SHORT', params: { minimum: 2 } }] }), { format: 'code-message', locale: 'ko' });
    const body = '{"code":"INVALID","message":"잘못된 입력입니다.","details":[{"pointer":"/a","location":"query","code":"TOO_SHORT","message":"최소 2자.","params":{"minimum":2}}]}';
    assert.equal(answer.body, body);
    assert.equal(answer.headers['Content-Length'], String(Buffer.byteLength(body)));
    assert.equal(answer.headers['Content-Language'], 'ko');
  });

  it('sends a definition\'s own details as declared: extra members dropped, extension members in problem details', () => {
    const err2 = shop.OUT_OF_CREDIT({}, { details: { balance: 3, currency: 'EUR', secret: 'x' } as { balance: number } });
    assert.equal(wire(err2).body, '{"code":"OUT_OF_CREDIT","message":"Not enough credit.","details":{"balance":3,"currency":"EUR"}}');
    assert.equal(wire(err2, 'problem-details').body,
      '{"type":"about:blank","title":"Forbidden","status":403,"detail":"Not enough credit.","code":"OUT_OF_CREDIT","balance":3,"currency":"EUR"}');
    assert.deepEqual(err2.details, { balance: 3, currency: 'EUR' });
  });

  it('refuses, at startup, a problem-details handler whose definitions\' details use its own member names', () => {
    const clash = defineCatalog({
      LIMITED: { status: 429, message: 'Slow down.', details: { schema: { type: 'object', properties: { status: { type: 'string' } } } } },
      INTERNAL_ERROR: { status: 500, message: 'Internal server error.' },
    });
    assert.throws(() => wireForm(clash, clash.LIMITED(), { format: 'problem-details' }),
      /"LIMITED": its details use "status", which problem details uses itself; rename them/);
    assert.throws(() => wireForm(shop, shop.NOT_FOUND(), { format: 'code-message', detailsField: 'message' }), /detailsField must be a member name/);
  });
});

describe('details: hostile and wrong values are refused and reported, never sent raw, never thrown', () => {
  const bodyOf = (details: unknown): unknown => JSON.parse(wire(untyped(details)).body);
  const listOf = (details: unknown): unknown => (bodyOf(details) as { details?: unknown }).details;

  it('drops each malformed violation and says why', () => {
    const answer = wire(untyped([
      { pointer: 'name', location: 'body', code: 'REQUIRED' },
      { pointer: '/a\nb', location: 'body', code: 'REQUIRED' },
      { pointer: '/a', location: 'cookies', code: 'REQUIRED' },
      'REQUIRED',
      { pointer: '/ok', location: 'path', code: 'REQUIRED' },
    ]));
    assert.equal(answer.body, '{"code":"INVALID_PARAMETER","message":"There is an error in the requested parameter.","details":[{"pointer":"/ok","location":"path","code":"REQUIRED","message":"This field is required."}]}');
    assert.deepEqual(answer.problems, [
      'violation 0 dropped: pointer is not an RFC 6901 JSON Pointer',
      'violation 1 dropped: pointer is not an RFC 6901 JSON Pointer',
      'violation 2 dropped: location must be one of path, query, header, cookie, body',
      'violation 3 dropped: not an object',
    ]);
  });

  it('answers an unregistered code as INVALID, without its params or value', () => {
    const answer = wire(untyped([{ pointer: '/x', location: 'body', code: 'TOO_LONG', params: { maximum: 5 }, value: 'secret' }]));
    assert.deepEqual(JSON.parse(answer.body).details, [{ pointer: '/x', location: 'body', code: 'INVALID', message: 'This value is invalid.' }]);
    assert.deepEqual(answer.problems, ['violation 0: "TOO_LONG" is not a registered violation code; sent as INVALID']);
  });

  it('echoes a value only for a code that opts in, and only a capped scalar', () => {
    const long = 'x'.repeat(5000);
    assert.deepEqual(listOf([
      { pointer: '/a', location: 'body', code: 'NOT_ALLOWED', params: { allowed: 'red, blue' }, value: 'green' },
      { pointer: '/b', location: 'body', code: 'NOT_ALLOWED', params: { allowed: 'red' }, value: { nested: 'object' } },
      { pointer: '/c', location: 'body', code: 'NOT_ALLOWED', params: { allowed: 'red' }, value: long },
    ]), [
      { pointer: '/a', location: 'body', code: 'NOT_ALLOWED', message: 'Must be one of: red, blue.', params: { allowed: 'red, blue' }, value: 'green' },
      { pointer: '/b', location: 'body', code: 'NOT_ALLOWED', message: 'Must be one of: red.', params: { allowed: 'red' } },
      { pointer: '/c', location: 'body', code: 'NOT_ALLOWED', message: 'Must be one of: red.', params: { allowed: 'red' }, value: `${'x'.repeat(1023)}…` },
    ]);
  });

  it('reads own properties only: getters that throw, Proxies, prototype keys and polluted prototypes', () => {
    const throwing = { pointer: '/a', location: 'body', get code(): string { throw new Error('boom'); } };
    const proto = Object.create({ pointer: '/inherited', location: 'body', code: 'REQUIRED' }) as object;
    const revocable = Proxy.revocable([], {});
    revocable.revoke();
    const polluted = JSON.parse('{"pointer":"/__proto__/x","location":"body","code":"TOO_SHORT","params":{"__proto__":{"minimum":1}}}') as object;
    const answer = wire(untyped([throwing, proto, polluted]));
    assert.deepEqual(JSON.parse(answer.body).details, [
      { pointer: '/__proto__/x', location: 'body', code: 'TOO_SHORT', message: 'Must be at least {minimum} characters.', params: { minimum: '{minimum}' } },
    ]);
    assert.deepEqual(answer.problems, [
      'violation 0 dropped: it could not be read',
      'violation 1 dropped: pointer is not an RFC 6901 JSON Pointer',
      'violation 2: parameter "minimum" of TOO_SHORT is missing or not a string or finite number; rendered as {minimum}',
    ]);
    const params = { get minimum(): number { throw new Error('boom'); } };
    const kept = wire(untyped([{ pointer: '/b', location: 'body', code: 'TOO_SHORT', params }]));
    assert.deepEqual(JSON.parse(kept.body).details, [
      { pointer: '/b', location: 'body', code: 'TOO_SHORT', message: 'Must be at least {minimum} characters.', params: { minimum: '{minimum}' } },
    ], 'a param whose getter throws is missing: the violation is kept');
    assert.deepEqual(kept.problems, ['violation 0: parameter "minimum" of TOO_SHORT is missing or not a string or finite number; rendered as {minimum}']);
    assert.deepEqual(wire(untyped(revocable.proxy)).problems, ['details refused: the violations could not be read']);
    assert.deepEqual(wire(untyped({ length: 1, 0: TWO[0] })).problems, ['details refused: violations must be an array']);
  });

  it('never takes a polluted Object.prototype member for a missing one', () => {
    const proto = Object.prototype as Record<string, unknown>;
    proto.pointer = '/polluted';
    proto.params = { minimum: 99 };
    try {
      const answer = wire(untyped([{ location: 'body', code: 'REQUIRED' }, { pointer: '/a', location: 'body', code: 'TOO_SHORT' }]));
      assert.deepEqual(JSON.parse(answer.body).details, [
        { pointer: '/a', location: 'body', code: 'TOO_SHORT', message: 'Must be at least {minimum} characters.', params: { minimum: '{minimum}' } },
      ]);
      assert.deepEqual(answer.problems, [
        'violation 0 dropped: pointer is not an RFC 6901 JSON Pointer',
        'violation 1: parameter "minimum" of TOO_SHORT is missing or not a string or finite number; rendered as {minimum}',
      ]);
    } finally {
      delete proto.pointer;
      delete proto.params;
    }
  });

  it('de-duplicates, sorts by location then pointer then code, and caps the count (reported)', () => {
    const many = Array.from({ length: 150 }, (_, i) => ({ pointer: `/items/${String(i).padStart(3, '0')}`, location: 'body', code: 'REQUIRED' }));
    const answer = wire(untyped([...many, ...many, { pointer: '/id', location: 'path', code: 'REQUIRED' }]));
    const sent = JSON.parse(answer.body).details as Array<{ pointer: string; location: string }>;
    assert.equal(sent.length, 100);
    assert.deepEqual(sent.slice(0, 3).map((v) => `${v.location} ${v.pointer}`), ['path /id', 'body /items/000', 'body /items/001']);
    assert.equal(sent[99]!.pointer, '/items/098');
    assert.deepEqual(answer.problems, ['violations: 51 beyond maxViolations (100) were not sent']);
  });

  it('writes what was read: changing err.details, or a format\'s copy, changes no answer', () => {
    const err = shop.INVALID_PARAMETER({}, { details: TWO });
    const before = wire(err).body;
    const details = err.details!;
    assert.equal(err.details, details, 'the same list on every read');
    assert.ok(Object.isFrozen(details));
    (details[0] as { code: string }).code = 'X","injected":"1';
    (details[1] as { params?: Record<string, unknown> }).params!.minimum = { raw: true };
    const received: string[] = [];
    const mutating = defineFormat({
      name: 'mutating', schema: {},
      body: (info) => {
        const first = (info.details as unknown as Array<{ pointer: string }>)[0]!;
        received.push(first.pointer);
        first.pointer = '"raw';
        return { code: info.code, details: info.details };
      },
    });
    wireForm(shop, err, { format: mutating });
    wireForm(shop, err, { format: mutating });
    assert.deepEqual(received, ['/email', '/email'], 'each answer gives the format a fresh copy');
    for (const format of FORMAT_NAMES) assert.equal(wire(err, format).body, wire(shop.INVALID_PARAMETER({}, { details: TWO }), format).body, format);
    assert.equal(wire(err).body, before);
  });

  it('sorts the locations in the documented order, VIOLATION_LOCATIONS', () => {
    const reversed = [...VIOLATION_LOCATIONS].reverse().map((location) => ({ pointer: '/a', location, code: 'REQUIRED' }));
    assert.deepEqual((JSON.parse(wire(untyped(reversed)).body).details as Array<{ location: string }>).map((v) => v.location), ['path', 'query', 'header', 'cookie', 'body']);
    assert.deepEqual(VIOLATION_LOCATIONS, ['path', 'query', 'header', 'cookie', 'body']);
  });

  it('reads at most 1000 entries of a huge array, in linear time', () => {
    const huge = new Array(1_000_000).fill({ pointer: '/a', location: 'body', code: 'REQUIRED' });
    const answer = wire(untyped(huge));
    assert.equal((JSON.parse(answer.body).details as unknown[]).length, 1);
    assert.deepEqual(answer.problems, ['violations: only the first 1000 of 1000000 were read']);
  });

  it('reads a definition\'s own details only as deep as its schema, whatever the value\'s depth or size', () => {
    let deep: Record<string, unknown> = { end: true };
    for (let i = 0; i < 100_000; i++) deep = { next: deep };
    const answer = wire(shop.OUT_OF_CREDIT({}, { details: { balance: 1, currency: 'EUR', nested: deep, huge: new Array(1_000_000).fill('x') } as { balance: number } }));
    assert.equal(answer.body, '{"code":"OUT_OF_CREDIT","message":"Not enough credit.","details":{"balance":1,"currency":"EUR"}}');
    assert.deepEqual(answer.problems, []);
    const deepParams = JSON.parse(`{"pointer":"/a","location":"body","code":"TOO_SHORT","params":{"minimum":${'['.repeat(5000)}${']'.repeat(5000)}}}`) as object;
    assert.deepEqual(JSON.parse(wire(untyped([deepParams])).body).details[0].params, { minimum: '{minimum}' });
  });

  it('refuses details on a definition that declares none, and custom details that do not fit, without throwing', () => {
    const none = wire(shop.NOT_FOUND({}, { details: [] } as never));
    assert.equal(none.body, '{"code":"NOT_FOUND","message":"Not found."}');
    assert.deepEqual(none.problems, ['details refused: "NOT_FOUND" declares no details']);
    const cases: Array<[unknown, string]> = [
      [{ currency: 'EUR' }, 'details refused: the details must have "balance"'],
      [{ balance: Number.NaN }, 'details refused: /balance must be a finite number'],
      [{ balance: 1, currency: 'EURO' }, 'details refused: /currency must have at most 3 characters'],
      [{ get balance(): number { throw new Error('boom'); } }, 'details refused: they could not be read'],
      [['balance'], 'details refused: the details must be an object'],
    ];
    for (const [details, problem] of cases) {
      const answer = wire(shop.OUT_OF_CREDIT({}, { details: details as { balance: number } }));
      assert.equal(answer.body, '{"code":"OUT_OF_CREDIT","message":"Not enough credit."}');
      assert.deepEqual(answer.problems, [problem]);
    }
  });
});

describe('details: the client side', () => {
  const err = shop.INVALID_PARAMETER({}, { details: TWO });
  const expected = [
    { pointer: '/email', location: 'body', code: 'REQUIRED', message: 'This field is required.' },
    { pointer: '/name', location: 'body', code: 'TOO_SHORT', message: 'Must be at least 3 characters.', params: { minimum: 3 } },
  ];

  it('errors.parse returns the details in every format, and parseErrorBody passes them on', () => {
    for (const format of ['errorCode-reason', 'code-description', 'code-message', 'problem-details'] as const) {
      const parsed = shop.parse(wire(err, format).body, format, { status: 400 });
      assert.equal(parsed?.key, 'INVALID_PARAMETER', format);
      assert.deepEqual(parsed?.key === 'INVALID_PARAMETER' ? parsed.details : undefined, expected, format);
    }
    const credit = shop.parse('{"code":"OUT_OF_CREDIT","message":"Not enough credit.","details":{"balance":3}}', 'code-message');
    assert.deepEqual(credit?.key === 'OUT_OF_CREDIT' ? credit.details : undefined, { balance: 3 });
    assert.deepEqual(parseErrorBody('{"code":"X","message":"m","details":[1]}', 'code-message'), { code: 'X', message: 'm', details: [1] });
  });

  it('errors.parse drops details that do not fit the definition, and never throws', () => {
    const body = { code: 'INVALID_PARAMETER', message: 'x', details: [{ pointer: 'no', location: 'body', code: 'A', message: 'm' }, 7, { pointer: '/a', location: 'body', code: 'A', message: 'm' }] };
    const parsed = shop.parse(body, 'code-message');
    assert.deepEqual(parsed?.key === 'INVALID_PARAMETER' ? parsed.details : undefined, [{ pointer: '/a', location: 'body', code: 'A', message: 'm' }]);
    assert.equal(shop.parse({ code: 'OUT_OF_CREDIT', message: 'x', details: { balance: 'lots' } }, 'code-message')?.details, undefined);
    assert.equal(shop.parse({ code: 'NOT_FOUND', message: 'x', details: { balance: 1 } }, 'code-message')?.details, undefined);
    const hostile = { code: 'INVALID_PARAMETER', message: 'x', get details(): unknown { throw new Error('boom'); } };
    assert.equal(shop.parse(hostile, 'code-message'), undefined);
  });

  it('expectError checks details exactly, or that given pointers failed with given codes', () => {
    const answer = wire(err);
    const res = { status: answer.status, headers: answer.headers, text: answer.body };
    expectError(res, shop.INVALID_PARAMETER, {}, { format: 'code-message', details: TWO });
    expectError(res, shop.INVALID_PARAMETER, {}, { format: 'code-message', violations: [{ pointer: '/name', code: 'TOO_SHORT', location: 'body' }] });
    assert.throws(() => expectError(res, shop.INVALID_PARAMETER, {}, { format: 'code-message', details: TWO.slice(1) }), /body: expected/);
    assert.throws(() => expectError(res, shop.INVALID_PARAMETER, {}, { format: 'code-message', violations: [{ pointer: '/name', code: 'REQUIRED' }] }),
      /violation \{"pointer":"\/name","code":"REQUIRED"\}: not among the received/);
    assert.throws(() => expectError(res, shop.INVALID_PARAMETER, {}, { format: 'code-message', violations: [{ pointer: '/email', code: 'REQUIRED', location: 'query' }] }),
      /not among the received/);
  });
});

describe('details: the guide\'s side-by-side table is what is sent', () => {
  it('docs/details.md shows, for each format, the exact body of the documented example', async () => {
    const { readFileSync } = await import('node:fs');
    const guide = readFileSync(new URL('../../docs/details.md', import.meta.url), 'utf8');
    const row = (format: string): string | undefined => new RegExp(`^\\| \`${format}\` \\| \`(\\{"[^\\n]*\\})\` \\|$`, 'm').exec(guide)?.[1];
    const documented = shop.INVALID_PARAMETER({}, { details: TWO.map(({ value: _value, ...v }) => v) as typeof TWO });
    for (const format of ['errorCode-reason', 'code-description', 'code-message', 'problem-details'] as const) {
      const shown = row(format);
      assert.ok(shown !== undefined, `no row for ${format}`);
      assert.equal(wire(documented, format).body, shown, format);
    }
  });
});

describe('details: violations written as text are what JSON.stringify writes for them', () => {
  const settings = { numRuns: Math.max(1, Number(process.env.FC_RUNS ?? 300)) };
  // Templates whose literals and values JSON must escape, in two languages, one code echoing its value.
  const catalog = defineCatalog({
    E: { status: 422, message: { en: 'Invalid.', ko: '잘못된 요청입니다.' }, details: 'violations' },
    INTERNAL: { status: 500, message: 'x' },
  }, {
    violations: {
      PLAIN: { message: { en: 'Required.', ko: '필수 항목입니다.' } },
      QUOTED: { message: { en: 'Say "{word}" \\ then {n}.', ko: '"{word}"\u0007 {n}' }, echo: true },
      TAB: { message: { en: 'a\tb {x}', ko: '탭\t{x}' } },
    },
  });
  const text = fc.oneof(fc.string({ unit: 'binary', maxLength: 10 }), fc.constantFrom('"', '\\', '\ud800', '\ud83d\ude00', 'é', '\u2028'));
  const input = fc.record({
    path: fc.array(fc.oneof(text, fc.nat(20)), { maxLength: 3 }),
    location: fc.constantFrom(...VIOLATION_LOCATIONS),
    code: fc.constantFrom('PLAIN', 'QUOTED', 'TAB', 'UNKNOWN'),
    params: fc.record({ word: fc.oneof(text, fc.double(), fc.anything()), n: fc.oneof(fc.integer(), fc.double()), x: text }, { requiredKeys: [] }),
    value: fc.oneof(text, fc.double(), fc.boolean(), fc.constant(null), fc.anything()),
  }).map(({ path, ...rest }) => ({ pointer: toPointer(path), ...rest }));
  const asProblem = (list: readonly Violation[]) => list.map((v) => ({
    detail: v.message, pointer: v.pointer, code: v.code, location: v.location,
    ...(v.params === undefined ? {} : { params: v.params }), ...(v.value === undefined ? {} : { value: v.value }),
  }));

  it('in both forms and every language, for any input the read keeps', () => {
    fc.assert(fc.property(fc.array(input, { maxLength: 5 }), (list) => {
      const details = errorInternals(catalog.E({}, { details: list as unknown as ConvertedViolations }))!.details;
      assert.ok(details?.kind === 'violations');
      for (const locale of [undefined, 'en', 'ko']) {
        const objects = violationsIn(details.read, locale);
        assert.equal(violationsJson(details.read, 'house', locale), JSON.stringify(objects));
        assert.equal(violationsJson(details.read, 'problem', locale), JSON.stringify(asProblem(objects)));
      }
    }), settings);
  });

  it('the answer in each language is the objects a defineFormat value receives, in the built-in formats\' shape', () => {
    const err = catalog.E({}, { details: [{ pointer: '/a"b', location: 'body', code: 'QUOTED', params: { word: 'q"\ud800', n: 2 }, value: 'v\\' }] as never });
    const seen: unknown[] = [];
    const copy = defineFormat({ name: 'copy', schema: {}, body: (info) => { seen.push(info.details); return { code: info.code, message: info.message, details: info.details }; } });
    for (const locale of ['en', 'ko']) {
      const builtin = wireForm(catalog, err, { format: 'code-message', locale });
      const custom = wireForm(catalog, err, { format: copy, locale });
      assert.equal(builtin.body, custom.body, locale);
    }
    assert.deepEqual(seen, [
      [{ pointer: '/a"b', location: 'body', code: 'QUOTED', message: 'Say "q"\ud800" \\ then 2.', params: { word: 'q"\ud800', n: 2 }, value: 'v\\' }],
      [{ pointer: '/a"b', location: 'body', code: 'QUOTED', message: '"q"\ud800"\u0007 2', params: { word: 'q"\ud800', n: 2 }, value: 'v\\' }],
    ]);
  });
});
