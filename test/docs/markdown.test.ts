import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as commonmark from 'commonmark';
import { defineCatalog, defineFormat, renderMarkdown, type FormatRef } from '../../lib/index.js';
import { errors, FORMAT_NAMES } from '../support/catalog.js';
import { detailsErrors, HOSTILE_TEXTS, hostileErrors, koreanErrors } from '../support/docs-catalogs.js';
import { assertCleanMarkdown, assertNoAutolinks, inlineText, tableCells, tablesOf } from '../support/markdown-check.js';

const SNAPSHOTS = new URL('../snapshots/', import.meta.url);

/**
 * Compares with the committed snapshot byte for byte. A missing snapshot fails like a different one:
 * only `UPDATE_SNAPSHOTS=1` writes snapshots, so a test can never pass by writing its own expectation.
 */
function matchSnapshot(name: string, actual: string): void {
  const file = new URL(name, SNAPSHOTS);
  if (process.env.UPDATE_SNAPSHOTS === '1') {
    mkdirSync(SNAPSHOTS, { recursive: true });
    writeFileSync(file, actual);
  }
  assert.ok(existsSync(file), `snapshot ${name} is missing (UPDATE_SNAPSHOTS=1 writes it; review it before committing)`);
  assert.equal(actual, readFileSync(file, 'utf8'), `${name} differs from the committed snapshot (UPDATE_SNAPSHOTS=1 to accept)`);
}

function html(markdown: string): string {
  return new commonmark.HtmlRenderer().render(new commonmark.Parser().parse(markdown));
}

describe('renderMarkdown', () => {
  describe('snapshots of the shared catalog', () => {
    for (const format of FORMAT_NAMES) {
      it(`is byte-identical to test/snapshots/markdown-${format}.md, and clean CommonMark`, () => {
        const page = renderMarkdown(errors, { format, title: 'API errors' });
        matchSnapshot(`markdown-${format}.md`, page);
        const { ids, links } = assertCleanMarkdown(page);
        assertNoAutolinks(page);
        assert.equal(links.length, 16); // 10 contents entries, 5 challenge rows, 1 header row
        for (const key of Object.keys(errors)) assert.ok(ids.has(key), key);
        assert.deepEqual(tablesOf(page).map((t) => t.rows.length), [2, 3, 1, 2, 1, 1, 2, 5, 1]);
      });
    }
    it('matches the Korean catalog transcribed from seed 003, in Korean and in English', () => {
      matchSnapshot('markdown-seed003-ko.md', renderMarkdown(koreanErrors, { format: 'code-message' }));
      matchSnapshot('markdown-seed003-en.md', renderMarkdown(koreanErrors, { format: 'code-message', locale: 'en' }));
    });
  });

  it('writes a small catalog\'s whole page, the same for the same definitions defined twice', () => {
    const definitions = {
      B: { status: 404, message: 'b' }, A: { status: 400, message: 'a {x}', retryable: true }, C: { status: 500, message: 'c' },
    } as const;
    const expected = [
      '# Error reference',
      '',
      'Every error response carries an HTTP status code and a JSON body in the format below. 4xx statuses are client errors: the request must change. 5xx statuses are server errors.',
      '',
      '- [Error response model](#error-response-model)',
      '- [400 Bad Request](#status-400)',
      '- [404 Not Found](#status-404)',
      '- [500 Internal Server Error](#status-500)',
      '',
      '## <a id="error-response-model"></a>Error response model',
      '',
      'All error responses have a body in this format:',
      '',
      'Content type: `application/json; charset=utf-8`',
      '',
      '```json',
      '{',
      '  "code": "B",',
      '  "message": "b"',
      '}',
      '```',
      '',
      '- `code`: the error code (see the tables below).',
      '- `message`: a human-readable message.',
      '',
      'Errors marked retryable are temporary: the same request may succeed later, so retry it after a pause. Other errors fail again with the same input: check the code and change the request.',
      '',
      'In messages, `{name}` stands for a value filled in when the error is sent.',
      '',
      '## <a id="status-400"></a>400 Bad Request',
      '',
      '| Code | Status | Message | Retryable |',
      '| --- | --- | --- | --- |',
      '| <a id="A"></a>`A` | 400 | a {x} | yes |',
      '',
      '## <a id="status-404"></a>404 Not Found',
      '',
      '| Code | Status | Message | Retryable |',
      '| --- | --- | --- | --- |',
      '| <a id="B"></a>`B` | 404 | b | no |',
      '',
      '## <a id="status-500"></a>500 Internal Server Error',
      '',
      '| Code | Status | Message | Retryable |',
      '| --- | --- | --- | --- |',
      '| <a id="C"></a>`C` | 500 | c | no |',
      '',
    ].join('\n');
    assert.equal(renderMarkdown(defineCatalog(definitions), { format: 'code-message' }), expected);
    assert.equal(renderMarkdown(defineCatalog(definitions), { format: 'code-message' }), expected);
  });

  it('lists a definition\'s own WWW-Authenticate (a Basic challenge) among its headers, as it is sent', () => {
    const basic = defineCatalog({
      UNAUTHORIZED: { status: 401, message: 'Unauthorized', headers: { 'WWW-Authenticate': 'Basic realm="shop"' } },
      INTERNAL_ERROR: { status: 500, message: 'Internal server error.' },
    });
    const page = renderMarkdown(basic, { format: 'code-message' });
    assert.ok(page.includes('| [`UNAUTHORIZED`](#UNAUTHORIZED) | 401 | `WWW-Authenticate: Basic realm="shop"` |'), page);
  });

  describe('content', () => {
    const page = renderMarkdown(errors, { format: 'errorCode-reason', title: 'API errors' });
    const tables = tablesOf(page);

    it('starts with the title and the response model with an example body and its content type', () => {
      assert.ok(page.startsWith('# API errors\n\n'));
      assert.ok(page.includes('Content type: `application/json; charset=utf-8`'));
      assert.ok(page.includes('```json\n{\n  "errorCode": "BAD_REQUEST",\n  "reason": "Invalid or missing query parameters."\n}\n```'));
      assert.ok(page.includes('- `errorCode`: the error code') && page.includes('- `reason`: a human-readable message.'));
    });

    it('has one section per status in ascending order, with the status phrase', () => {
      const headings = page.split('\n').filter((l) => l.startsWith('## ')).map((l) => l.replace(/<a id="[^"]+"><\/a>/, ''));
      assert.deepEqual(headings, [
        '## Error response model', '## 400 Bad Request', '## 401 Unauthorized', '## 403 Forbidden', '## 404 Not Found',
        '## 406 Not Acceptable', '## 429 Too Many Requests', '## 500 Internal Server Error', '## WWW-Authenticate',
        '## Other response headers',
      ]);
    });

    it('has one row per definition: code, status, message template with placeholders, retryable', () => {
      const rows = tables.filter((t) => t.header[0] === 'Code' && t.header[2] === 'Message').flatMap((t) => t.rows);
      const plain = rows.map((cells) => cells.map(inlineText));
      assert.deepEqual(plain.map((cells) => cells[0]), [
        'BAD_REQUEST', 'MALFORMED_AUTH', 'MISSING_AUTH_TOKEN', 'INVALID_AUTH_TOKEN', 'EXPIRED_AUTH_TOKEN',
        'NOT_ENOUGH_PERMISSION', '{RESOURCE}_NOT_EXIST', 'RESOURCE_NOT_FOUND', 'BAD_REQUEST', 'TOO_MANY_REQUESTS',
        'ILLEGAL_STATE', 'INTERNAL_ERROR',
      ]);
      assert.deepEqual(plain.find((cells) => cells[0] === 'ILLEGAL_STATE'), ['ILLEGAL_STATE', '500', 'Illegal state: {detail}', 'yes']);
      assert.deepEqual(plain.find((cells) => cells[0] === 'INTERNAL_ERROR'), ['INTERNAL_ERROR', '500', 'Internal server error.', 'no']);
      assert.ok(page.includes('| Code | Status | Message | Retryable |\n'), 'no Description column when no description says more than its message');
      assert.ok(page.includes('Errors marked retryable are temporary'));
    });

    it('gives every definition an anchor named by its key, the same wire code at two statuses included', () => {
      const { ids } = assertCleanMarkdown(page);
      for (const key of ['BAD_REQUEST', 'LOGIC_BAD_REQUEST', '{RESOURCE}_NOT_EXIST', 'ILLEGAL_STATE']) assert.ok(ids.has(key), key);
      assert.ok(page.includes('| <a id="LOGIC_BAD_REQUEST"></a>`BAD_REQUEST` | 406 | Bad request | no |'));
    });

    it('documents the exact WWW-Authenticate value of every Bearer definition, as the wire form sends it', () => {
      const table = tables.find((t) => t.header[2] === 'WWW-Authenticate')!;
      const byCode = new Map(table.rows.map((cells) => [inlineText(cells[0]!), inlineText(cells[2]!)]));
      assert.equal(byCode.get('MISSING_AUTH_TOKEN'), 'Bearer realm="api"');
      assert.equal(byCode.get('INVALID_AUTH_TOKEN'), 'Bearer realm="api", error="invalid_token", error_description="Invalid auth token."');
      assert.equal(byCode.get('EXPIRED_AUTH_TOKEN'), 'Bearer realm="api", error="invalid_token", error_description="Expired auth token."');
      assert.equal(byCode.get('MALFORMED_AUTH'), 'Bearer realm="api", error="invalid_request", error_description="Malformed Authorization header."');
      assert.equal(byCode.get('NOT_ENOUGH_PERMISSION'), 'Bearer realm="api", error="insufficient_scope", error_description="Not enough permission.", scope="{scope}"');
      assert.equal(table.rows.length, 5);
    });

    it('uses the realm option, as the middleware does', () => {
      const other = renderMarkdown(errors, { format: 'code-message', realm: 'orders' });
      assert.ok(other.includes('`Bearer realm="orders"`'));
    });

    it('lists the definitions\' own headers', () => {
      assert.ok(page.includes('| [`TOO_MANY_REQUESTS`](#TOO_MANY_REQUESTS) | 429 | `Retry-After: 30` |'));
    });

    it('shows a code family with its placeholder, and explains it', () => {
      assert.ok(html(page).includes('<code>{RESOURCE}_NOT_EXIST</code>'));
      assert.ok(page.includes('A code with a `{PLACEHOLDER}` is a family'));
    });

    it('renders codes with underscores literally (no emphasis)', () => {
      const rendered = html(page);
      for (const code of ['NOT_ENOUGH_PERMISSION', 'MISSING_AUTH_TOKEN', 'TOO_MANY_REQUESTS']) assert.ok(rendered.includes(`<code>${code}</code>`), code);
      assert.ok(!rendered.includes('<em>') && !rendered.includes('<strong>'));
    });
  });

  describe('groups (seed 003)', () => {
    const page = renderMarkdown(koreanErrors, { format: 'code-message' });

    it('has one section per group in declaration order, with its status and its paragraph', () => {
      assert.ok(page.includes('## <a id="group-BadRequest"></a>BadRequest\n\nstatus 400\n\n| 코드 | 상태 | 메시지 | 설명 | 재시도 |'));
      assert.ok(page.includes('## <a id="group-InternalServerError"></a>InternalServerError\n\nstatus 500\n\n서버에러로 발생하는대로'));
      const order = [...page.matchAll(/^## <a id="group-([^"]+)">/gm)].map((m) => m[1]);
      assert.deepEqual(order, ['BadRequest', 'Conflict', 'InternalServerError', 'NotFound', 'NotImplemented', 'PermissionDenied', 'Unauthorized']);
    });

    it('keeps a declared group without definitions (NotImplemented) as a paragraph', () => {
      assert.ok(page.includes('## <a id="group-NotImplemented"></a>NotImplemented\n\nstatus 501\n\n아직 기능을 구현하지 않은 경우 발생합니다. 최대한 빠르게 구현하겠습니다.\n\n## '));
    });

    it('is in Korean by default (defaultLocale ko), with the description column where it differs', () => {
      assert.ok(page.startsWith('# 에러 목록\n'));
      assert.ok(page.includes('| <a id="MissingHeader"></a>`MissingHeader` | 400 | 해당 헤더가 존재하지 않습니다: {header} | 해당 헤더가 존재하지 않은 경우 발생합니다. | 불가 |'));
    });

    it('renders in English with locale: en, and the example body is the English one', () => {
      const en = renderMarkdown(koreanErrors, { format: 'code-message', locale: 'en', title: { ko: '에러', en: 'Public API errors' } });
      assert.ok(en.startsWith('# Public API errors\n'));
      assert.ok(en.includes('| <a id="DnsResolveFailed"></a>`DnsResolveFailed` | 400 | DNS resolution failed. |  | no |'));
      assert.ok(en.includes('| <a id="MissingHeader"></a>`MissingHeader` | 400 | A required header is missing: {header} | Sent when a required header is missing. | no |'));
      assert.ok(en.includes('"message": "DNS resolution failed."'));
      assert.ok(en.includes('The feature is not implemented yet.'));
    });

    it('keeps the Bearer challenge ASCII: error_description is the English text even on the Korean page', () => {
      assert.ok(page.includes('`Bearer realm="public-api", error="invalid_token", error_description="The access token has expired."`'));
    });

    it('is clean CommonMark', () => {
      assertCleanMarkdown(page);
      tablesOf(page);
    });
  });

  describe('hostile texts', () => {
    const page = renderMarkdown(hostileErrors, { format: 'code-message' });

    it('is clean CommonMark: no emphasis, HTML, links or images from catalog texts', () => {
      assertCleanMarkdown(page);
      assertNoAutolinks(page);
      const rendered = html(page);
      assert.ok(!rendered.includes('<script') && !rendered.includes('<img') && !rendered.includes('<b>'));
      assert.ok(!rendered.includes('href="https://evil.example"') && !rendered.includes('href="javascript:'));
      assert.ok(!rendered.includes('src="x.png"'));
    });

    it('keeps every table row\'s cells, and each cell shows the text exactly', () => {
      const rows = tablesOf(page).filter((t) => t.header[2] === 'Message').flatMap((t) => t.rows);
      const byKey = new Map(rows.map((cells) => [inlineText(cells[0]!), cells.map(inlineText)]));
      assert.deepEqual(byKey.get('HOSTILE_SCRIPT')!.slice(2), [HOSTILE_TEXTS.script, HOSTILE_TEXTS.link]);
      assert.deepEqual(byKey.get('HOSTILE_PIPES')!.slice(2), [HOSTILE_TEXTS.pipes, HOSTILE_TEXTS.emphasis]);
      assert.deepEqual(byKey.get('HOSTILE_TICKS')!.slice(2), [HOSTILE_TEXTS.ticks, '']);
      assert.deepEqual(byKey.get('HOSTILE_ENTITY')!.slice(2), [HOSTILE_TEXTS.entity, HOSTILE_TEXTS.heading]);
      assert.deepEqual(byKey.get('HOSTILE_{THING}_X')!.slice(2), [HOSTILE_TEXTS.list, '']);
      assert.deepEqual(byKey.get('INTERNAL')!.slice(2), ['Internal | error *', '']);
    });

    it('keeps headings and group paragraphs as text', () => {
      const doc = new commonmark.Parser().parse(page);
      const headings: string[] = [];
      const paragraphs: string[] = [];
      const walker = doc.walker();
      let event;
      while ((event = walker.next())) {
        if (!event.entering) continue;
        const text = (): string => {
          let out = '';
          const w = event!.node.walker();
          let e;
          while ((e = w.next())) if (e.entering && (e.node.type === 'text' || e.node.type === 'code')) out += e.node.literal;
            else if (e.entering && e.node.type === 'softbreak') out += '\n';
          return out;
        };
        if (event.node.type === 'heading') headings.push(text());
        if (event.node.type === 'paragraph') paragraphs.push(text());
      }
      assert.ok(headings.includes('<img src=x onerror=alert(1)>'));
      assert.ok(headings.includes('# Auth | *group*'));
      assert.ok(paragraphs.includes('<script>document.title="pwned"</script>\n- list?\n[link](javascript:alert(1))'));
      assert.ok(paragraphs.includes('| not | a | table |'));
    });
  });

  describe('bare URLs and e-mail addresses (GFM autolinks)', () => {
    const TEXTS = {
      www: 'See www.example.com or WWW.EXAMPLE.ORG for help.',
      url: 'Docs at https://docs.example.com/errors, http://x.example and ftp://files.example.',
      email: 'Write to support@example.com or first.last+tag@mail.example.org.',
      mixed: 'See [the guide](https://docs.example.com/guide) or www.example.com, or mail me@z.example',
    } as const;
    const linky = defineCatalog({
      SUPPORT: { status: 400, group: 'help@example.com', message: TEXTS.email, description: TEXTS.www },
      DOCS: { status: 404, group: 'help@example.com', message: TEXTS.url, description: TEXTS.mixed },
      INTERNAL: { status: 500, message: 'Internal.' },
    }, { groups: { 'help@example.com': { description: 'Visit www.example.com\nor mail help@example.com' } } });
    const title = 'Errors of www.example.com, https://example.com and api@example.com';

    for (const links of [false, true]) {
      it(`gives GitHub nothing to autolink, with links: ${links}`, () => {
        const page = renderMarkdown(linky, { format: 'code-message', title, links });
        if (!links) assertCleanMarkdown(page); // links: true makes one real link, to the guide
        assertNoAutolinks(page);
      });
    }

    it('shows every text exactly, and keeps the links of links: true', () => {
      const page = renderMarkdown(linky, { format: 'code-message', title });
      const rows = tablesOf(page).flatMap((t) => t.rows).map((cells) => cells.map(inlineText));
      assert.deepEqual(rows[0]!.slice(2), [TEXTS.email, TEXTS.www]);
      assert.deepEqual(rows[1]!.slice(2), [TEXTS.url, TEXTS.mixed]);
      const rendered = html(page);
      assert.ok(rendered.includes('<h1>Errors of www.example.com, https://example.com and api<!-- -->@example.com</h1>'), rendered);
      assert.ok(rendered.includes('<p>Visit www.example.com\nor mail help<!-- -->@example.com</p>'), rendered);
      const linked = html(renderMarkdown(linky, { format: 'code-message', links: true }));
      assert.ok(linked.includes('See <a href="https://docs.example.com/guide">the guide</a> or www.example.com, or mail me<!-- -->@z.example'), linked);
    });
  });

  describe('custom formats', () => {
    const envelope = defineFormat({
      name: 'envelope',
      body: ({ code, message }) => ({ error: { code, message } }),
      schema: {
        type: 'object', required: ['error'],
        properties: { error: { type: 'object', description: 'The error: its `code` and its `message`.' } },
      },
    });
    it('shows the custom body and the schema\'s own field descriptions', () => {
      const page = renderMarkdown(errors, { format: envelope });
      assert.ok(page.includes('```json\n{\n  "error": {\n    "code": "BAD_REQUEST",\n    "message": "Invalid or missing query parameters."\n  }\n}\n```'));
      assert.ok(page.includes('- `error`: The error: its \\`code\\` and its \\`message\\`.'));
      assertCleanMarkdown(page);
    });
  });

  describe('links in descriptions and group paragraphs (links: true)', () => {
    const linked = defineCatalog({
      TestPatchFailed: {
        status: 400, group: 'BadRequest',
        message: 'Not a valid RFC6902 patch.',
        description: 'Not a valid [RFC6902](https://www.rfc-editor.org/rfc/rfc6902) patch; see [the guide](http://docs.example/patch) | [bad](javascript:alert(1)) ![img](https://x.example/a.png) <https://auto.example>',
      },
      NewError: { status: 500, group: 'InternalServerError', message: 'Unknown error.' },
    }, {
      groups: {
        BadRequest: { status: 400 },
        InternalServerError: { status: 500, description: 'Ask [support](https://support.example/ticket) if it persists.\n- not a list' },
      },
    });
    const linksOf = (markdown: string): string[] => [...html(markdown).matchAll(/<a href="([^"]*)"/g)].map((m) => m[1]!).filter((href) => !href.startsWith('#'));

    it('keeps every catalog text plain by default', () => {
      assert.deepEqual(linksOf(renderMarkdown(linked, { format: 'code-message' })), []);
    });

    it('renders http(s) links, and nothing else: no image, no other scheme, no block', () => {
      const page = renderMarkdown(linked, { format: 'code-message', links: true });
      assert.deepEqual(linksOf(page), ['https://www.rfc-editor.org/rfc/rfc6902', 'http://docs.example/patch', 'https://support.example/ticket']);
      const rendered = html(page);
      assert.ok(!rendered.includes('<img'), 'images stay text');
      assert.ok(!rendered.includes('javascript:alert(1)"'), 'only http(s) URLs become links');
      assert.ok(page.includes('Ask [support](https://support.example/ticket) if it persists.\n\\- not a list'), 'a line that would open a list is still escaped');
    });

    it('keeps a table row whole around a link', () => {
      const row = renderMarkdown(linked, { format: 'code-message', links: true }).split('\n').find((l) => l.startsWith('| <a id="TestPatchFailed">'))!;
      assert.equal(tableCells(row).length, 4, row);
      assert.equal(inlineText(tableCells(row)[3]!), 'Not a valid RFC6902 patch; see the guide | [bad](javascript:alert(1)) ![img](https://x.example/a.png) <https://auto.example>');
    });
  });
});

/** The blocks of a page from the heading with this id up to the next second-level heading. */
function sectionOf(page: string, id: string): string {
  const start = page.indexOf(`## <a id="${id}"></a>`);
  assert.notEqual(start, -1, `no section ${id}`);
  const end = page.indexOf('\n## ', start + 1);
  return page.slice(start, end === -1 ? undefined : end);
}

describe('renderMarkdown: field-level details', () => {
  const page = renderMarkdown(detailsErrors, { format: 'code-message' });

  it('writes the violations of a definition below its table: the member, a link to the codes and an example body', () => {
    assert.equal(sectionOf(page, 'status-400'), [
      '## <a id="status-400"></a>400 Bad Request',
      '',
      '| Code | Status | Message |',
      '| --- | --- | --- |',
      '| <a id="INVALID_PARAMETER"></a>`INVALID_PARAMETER` | 400 | There is an error in the requested parameter. |',
      '',
      '[`INVALID_PARAMETER`](#INVALID_PARAMETER) carries a list of violations in `details`, one per bad field, with the codes listed under [Violation codes](#violation-codes).',
      '',
      'Example body:',
      '',
      '```json',
      '{',
      '  "code": "INVALID_PARAMETER",',
      '  "message": "There is an error in the requested parameter.",',
      '  "details": [',
      '    {',
      '      "pointer": "/email",',
      '      "location": "body",',
      '      "code": "REQUIRED",',
      '      "message": "This field is required."',
      '    },',
      '    {',
      '      "pointer": "/name",',
      '      "location": "body",',
      '      "code": "TOO_SHORT",',
      '      "message": "Must be at least {minimum} characters.",',
      '      "params": {',
      '        "minimum": "{minimum}"',
      '      },',
      '      "value": "{value}"',
      '    }',
      '  ]',
      '}',
      '```',
      '',
    ].join('\n'));
  });

  it('writes a definition\'s own object: its fields by path, with type, required and description, and an example body', () => {
    assert.equal(sectionOf(page, 'status-403'), [
      '## <a id="status-403"></a>403 Forbidden',
      '',
      '| Code | Status | Message |',
      '| --- | --- | --- |',
      '| <a id="OUT_OF_CREDIT"></a>`OUT_OF_CREDIT` | 403 | Not enough credit. |',
      '',
      '[`OUT_OF_CREDIT`](#OUT_OF_CREDIT) carries an object in `details` with these fields:',
      '',
      '| Field | Type | Required | Description |',
      '| --- | --- | --- | --- |',
      '| `balance` | `integer` | yes | The credit left, in cents. |',
      '| `currency` | `"EUR", "USD"` | no |  |',
      '| `items` | `object[]` | no |  |',
      '| `items[].sku` | `string` | yes | Item number |',
      '| `items[].price` | `number` | no |  |',
      '',
      'Example body:',
      '',
      '```json',
      '{',
      '  "code": "OUT_OF_CREDIT",',
      '  "message": "Not enough credit.",',
      '  "details": {',
      '    "balance": 0,',
      '    "currency": "EUR",',
      '    "items": [',
      '      {',
      '        "sku": "string",',
      '        "price": 0',
      '      }',
      '    ]',
      '  }',
      '}',
      '```',
      '',
    ].join('\n'));
  });

  it('takes the example object from the schema\'s examples', () => {
    assert.ok(sectionOf(page, 'status-409').includes([
      '| Field | Type | Required |',
      '| --- | --- | --- |',
      '| `until` | `string (date-time)` | yes |',
      '',
      'Example body:',
      '',
      '```json',
      '{',
      '  "code": "RESOURCE_LOCKED",',
      '  "message": "The resource is locked.",',
      '  "details": {',
      '    "until": "2025-01-01T00:00:00Z"',
      '  }',
      '}',
      '```',
    ].join('\n')));
  });

  it('lists the violation codes once, after the status sections, with INVALID, and links them from the contents', () => {
    assert.equal(sectionOf(page, 'violation-codes'), [
      '## <a id="violation-codes"></a>Violation codes',
      '',
      'An error with violations carries one record per bad field: `pointer` is an RFC 6901 JSON Pointer to the field inside the part of the request that `location` names (`body`, `query`, `path`, `header` or `cookie`), `code` says why with one of the codes below, and the message says it in words. In messages, `{name}` stands for a value sent in the record\'s `params`. The value received is sent back, in `value`, only for the codes marked echoed.',
      '',
      '| Code | Message | Description | Echoed |',
      '| --- | --- | --- | --- |',
      '| `REQUIRED` | This field is required. |  | no |',
      '| `TOO_SHORT` | Must be at least {minimum} characters. | A string is shorter than allowed. | yes |',
      '| `INVALID` | This value is invalid. |  | no |',
      '',
    ].join('\n'));
    assert.ok(page.includes('- [500 Internal Server Error](#status-500)\n- [Violation codes](#violation-codes)\n\n'));
    assert.equal(page.split('<a id="violation-codes">').length, 2);
    const { ids } = assertCleanMarkdown(page);
    assert.ok(ids.has('violation-codes'));
    assertNoAutolinks(page);
  });

  it('keeps the model body plain: the first definition without placeholders or details', () => {
    assert.ok(sectionOf(page, 'error-response-model').includes('```json\n{\n  "code": "INTERNAL_ERROR",\n  "message": "Internal server error."\n}\n```'));
  });

  it('is in the page\'s language: the sentences, the columns, the violation messages and the example bodies', () => {
    const ko = renderMarkdown(detailsErrors, { format: 'code-message', locale: 'ko' });
    assert.ok(ko.includes('[`INVALID_PARAMETER`](#INVALID_PARAMETER) 에러는 잘못된 필드마다 위반 하나씩, 위반 목록을 `details` 멤버에 담습니다. 코드는 [위반 코드](#violation-codes)를 참고하세요.'));
    assert.ok(ko.includes('      "message": "최소 {minimum}자 이상이어야 합니다.",'));
    assert.ok(ko.includes('| 필드 | 타입 | 필수 | 설명 |\n| --- | --- | --- | --- |\n| `balance` | `integer` | 예 | The credit left, in cents. |'));
    assert.ok(ko.includes([
      '| 코드 | 메시지 | 설명 | 값 반환 |',
      '| --- | --- | --- | --- |',
      '| `REQUIRED` | 필수 항목입니다. |  | 아니요 |',
      '| `TOO_SHORT` | 최소 {minimum}자 이상이어야 합니다. | 문자열이 허용된 길이보다 짧습니다. | 예 |',
      '| `INVALID` | This value is invalid. |  | 아니요 |',
    ].join('\n')));
  });

  it('names problem details\' errors member, and its own object as members of the body', () => {
    const problem = renderMarkdown(detailsErrors, { format: 'problem-details' });
    assert.ok(problem.includes('[`INVALID_PARAMETER`](#INVALID_PARAMETER) carries a list of violations in `errors`, one per bad field, with the codes listed under [Violation codes](#violation-codes).'));
    assert.ok(problem.includes('      "detail": "This field is required.",\n      "pointer": "/email",\n      "code": "REQUIRED",\n      "location": "body"\n'));
    assert.ok(problem.includes('[`OUT_OF_CREDIT`](#OUT_OF_CREDIT) carries these fields as members of its body:'));
    assert.ok(problem.includes('  "code": "OUT_OF_CREDIT",\n  "balance": 0,\n  "currency": "EUR",\n'));
  });

  it('uses the member the detailsField option names, as the middleware does', () => {
    const named = renderMarkdown(detailsErrors, { format: 'errorCode-reason', detailsField: 'fieldErrors' });
    assert.ok(named.includes('carries a list of violations in `fieldErrors`, one per bad field'));
    assert.ok(named.includes('  "reason": "There is an error in the requested parameter.",\n  "fieldErrors": [\n'));
    assert.ok(named.includes('[`OUT_OF_CREDIT`](#OUT_OF_CREDIT) carries an object in `fieldErrors` with these fields:'));
    assert.throws(() => renderMarkdown(detailsErrors, { format: 'errorCode-reason', detailsField: 'reason' }), /detailsField must be a member name/);
  });

  it('documents no details a format does not send, and no violation codes when no definition sends violations', () => {
    const ignoring = defineFormat({ name: 'envelope', body: ({ code, message }) => ({ error: { code, message } }), schema: { type: 'object' } });
    const plain = renderMarkdown(detailsErrors, { format: ignoring as FormatRef });
    assert.ok(!plain.includes('Example body') && !plain.includes('violation-codes') && !plain.includes('carries a list') && !plain.includes('carries an object') && !plain.includes('carries these'), plain);
    const registeredOnly = defineCatalog({
      OUT_OF_CREDIT: { status: 403, message: 'Not enough credit.', details: { schema: { type: 'object', properties: { balance: { type: 'number' } } } } },
      INTERNAL_ERROR: { status: 500, message: 'Internal server error.' },
    }, { violations: { REQUIRED: { message: 'This field is required.' } } });
    const page = renderMarkdown(registeredOnly, { format: 'code-message' });
    assert.ok(!page.includes('Violation codes') && page.includes('carries an object in `details`'));
  });

  it('answers a catalog without registered codes with the built-in INVALID', () => {
    const bare = defineCatalog({
      INVALID_PARAMETER: { status: 400, message: 'Invalid parameter.', details: 'violations' },
      INTERNAL_ERROR: { status: 500, message: 'Internal server error.' },
    });
    const page = renderMarkdown(bare, { format: 'code-message' });
    assert.ok(page.includes('    {\n      "pointer": "/email",\n      "location": "body",\n      "code": "INVALID",\n      "message": "This value is invalid."\n    }\n  ]'));
    assert.ok(page.includes('| Code | Message | Echoed |\n| --- | --- | --- |\n| `INVALID` | This value is invalid. | no |\n'));
  });

  it('refuses to document an example in the schema that the middleware would refuse, naming the key', () => {
    const wrong = defineCatalog({
      OUT_OF_CREDIT: {
        status: 403, message: 'Not enough credit.',
        details: { schema: { type: 'object', required: ['balance'], properties: { balance: { type: 'number' } }, examples: [{ balance: 'three' }] } },
      },
      INTERNAL_ERROR: { status: 500, message: 'Internal server error.' },
    });
    assert.throws(() => renderMarkdown(wrong, { format: 'code-message' }),
      /cannot document "OUT_OF_CREDIT": its example details were refused \(details refused: \/balance must be a finite number\)/);
  });

  describe('hostile texts in violation codes and details schemas', () => {
    const hostile = defineCatalog({
      INVALID_PARAMETER: { status: 400, message: 'Invalid.', details: 'violations' },
      HOSTILE_OBJECT: {
        status: 409, message: 'Conflict.',
        details: {
          schema: {
            type: 'object',
            properties: {
              'a|b': { type: 'string', description: HOSTILE_TEXTS.script },
              '`tick`': { type: 'string', enum: ['x|y', '<b>', '`'], description: HOSTILE_TEXTS.link },
              'www.evil.example': { type: 'number', description: 'mail@evil.example and https://evil.example' },
            },
          },
        },
      },
      INTERNAL_ERROR: { status: 500, message: 'Internal server error.' },
    }, {
      violations: {
        SCRIPT: { message: HOSTILE_TEXTS.script, description: HOSTILE_TEXTS.pipes },
        TICKS: { message: `${HOSTILE_TEXTS.ticks} {min}`, description: HOSTILE_TEXTS.emphasis },
        LINKS: { message: HOSTILE_TEXTS.link, description: 'www.evil.example, https://evil.example and mail@evil.example' },
      },
    });
    const page = renderMarkdown(hostile, { format: 'code-message' });

    it('is clean CommonMark with nothing GitHub would autolink', () => {
      assertCleanMarkdown(page);
      assertNoAutolinks(page);
      const rendered = html(page);
      assert.ok(!rendered.includes('<script') && !rendered.includes('<b>') && !rendered.includes('href="https://evil.example"'), rendered);
    });

    it('shows each violation code\'s message and description exactly, in its own cells', () => {
      const table = tablesOf(sectionOf(page, 'violation-codes'))[0]!;
      assert.deepEqual(table.rows.map((cells) => cells.map(inlineText)), [
        ['SCRIPT', HOSTILE_TEXTS.script, HOSTILE_TEXTS.pipes, 'no'],
        ['TICKS', `${HOSTILE_TEXTS.ticks} {min}`, HOSTILE_TEXTS.emphasis, 'no'],
        ['LINKS', HOSTILE_TEXTS.link, 'www.evil.example, https://evil.example and mail@evil.example', 'no'],
        ['INVALID', 'This value is invalid.', '', 'no'],
      ]);
    });

    it('shows each field\'s name, allowed values and description exactly', () => {
      const table = tablesOf(sectionOf(page, 'status-409'))[1]!;
      assert.deepEqual(table.rows.map((cells) => cells.map(inlineText)), [
        ['a|b', 'string', 'no', HOSTILE_TEXTS.script],
        ['`tick`', '"x|y", "<b>", "`"', 'no', HOSTILE_TEXTS.link],
        ['www.evil.example', 'number', 'no', 'mail@evil.example and https://evil.example'],
      ]);
    });
  });
});
