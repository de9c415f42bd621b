import assert from 'node:assert/strict';
import {
  CatalogDefinitionError, defineCatalog, errorResponses, renderHtml, renderMarkdown, toOpenAPI, type FormatRef,
} from '../../lib/index.js';
import { splitLinks } from '../../lib/docs/model.js';
import { errors } from '../support/catalog.js';
import { detailsErrors, koreanErrors } from '../support/docs-catalogs.js';

describe('docs options: every page checks them the same way, naming the function', () => {
  it('throws for an unknown format, naming the choices', () => {
    assert.throws(() => renderMarkdown(errors, { format: 'nope' as FormatRef }),
      /unknown format "nope" \(expected 'errorCode-reason', 'code-description', 'code-message', 'problem-details' or a defineFormat\(\.\.\.\) value\)/);
  });

  it('throws for a locale the catalog does not have', () => {
    assert.throws(() => renderMarkdown(koreanErrors, { format: 'code-message', locale: 'fr' }), /renderMarkdown: locale "fr" is not one of the catalog's \(ko, en\)/);
    assert.throws(() => toOpenAPI(errors, { format: 'code-message', locale: 'ko' }), /toOpenAPI: locale "ko" is not one of the catalog's \(en\)/);
  });

  it('throws for something that is not a catalog', () => {
    assert.throws(() => renderMarkdown({} as typeof errors, { format: 'code-message' }), /expected a catalog made by defineCatalog/);
  });

  it('throws for missing options', () => {
    assert.throws(() => errorResponses(errors, ['BAD_REQUEST'], undefined as never), /errorResponses needs options with a format, e\.g\. \{ format: 'code-message' \}/);
    assert.throws(() => renderHtml(errors, null as never), /renderHtml needs options with a format/);
  });

  it('throws for a title that is neither a string nor translations, and for a links option that is not a boolean', () => {
    assert.throws(() => renderHtml(errors, { format: 'code-message', title: 3 as unknown as string }), /renderHtml: title must be a string or translations by locale/);
    assert.throws(() => renderMarkdown(errors, { format: 'code-message', links: 'yes' as unknown as boolean }), /renderMarkdown: links must be a boolean/);
  });

  it('refuses a realm the middleware would refuse, with the middleware\'s own message', () => {
    assert.throws(() => toOpenAPI(errors, { format: 'code-message', realm: 'a"b' }), CatalogDefinitionError);
    assert.throws(() => renderMarkdown(errors, { format: 'code-message', realm: 'a"b' }), {
      name: 'CatalogDefinitionError',
      message: 'house-errors: invalid catalog:\n  - realm: expected printable ASCII without " or \\, at most 256 characters, got "a\\"b"',
    });
  });

  it('checks detailsField as the middleware does, in every renderer', () => {
    assert.throws(() => renderHtml(detailsErrors, { format: 'code-message', detailsField: 3 as unknown as string }), /detailsField must be a string, got 3/);
    assert.throws(() => toOpenAPI(detailsErrors, { format: 'code-message', detailsField: 'message' }), /detailsField must be a member name .* other than "code" and "message", got "message"/);
    assert.throws(() => errorResponses(detailsErrors, ['INVALID_PARAMETER'], { format: 'code-description', detailsField: 'a-b' }), /detailsField must be a member name/);
    const responses = errorResponses(detailsErrors, ['INVALID_PARAMETER'], { format: 'code-message', detailsField: 'violations' });
    assert.deepEqual(responses, { 400: { $ref: '#/components/responses/INVALID_PARAMETER' } });
  });

  it('refuses a catalog the middleware could not serve (no 500 fallback)', () => {
    const no500 = defineCatalog({ BAD_REQUEST: { status: 400, message: 'Bad request.' } });
    assert.throws(() => renderMarkdown(no500, { format: 'code-message' }), /no 500 fallback/);
  });
});

describe('links in catalog texts (links: true)', () => {
  it('splits only well-formed http(s) inline links; the rest stays text', () => {
    assert.deepEqual(splitLinks('a [b](https://c.example/d?e=f#g) h', true), [
      { text: 'a ' }, { label: 'b', url: 'https://c.example/d?e=f#g' }, { text: ' h' },
    ]);
    for (const text of ['[x](ftp://a)', '[x](https://a b)', '[x](https://a"onmouseover=1)', '[x](//a.example)', '[](https://a)', '![x](https://a.example/i.png)']) {
      assert.deepEqual(splitLinks(text, true).filter((p) => 'url' in p && (p.url.includes('"') || p.url.includes(' '))), [], text);
    }
    assert.deepEqual(splitLinks('[x](ftp://a)', true), [{ text: '[x](ftp://a)' }]);
    assert.deepEqual(splitLinks('![x](https://a.example/i.png)', true), [{ text: '![x](https://a.example/i.png)' }]);
    assert.deepEqual(splitLinks('[x](https://a"onmouseover=1)', true), [{ text: '[x](https://a"onmouseover=1)' }]);
  });

  it('keeps the whole text as one plain piece with links off', () => {
    assert.deepEqual(splitLinks('[x](https://a)', false), [{ text: '[x](https://a)' }]);
  });
});
