import assert from 'node:assert/strict';
import request from 'supertest';
import { createServer, forEachServer, type Route, type ServerName } from './support/servers.js';
import { CatalogDefinitionError, defineCatalog, type AnyCatalog, type HandlerOptions } from '../lib/index.js';
import { checkBearerChallenge } from './support/abnf.js';
import { createLocalePicker } from '../lib/http/locale.js';

const errors = defineCatalog({
  ACCESS_TOKEN_EXPIRED: {
    status: 401, bearer: 'invalid_token',
    message: { en: 'The access token has expired.', ko: '엑세스토큰이 만료되었습니다.', 'ko-KR': '엑세스토큰이 만료된 경우 발생합니다.' },
  },
  KOREAN_ONLY_TOKEN: { status: 401, bearer: 'invalid_token', message: { en: '{what} expired.', ko: '{what} 만료.' } },
  MISSING_HEADER: { status: 400, message: { en: 'Header {name} is missing.', ko: '{name} 헤더가 존재하지 않습니다.' } },
  PLAIN: { status: 404, message: 'Not found.' },
  INTERNAL_ERROR: { status: 500, message: { en: 'Internal server error.', ko: '서버 에러입니다.' } },
});

const routes: Record<string, Route> = {
  '/expired': () => { throw errors.ACCESS_TOKEN_EXPIRED(); },
  '/header': () => { throw errors.MISSING_HEADER({ name: 'X-Api-Key' }); },
  '/plain': () => { throw errors.PLAIN(); },
  '/korean-param': () => { throw errors.KOREAN_ONLY_TOKEN({ what: '토큰' }); },
  '/vary': (input) => { input.set('Vary', 'Origin'); throw errors.PLAIN(); },
  '/ok': () => ({ ok: true }),
};

function app(name: ServerName, options: Partial<HandlerOptions<AnyCatalog>>) {
  return createServer(name, { catalog: errors, options: { format: 'code-message', ...options }, routes });
}

describe('i18n: translated catalogs are validated at startup', () => {
  function problems(definitions: unknown, options?: unknown): readonly string[] {
    try {
      defineCatalog(definitions as never, options as never);
    } catch (err) {
      assert.ok(err instanceof CatalogDefinitionError);
      return err.problems;
    }
    return assert.fail('accepted');
  }

  it('rejects translations whose placeholders differ', () => {
    assert.deepEqual(problems({ A: { status: 400, message: { en: 'Bad {field}', ko: '잘못된 {fieldName}' } } }),
      ['"A": message.ko has placeholders {fieldName} but en has {field}']);
  });

  it('rejects a translated text without the default locale', () => {
    assert.deepEqual(problems({ A: { status: 400, message: { ko: '잘못된 요청' } } }),
      ['"A": message has no text in the default locale "en"']);
    assert.deepEqual(problems({ A: { status: 400, message: { en: 'Bad' } } }, { defaultLocale: 'ko' }),
      ['"A": message has no text in the default locale "ko"']);
  });

  it('rejects tags that are not BCP 47 and translations that are not strings', () => {
    assert.deepEqual(problems({ A: { status: 400, message: { en: 'x', 'not a tag': 'y' } } }),
      ['"A": message: "not a tag" is not a BCP 47 language tag']);
    assert.deepEqual(problems({ A: { status: 400, message: { en: 'x', ko: 3 } } }), ['"A": message.ko must be a string, got 3']);
  });

  it('checks translated descriptions the same way', () => {
    assert.deepEqual(problems({ A: { status: 400, message: 'x', description: { en: 'a {b}', ko: '가' } } }),
      ['"A": description.ko has placeholders {} but en has {b}']);
  });

  it('uses the default-locale text as HouseError.message', () => {
    assert.equal(errors.MISSING_HEADER({ name: 'X' }).message, 'Header X is missing.');
    const ko = defineCatalog({ A: { status: 400, message: { ko: '잘못된 {x}', en: 'Bad {x}' } } }, { defaultLocale: 'ko' });
    assert.equal(ko.A({ x: '값' }).message, '잘못된 값');
  });
});

describe('i18n: negotiation', () => {
  forEachServer((name) => {
    const negotiating = app(name, { locales: ['en', 'ko', 'ko-KR'], defaultLocale: 'en' });
    const cases: Array<[string, string | undefined, string, string]> = [
      ['exact', 'ko', 'ko', '엑세스토큰이 만료되었습니다.'],
      ['exact region', 'ko-KR', 'ko-KR', '엑세스토큰이 만료된 경우 발생합니다.'],
      ['a range to its prefix', 'ko-Hang-KP', 'ko', '엑세스토큰이 만료되었습니다.'],
      ['q-values', 'en;q=0.5, ko;q=0.9', 'ko', '엑세스토큰이 만료되었습니다.'],
      ['q=0 refuses', 'ko;q=0, en;q=0.1', 'en', 'The access token has expired.'],
      ['wildcard', '*', 'en', 'The access token has expired.'],
      ['unsupported → default', 'fr-CA, de', 'en', 'The access token has expired.'],
      ['no header → default', undefined, 'en', 'The access token has expired.'],
    ];
    for (const [label, header, language, message] of cases) {
      it(`${label}: ${header ?? '(none)'} → ${language}`, async () => {
        const req = request(negotiating).get('/expired');
        if (header !== undefined) req.set('Accept-Language', header);
        const res = await req.timeout(5000);
        assert.equal(res.status, 401);
        assert.deepEqual(res.body, { code: 'ACCESS_TOKEN_EXPIRED', message });
        assert.equal(res.headers['content-language'], language);
        assert.equal(res.headers.vary, 'Accept-Language');
      });
    }

    it('interpolates parameters in the chosen language', async () => {
      const res = await request(negotiating).get('/header').set('Accept-Language', 'ko');
      assert.deepEqual(res.body, { code: 'MISSING_HEADER', message: 'X-Api-Key 헤더가 존재하지 않습니다.' });
    });

    it('labels an untranslated message with the default locale', async () => {
      const res = await request(negotiating).get('/plain').set('Accept-Language', 'ko');
      assert.deepEqual(res.body, { code: 'PLAIN', message: 'Not found.' });
      assert.equal(res.headers['content-language'], 'en');
    });

    it('appends Accept-Language to an existing Vary', async () => {
      const res = await request(negotiating).get('/vary').set('Accept-Language', 'ko');
      assert.equal(res.headers.vary, 'Origin, Accept-Language');
    });

    it('uses a fixed locale without negotiating or varying', async () => {
      const res = await request(app(name, { locale: 'ko' })).get('/expired').set('Accept-Language', 'en');
      assert.deepEqual(res.body, { code: 'ACCESS_TOKEN_EXPIRED', message: '엑세스토큰이 만료되었습니다.' });
      assert.equal(res.headers['content-language'], 'ko');
      assert.equal(res.headers.vary, undefined);
    });

    it('keeps error_description ASCII: the English text stands in for Korean', async () => {
      const res = await request(negotiating).get('/expired').set('Accept-Language', 'ko');
      assert.equal(res.headers['www-authenticate'], 'Bearer error="invalid_token", error_description="The access token has expired."');
      checkBearerChallenge(res.headers['www-authenticate']!);
    });

    it('omits error_description when no ASCII text exists', async () => {
      const res = await request(negotiating).get('/korean-param').set('Accept-Language', 'ko');
      assert.deepEqual(res.body, { code: 'KOREAN_ONLY_TOKEN', message: '토큰 만료.' });
      assert.equal(res.headers['www-authenticate'], 'Bearer error="invalid_token"');
    });

    const hostile: Array<[string, string]> = [
      ['thousands of ranges', Array.from({ length: 2000 }, (_, i) => `x${i % 10}-r${i};q=0.${i % 10}`).join(',').slice(0, 14000)],
      ['one huge tag', 'k'.repeat(14000)],
      ['malformed q-values', 'ko;q=abc, en;q=, ;q=1, ,,,;;;'],
      ['only separators', ',;=,;=,;=,;='],
      ['control-free junk', '%%%% ko ^^^ ***'],
      ['a valid range after 1 KiB of junk', `${'zz-zz,'.repeat(200)}ko`],
    ];
    for (const [label, header] of hostile) {
      it(`survives a hostile Accept-Language: ${label}`, async () => {
        const res = await request(negotiating).get('/expired').set('Accept-Language', header).timeout(5000);
        assert.equal(res.status, 401);
        assert.ok(['en', 'ko'].includes(res.headers['content-language']!), res.headers['content-language']);
        assert.equal(res.body.code, 'ACCESS_TOKEN_EXPIRED');
        const alive = await request(negotiating).get('/ok');
        assert.equal(alive.status, 200);
      });
    }
  });
});

describe('i18n: Accept-Language is parsed to its first 16 ranges', () => {
  const pick = createLocalePicker({ kind: 'negotiate', locales: ['en', 'ko'], defaultLocale: 'en' });
  const header = (koAt: number): string => Array.from({ length: koAt }, (_, i) => (i === koAt - 1 ? 'ko' : `x${i}`)).join(', ');

  it('finds a language in the 16th range', () => {
    assert.equal(pick({ headers: { 'accept-language': header(16) } }), 'ko');
  });

  it('ignores the 17th range and after: a header of hundreds of ranges costs what 16 cost', () => {
    assert.equal(pick({ headers: { 'accept-language': header(17) } }), 'en');
    assert.equal(pick({ headers: { 'accept-language': `${'a,'.repeat(500)}ko` } }), 'en');
  });
});
