/**
 * A catalog module for the `catalog` CLI tests: translations, groups, a two-placeholder
 * family, a Bearer definition and a definition header, exported as `errors`.
 */
import { defineCatalog } from '../../lib/index.js';

/** The catalog the CLI loads. */
export const errors = defineCatalog({
  MissingHeader: {
    status: 400, group: 'BadRequest',
    message: { ko: '해당 헤더가 존재하지 않습니다: {header}', en: 'A required header is missing: {header}' },
    description: { ko: '헤더가 없는 경우 발생합니다.', en: 'Sent when a required header is missing.' },
  },
  AccessTokenExpired: {
    status: 401, group: 'Unauthorized', bearer: 'invalid_token', message: { ko: '토큰 만료', en: 'The access token has expired.' },
  },
  '{RESOURCE}_{ACTION}_LIMIT': {
    status: 429, message: 'Too many {ACTION} on {RESOURCE}.', retryable: true, headers: { 'Retry-After': '60' },
  },
  Internal: { status: 500, message: { ko: '내부 오류', en: 'Internal error.' } },
}, {
  defaultLocale: 'ko',
  groups: {
    BadRequest: { status: 400, description: { ko: '잘못된 요청', en: 'Bad requests.' } },
    Unauthorized: { description: 'Authentication errors.' },
  },
});
