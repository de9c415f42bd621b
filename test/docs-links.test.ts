import assert from 'node:assert/strict';
import { Parser, HtmlRenderer } from 'commonmark';
import { defineCatalog, renderHtml, renderMarkdown } from '../lib/index.js';
import { splitLinks } from '../lib/docs/links.js';

const errors = defineCatalog({
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

function linksOf(markdown: string): string[] {
  const html = new HtmlRenderer().render(new Parser().parse(markdown));
  return [...html.matchAll(/<a href="([^"]*)"/g)].map((m) => m[1]!).filter((href) => !href.startsWith('#'));
}

describe('docs: links in descriptions (links option)', () => {
  it('keeps every catalog text plain by default', () => {
    assert.deepEqual(linksOf(renderMarkdown(errors, { format: 'code-message' })), []);
    assert.ok(!renderHtml(errors, { format: 'code-message' }).includes('href="http'));
  });

  it('renders http(s) links of descriptions and group paragraphs, and nothing else, in Markdown', () => {
    const page = renderMarkdown(errors, { format: 'code-message', links: true });
    assert.deepEqual(linksOf(page), [
      'https://www.rfc-editor.org/rfc/rfc6902', 'http://docs.example/patch', 'https://support.example/ticket',
    ]);
    const html = new HtmlRenderer().render(new Parser().parse(page));
    assert.ok(!html.includes('<img'), 'images stay text');
    assert.ok(!html.includes('javascript:alert(1)"'), 'only http(s) URLs become links');
    assert.ok(page.includes('\\- not a list'), 'a line that would open a list is still escaped');
    assert.ok(page.includes('Ask [support](https://support.example/ticket) if it persists.'));
  });

  it('keeps a table row whole around a link', () => {
    const row = renderMarkdown(errors, { format: 'code-message', links: true }).split('\n').find((l) => l.includes('TestPatchFailed') && l.startsWith('|'))!;
    assert.equal(row.split(/(?<!\\)\|/).length - 2, 4, row);
  });

  it('renders the same links as anchors in HTML, escaped', () => {
    const page = renderHtml(errors, { format: 'code-message', links: true });
    assert.ok(page.includes('<a href="https://www.rfc-editor.org/rfc/rfc6902">RFC6902</a>'));
    assert.ok(page.includes('<a href="https://support.example/ticket">support</a>'));
    assert.ok(!page.includes('href="javascript'));
    assert.ok(!page.includes('<img'));
  });

  it('splits only well-formed http(s) links', () => {
    assert.deepEqual(splitLinks('a [b](https://c.example/d?e=f#g) h', true), [
      { text: 'a ' }, { label: 'b', url: 'https://c.example/d?e=f#g' }, { text: ' h' },
    ]);
    for (const text of ['[x](ftp://a)', '[x](https://a b)', '[x](https://a"onmouseover=1)', '[x](//a.example)', '[](https://a)']) {
      assert.deepEqual(splitLinks(text, true).filter((p) => 'url' in p && p.url.includes('"')), []);
    }
    assert.deepEqual(splitLinks('[x](ftp://a)', true), [{ text: '[x](ftp://a)' }]);
    assert.deepEqual(splitLinks('[x](https://a)', false), [{ text: '[x](https://a)' }]);
  });

  it('rejects a links option that is not a boolean', () => {
    assert.throws(() => renderMarkdown(errors, { format: 'code-message', links: 'yes' as unknown as boolean }), /links must be a boolean/);
  });
});
