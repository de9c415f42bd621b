import assert from 'node:assert/strict';
import { defineCatalog, renderHtml } from '../../lib/index.js';
import { errors } from '../support/catalog.js';
import { detailsErrors, HOSTILE_TEXTS, hostileErrors, koreanErrors } from '../support/docs-catalogs.js';

function idsOf(html: string): string[] {
  return [...html.matchAll(/\sid="([^"]*)"/g)].map((m) => m[1]!.replace(/&quot;/g, '"').replace(/&amp;/g, '&'));
}

describe('renderHtml', () => {
  const page = renderHtml(errors, { format: 'code-message', title: 'API errors' });

  it('is one self-contained document: no script, no external asset, a viewport and both colour schemes', () => {
    assert.ok(page.startsWith('<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">'));
    assert.ok(page.endsWith('</html>\n'));
    assert.ok(page.includes('<title>API errors</title>'));
    assert.ok(page.includes('@media (prefers-color-scheme:dark)'));
    assert.ok(page.includes('<meta name="color-scheme" content="light dark">'));
    for (const banned of ['<script', '<link', ' src=', 'url(', '@import', 'http://', 'https://']) assert.ok(!page.includes(banned), banned);
  });

  it('gives each definition an entry whose id is its key, and every id is unique', () => {
    const ids = idsOf(page);
    assert.equal(new Set(ids).size, ids.length, `duplicate ids: ${ids.join(' ')}`);
    for (const key of Object.keys(errors)) assert.ok(page.includes(`<article class="entry" id="${key}">`), key);
  });

  it('links to a family\'s entry with its braces percent-encoded', () => {
    assert.ok(page.includes('<a href="#%7BRESOURCE%7D_NOT_EXIST"><code>{RESOURCE}_NOT_EXIST</code></a>'));
  });

  it('shows the exact WWW-Authenticate value and an example response per entry', () => {
    assert.ok(page.includes('<span class="label">WWW-Authenticate:</span> <code>Bearer realm=&quot;api&quot;, error=&quot;invalid_token&quot;, error_description=&quot;Invalid auth token.&quot;</code>'));
    assert.ok(page.includes('HTTP/1.1 500 Internal Server Error\nContent-Type: application/json; charset=utf-8\n\n{\n  &quot;code&quot;: &quot;ILLEGAL_STATE&quot;,\n  &quot;message&quot;: &quot;Illegal state: {detail}&quot;\n}'));
    assert.ok(page.includes('<span class="label">Retry-After:</span> <code>30</code>'));
  });

  it('marks retryable and non-retryable entries', () => {
    assert.ok(/id="ILLEGAL_STATE">\n<h3>.*<span class="badge retry">Retryable<\/span><\/h3>/.test(page));
    assert.ok(/id="INTERNAL_ERROR">\n<h3>.*<span class="badge final">Retryable: no<\/span><\/h3>/.test(page));
  });

  it('escapes every catalog text: hostile messages and group names are text', () => {
    const hostile = renderHtml(hostileErrors, { format: 'code-message' });
    assert.ok(!hostile.includes('<script>') && !hostile.includes('<img') && !hostile.includes('<b>'));
    assert.ok(hostile.includes('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;'));
    assert.ok(hostile.includes('&lt;img src=x onerror=alert(1)&gt;'));
    assert.ok(hostile.includes('&amp;amp; &amp;lt; &amp;#60; &amp;copy;'));
    const ids = idsOf(hostile);
    assert.equal(new Set(ids).size, ids.length);
  });

  it('keeps ids unique when a key looks like a generated id', () => {
    const tricky = defineCatalog({
      'status-400': { status: 400, code: 'A', message: 'a' },
      'error-response-model': { status: 400, code: 'B', message: 'b' },
      'locale-en': { status: 500, code: 'C', message: { en: 'c', ko: '씨' } },
    });
    const html = renderHtml(tricky, { format: 'code-message', locales: ['en', 'ko'] });
    const ids = idsOf(html);
    assert.equal(new Set(ids).size, ids.length, ids.join(' '));
    assert.ok(ids.includes('status-400') && ids.includes('status-400-2') && ids.includes('locale-en-2'));
    assert.ok(html.includes('<section id="status-400-2">') && html.includes('<article class="entry" id="status-400">'));
  });

  describe('several locales', () => {
    const both = renderHtml(koreanErrors, { format: 'code-message', locales: ['ko', 'en'] });

    it('has a radio per language, the first checked, and a CSS rule that hides the others', () => {
      assert.ok(both.includes('<input type="radio" name="house-errors-locale" class="locale-input" id="locale-ko" checked aria-label="한국어">'));
      assert.ok(both.includes('<input type="radio" name="house-errors-locale" class="locale-input" id="locale-en" aria-label="English">'));
      assert.ok(both.includes('#locale-ko:checked~.page .l:not(.l-ko){display:none}'));
      assert.ok(both.includes('#locale-en:checked~.page .l:not(.l-en){display:none}'));
      assert.ok(both.includes('<label for="locale-ko" lang="ko">한국어</label><label for="locale-en" lang="en">English</label>'));
    });

    it('marks each translated fragment with its lang, and shares what does not change', () => {
      assert.ok(both.includes('<html lang="ko">'));
      assert.ok(both.includes('<p class="message l l-ko" lang="ko"><span class="label">메시지:</span> DNS 확인실패 시 발생합니다.</p>'
        + '<p class="message l l-en" lang="en"><span class="label">Message:</span> DNS resolution failed.</p>'));
      assert.equal((both.match(/<article class="entry" id="DnsResolveFailed">/g) ?? []).length, 1);
      const ids = idsOf(both);
      assert.equal(new Set(ids).size, ids.length);
    });

    it('has no switch with one language', () => {
      const one = renderHtml(koreanErrors, { format: 'code-message', locale: 'en' });
      assert.ok(!one.includes('type="radio"') && !one.includes(' class="l '));
      assert.ok(one.includes('<html lang="en">'));
    });

    it('rejects locale together with locales, duplicates, an empty list and unknown languages', () => {
      assert.throws(() => renderHtml(koreanErrors, { format: 'code-message', locale: 'ko', locales: ['en'] }), /use locale \(one language\) or locales \(several\), not both/);
      assert.throws(() => renderHtml(koreanErrors, { format: 'code-message', locales: ['ko', 'ko'] }), /non-empty list of distinct locales/);
      assert.throws(() => renderHtml(koreanErrors, { format: 'code-message', locales: [] }), /non-empty list of distinct locales/);
      assert.throws(() => renderHtml(koreanErrors, { format: 'code-message', locales: ['ko', 'ja'] }), /locale "ja" is not one of the catalog's \(ko, en\)/);
    });
  });

  it('writes an entry as one article: code, status, retryable, message and the exact example response', () => {
    assert.ok(page.includes([
      '<article class="entry" id="ILLEGAL_STATE">',
      '<h3><a href="#ILLEGAL_STATE"><code>ILLEGAL_STATE</code></a> <span class="badge">500 Internal Server Error</span> <span class="badge retry">Retryable</span></h3>',
      '<p class="message"><span class="label">Message:</span> Illegal state: {detail}</p>',
      '<details><summary>Example response</summary><pre><code>HTTP/1.1 500 Internal Server Error',
      'Content-Type: application/json; charset=utf-8',
      '',
      '{',
      '  &quot;code&quot;: &quot;ILLEGAL_STATE&quot;,',
      '  &quot;message&quot;: &quot;Illegal state: {detail}&quot;',
      '}</code></pre></details>',
      '</article>',
    ].join('\n')));
  });

  describe('links in descriptions and group paragraphs (links: true)', () => {
    const linked = defineCatalog({
      TestPatchFailed: {
        status: 400, group: 'BadRequest', message: 'Not a valid RFC6902 patch.',
        description: 'Not a valid [RFC6902](https://www.rfc-editor.org/rfc/rfc6902) patch | [bad](javascript:alert(1)) ![img](https://x.example/a.png) <https://auto.example>',
      },
      NewError: { status: 500, group: 'InternalServerError', message: 'Unknown error.' },
    }, {
      groups: { BadRequest: { status: 400 }, InternalServerError: { status: 500, description: 'Ask [support](https://support.example/ticket) if it persists.\n\nOr wait.' } },
    });

    it('keeps every catalog text plain by default', () => {
      const plain = renderHtml(linked, { format: 'code-message' });
      assert.ok(!plain.includes('href="http'));
      assert.ok(plain.includes('<p>Ask [support](https://support.example/ticket) if it persists.</p><p>Or wait.</p>'));
    });

    it('renders http(s) links as anchors, escaped, and nothing else', () => {
      const html = renderHtml(linked, { format: 'code-message', links: true });
      assert.ok(html.includes('<p class="description">Not a valid <a href="https://www.rfc-editor.org/rfc/rfc6902">RFC6902</a> patch | '
        + '[bad](javascript:alert(1)) ![img](https://x.example/a.png) &lt;https://auto.example&gt;</p>'));
      assert.ok(html.includes('<p>Ask <a href="https://support.example/ticket">support</a> if it persists.</p><p>Or wait.</p>'));
      assert.ok(!html.includes('href="javascript') && !html.includes('<img'));
    });
  });
});

describe('renderHtml: field-level details', () => {
  const page = renderHtml(detailsErrors, { format: 'code-message', locale: 'en' });

  it('says in the entry where its violations are, links the violation codes, and shows them in the example response', () => {
    assert.ok(page.includes('<p class="details-line"><span class="label">Details:</span> <code>INVALID_PARAMETER</code> carries a list of violations in <code>details</code>, '
      + 'one per bad field, with the codes listed under <a href="#violation-codes">Violation codes</a>.</p>\n<details><summary>Example response</summary>'));
    assert.ok(page.includes('  &quot;details&quot;: [\n    {\n      &quot;pointer&quot;: &quot;/email&quot;,\n      &quot;location&quot;: &quot;body&quot;,\n'
      + '      &quot;code&quot;: &quot;REQUIRED&quot;,\n      &quot;message&quot;: &quot;This field is required.&quot;\n    },'));
  });

  it('lists a definition\'s own fields in a table inside its entry', () => {
    assert.ok(page.includes('<p class="details-line"><span class="label">Details:</span> <code>OUT_OF_CREDIT</code> carries an object in <code>details</code> with these fields:</p>\n'
      + '<div class="table-wrap"><table><thead><tr><th>Field</th><th>Type</th><th>Required</th><th>Description</th></tr></thead><tbody>'
      + '<tr><td><code>balance</code></td><td><code>integer</code></td><td>yes</td><td>The credit left, in cents.</td></tr>'
      + '<tr><td><code>currency</code></td><td><code>&quot;EUR&quot;, &quot;USD&quot;</code></td><td>no</td><td></td></tr>'
      + '<tr><td><code>items</code></td><td><code>object[]</code></td><td>no</td><td></td></tr>'
      + '<tr><td><code>items[].sku</code></td><td><code>string</code></td><td>yes</td><td>Item number</td></tr>'
      + '<tr><td><code>items[].price</code></td><td><code>number</code></td><td>no</td><td></td></tr></tbody></table></div>\n'));
  });

  it('has one violation codes section, listed in the contents, and unique ids', () => {
    assert.ok(page.includes([
      '<section id="violation-codes">',
      '<h2><a href="#violation-codes">Violation codes</a></h2>',
    ].join('\n')));
    assert.ok(page.includes('<table><thead><tr><th>Code</th><th>Message</th><th>Description</th><th>Echoed</th></tr></thead><tbody>'
      + '<tr><td><code>REQUIRED</code></td><td>This field is required.</td><td></td><td>no</td></tr>'
      + '<tr><td><code>TOO_SHORT</code></td><td>Must be at least {minimum} characters.</td><td>A string is shorter than allowed.</td><td>yes</td></tr>'
      + '<tr><td><code>INVALID</code></td><td>This value is invalid.</td><td></td><td>no</td></tr></tbody></table>'));
    assert.ok(page.includes('<li><a href="#violation-codes">Violation codes</a></li></ol></nav>'));
    const ids = idsOf(page);
    assert.equal(new Set(ids).size, ids.length, ids.join(' '));
  });

  it('switches the details sentences, yes and no, and violation messages with the language', () => {
    const both = renderHtml(detailsErrors, { format: 'code-message', locales: ['ko', 'en'] });
    assert.ok(both.includes('<td><span class="l l-ko" lang="ko">필수 항목입니다.</span><span class="l l-en" lang="en">This field is required.</span></td>'));
    assert.ok(both.includes('<td><span class="l l-ko" lang="ko">예</span><span class="l l-en" lang="en">yes</span></td>'));
    assert.ok(both.includes('<span class="label">상세:</span> <code>OUT_OF_CREDIT</code> 에러는 <code>details</code> 멤버에 다음 필드의 객체를 담습니다:'));
    const ids = idsOf(both);
    assert.equal(new Set(ids).size, ids.length);
  });

  it('escapes hostile violation messages, descriptions and field names and descriptions', () => {
    const hostile = defineCatalog({
      INVALID_PARAMETER: { status: 400, message: 'Invalid.', details: 'violations' },
      HOSTILE_OBJECT: {
        status: 409, message: 'Conflict.',
        details: { schema: { type: 'object', properties: { '<img src=x onerror=alert(1)>': { type: 'string', enum: ['"><script>'], description: HOSTILE_TEXTS.script } } } },
      },
      INTERNAL_ERROR: { status: 500, message: 'Internal server error.' },
    }, { violations: { SCRIPT: { message: HOSTILE_TEXTS.script, description: '<img src=x onerror=alert(1)>' } } });
    const html = renderHtml(hostile, { format: 'code-message' });
    assert.ok(!html.includes('<script') && !html.includes('<img') && !html.includes('<b>'));
    assert.ok(html.includes('<tr><td><code>SCRIPT</code></td><td>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;</td><td>&lt;img src=x onerror=alert(1)&gt;</td><td>no</td></tr>'));
    assert.ok(html.includes('<tr><td><code>&lt;img src=x onerror=alert(1)&gt;</code></td><td><code>&quot;\\&quot;&gt;&lt;script&gt;&quot;</code></td><td>no</td>'
      + '<td>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;</td></tr>'));
  });
});
