/**
 * Catalogs for the documentation tests: a Korean/English one transcribed from seed 003
 * (groups with their own paragraphs, translations, Bearer errors), and a hostile one whose
 * texts are full of Markdown and HTML syntax that must come out as plain text.
 */
import { defineCatalog } from '../../lib/index.js';

/** Seed 003's categories and a few of its codes, in Korean with English translations. */
export const koreanErrors = defineCatalog({
  DnsResolveFailed: {
    status: 400, group: 'BadRequest',
    message: { ko: 'DNS 확인실패 시 발생합니다.', en: 'DNS resolution failed.' },
  },
  FilenameTooLong: {
    status: 400, group: 'BadRequest',
    message: { ko: '파일 이름이 긴 경우 발생합니다.', en: 'The file name is too long.' },
  },
  MissingHeader: {
    status: 400, group: 'BadRequest',
    message: { ko: '해당 헤더가 존재하지 않습니다: {header}', en: 'A required header is missing: {header}' },
    description: { ko: '해당 헤더가 존재하지 않은 경우 발생합니다.', en: 'Sent when a required header is missing.' },
  },
  EmailAlreadyUsed: {
    status: 409, group: 'Conflict',
    message: { ko: '회원가입시 이메일이 이미 존재하는 경우 발생합니다.', en: 'The e-mail address is already used.' },
  },
  UniqueConstraintFailed: {
    status: 409, group: 'Conflict',
    message: { ko: '고유한 값이 저장되야만 하는 필드에 중복된 값이 입력된 경우 발생합니다.', en: 'A unique field got a duplicate value.' },
  },
  ConfigDoesNotSet: {
    status: 500, group: 'InternalServerError', retryable: true,
    message: { ko: '서버의 설정 값이 잘못된 경우 발생합니다.', en: 'The server configuration is wrong.' },
  },
  NewError: {
    status: 500, group: 'InternalServerError',
    message: { ko: '찾아내지 못한 새로운 오류가 발생한 경우 발생합니다.', en: 'An unknown error occurred.' },
  },
  DocumentDoesNotExist: {
    status: 404, group: 'NotFound',
    message: { ko: '해당 모델의 문서를 찾을 수 없는 경우 발생합니다.', en: 'The document of this model was not found.' },
  },
  AccessDenied: {
    status: 403, group: 'PermissionDenied', bearer: 'insufficient_scope',
    message: { ko: '접근이 허락되지 않는 경로를 요청한 경우 발생합니다.', en: 'Access to this path is not allowed.' },
  },
  AccessTokenExpired: {
    status: 401, group: 'Unauthorized', bearer: 'invalid_token',
    message: { ko: '엑세스토큰이 만료된 경우 발생합니다.', en: 'The access token has expired.' },
  },
  MalformedAccessToken: {
    status: 401, group: 'Unauthorized', bearer: 'invalid_token',
    message: { ko: '엑세스토큰이 변조된 경우 발생합니다.' , en: 'The access token was tampered with.' },
  },
}, {
  defaultLocale: 'ko',
  realm: 'public-api',
  groups: {
    BadRequest: { status: 400 },
    Conflict: { status: 409 },
    InternalServerError: {
      status: 500,
      description: {
        ko: '서버에러로 발생하는대로 수 분내로 처리되지 않으면 언제든지 고객지원으로 요청해 주세요.',
        en: 'A server error: if it is not fixed within minutes, contact support at any time.',
      },
    },
    NotFound: { status: 404 },
    NotImplemented: {
      status: 501,
      description: {
        ko: '아직 기능을 구현하지 않은 경우 발생합니다. 최대한 빠르게 구현하겠습니다.',
        en: 'The feature is not implemented yet. We will implement it as soon as possible.',
      },
    },
    PermissionDenied: { status: 403 },
    Unauthorized: { status: 401 },
  },
});

/** Texts that are Markdown and HTML syntax; every one must render as the literal text. */
export const HOSTILE_TEXTS = {
  script: '<script>alert("x")</script> & <b>bold</b>',
  pipes: 'a | b || c \\| d',
  emphasis: '*star* _under_ __strong__ ~~gone~~ snake_case_name',
  link: '[click](https://evil.example) ![img](x.png) <https://auto.example>',
  ticks: 'use `code` and ``double`` here \\',
  entity: '&amp; &lt; &#60; &copy;',
  heading: '# not a heading',
  list: '1. not a list',
} as const;

/** A catalog whose messages, descriptions and group texts are hostile. */
export const hostileErrors = defineCatalog({
  HOSTILE_SCRIPT: { status: 400, group: '<img src=x onerror=alert(1)>', message: HOSTILE_TEXTS.script, description: HOSTILE_TEXTS.link },
  HOSTILE_PIPES: { status: 400, group: '<img src=x onerror=alert(1)>', message: HOSTILE_TEXTS.pipes, description: HOSTILE_TEXTS.emphasis },
  HOSTILE_TICKS: { status: 401, group: '# Auth | *group*', message: HOSTILE_TEXTS.ticks, bearer: 'invalid_token' },
  HOSTILE_ENTITY: { status: 409, group: '# Auth | *group*', message: HOSTILE_TEXTS.entity, description: HOSTILE_TEXTS.heading },
  'HOSTILE_{THING}_X': { status: 404, group: '# Auth | *group*', message: HOSTILE_TEXTS.list, headers: { 'Retry-After': '5' } },
  INTERNAL: { status: 500, group: 'Server', message: 'Internal | error *' },
}, {
  groups: {
    '<img src=x onerror=alert(1)>': { description: '<script>document.title="pwned"</script>\n- list?\n\n[link](javascript:alert(1))' },
    '# Auth | *group*': { description: '| not | a | table |' },
    Server: { status: 500 },
  },
});

/**
 * The game market's catalog with field-level details: a definition answering violations (the catalog's
 * codes translated, one of them echoing the value), one with an object of its own (nested, with
 * descriptions), and a family with an object given by its schema's `examples`.
 */
export const detailsErrors = defineCatalog({
  INVALID_PARAMETER: { status: 400, message: { en: 'There is an error in the requested parameter.', ko: '요청 파라미터에 오류가 있습니다.' }, details: 'violations' },
  OUT_OF_CREDIT: {
    status: 403, message: { en: 'Not enough credit.', ko: '크레딧이 부족합니다.' },
    details: {
      schema: {
        type: 'object', required: ['balance'],
        properties: {
          balance: { type: 'integer', minimum: 0, description: 'The credit left, in cents.' },
          currency: { type: 'string', enum: ['EUR', 'USD'] },
          items: { type: 'array', items: { type: 'object', required: ['sku'], properties: { sku: { type: 'string', title: 'Item number' }, price: { type: 'number' } } } },
        },
      },
    },
  },
  '{RESOURCE}_LOCKED': {
    status: 409, message: { en: 'The resource is locked.', ko: '리소스가 잠겨 있습니다.' },
    details: { schema: { type: 'object', required: ['until'], properties: { until: { type: 'string', format: 'date-time' } }, examples: [{ until: '2025-01-01T00:00:00Z' }] } },
  },
  INTERNAL_ERROR: { status: 500, message: { en: 'Internal server error.', ko: '서버 에러.' } },
}, {
  violations: {
    REQUIRED: { message: { en: 'This field is required.', ko: '필수 항목입니다.' } },
    TOO_SHORT: {
      message: { en: 'Must be at least {minimum} characters.', ko: '최소 {minimum}자 이상이어야 합니다.' },
      description: { en: 'A string is shorter than allowed.', ko: '문자열이 허용된 길이보다 짧습니다.' },
      echo: true,
    },
  },
});
