/**
 * Languages, in process: the `Accept-Language` negotiation (q-values, prefixes, wildcards,
 * hostile headers, the first 16 ranges only) and the translated answer, whose challenge keeps
 * an ASCII `error_description`. That a server sets Content-Language and Vary is in
 * test/adapters.test.ts.
 */
import assert from 'node:assert/strict';
import { defineCatalog, wireForm } from '../../lib/index.js';
import { createLocalePicker } from '../../lib/http/locale.js';

describe('Accept-Language negotiation', () => {
  const pick = createLocalePicker({ kind: 'negotiate', locales: ['en', 'ko', 'ko-KR'], defaultLocale: 'en' });
  const chosen = (header: string | undefined): string | undefined => pick({ headers: header === undefined ? {} : { 'accept-language': header } });

  const CASES: ReadonlyArray<readonly [string, string | undefined, string]> = [
    ['exact', 'ko', 'ko'],
    ['exact region', 'ko-KR', 'ko-KR'],
    ['a range to its prefix', 'ko-Hang-KP', 'ko'],
    ['q-values', 'en;q=0.5, ko;q=0.9', 'ko'],
    ['q=0 refuses', 'ko;q=0, en;q=0.1', 'en'],
    ['wildcard', '*', 'en'],
    ['unsupported → default', 'fr-CA, de', 'en'],
    ['no header → default', undefined, 'en'],
  ];
  for (const [label, header, language] of CASES) {
    it(`${label}: ${header ?? '(none)'} → ${language}`, () => assert.equal(chosen(header), language));
  }

  const HOSTILE: ReadonlyArray<readonly [string, string]> = [
    ['thousands of ranges', Array.from({ length: 2000 }, (_, i) => `x${i % 10}-r${i};q=0.${i % 10}`).join(',').slice(0, 14000)],
    ['one huge tag', 'k'.repeat(14000)],
    ['malformed q-values', 'ko;q=abc, en;q=, ;q=1, ,,,;;;'],
    ['only separators', ',;=,;=,;=,;='],
    ['control-free junk', '%%%% ko ^^^ ***'],
    ['a valid range after 1 KiB of junk', `${'zz-zz,'.repeat(200)}ko`],
  ];
  for (const [label, header] of HOSTILE) {
    it(`survives a hostile header: ${label}`, () => {
      assert.ok(['en', 'ko'].includes(chosen(header)!), chosen(header));
    });
  }

  it('reads the first 16 ranges: a language in the 16th is found, in the 17th ignored', () => {
    const header = (koAt: number): string => Array.from({ length: koAt }, (_, i) => (i === koAt - 1 ? 'ko' : `x${i}`)).join(', ');
    assert.equal(chosen(header(16)), 'ko');
    assert.equal(chosen(header(17)), 'en');
    assert.equal(chosen(`${'a,'.repeat(500)}ko`), 'en');
  });
});

describe('translated answers', () => {
  const errors = defineCatalog({
    ACCESS_TOKEN_EXPIRED: {
      status: 401, bearer: 'invalid_token',
      message: { en: 'The access token has expired.', ko: '엑세스토큰이 만료되었습니다.' },
    },
    KOREAN_ONLY_TOKEN: { status: 401, bearer: 'invalid_token', message: { en: '{what} expired.', ko: '{what} 만료.' } },
    MISSING_HEADER: { status: 400, message: { en: 'Header {name} is missing.', ko: '{name} 헤더가 존재하지 않습니다.' } },
    INTERNAL_ERROR: { status: 500, message: { en: 'Internal server error.', ko: '서버 에러입니다.' } },
  });
  const korean = (thrown: unknown) => {
    const wire = wireForm(errors, thrown, { format: 'code-message', locale: 'ko' });
    return { body: wire.body, challenge: wire.headers['WWW-Authenticate'], language: wire.headers['Content-Language'] };
  };

  it('interpolates parameters in the chosen language', () => {
    assert.deepEqual(korean(errors.MISSING_HEADER({ name: 'X-Api-Key' })), {
      body: '{"code":"MISSING_HEADER","message":"X-Api-Key 헤더가 존재하지 않습니다."}', challenge: undefined, language: 'ko',
    });
  });

  it('keeps error_description ASCII: the English text stands in for Korean', () => {
    assert.deepEqual(korean(errors.ACCESS_TOKEN_EXPIRED()), {
      body: '{"code":"ACCESS_TOKEN_EXPIRED","message":"엑세스토큰이 만료되었습니다."}',
      challenge: 'Bearer error="invalid_token", error_description="The access token has expired."', language: 'ko',
    });
  });

  it('omits error_description when no ASCII text exists', () => {
    assert.deepEqual(korean(errors.KOREAN_ONLY_TOKEN({ what: '토큰' })), {
      body: '{"code":"KOREAN_ONLY_TOKEN","message":"토큰 만료."}', challenge: 'Bearer error="invalid_token"', language: 'ko',
    });
  });
});
