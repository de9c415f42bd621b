/**
 * The BaaS catalog: a Korean backend-as-a-service's public API error list, every
 * code in the reference's groups with its status and the reference's Korean text, plus English
 * translations. Body format `code-message` (the reference shows none; see the README).
 *
 * Decisions where the reference is ambiguous or silent (also in this example's README):
 * - The reference gives one sentence per code ("…경우 발생합니다."): it is the Korean message and
 *   description, verbatim. Where it holds a Markdown link (InvalidOperationPatchFailed,
 *   TestPatchFailed), the description keeps the link and the message, a JSON string a client
 *   may show, says "RFC6902" as plain text.
 * - Groups are the reference's categories, with their status and paragraph (`groups` option).
 *   NotImplemented (501) lists no code: `NotImplemented` is added, its message the paragraph's
 *   first sentence.
 * - Unauthorized codes carry a Bearer challenge: AccessTokenDoesNotExist `true` (no token sent),
 *   AccessTokenExpired and MalformedAccessToken `invalid_token`. RFC 6750's error_description is
 *   ASCII, so the header carries the English text. PasswordIncorrect is a login failure, not a
 *   token's, but a 401 needs a challenge (RFC 9110 §15.5.2): `Bearer realm` alone, the scheme a
 *   client must use once logged in.
 * - Fallbacks (set on the handler in server.ts): a crash is NewError, an unknown route
 *   MatchedRouterDoesNotExist, a body that is not JSON QueryParsingFailed (this API's queries are
 *   JSON bodies); by catalog order they would have been ConfigDoesNotSet, CompiledModelDoesNotExist
 *   and DnsResolveFailed.
 */
import { defineCatalog } from '../../lib/index.js';

const BAD_REQUEST = 'BadRequest';
const CONFLICT = 'Conflict';
const SERVER = 'InternalServerError';
const NOT_FOUND = 'NotFound';
const NOT_IMPLEMENTED = 'NotImplemented';
const DENIED = 'PermissionDenied';
const UNAUTHORIZED = 'Unauthorized';

/** The errors of the BaaS API. */
export const errors = defineCatalog({
  // BadRequest, status 400.
  DnsResolveFailed: { status: 400, group: BAD_REQUEST, message: { ko: 'DNS 확인실패 시 발생합니다.', en: 'Occurs when DNS resolution fails.' } },
  FilenameTooLong: { status: 400, group: BAD_REQUEST, message: { ko: '파일 이름이 긴 경우 발생합니다.', en: 'Occurs when the file name is too long.' } },
  MalformedBackpackToken: {
    status: 400, group: BAD_REQUEST,
    message: { ko: '백팩에 접근하는 용도의 토큰이 올바르지 않은 경우 발생합니다.', en: 'Occurs when the token used to access the backpack is not valid.' },
  },
  MalformedMd5: { status: 400, group: BAD_REQUEST, message: { ko: 'Content-MD5가 올바르지 않은 경우 발생합니다.', en: 'Occurs when Content-MD5 is not valid.' } },
  MissingArrayColumnType: {
    status: 400, group: BAD_REQUEST,
    message: { ko: '배열의 컬럼타입이 정의되지 않은 경우 발생합니다.', en: "Occurs when an array's column type is not defined." },
  },
  MissingArrayReferenceTable: {
    status: 400, group: BAD_REQUEST,
    message: { ko: '배열의 참조 테이블이 정의되지 않은 경우 발생합니다.', en: "Occurs when an array's reference table is not defined." },
  },
  MissingHeader: { status: 400, group: BAD_REQUEST, message: { ko: '해당 헤더가 존재하지 않은 경우 발생합니다.', en: 'Occurs when the required header is absent.' } },
  MissingReferenceTable: {
    status: 400, group: BAD_REQUEST,
    message: { ko: '참조 테이블이 정의되지 않은 경우 발생합니다.', en: 'Occurs when the reference table is not defined.' },
  },
  MissingResourceId: { status: 400, group: BAD_REQUEST, message: { ko: '리소스 ID가 없는 경우 발생합니다.', en: 'Occurs when the resource ID is missing.' } },
  MissingUserPayload: {
    status: 400, group: BAD_REQUEST,
    message: { ko: '사용자 Payload가 존재하지 않은 경우 발생합니다.', en: 'Occurs when the user payload is absent.' },
  },
  NestedArrayDoesNotSupport: {
    status: 400, group: BAD_REQUEST,
    message: {
      ko: '중첩 배열을 사용 시도한 경우 발생하며, 중첩 배열은 현재 지원하지 않습니다.',
      en: 'Occurs when a nested array is used; nested arrays are not supported yet.',
    },
  },
  NotNullConstraintFailed: {
    status: 400, group: BAD_REQUEST,
    message: { ko: '필수 필드이지만 값이 없는 경우 발생합니다.', en: 'Occurs when a required field has no value.' },
  },
  PaymentTypeDoesNotSupport: {
    status: 400, group: BAD_REQUEST,
    message: { ko: '결제 타입이 지원하지 않는 타입의 경우 발생합니다.', en: 'Occurs when the payment type is not supported.' },
  },
  RequestTooLate: { status: 400, group: BAD_REQUEST, message: { ko: '너무 늦게 요청되는 경우 발생합니다.', en: 'Occurs when the request comes too late.' } },
  RequireFunctionDoesNotSupport: {
    status: 400, group: BAD_REQUEST,
    message: { ko: '이벤트 커스텀 코딩 중 require를 사용하는 경우 발생합니다.', en: 'Occurs when require is used in custom event code.' },
  },
  InvalidOperationPatchFailed: {
    status: 400, group: BAD_REQUEST,
    // The body carries plain text; the documentation keeps the reference's link.
    message: {
      ko: '업데이트 요청 시, RFC6902에 정의된 OP값이 아니거나 없는 경우 발생합니다.',
      en: 'Occurs when an update request has no op, or an op not defined in RFC6902.',
    },
    description: {
      ko: '업데이트 요청 시, [RFC6902](https://naver.com)에 정의된 OP값이 아니거나 없는 경우 발생합니다.',
      en: 'Occurs when an update request has no op, or an op not defined in [RFC6902](https://naver.com).',
    },
  },
  MissingPatchFailed: {
    status: 400, group: BAD_REQUEST,
    message: { ko: '업데이트 요청 시, 키 값이 충분하지 않은 경우 발생합니다.', en: 'Occurs when an update request lacks required keys.' },
  },
  TestPatchFailed: {
    status: 400, group: BAD_REQUEST,
    message: {
      ko: '업데이트 요청 시, 올바른 RFC6902 형식이 아닌 경우 발생합니다.',
      en: 'Occurs when an update request is not in valid RFC6902 form.',
    },
    description: {
      ko: '업데이트 요청 시, 올바른 [RFC6902](https://naver.com) 형식이 아닌 경우 발생합니다.',
      en: 'Occurs when an update request is not in valid [RFC6902](https://naver.com) form.',
    },
  },
  GetBillingKeyFailed: {
    status: 400, group: BAD_REQUEST,
    message: {
      ko: '결제 요청 시, 어떠한 이유에 의해 PG사의 빌링키를 얻을 수 없는 경우 발생합니다.',
      en: "Occurs when, for some reason, the payment gateway's billing key cannot be obtained for a payment request.",
    },
  },
  RemoveBillingKeyFailed: {
    status: 400, group: BAD_REQUEST,
    message: { ko: 'PG사의 빌링키를 삭제요청이 실패한 경우 발생합니다.', en: "Occurs when a request to delete the payment gateway's billing key fails." },
  },
  TryCancelFailed: { status: 400, group: BAD_REQUEST, message: { ko: '결제 취소 요청이 실패한 경우 발생합니다.', en: 'Occurs when a payment cancellation request fails.' } },
  TryPayFailed: { status: 400, group: BAD_REQUEST, message: { ko: '결제 요청이 실패한 경우 발생합니다.', en: 'Occurs when a payment request fails.' } },
  IsNotArray: { status: 400, group: BAD_REQUEST, message: { ko: '쿼리가 배열형식이 아닌 경우 발생합니다.', en: 'Occurs when the query is not an array.' } },
  IsNotNumber: {
    status: 400, group: BAD_REQUEST,
    message: { ko: '쿼리에 숫자가 필요한 경우지만 숫자가 아닌 값이 들어온 경우 발생합니다.', en: 'Occurs when the query needs a number but gets something else.' },
  },
  IsNotOp: { status: 400, group: BAD_REQUEST, message: { ko: '쿼리에 올바른 OP값이 아닌경우 발생합니다.', en: 'Occurs when the query has an invalid op.' } },
  IsNotStringOrNumber: {
    status: 400, group: BAD_REQUEST,
    message: {
      ko: '쿼리에 숫자나 문자열이 필요하지만 요청 값이 숫자나 문자열이 아닌 경우 발생합니다.',
      en: 'Occurs when the query needs a number or a string but gets something else.',
    },
  },
  IsNotSupport: {
    status: 400, group: BAD_REQUEST,
    message: { ko: '쿼리에 지원하지 않는 명령어가 들어온 경우 발생합니다.', en: 'Occurs when the query holds an unsupported command.' },
  },
  QueryParsingFailed: { status: 400, group: BAD_REQUEST, message: { ko: '쿼리 파싱이 실패한 경우 발생합니다.', en: 'Occurs when the query cannot be parsed.' } },
  AlphaValidationFailed: {
    status: 400, group: BAD_REQUEST,
    message: {
      ko: '알파벳 형식만 받을 수 있는 곳에 알파벳이 아닌 다른 값이 들어올 경우 발생합니다.',
      en: 'Occurs when a field that accepts only letters gets something else.',
    },
  },
  DateValidationFailed: {
    status: 400, group: BAD_REQUEST,
    message: {
      ko: '날짜 형식만 받을 수 있는 곳에 날짜가 아닌 다른 값이 들어올 경우 발생합니다.',
      en: 'Occurs when a field that accepts only dates gets something else.',
    },
  },
  EmailValidationFailed: {
    status: 400, group: BAD_REQUEST,
    message: {
      ko: '이메일 형식만 받을 수 있는 곳에 이메일이 아닌 다른 값이 들어올 경우 발생합니다.',
      en: 'Occurs when a field that accepts only email addresses gets something else.',
    },
  },
  EnumValidationFailed: {
    status: 400, group: BAD_REQUEST,
    message: {
      ko: '특정 열거형 형식만 받을 수 있는 곳에 열거형이 아닌 다른 값이 들어올 경우 발생합니다.',
      en: 'Occurs when a field that accepts only certain enumerated values gets something else.',
    },
  },
  NumberValidationFailed: {
    status: 400, group: BAD_REQUEST,
    message: {
      ko: '숫자만 받을 수 있는 곳에 숫자가 아닌 다른 값이 들어올 경우 발생합니다.',
      en: 'Occurs when a field that accepts only numbers gets something else.',
    },
  },
  StringValidationFailed: {
    status: 400, group: BAD_REQUEST,
    message: {
      ko: '문자열만 받을 수 있는 곳에 문자열이 아닌 다른 값이 들어올 경우 발생합니다.',
      en: 'Occurs when a field that accepts only strings gets something else.',
    },
  },
  // Conflict, status 409.
  EmailAlreadyUsed: {
    status: 409, group: CONFLICT,
    message: { ko: '회원가입시 이메일이 이미 존재하는 경우 발생합니다.', en: 'Occurs when the email address already exists at sign-up.' },
  },
  InsertFailed: { status: 409, group: CONFLICT, message: { ko: '데이터를 저장하려 시도하다 실패한 경우 발생합니다.', en: 'Occurs when saving data fails.' } },
  UniqueConstraintFailed: {
    status: 409, group: CONFLICT,
    message: {
      ko: '고유한 값이 저장되야만 하는 필드에 중복된 값이 입력된 경우 발생합니다.',
      en: 'Occurs when a duplicate value is written to a field whose values must be unique.',
    },
  },
  // InternalServerError, status 500.
  ConfigDoesNotSet: { status: 500, group: SERVER, message: { ko: '서버의 설정 값이 잘못된 경우 발생합니다.', en: "Occurs when the server's configuration is wrong." } },
  GeneratePemKeyFailed: {
    status: 500, group: SERVER,
    message: {
      ko: '메시지 서비스 모듈 중 이메일 확인 과정에서 필요한 PEM키 발급에 실패한 경우 발생합니다.',
      en: 'Occurs when the messaging module fails to issue the PEM key needed to verify an email address.',
    },
  },
  NewError: { status: 500, group: SERVER, message: { ko: '찾아내지 못한 새로운 오류가 발생한 경우 발생합니다.', en: 'Occurs when a new, unidentified error happens.' } },
  // NotFound, status 404.
  CompiledModelDoesNotExist: {
    status: 404, group: NOT_FOUND,
    message: { ko: '컴파일된 모델을 찾을 수 없는 경우 발생합니다.', en: 'Occurs when the compiled model cannot be found.' },
  },
  DocumentDoesNotExist: {
    status: 404, group: NOT_FOUND,
    message: { ko: '해당 모델의 문서를 찾을 수 없는 경우 발생합니다.', en: "Occurs when the model's document cannot be found." },
  },
  MatchedRouterDoesNotExist: {
    status: 404, group: NOT_FOUND,
    message: { ko: '매칭되는 라우터 경로를 찾을 수 없는 경우 발생합니다.', en: 'Occurs when no router path matches.' },
  },
  // NotImplemented, status 501: the reference lists no code; this one is added.
  NotImplemented: {
    status: 501, group: NOT_IMPLEMENTED,
    message: { ko: '아직 기능을 구현하지 않은 경우 발생합니다.', en: 'Occurs when the feature is not implemented yet.' },
  },
  // PermissionDenied, status 403.
  AccessDenied: {
    status: 403, group: DENIED,
    message: { ko: '접근이 허락되지 않는 경로를 요청한 경우 발생합니다.', en: 'Occurs when a path that is not permitted is requested.' },
  },
  UserIdDoesNotMatched: {
    status: 403, group: DENIED,
    message: { ko: '요청한 사용자와 다른 사용자의 요청을 한 경우 발생합니다.', en: "Occurs when a user makes a request on another user's behalf." },
  },
  // Unauthorized, status 401.
  AccessTokenDoesNotExist: {
    status: 401, group: UNAUTHORIZED, bearer: true,
    message: { ko: '엑세스토큰이 필요하나 존재하지 않는 경우 발생합니다.', en: 'Occurs when an access token is required but absent.' },
  },
  AccessTokenExpired: {
    status: 401, group: UNAUTHORIZED, bearer: 'invalid_token',
    message: { ko: '엑세스토큰이 만료된 경우 발생합니다.', en: 'Occurs when the access token has expired.' },
  },
  MalformedAccessToken: {
    status: 401, group: UNAUTHORIZED, bearer: 'invalid_token',
    message: { ko: '엑세스토큰이 변조된 경우 발생합니다.', en: 'Occurs when the access token has been tampered with.' },
  },
  PasswordIncorrect: {
    status: 401, group: UNAUTHORIZED, bearer: true,
    message: { ko: '비밀번호가 틀린 경우 발생합니다.', en: 'Occurs when the password is wrong.' },
  },
}, {
  defaultLocale: 'ko',
  realm: 'baas',
  groups: {
    [BAD_REQUEST]: { status: 400 },
    [CONFLICT]: { status: 409 },
    [SERVER]: {
      status: 500,
      description: {
        ko: '서버에러로 발생하는대로 수 분내로 처리되지 않으면 언제든지 [고객지원](https://naver.com)으로 요청해 주세요.',
        en: 'A server error: if it is not resolved within a few minutes of occurring, contact [customer support](https://naver.com) at any time.',
      },
    },
    [NOT_FOUND]: { status: 404 },
    [NOT_IMPLEMENTED]: {
      status: 501,
      description: {
        ko: '아직 기능을 구현하지 않은 경우 발생합니다. 최대한 빠르게 구현하겠습니다. 진행사항을 알고싶으신 경우 언제든지 [고객지원](https://naver.com)으로 요청해 주세요.',
        en: 'Occurs when the feature is not implemented yet. We will implement it as soon as possible. To know the progress, contact [customer support](https://naver.com) at any time.',
      },
    },
    [DENIED]: { status: 403 },
    [UNAUTHORIZED]: { status: 401 },
  },
});

/** The house format of this API's bodies (the docs CLI reads this export too). */
export const format = 'code-message' as const;

export default errors;
