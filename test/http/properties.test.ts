/**
 * Property-based tests (fast-check), in two layers:
 *
 * - In process, through `wireForm` (the one answer every server uses), on all four formats,
 *   300 runs per property (the table tests cover each rule's cases; these look for the
 *   combinations no table lists; FC_RUNS=10000 for a deeper search): cheap, so the generators can be wide (any value, getters that
 *   throw, Proxies, statuses; any key with binary parameter strings, scopes, descriptions and
 *   headers).
 * - On real servers, one property per server with a few runs (FC_HTTP_RUNS, 25 by default):
 *   the same hostile values thrown and rejected by a route; the server's answer must be
 *   exactly the in-process wire form, so the in-process properties speak for the servers.
 *
 * On failure fast-check's message (the mocha failure) carries `seed` and `path`; replay with
 * FC_SEED=… FC_PATH=… npx mocha test/http/properties.test.ts. FC_RUNS changes the count.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import fc from 'fast-check';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { assertChallenge, headersOf, leakIn } from '../support/hostile.js';
import { errors, FORMAT_NAMES, type FormatName } from '../support/catalog.js';
import { createServer, isExpress, Live, SERVER_NAMES, type ServerName } from '../support/servers.js';
import { builtinFormats, wireForm, type PublicWireForm } from '../../lib/index.js';
import { MAX_HEADER_VALUE_LENGTH } from '../../lib/rules/headers.js';

const RUNS = Math.max(1, Number(process.env.FC_RUNS ?? 300));
const replay = {
  ...(process.env.FC_SEED === undefined ? {} : { seed: Number(process.env.FC_SEED) }),
  ...(process.env.FC_PATH === undefined ? {} : { path: process.env.FC_PATH }),
};
const settings = { numRuns: RUNS, ...replay };
const httpSettings = { numRuns: Math.max(1, Number(process.env.FC_HTTP_RUNS ?? 25)), ...replay };

// ---------------------------------------------------------------------------------------
// Checks.

const ajv = new Ajv2020({ allErrors: true, strict: true });
ajv.addFormat('uri-reference', (text: string) => !/[\s"<>\\^`{|}]/.test(text));
const validators = Object.fromEntries(FORMAT_NAMES.map((name) => [name, ajv.compile(builtinFormats[name].schema)])) as
  Record<FormatName, ReturnType<typeof ajv.compile>>;
const CODE_FIELD: Record<FormatName, string> = { 'errorCode-reason': 'errorCode', 'code-description': 'code', 'code-message': 'code', 'problem-details': 'code' };
const MESSAGE_FIELD: Record<FormatName, string> = { 'errorCode-reason': 'reason', 'code-description': 'description', 'code-message': 'message', 'problem-details': 'detail' };

/**
 * What every answer must be, whatever was thrown; returns the parsed body. `scan: false` is for
 * answers that echo the caller's own parameters, which the caller then asserts exactly (a random
 * parameter such as `A:\u0000` may look like a file path to the leak scanner).
 */
function checkWire(wire: PublicWireForm, format: FormatName, { scan = true } = {}): Record<string, unknown> {
  assert.ok(Number.isInteger(wire.status) && wire.status >= 400 && wire.status <= 599, `status ${wire.status}`);
  assert.equal(wire.headers['Content-Length'], String(Buffer.byteLength(wire.body)));
  const body = JSON.parse(wire.body) as Record<string, unknown>;
  const validate = validators[format];
  assert.ok(validate(body), `body ${wire.body.slice(0, 200)} breaks the ${format} schema: ${ajv.errorsText(validate.errors)}`);
  if (scan) assert.equal(leakIn(wire.body), undefined, `leak in ${wire.body.slice(0, 200)}`);
  const headers = headersOf(wire, 'property'); // Node accepts each, none twice
  for (const [name, value] of Object.entries(headers)) {
    assert.ok(value.length <= MAX_HEADER_VALUE_LENGTH, `${name} is ${value.length} characters`);
    if (name === 'www-authenticate') assertChallenge(value, 'property');
  }
  assert.equal(headers['content-type'], builtinFormats[format].contentType);
  return body;
}

// ---------------------------------------------------------------------------------------
// Hostile values.

const anythingSettings = {
  withNullPrototype: true, withBigInt: true, withBoxedValues: true, withMap: true, withSet: true, withDate: true,
  withTypedArray: true, withSparseArray: true, withObjectString: true, maxDepth: 3,
} as const;

const PROPERTY_NAMES = ['status', 'statusCode', 'message', 'name', 'headers', 'expose', 'code', 'stack', 'cause', 'toJSON', 'then', 'toString', 'constructor'] as const;
const TRAPS = ['get', 'has', 'ownKeys', 'getOwnPropertyDescriptor', 'getPrototypeOf', 'apply', 'isExtensible', 'defineProperty', 'set'] as const;

const statusValue = fc.oneof(
  fc.integer({ min: 400, max: 599 }), fc.integer({ min: -1000, max: 2000 }), fc.double(), fc.bigInt(),
  fc.constantFrom<unknown>(Number.NaN, Infinity, -0, 404.5, '404', ' 500', new Number(404), null, true, [404]),
);

/**
 * A hostile value is generated as a recipe: fast-check itself probes generated values
 * (`cloneMethod in value`, stringify), which a Proxy whose traps throw would break.
 */
interface Recipe {
  make(): unknown;
  [fc.toStringMethod](): string;
}
function recipe(label: () => string, make: () => unknown): Recipe {
  return { make, [fc.toStringMethod]: label };
}

/** An object (Error, plain, null-prototype or function) with getters that throw or return anything (`fc.func`). */
const withGetters = fc.record({
  kind: fc.constantFrom('error', 'plain', 'null', 'function'),
  getters: fc.uniqueArray(fc.record({ name: fc.constantFrom(...PROPERTY_NAMES), throws: fc.boolean(), value: fc.func(fc.oneof(fc.anything(anythingSettings), statusValue)) }), { selector: (g) => g.name, maxLength: 6 }),
}).map(({ kind, getters }) => recipe(() => `${kind} with getters ${getters.map((g) => `${g.name}${g.throws ? '(throws)' : `=${fc.stringify(g.value)}`}`).join(', ')}`, () => {
  const base: object = kind === 'error' ? new Error('internal') : kind === 'null' ? Object.create(null) as object : kind === 'function' ? () => 0 : {};
  // V8 formats an Error's stack lazily, calling `name` and `message`: format it before they can throw.
  if (base instanceof Error) void base.stack;
  for (const { name, throws, value } of getters) {
    Object.defineProperty(base, name, { configurable: true, enumerable: true, get: throws ? () => { throw new Error('getter'); } : () => value(name) });
  }
  return base;
}));

/** A Proxy over any object with some traps that throw. */
const proxies = fc.record({
  target: fc.oneof(fc.object(anythingSettings), fc.constant(() => 0), fc.constant(new Error('x'))),
  traps: fc.subarray([...TRAPS], { minLength: 1 }),
}).map(({ target, traps }) => recipe(() => `Proxy(${fc.stringify(target)}) throwing in ${traps.join(', ')}`, () => {
  const handler: ProxyHandler<object> = {};
  for (const trap of traps) (handler as Record<string, unknown>)[trap] = () => { throw new Error(`${trap} trap`); };
  return new Proxy(target as object, handler);
}));

/** Plain data with statuses: the answer's status is predictable exactly. */
const statusRecords = fc.record({
  shape: fc.constantFrom('error', 'plain', 'null'),
  fields: fc.record({ status: statusValue, statusCode: statusValue }, { requiredKeys: [] }),
}).map(({ shape, fields }) => ({
  value: Object.assign(shape === 'error' ? new Error('x') : shape === 'null' ? Object.create(null) as object : {}, fields),
  want: expectedStatus(fields),
}));

// 401 and 403 have only Bearer definitions, which are never a default fallback.
const FALLBACK_STATUSES = new Set([400, 404, 406, 429, 500]);
function expectedStatus(fields: { status?: unknown; statusCode?: unknown }): number {
  for (const value of [fields.status, fields.statusCode]) {
    if (typeof value === 'number' && Number.isInteger(value) && value >= 400 && value <= 599) {
      return FALLBACK_STATUSES.has(value) ? value : value < 500 ? 400 : 500;
    }
  }
  return 500;
}

const anyThrown: fc.Arbitrary<Recipe> = fc.oneof(
  { arbitrary: fc.anything(anythingSettings).map((value) => recipe(() => fc.stringify(value), () => value)), weight: 3 },
  { arbitrary: withGetters, weight: 3 },
  { arbitrary: proxies, weight: 2 },
  { arbitrary: statusRecords.map((r) => recipe(() => fc.stringify(r.value), () => r.value)), weight: 2 },
);

// ---------------------------------------------------------------------------------------
// Catalog keys with arbitrary parameters.

const CAP = 1024;
const WIRE_CODE = /^[A-Za-z][A-Za-z0-9_]*$/;
function capped(text: string): string {
  if (text.length <= CAP) return text;
  const last = text.charCodeAt(CAP - 2);
  return `${text.slice(0, last >= 0xd800 && last <= 0xdbff ? CAP - 2 : CAP - 1)}…`;
}

const binary = fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary', minLength: 1000, maxLength: 1100 }), fc.string({ unit: 'binary-ascii' }));
const KEYS = ['BAD_REQUEST', 'MISSING_AUTH_TOKEN', 'INVALID_AUTH_TOKEN', 'NOT_ENOUGH_PERMISSION', 'MALFORMED_AUTH', '{RESOURCE}_NOT_EXIST', 'LOGIC_BAD_REQUEST', 'TOO_MANY_REQUESTS', 'ILLEGAL_STATE'] as const;
const catalogThrows = fc.record({
  key: fc.constantFrom(...KEYS),
  params: fc.oneof(
    fc.record({ detail: binary, RESOURCE: fc.oneof(binary, fc.stringMatching(/^[A-Z][A-Z_]{0,20}$/)) }, { requiredKeys: [] }),
    fc.dictionary(fc.constantFrom('detail', 'RESOURCE', '__proto__', 'constructor'), fc.anything(anythingSettings)),
  ),
  scope: fc.option(fc.array(fc.oneof(binary, fc.stringMatching(/^[!#-[\]-~]{1,20}$/)), { maxLength: 5 }), { nil: undefined }),
  errorDescription: fc.option(fc.oneof(binary, fc.string({ unit: 'binary-ascii', maxLength: 600 })), { nil: undefined }),
  headers: fc.option(fc.dictionary(fc.oneof(binary, fc.constantFrom('Content-Length', 'Set-Cookie', 'X-Ok', '__proto__', 'WWW-Authenticate')), binary, { maxKeys: 40 }), { nil: undefined }),
});

// ---------------------------------------------------------------------------------------

describe('hostile properties', function () {
  this.timeout(60_000);

  it(`any thrown value → a 4xx/5xx answer matching the schema, headers Node accepts, any format (${RUNS} runs)`, () => {
    fc.assert(fc.property(anyThrown, fc.constantFrom(...FORMAT_NAMES), (thrown, format) => {
      checkWire(wireForm(errors, thrown.make(), { format }), format);
    }), settings);
  });

  it(`a status on plain data → exactly the documented status, any format (${RUNS} runs)`, () => {
    fc.assert(fc.property(statusRecords, fc.constantFrom(...FORMAT_NAMES), ({ value, want }, format) => {
      const wire = wireForm(errors, value, { format });
      checkWire(wire, format);
      assert.equal(wire.status, want);
    }), settings);
  });

  it(`any catalog key, binary parameters, scopes, descriptions, headers → its exact answer, any format (${RUNS} runs)`, () => {
    fc.assert(fc.property(catalogThrows, fc.constantFrom(...FORMAT_NAMES), ({ key, params, scope, errorDescription, headers }, format) => {
      const options = { ...(scope === undefined ? {} : { scope }), ...(errorDescription === undefined ? {} : { errorDescription }), ...(headers === undefined ? {} : { headers }) };
      const factory = errors[key] as (params: unknown, options: unknown) => Error;
      const wire = wireForm(errors, factory(params, options), { format });
      const body = checkWire(wire, format, { scan: key !== 'ILLEGAL_STATE' && key !== '{RESOURCE}_NOT_EXIST' });
      const read = (name: string): string => {
        const value = Object.hasOwn(params, name) ? (params as Record<string, unknown>)[name] : undefined;
        return typeof value === 'string' ? capped(value) : typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean' ? capped(String(value)) : `{${name}}`;
      };
      if (key === 'ILLEGAL_STATE') {
        assert.equal(body[MESSAGE_FIELD[format]], `Illegal state: ${read('detail')}`);
      } else if (key === '{RESOURCE}_NOT_EXIST') {
        const code = `${read('RESOURCE')}_NOT_EXIST`;
        assert.equal(body[CODE_FIELD[format]], WIRE_CODE.test(code) ? code : 'INTERNAL_ERROR');
        assert.equal(wire.status, WIRE_CODE.test(code) ? 404 : 500);
      } else {
        assert.equal(wire.status, errors[key].status);
      }
      const challenge = wire.headers['WWW-Authenticate'];
      if (key === 'NOT_ENOUGH_PERMISSION' && scope !== undefined && scope.length > 0 && scope.every((s) => /^[!#-[\]-~]+$/.test(s)) && scope.join(' ').length <= 2048) {
        assert.ok(challenge?.endsWith(`, scope="${scope.join(' ')}"`), `scope kept in ${challenge}`);
      }
      if (challenge !== undefined) assert.ok(!/scope=/.test(challenge) || key === 'NOT_ENOUGH_PERMISSION');
    }), settings);
  });

  // The same values on real servers: the answer on the wire is exactly the in-process wire form.
  for (const server of SERVER_NAMES) {
    describe(`on ${server}`, () => {
      let slot: unknown;
      const lives = Object.fromEntries(FORMAT_NAMES.map((format) => [format, new Live(createServer(server, {
        catalog: errors, options: { format },
        routes: { '/throw': () => { throw slot; }, '/reject': () => Promise.reject(slot), '/healthy': () => ({ ok: true }) },
      }))])) as Record<FormatName, Live>;
      before(() => Promise.all(FORMAT_NAMES.map((f) => lives[f].start())));
      after(() => Promise.all(FORMAT_NAMES.map((f) => lives[f].stop())));

      it(`any thrown or rejected value → the in-process wire form, byte for byte (${httpSettings.numRuns} runs, keep-alive)`, async () => {
        await fc.assert(fc.asyncProperty(anyThrown, fc.constantFrom(...FORMAT_NAMES), fc.boolean(), async (made, format, rejected) => {
          const thrown = made.make();
          slot = thrown;
          const res = await lives[format].get(rejected ? '/reject' : '/throw');
          if (isExpressSkip(server, thrown, rejected)) {
            assert.equal(res.status, 404); // Express's own 404: next(falsy) / next('route') is not an error
            return;
          }
          const wire = wireForm(errors, thrown, { format });
          assert.equal(res.status, wire.status);
          assert.equal(res.text, wire.body);
          for (const [name, value] of Object.entries(wire.headers)) assert.equal(res.headers[name.toLowerCase()], value, name);
        }), httpSettings);
        const alive = await lives['code-message'].get('/healthy');
        assert.equal(alive.status, 200);
      });
    });
  }
});

function isExpressSkip(server: ServerName, thrown: unknown, rejected: boolean): boolean {
  if (!isExpress(server)) return false;
  if (thrown === 'route' || thrown === 'router') return true;
  return !rejected && !thrown;
}
