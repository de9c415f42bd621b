import assert from 'node:assert/strict';
import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import createHttpError from 'http-errors';
import request from 'supertest';
import {
  defineCatalog, defineFormat, errorResponses, problemDetails, toOpenAPI,
  type FormatRef, type OpenAPIDocument,
} from '../../lib/index.js';
import { errors, FORMAT_NAMES, FORMATS } from '../support/catalog.js';
import { detailsErrors, koreanErrors } from '../support/docs-catalogs.js';
import { assertNoAutolinks, plainText } from '../support/markdown-check.js';
import { createServer, forEachServer } from '../support/servers.js';

const DOC_ID = 'https://house-errors.test/openapi.json';

/** One validator for the file: it compiles the OpenAPI 3.1 schema once, then checks every document with it. */
const openAPI = new Validator();

async function assertValidOpenAPI(doc: unknown): Promise<void> {
  const result = await openAPI.validate(doc as Record<string, unknown>);
  assert.equal(result.valid, true, JSON.stringify(result.errors, null, 2));
  assert.equal(openAPI.version, '3.1');
}

/**
 * Compiles the schema at a JSON pointer of the document with ajv (draft 2020-12), `$ref`s resolved in the
 * document; each pointer is compiled once.
 */
function schemaValidator(doc: OpenAPIDocument): (pointer: string) => (body: unknown) => string | undefined {
  const ajv = new Ajv2020({ strict: false, allErrors: true, formats: { 'uri-reference': true, 'date-time': true } });
  ajv.addSchema({ ...structuredClone(doc), $id: DOC_ID });
  const compiled = new Map<string, ValidateFunction>();
  return (pointer) => {
    const validate = compiled.get(pointer) ?? ajv.compile({ $ref: `${DOC_ID}#${pointer}` });
    compiled.set(pointer, validate);
    return (body) => (validate(body) ? undefined : ajv.errorsText(validate.errors));
  };
}

const escapePointer = (s: string): string => s.replace(/~/g, '~0').replace(/\//g, '~1');

function responseSchemaPointer(doc: OpenAPIDocument, name: string): string {
  const mediaType = Object.keys(doc.components.responses[name]!.content)[0]!;
  return `/components/responses/${name}/content/${escapePointer(mediaType)}/schema`;
}

describe('toOpenAPI', () => {
  for (const format of FORMAT_NAMES) {
    it(`is a valid OpenAPI 3.1 document for ${format}`, async () => {
      await assertValidOpenAPI(toOpenAPI(errors, { format, title: 'API errors', version: '2.0.0' }));
    });
  }

  it('is valid for the Korean catalog, a problemDetails({ typeBase }) format and a custom format', async () => {
    await assertValidOpenAPI(toOpenAPI(koreanErrors, { format: 'code-message' }));
    await assertValidOpenAPI(toOpenAPI(errors, { format: problemDetails({ typeBase: 'https://api.example.com/errors#' }) }));
    await assertValidOpenAPI(toOpenAPI(errors, { format: envelope }));
  });

  const doc = toOpenAPI(errors, { format: 'code-message', title: 'API errors', version: '2.0.0' });

  it('has openapi, info, paths and the body schema with the wire codes as enum and the family as a pattern', () => {
    assert.equal(doc.openapi, '3.1.0');
    assert.deepEqual(doc.info, { title: 'API errors', version: '2.0.0' });
    assert.deepEqual(doc.paths, {});
    assert.deepEqual(doc.components.schemas.ErrorBody, {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: {
          type: 'string',
          anyOf: [
            {
              enum: ['BAD_REQUEST', 'MISSING_AUTH_TOKEN', 'INVALID_AUTH_TOKEN', 'EXPIRED_AUTH_TOKEN', 'NOT_ENOUGH_PERMISSION',
                'MALFORMED_AUTH', 'RESOURCE_NOT_FOUND', 'TOO_MANY_REQUESTS', 'ILLEGAL_STATE', 'INTERNAL_ERROR'],
            },
            { pattern: '^[A-Za-z][A-Za-z0-9_]*_NOT_EXIST$' },
          ],
        },
        message: { type: 'string' },
      },
      additionalProperties: false,
    });
  });

  it('uses a plain enum when the catalog has no family', () => {
    const plain = defineCatalog({ A: { status: 400, message: 'a' }, B: { status: 500, message: 'b' } });
    const code = (toOpenAPI(plain, { format: 'errorCode-reason' }).components.schemas.ErrorBody as { properties: { errorCode: unknown } }).properties.errorCode;
    assert.deepEqual(code, { type: 'string', enum: ['A', 'B'] });
  });

  it('has one response per definition, keyed by the key (braces dropped), with status, example and headers', () => {
    assert.deepEqual(Object.keys(doc.components.responses), [
      'BAD_REQUEST', 'MISSING_AUTH_TOKEN', 'INVALID_AUTH_TOKEN', 'EXPIRED_AUTH_TOKEN', 'NOT_ENOUGH_PERMISSION', 'MALFORMED_AUTH',
      'RESOURCE_NOT_EXIST', 'RESOURCE_NOT_FOUND', 'LOGIC_BAD_REQUEST', 'TOO_MANY_REQUESTS', 'ILLEGAL_STATE', 'INTERNAL_ERROR',
    ]);
    assert.deepEqual(doc.components.responses.INVALID_AUTH_TOKEN, {
      description: 'Invalid auth token.',
      headers: { 'WWW-Authenticate': { $ref: '#/components/headers/INVALID_AUTH_TOKEN.WWW-Authenticate' } },
      content: {
        'application/json': {
          schema: { allOf: [{ $ref: '#/components/schemas/ErrorBody' }, { properties: { code: { const: 'INVALID_AUTH_TOKEN' } } }] },
          example: { code: 'INVALID_AUTH_TOKEN', message: 'Invalid auth token.' },
        },
      },
      'x-status': 401,
      'x-code': 'INVALID_AUTH_TOKEN',
      'x-retryable': false,
    });
    assert.deepEqual(doc.components.headers!['INVALID_AUTH_TOKEN.WWW-Authenticate'], {
      description: 'RFC 6750 Bearer challenge with `error="invalid_token"`.',
      schema: { type: 'string', pattern: '^Bearer( |$)' },
      example: 'Bearer realm="api", error="invalid_token", error_description="Invalid auth token."',
    });
    const family = doc.components.responses.RESOURCE_NOT_EXIST!;
    assert.equal(family['x-code'], '{RESOURCE}_NOT_EXIST');
    assert.deepEqual(family.content['application/json']!.example, { code: 'RESOURCE_NOT_EXIST', message: 'The specific resource could not be found.' });
    assert.equal(doc.components.responses.ILLEGAL_STATE!['x-retryable'], true);
    assert.deepEqual(doc.components.responses.ILLEGAL_STATE!.content['application/json']!.example, { code: 'ILLEGAL_STATE', message: 'Illegal state: {detail}' });
    assert.deepEqual(doc.components.headers!['TOO_MANY_REQUESTS.Retry-After'], {
      description: 'Sent with every `TOO_MANY_REQUESTS` response.', schema: { type: 'string', const: '30' }, example: '30',
    });
    assert.equal(doc.components.headers!['NOT_ENOUGH_PERMISSION.WWW-Authenticate']!.example,
      'Bearer realm="api", error="insufficient_scope", error_description="Not enough permission.", scope="{scope}"');
    assert.deepEqual(doc.components.headers!['MISSING_AUTH_TOKEN.WWW-Authenticate'], {
      description: 'RFC 6750 Bearer challenge: the request carried no credentials.',
      schema: { type: 'string', pattern: '^Bearer( |$)' },
      example: 'Bearer realm="api"',
    });
  });

  it('uses the media type of the format (problem details) and narrows the status there too', () => {
    const pd = toOpenAPI(errors, { format: 'problem-details' });
    const response = pd.components.responses.LOGIC_BAD_REQUEST!;
    assert.deepEqual(Object.keys(response.content), ['application/problem+json']);
    assert.deepEqual(response.content['application/problem+json']!.schema, {
      allOf: [{ $ref: '#/components/schemas/ErrorBody' }, { properties: { code: { const: 'BAD_REQUEST' }, status: { const: 406 } } }],
    });
  });

  it('keeps a custom format\'s schema and refers to it whole when it names no code field', () => {
    const custom = toOpenAPI(errors, { format: envelope });
    assert.deepEqual(custom.components.schemas.ErrorBody, envelope.schema);
    assert.deepEqual(custom.components.responses.BAD_REQUEST!.content['application/json']!.schema, { $ref: '#/components/schemas/ErrorBody' });
  });

  it('renders texts and examples in the chosen locale', () => {
    const ko = toOpenAPI(koreanErrors, { format: 'code-message' });
    const en = toOpenAPI(koreanErrors, { format: 'code-message', locale: 'en', title: { ko: '에러', en: 'Errors' } });
    assert.equal(ko.info.title, '에러 목록');
    assert.equal(en.info.title, 'Errors');
    assert.equal(ko.components.responses.DnsResolveFailed!.description, 'DNS 확인실패 시 발생합니다.');
    assert.equal(en.components.responses.DnsResolveFailed!.description, 'DNS resolution failed.');
    assert.deepEqual(en.components.responses.MissingHeader!.content['application/json']!.example, { code: 'MissingHeader', message: 'A required header is missing: {header}' });
  });

  it('takes info.description; throws for a bad version', () => {
    assert.deepEqual(toOpenAPI(errors, { format: 'code-message', description: 'All `4xx` errors.' }).info,
      { title: 'Error reference', version: '1.0.0', description: 'All `4xx` errors.' });
    assert.throws(() => toOpenAPI(errors, { format: 'code-message', version: '' }), /version must be a non-empty string/);
  });
});

describe('descriptions are CommonMark: catalog texts in them stay text', () => {
  const HOSTILE = '<iframe src=javascript:alert(1)></iframe> *bold* _under_ [click](https://evil.example) &amp; `code`\n'
    + '# not a heading\n- not a list\nwww.evil.example, https://evil.example and mail@evil.example';
  const hostile = defineCatalog({
    HOSTILE: { status: 400, message: 'Bad <b>request</b>.', description: HOSTILE, headers: { 'X-Note': 'fixed' } },
    '_{WHAT}_': { status: 400, code: 'X_{WHAT}', message: 'See www.example.com.', bearer: 'invalid_request', headers: { 'X-Note': 'fixed' } },
    INTERNAL: { status: 500, message: 'Internal.' },
  });
  const doc = toOpenAPI(hostile, { format: 'code-message' });

  it('shows a response\'s description as its text: no raw HTML (Redoc renders it), emphasis, link, block or autolink', () => {
    const description = doc.components.responses.HOSTILE!.description;
    assert.equal(plainText(description), HOSTILE);
    assertNoAutolinks(description);
    assert.equal(plainText(doc.components.responses._WHAT_!.description), 'See www.example.com.');
    assertNoAutolinks(doc.components.responses._WHAT_!.description);
  });

  it('shows header descriptions and errorResponses\' combined descriptions as their text', () => {
    assert.equal(plainText(doc.components.headers!['HOSTILE.X-Note']!.description), 'Sent with every HOSTILE response.');
    assert.equal(plainText(doc.components.headers!['_WHAT_.X-Note']!.description), 'Sent with every _{WHAT}_ response.');
    assert.equal(plainText(doc.components.headers!['_WHAT_.WWW-Authenticate']!.description),
      'RFC 6750 Bearer challenge with error="invalid_request".');
    const combined = errorResponses(hostile, ['HOSTILE', '_{WHAT}_'], { format: 'code-message' })['400'] as { description: string };
    assert.equal(plainText(combined.description), `HOSTILE: ${HOSTILE}\nX_{WHAT}: See www.example.com.`);
    assertNoAutolinks(combined.description);
  });

  it('keeps http(s) links with links: true, and only those', () => {
    const linked = defineCatalog({
      GUIDE: { status: 400, message: 'm', description: 'Read [the guide](https://docs.example.com/guide), not www.example.com.' },
      INTERNAL: { status: 500, message: 'Internal.' },
    });
    const description = toOpenAPI(linked, { format: 'code-message', links: true }).components.responses.GUIDE!.description;
    assert.equal(description, 'Read [the guide](https://docs.example.com/guide), not www\\.example.com.');
    assertNoAutolinks(description);
    assert.equal(toOpenAPI(linked, { format: 'code-message' }).components.responses.GUIDE!.description,
      'Read \\[the guide\\](https\\://docs.example.com/guide), not www\\.example.com.');
  });
});

describe('errorResponses', () => {
  const doc = toOpenAPI(errors, { format: 'code-message' });

  it('gives a $ref for a status with one definition, and oneOf with named examples for several', () => {
    const responses = errorResponses(errors, ['INVALID_AUTH_TOKEN', '{RESOURCE}_NOT_EXIST', 'EXPIRED_AUTH_TOKEN'], { format: 'code-message' });
    assert.deepEqual(Object.keys(responses), ['401', '404']);
    assert.deepEqual(responses['404'], { $ref: '#/components/responses/RESOURCE_NOT_EXIST' });
    assert.deepEqual(responses['401'], {
      description: '`INVALID_AUTH_TOKEN`: Invalid auth token.\n`EXPIRED_AUTH_TOKEN`: Expired auth token.',
      headers: { 'WWW-Authenticate': { $ref: '#/components/headers/INVALID_AUTH_TOKEN.WWW-Authenticate' } },
      content: {
        'application/json': {
          schema: {
            oneOf: [
              { allOf: [{ $ref: '#/components/schemas/ErrorBody' }, { properties: { code: { const: 'INVALID_AUTH_TOKEN' } } }] },
              { allOf: [{ $ref: '#/components/schemas/ErrorBody' }, { properties: { code: { const: 'EXPIRED_AUTH_TOKEN' } } }] },
            ],
          },
          examples: {
            INVALID_AUTH_TOKEN: { summary: 'INVALID_AUTH_TOKEN', value: { code: 'INVALID_AUTH_TOKEN', message: 'Invalid auth token.' } },
            EXPIRED_AUTH_TOKEN: { summary: 'EXPIRED_AUTH_TOKEN', value: { code: 'EXPIRED_AUTH_TOKEN', message: 'Expired auth token.' } },
          },
        },
      },
    });
  });

  it('uses anyOf when a family could match another code at the same status', () => {
    const overlapping = defineCatalog({
      '{R}_NOT_EXIST': { status: 404, message: 'Not found.' },
      USER_NOT_EXIST: { status: 404, message: 'No such user.' },
      INTERNAL: { status: 500, message: 'Internal.' },
    });
    const responses = errorResponses(overlapping, ['{R}_NOT_EXIST', 'USER_NOT_EXIST'], { format: 'code-message' });
    const schema = (responses['404'] as { content: Record<string, { schema: Record<string, unknown> }> }).content['application/json']!.schema;
    assert.deepEqual(Object.keys(schema), ['anyOf']);
  });

  it('makes a valid document when put in an operation, and live bodies validate against the combined schema', async () => {
    const withPaths = {
      ...doc,
      paths: {
        '/orders/{id}': {
          get: {
            parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
            responses: {
              200: { description: 'The order.' },
              ...errorResponses(errors, ['INVALID_AUTH_TOKEN', 'EXPIRED_AUTH_TOKEN', 'MISSING_AUTH_TOKEN', '{RESOURCE}_NOT_EXIST', 'RESOURCE_NOT_FOUND'], { format: 'code-message' }),
            },
          },
        },
      },
    };
    await assertValidOpenAPI(withPaths);
    const compile = schemaValidator(withPaths as unknown as OpenAPIDocument);
    const validate401 = compile('/paths/~1orders~1{id}/get/responses/401/content/application~1json/schema');
    const validate404 = compile('/paths/~1orders~1{id}/get/responses/404/content/application~1json/schema');
    const server = createServer('express5', {
      catalog: errors, options: { format: 'code-message' },
      routes: {
        '/expired': () => { throw errors.EXPIRED_AUTH_TOKEN(); },
        '/missing': () => { throw errors.MISSING_AUTH_TOKEN(); },
        '/user': () => { throw errors['{RESOURCE}_NOT_EXIST']({ RESOURCE: 'USER' }); },
      },
    });
    for (const path of ['/expired', '/missing']) {
      const res = await request(server).get(path).timeout({ deadline: 5000 });
      assert.equal(validate401(res.body), undefined, path);
    }
    const user = await request(server).get('/user').timeout({ deadline: 5000 });
    assert.equal(user.body.code, 'USER_NOT_EXIST');
    assert.notEqual(validate401(user.body), undefined, 'a 404 body must not validate as a 401 one');
    // 404 is a single $ref: the family's own schema.
    const validateFamily = compile(responseSchemaPointer(doc, 'RESOURCE_NOT_EXIST'));
    assert.equal(validateFamily(user.body), undefined);
    assert.ok(validate404);
  });

  it('throws for a key that is not in the catalog, and for keys that are not an array', () => {
    assert.throws(() => errorResponses(errors, ['NOPE' as 'BAD_REQUEST'], { format: 'code-message' }), /errorResponses: "NOPE" is not a key of the catalog/);
    assert.throws(() => errorResponses(errors, 'BAD_REQUEST' as never, { format: 'code-message' }), /errorResponses: keys must be an array of catalog keys/);
  });
});

const envelope = defineFormat({
  name: 'envelope',
  body: ({ code, message }) => ({ error: { code, message } }),
  schema: {
    type: 'object', required: ['error'],
    properties: { error: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string' }, message: { type: 'string' } } } },
  },
});

/** Every definition thrown with realistic values; the key and status it must answer with. */
const THROWS: ReadonlyArray<{ path: string; key: string; status: number; thrown: () => unknown }> = [
  { path: '/throw/BAD_REQUEST', key: 'BAD_REQUEST', status: 400, thrown: () => errors.BAD_REQUEST() },
  { path: '/throw/MISSING_AUTH_TOKEN', key: 'MISSING_AUTH_TOKEN', status: 401, thrown: () => errors.MISSING_AUTH_TOKEN() },
  { path: '/throw/INVALID_AUTH_TOKEN', key: 'INVALID_AUTH_TOKEN', status: 401, thrown: () => errors.INVALID_AUTH_TOKEN() },
  { path: '/throw/EXPIRED_AUTH_TOKEN', key: 'EXPIRED_AUTH_TOKEN', status: 401, thrown: () => errors.EXPIRED_AUTH_TOKEN() },
  {
    path: '/throw/NOT_ENOUGH_PERMISSION', key: 'NOT_ENOUGH_PERMISSION', status: 403,
    thrown: () => errors.NOT_ENOUGH_PERMISSION({}, { scope: ['orders:write', 'orders:read'] }),
  },
  { path: '/throw/MALFORMED_AUTH', key: 'MALFORMED_AUTH', status: 400, thrown: () => errors.MALFORMED_AUTH() },
  { path: '/throw/RESOURCE_NOT_EXIST', key: '{RESOURCE}_NOT_EXIST', status: 404, thrown: () => errors['{RESOURCE}_NOT_EXIST']({ RESOURCE: 'USER' }) },
  { path: '/throw/RESOURCE_NOT_FOUND', key: 'RESOURCE_NOT_FOUND', status: 404, thrown: () => errors.RESOURCE_NOT_FOUND() },
  { path: '/throw/LOGIC_BAD_REQUEST', key: 'LOGIC_BAD_REQUEST', status: 406, thrown: () => errors.LOGIC_BAD_REQUEST() },
  { path: '/throw/TOO_MANY_REQUESTS', key: 'TOO_MANY_REQUESTS', status: 429, thrown: () => errors.TOO_MANY_REQUESTS() },
  { path: '/throw/ILLEGAL_STATE', key: 'ILLEGAL_STATE', status: 500, thrown: () => errors.ILLEGAL_STATE({ detail: 'order book locked' }) },
  { path: '/throw/INTERNAL_ERROR', key: 'INTERNAL_ERROR', status: 500, thrown: () => errors.INTERNAL_ERROR() },
  // A foreign 404 is answered with the chosen fallback, not the family.
  { path: '/foreign/404', key: 'RESOURCE_NOT_FOUND', status: 404, thrown: () => createHttpError(404) },
  { path: '/foreign/429', key: 'TOO_MANY_REQUESTS', status: 429, thrown: () => createHttpError(429) },
  { path: '/foreign/string', key: 'INTERNAL_ERROR', status: 500, thrown: () => 'a thrown string' },
];

describe('live responses validate against the generated document', () => {
  const formats: Array<[string, FormatRef]> = [...FORMAT_NAMES.map((name): [string, FormatRef] => [name, name]), ['envelope', envelope]];
  // One document and its compiled schemas per format, shared by the four servers.
  const documents = new Map<string, { doc: OpenAPIDocument; compile: ReturnType<typeof schemaValidator> }>();
  const documentFor = (name: string, format: FormatRef): { doc: OpenAPIDocument; compile: ReturnType<typeof schemaValidator> } => {
    if (!documents.has(name)) {
      const doc = toOpenAPI(errors, { format });
      documents.set(name, { doc, compile: schemaValidator(doc) });
    }
    return documents.get(name)!;
  };
  forEachServer((server) => {
    for (const [name, format] of formats) {
      it(`every definition answered in ${name} validates against its response schema`, async () => {
        const { doc, compile } = documentFor(name, format);
        const routes = Object.fromEntries(THROWS.map(({ path, thrown }) => [path, () => { throw thrown(); }]));
        const app = createServer(server, { catalog: errors, options: { format, fallbacks: { 404: 'RESOURCE_NOT_FOUND' } }, routes });
        let checked = 0;
        for (const { path, key, status } of THROWS) {
          const res = await request(app).get(path).timeout({ deadline: 5000 });
          const responseName = key.replace(/[{}]/g, '');
          const response = doc.components.responses[responseName]!;
          assert.equal(res.status, status, `${path} status`);
          assert.equal(response['x-status'], status, `${responseName} x-status`);
          const mediaType = Object.keys(response.content)[0]!;
          const expectedType = name in FORMATS ? FORMATS[name as keyof typeof FORMATS].contentType : 'application/json; charset=utf-8';
          assert.equal(res.headers['content-type'], expectedType);
          assert.ok(expectedType.startsWith(mediaType));
          const body: unknown = JSON.parse(res.text);
          assert.equal(compile(responseSchemaPointer(doc, responseName))(body), undefined, `${path}: ${res.text}`);
          assert.equal(compile('/components/schemas/ErrorBody')(body), undefined, `${path} against ErrorBody`);
          const documented = Object.keys(response.headers ?? {});
          assert.equal(res.headers['www-authenticate'] !== undefined, documented.includes('WWW-Authenticate'), `${path} WWW-Authenticate`);
          if (documented.includes('WWW-Authenticate')) assert.match(res.headers['www-authenticate']!, /^Bearer( |$)/);
          if (documented.includes('Retry-After')) assert.equal(res.headers['retry-after'], '30');
          checked++;
        }
        assert.equal(checked, THROWS.length);
      });
    }
  });

  it('throws every definition of the shared catalog', () => {
    assert.deepEqual(THROWS.filter((t) => t.path.startsWith('/throw/')).map((t) => t.key), Object.keys(errors));
  });

  it('rejects a body the middleware would never send (the schemas are not vacuous)', () => {
    const doc = toOpenAPI(errors, { format: 'code-message' });
    const compile = schemaValidator(doc);
    const invalid = compile(responseSchemaPointer(doc, 'INVALID_AUTH_TOKEN'));
    assert.equal(invalid({ code: 'INVALID_AUTH_TOKEN', message: 'x' }), undefined);
    assert.notEqual(invalid({ code: 'EXPIRED_AUTH_TOKEN', message: 'x' }), undefined);
    assert.notEqual(invalid({ code: 'INVALID_AUTH_TOKEN' }), undefined);
    const body = compile('/components/schemas/ErrorBody');
    assert.equal(body({ code: 'ORDER_NOT_EXIST', message: 'x' }), undefined);
    assert.notEqual(body({ code: 'UNKNOWN_CODE', message: 'x' }), undefined);
    assert.notEqual(body({ code: '_NOT_EXIST', message: 'x' }), undefined);
    assert.notEqual(body({ code: 'BAD_REQUEST', message: 'x', extra: 1 }), undefined);
  });
});

/** The details catalog's document in a format, and its compiled schemas: one per format for the file. */
const detailsDocuments = new Map<string, { doc: OpenAPIDocument; compile: ReturnType<typeof schemaValidator> }>();
function detailsDocument(name: string, format: FormatRef): { doc: OpenAPIDocument; compile: ReturnType<typeof schemaValidator> } {
  if (!detailsDocuments.has(name)) {
    const doc = toOpenAPI(detailsErrors, { format });
    detailsDocuments.set(name, { doc, compile: schemaValidator(doc) });
  }
  return detailsDocuments.get(name)!;
}

describe('toOpenAPI and errorResponses: field-level details', () => {
  const { doc } = detailsDocument('code-message', 'code-message');

  for (const format of FORMAT_NAMES) {
    it(`is a valid OpenAPI 3.1 document with details in ${format}`, async () => {
      await assertValidOpenAPI(toOpenAPI(detailsErrors, { format }));
    });
  }

  it('gives a definition with violations a body schema of its own, with the violation codes as the code enum, and an example carrying violations', () => {
    assert.deepEqual(doc.components.schemas['ErrorBody.INVALID_PARAMETER'], {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string', anyOf: [{ enum: ['INVALID_PARAMETER', 'OUT_OF_CREDIT', 'INTERNAL_ERROR'] }, { pattern: '^[A-Za-z][A-Za-z0-9_]*_LOCKED$' }] },
        message: { type: 'string' },
        details: {
          type: 'array',
          items: {
            type: 'object',
            required: ['pointer', 'location', 'code', 'message'],
            properties: {
              pointer: { type: 'string', description: 'RFC 6901 JSON Pointer to the field inside `location`.' },
              location: { enum: ['path', 'query', 'header', 'cookie', 'body'] },
              code: { enum: ['REQUIRED', 'TOO_SHORT', 'INVALID'] },
              message: { type: 'string' },
              params: { type: 'object', additionalProperties: { type: ['string', 'number'] } },
              value: { type: ['string', 'number', 'boolean', 'null'] },
            },
            additionalProperties: false,
          },
        },
      },
      additionalProperties: false,
    });
    assert.deepEqual(doc.components.responses.INVALID_PARAMETER, {
      description: 'There is an error in the requested parameter.',
      content: {
        'application/json': {
          schema: { allOf: [{ $ref: '#/components/schemas/ErrorBody.INVALID_PARAMETER' }, { properties: { code: { const: 'INVALID_PARAMETER' } } }] },
          example: {
            code: 'INVALID_PARAMETER',
            message: 'There is an error in the requested parameter.',
            details: [
              { pointer: '/email', location: 'body', code: 'REQUIRED', message: 'This field is required.' },
              { pointer: '/name', location: 'body', code: 'TOO_SHORT', message: 'Must be at least {minimum} characters.', params: { minimum: '{minimum}' }, value: '{value}' },
            ],
          },
        },
      },
      'x-status': 400,
      'x-code': 'INVALID_PARAMETER',
      'x-retryable': false,
    });
  });

  it('gives a definition with an object of its own the body with that object, and keeps ErrorBody without details', () => {
    const own = doc.components.schemas['ErrorBody.OUT_OF_CREDIT'] as { properties: Record<string, unknown> };
    // Closed at every depth: the wire never sends a member the schema does not declare.
    assert.deepEqual(own.properties.details, {
      type: 'object', required: ['balance'], additionalProperties: false,
      properties: {
        balance: { type: 'integer', minimum: 0, description: 'The credit left, in cents.' },
        currency: { type: 'string', enum: ['EUR', 'USD'] },
        items: { type: 'array', items: { type: 'object', required: ['sku'], additionalProperties: false, properties: { sku: { type: 'string', title: 'Item number' }, price: { type: 'number' } } } },
      },
    });
    assert.deepEqual(Object.keys((doc.components.schemas.ErrorBody as { properties: object }).properties), ['code', 'message']);
    assert.deepEqual(doc.components.responses.OUT_OF_CREDIT!.content['application/json']!.example,
      { code: 'OUT_OF_CREDIT', message: 'Not enough credit.', details: { balance: 0, currency: 'EUR', items: [{ sku: 'string', price: 0 }] } });
    assert.deepEqual(doc.components.responses.INTERNAL_ERROR!.content['application/json']!.schema,
      { allOf: [{ $ref: '#/components/schemas/ErrorBody' }, { properties: { code: { const: 'INTERNAL_ERROR' } } }] });
  });

  it('names the schemas within [A-Za-z0-9._-], a family without its braces', () => {
    assert.deepEqual(Object.keys(doc.components.schemas), ['ErrorBody', 'ErrorBody.INVALID_PARAMETER', 'ErrorBody.OUT_OF_CREDIT', 'ErrorBody.RESOURCE_LOCKED']);
    assert.deepEqual(doc.components.responses.RESOURCE_LOCKED!.content['application/json']!.schema, {
      allOf: [{ $ref: '#/components/schemas/ErrorBody.RESOURCE_LOCKED' }, { properties: { code: { pattern: '^[A-Za-z][A-Za-z0-9_]*_LOCKED$' } } }],
    });
  });

  it('puts problem details\' violations in errors, and its own object among the members, with the status narrowed', () => {
    const pd = toOpenAPI(detailsErrors, { format: 'problem-details' });
    const violations = pd.components.schemas['ErrorBody.INVALID_PARAMETER'] as { properties: { errors: { items: { required: string[]; properties: { code: unknown } } } } };
    assert.deepEqual(violations.properties.errors.items.required, ['detail', 'pointer', 'code', 'location']);
    assert.deepEqual(violations.properties.errors.items.properties.code, { enum: ['REQUIRED', 'TOO_SHORT', 'INVALID'] });
    assert.deepEqual(Object.keys((pd.components.schemas['ErrorBody.OUT_OF_CREDIT'] as { properties: object }).properties),
      ['balance', 'currency', 'items', 'type', 'title', 'status', 'detail', 'code']);
    assert.deepEqual(pd.components.responses.OUT_OF_CREDIT!.content['application/problem+json']!.schema, {
      allOf: [{ $ref: '#/components/schemas/ErrorBody.OUT_OF_CREDIT' }, { properties: { code: { const: 'OUT_OF_CREDIT' }, status: { const: 403 } } }],
    });
  });

  it('uses the handler\'s detailsField in the schema and the example', () => {
    const named = toOpenAPI(detailsErrors, { format: 'errorCode-reason', detailsField: 'fieldErrors' });
    assert.deepEqual(Object.keys((named.components.schemas['ErrorBody.INVALID_PARAMETER'] as { properties: object }).properties), ['errorCode', 'reason', 'fieldErrors']);
    assert.deepEqual(Object.keys(named.components.responses.INVALID_PARAMETER!.content['application/json']!.example as object), ['errorCode', 'reason', 'fieldErrors']);
  });

  it('keeps descriptions of a details schema as text: they are CommonMark in OpenAPI', () => {
    const hostile = defineCatalog({
      HOSTILE: {
        status: 409, message: 'Conflict.',
        details: { schema: { type: 'object', description: '<iframe src=javascript:alert(1)></iframe>', properties: { a: { type: 'array', items: { type: 'string', description: '*x* www.evil.example' } } } } },
      },
      INTERNAL: { status: 500, message: 'Internal.' },
    });
    const details = (toOpenAPI(hostile, { format: 'code-message' }).components.schemas['ErrorBody.HOSTILE'] as { properties: { details: { description: string; properties: { a: { items: { description: string } } } } } }).properties.details;
    assert.equal(details.description, '\\<iframe src=javascript:alert(1)\\>\\</iframe\\>');
    assert.equal(details.properties.a.items.description, '\\*x\\* www\\.evil.example');
    assert.equal(plainText(details.description), '<iframe src=javascript:alert(1)></iframe>');
  });

  it('combines definitions with and without details at one status in errorResponses, each with its own schema and example', async () => {
    const catalog = defineCatalog({
      INVALID_PARAMETER: { status: 400, message: 'Invalid parameter.', details: 'violations' },
      BAD_REQUEST: { status: 400, message: 'Bad request.' },
      INTERNAL_ERROR: { status: 500, message: 'Internal server error.' },
    });
    const responses = errorResponses(catalog, ['INVALID_PARAMETER', 'BAD_REQUEST'], { format: 'code-message' });
    const content = (responses['400'] as OpenAPIResponseLike).content['application/json']!;
    assert.deepEqual(content.schema, {
      oneOf: [
        { allOf: [{ $ref: '#/components/schemas/ErrorBody.INVALID_PARAMETER' }, { properties: { code: { const: 'INVALID_PARAMETER' } } }] },
        { allOf: [{ $ref: '#/components/schemas/ErrorBody' }, { properties: { code: { const: 'BAD_REQUEST' } } }] },
      ],
    });
    assert.deepEqual((content.examples!.INVALID_PARAMETER!.value as { details: unknown[] }).details,
      [{ pointer: '/email', location: 'body', code: 'INVALID', message: 'This value is invalid.' }]);
    const withPaths = { ...toOpenAPI(catalog, { format: 'code-message' }), paths: { '/orders': { post: { responses: { 200: { description: 'Created.' }, ...responses } } } } };
    await assertValidOpenAPI(withPaths);
    const validate = schemaValidator(withPaths as unknown as OpenAPIDocument)('/paths/~1orders/post/responses/400/content/application~1json/schema');
    assert.equal(validate(content.examples!.INVALID_PARAMETER!.value), undefined);
    assert.equal(validate(content.examples!.BAD_REQUEST!.value), undefined);
    assert.notEqual(validate({ code: 'BAD_REQUEST', message: 'x', details: [] }), undefined, 'BAD_REQUEST declares no details');
  });

  it('refers a format without a code field to each body it may send', () => {
    const catalog = defineCatalog({
      INVALID_PARAMETER: { status: 400, message: 'Invalid parameter.', details: 'violations' },
      BAD_REQUEST: { status: 400, message: 'Bad request.' },
      INTERNAL_ERROR: { status: 500, message: 'Internal server error.' },
    });
    const withDetails = defineFormat({
      name: 'envelope',
      body: ({ code, message, details }) => ({ error: details === undefined ? { code, message } : { code, message, details } }),
      schema: { type: 'object', required: ['error'], properties: { error: { type: 'object' } } },
      schemaWithDetails: () => ({ type: 'object', required: ['error'], properties: { error: { type: 'object', required: ['details'] } } }),
    });
    const responses = errorResponses(catalog, ['INVALID_PARAMETER', 'BAD_REQUEST'], { format: withDetails });
    assert.deepEqual((responses['400'] as OpenAPIResponseLike).content['application/json']!.schema,
      { anyOf: [{ $ref: '#/components/schemas/ErrorBody.INVALID_PARAMETER' }, { $ref: '#/components/schemas/ErrorBody' }] });
  });

  it('rejects bodies the middleware would never send for a definition with details', () => {
    const { compile } = detailsDocument('code-message', 'code-message');
    const validate = compile(responseSchemaPointer(doc, 'INVALID_PARAMETER'));
    const violation = { pointer: '/email', location: 'body', code: 'REQUIRED', message: 'This field is required.' };
    assert.equal(validate({ code: 'INVALID_PARAMETER', message: 'x', details: [violation] }), undefined);
    assert.notEqual(validate({ code: 'INVALID_PARAMETER', message: 'x', details: [{ ...violation, code: 'UNKNOWN' }] }), undefined);
    assert.notEqual(validate({ code: 'INVALID_PARAMETER', message: 'x', details: [{ ...violation, location: 'form' }] }), undefined);
    assert.notEqual(validate({ code: 'INVALID_PARAMETER', message: 'x', details: [{ ...violation, secret: 'x' }] }), undefined);
    assert.notEqual(validate({ code: 'INVALID_PARAMETER', message: 'x', details: { balance: 3 } }), undefined);
    const credit = compile(responseSchemaPointer(doc, 'OUT_OF_CREDIT'));
    assert.equal(credit({ code: 'OUT_OF_CREDIT', message: 'x', details: { balance: 3 } }), undefined);
    assert.notEqual(credit({ code: 'OUT_OF_CREDIT', message: 'x', details: { balance: 'three' } }), undefined);
    assert.notEqual(credit({ code: 'OUT_OF_CREDIT', message: 'x', details: {} }), undefined);
  });
});

/** A combined response of errorResponses, as the tests read it. */
interface OpenAPIResponseLike {
  content: Record<string, { schema: unknown; examples?: Record<string, { summary: string; value: unknown }> }>;
}

/** Definitions with details thrown as an API would: the key and status each must answer with. */
const DETAIL_THROWS: ReadonlyArray<{ path: string; key: string; status: number; thrown: () => unknown }> = [
  {
    path: '/details/violations', key: 'INVALID_PARAMETER', status: 400,
    thrown: () => detailsErrors.INVALID_PARAMETER({}, {
      details: [
        { pointer: '/email', location: 'body', code: 'REQUIRED' },
        { pointer: '/name', location: 'body', code: 'TOO_SHORT', params: { minimum: 3 }, value: 'ab' },
        { pointer: '/page', location: 'query', code: 'TOO_SHORT', params: { minimum: '<script>' } },
        { pointer: '', location: 'header', code: 'REQUIRED', value: 'never echoed' },
      ],
    }),
  },
  {
    // A code the catalog does not register is answered as INVALID; an untyped caller's extra members are never sent.
    path: '/details/converted', key: 'INVALID_PARAMETER', status: 400,
    thrown: () => detailsErrors.INVALID_PARAMETER({}, { details: [{ pointer: '/items/0/sku', location: 'body', code: 'NOT_REGISTERED', secret: 's3cret' }] as never }),
  },
  { path: '/details/none', key: 'INVALID_PARAMETER', status: 400, thrown: () => detailsErrors.INVALID_PARAMETER() },
  {
    path: '/details/object', key: 'OUT_OF_CREDIT', status: 403,
    thrown: () => detailsErrors.OUT_OF_CREDIT({}, { details: { balance: 3, currency: 'EUR', items: [{ sku: 'A-1', price: 2.5 }] } }),
  },
  { path: '/details/required-only', key: 'OUT_OF_CREDIT', status: 403, thrown: () => detailsErrors.OUT_OF_CREDIT({}, { details: { balance: 0 } }) },
  // Thrown without its details: the body must still fit the documented schema (details are optional).
  { path: '/details/object-none', key: 'OUT_OF_CREDIT', status: 403, thrown: () => detailsErrors.OUT_OF_CREDIT() },
  {
    path: '/details/family', key: '{RESOURCE}_LOCKED', status: 409,
    thrown: () => detailsErrors['{RESOURCE}_LOCKED']({ RESOURCE: 'ORDER' }, { details: { until: '2025-06-01T12:00:00Z' } }),
  },
  { path: '/details/plain', key: 'INTERNAL_ERROR', status: 500, thrown: () => detailsErrors.INTERNAL_ERROR() },
];

describe('live responses with details validate against the generated document', () => {
  const formats: Array<[string, FormatRef]> = [...FORMAT_NAMES.map((name): [string, FormatRef] => [name, name]), ['envelope', envelope]];
  forEachServer((server) => {
    for (const [name, format] of formats) {
      it(`every error with violations or an object of its own answered in ${name} validates against its response schema`, async () => {
        const { doc, compile } = detailsDocument(name, format);
        const routes = Object.fromEntries(DETAIL_THROWS.map(({ path, thrown }) => [path, () => { throw thrown(); }]));
        // Foreign errors are not thrown here: the fallbacks only keep the handler from announcing its defaults.
        const fallbacks = { 404: 'INVALID_PARAMETER', 405: 'INVALID_PARAMETER', 413: 'INVALID_PARAMETER', 415: 'INVALID_PARAMETER', 429: 'INVALID_PARAMETER' } as const;
        const app = createServer(server, { catalog: detailsErrors, options: { format, fallbacks }, routes });
        let carried = 0;
        for (const { path, key, status } of DETAIL_THROWS) {
          const res = await request(app).get(path).timeout({ deadline: 5000 });
          assert.equal(res.status, status, `${path} status`);
          const responseName = key.replace(/[{}]/g, '');
          const body = JSON.parse(res.text) as Record<string, unknown>;
          assert.equal(compile(responseSchemaPointer(doc, responseName))(body), undefined, `${path}: ${res.text}`);
          assert.ok(!res.text.includes('never echoed') && !res.text.includes('s3cret'), res.text);
          if ('details' in body || 'errors' in body || 'balance' in body || 'until' in body) carried++;
        }
        // The house formats and problem details send the details of five of the throws; the envelope sends none.
        assert.equal(carried, name === 'envelope' ? 0 : 5);
      });
    }
  });
});
