/**
 * The fixed words of a reference page, per language. Catalog texts are the team's; these
 * are ours. Text between backticks is shown as code. Unknown languages get English.
 */

/** Every fixed text of a page. */
export interface DocLabels {
  readonly title: string;
  readonly intro: string;
  readonly contents: string;
  readonly model: string;
  readonly modelText: string;
  readonly contentType: string;
  readonly fieldCode: string;
  readonly fieldMessage: string;
  readonly fieldType: string;
  readonly fieldTitle: string;
  readonly fieldStatus: string;
  readonly retryText: string;
  readonly familyText: string;
  readonly placeholderText: string;
  readonly code: string;
  readonly status: string;
  readonly message: string;
  readonly description: string;
  readonly retryable: string;
  readonly yes: string;
  readonly no: string;
  readonly statusLine: string;
  readonly challengeTitle: string;
  readonly challengeText: string;
  readonly scopeNote: string;
  readonly headersTitle: string;
  readonly headersText: string;
  readonly header: string;
  readonly example: string;
  readonly language: string;
  readonly otherCodes: string;
  /** Heading of the violation codes section. */
  readonly violationsTitle: string;
  readonly violationsText: string;
  readonly echoed: string;
  readonly field: string;
  readonly type: string;
  readonly required: string;
  /** Yes and no in the Required and Echoed columns. */
  readonly answerYes: string;
  readonly answerNo: string;
  /** The label of an entry's details line (HTML). */
  readonly details: string;
  /** A definition's details, with `{code}`, `{member}` and `{link}` (to the violation codes) filled in. */
  readonly detailsViolations: string;
  /** The same, when the violations are a member the format chose (no `{member}`). */
  readonly detailsViolationsBody: string;
  readonly detailsObject: string;
  readonly detailsObjectBody: string;
  readonly exampleBody: string;
}

const en: DocLabels = {
  title: 'Error reference',
  intro: 'Every error response carries an HTTP status code and a JSON body in the format below. '
    + '4xx statuses are client errors: the request must change. 5xx statuses are server errors.',
  contents: 'Contents',
  model: 'Error response model',
  modelText: 'All error responses have a body in this format:',
  contentType: 'Content type:',
  fieldCode: 'the error code (see the tables below).',
  fieldMessage: 'a human-readable message.',
  fieldType: 'a URI reference identifying the problem type (RFC 9457).',
  fieldTitle: 'the HTTP status phrase.',
  fieldStatus: 'the HTTP status code.',
  retryText: 'Errors marked retryable are temporary: the same request may succeed later, so retry it after a pause. '
    + 'Other errors fail again with the same input: check the code and change the request.',
  familyText: 'A code with a `{PLACEHOLDER}` is a family: the placeholder is replaced by a name when the error is sent.',
  placeholderText: 'In messages, `{name}` stands for a value filled in when the error is sent.',
  code: 'Code',
  status: 'Status',
  message: 'Message',
  description: 'Description',
  retryable: 'Retryable',
  yes: 'yes',
  no: 'no',
  statusLine: 'status',
  challengeTitle: 'WWW-Authenticate',
  challengeText: 'Errors of the Bearer authentication scheme (RFC 6750) also carry a `WWW-Authenticate` header '
    + 'that says why the request was refused:',
  scopeNote: '`{scope}` stands for the missing scopes, separated by spaces; the attribute is sent when the error is thrown with a scope.',
  headersTitle: 'Other response headers',
  headersText: 'These errors also carry the following headers:',
  header: 'Header',
  example: 'Example response',
  language: 'Language',
  otherCodes: 'Other codes',
  violationsTitle: 'Violation codes',
  violationsText: 'An error with violations carries one record per bad field: `pointer` is an RFC 6901 JSON Pointer to the field '
    + 'inside the part of the request that `location` names (`body`, `query`, `path`, `header` or `cookie`), `code` says why '
    + 'with one of the codes below, and the message says it in words. In messages, `{name}` stands for a value sent in the '
    + 'record\'s `params`. The value received is sent back, in `value`, only for the codes marked echoed.',
  echoed: 'Echoed',
  field: 'Field',
  type: 'Type',
  required: 'Required',
  answerYes: 'yes',
  answerNo: 'no',
  details: 'Details',
  detailsViolations: '{code} carries a list of violations in {member}, one per bad field, with the codes listed under {link}.',
  detailsViolationsBody: '{code} carries a list of violations in its body, one per bad field, with the codes listed under {link}.',
  detailsObject: '{code} carries an object in {member} with these fields:',
  detailsObjectBody: '{code} carries these fields as members of its body:',
  exampleBody: 'Example body:',
};

const ko: DocLabels = {
  title: '에러 목록',
  intro: '모든 에러 응답은 HTTP 상태 코드와 아래 형식의 JSON 본문을 가집니다. '
    + '4xx는 클라이언트 에러로 요청을 고쳐야 하며, 5xx는 서버 에러입니다.',
  contents: '목차',
  model: '에러 응답 모델',
  modelText: '모든 에러 응답의 본문은 다음 형식입니다:',
  contentType: '콘텐츠 타입:',
  fieldCode: '에러 코드 (아래 표 참고).',
  fieldMessage: '사람이 읽을 수 있는 메시지.',
  fieldType: '문제 유형을 나타내는 URI 참조 (RFC 9457).',
  fieldTitle: 'HTTP 상태 문구.',
  fieldStatus: 'HTTP 상태 코드.',
  retryText: '재시도 가능으로 표시된 에러는 일시적이므로 잠시 후 같은 요청이 성공할 수 있습니다. '
    + '그 밖의 에러는 같은 입력으로 다시 실패하므로 코드를 확인하고 요청을 고쳐야 합니다.',
  familyText: '`{PLACEHOLDER}`가 들어간 코드는 코드 묶음으로, 에러를 보낼 때 자리표시자가 이름으로 바뀝니다.',
  placeholderText: '메시지의 `{name}`은 에러를 보낼 때 채워지는 값입니다.',
  code: '코드',
  status: '상태',
  message: '메시지',
  description: '설명',
  retryable: '재시도',
  yes: '가능',
  no: '불가',
  statusLine: 'status',
  challengeTitle: 'WWW-Authenticate',
  challengeText: 'Bearer 인증(RFC 6750) 에러는 요청이 거부된 이유를 알려 주는 `WWW-Authenticate` 헤더도 함께 보냅니다:',
  scopeNote: '`{scope}`는 부족한 스코프 목록(공백으로 구분)이며, 에러를 scope와 함께 던질 때 전송됩니다.',
  headersTitle: '기타 응답 헤더',
  headersText: '다음 에러는 아래 헤더도 함께 보냅니다:',
  header: '헤더',
  example: '응답 예시',
  language: '언어',
  otherCodes: '기타 코드',
  violationsTitle: '위반 코드',
  violationsText: '위반이 있는 에러는 잘못된 필드마다 기록 하나를 담습니다. `pointer`는 `location`이 가리키는 요청 부분'
    + '(`body`, `query`, `path`, `header`, `cookie`) 안의 필드를 가리키는 RFC 6901 JSON Pointer이고, `code`는 아래 코드 중 '
    + '하나로 실패한 이유를 알려 주며, 메시지는 그 이유를 말로 설명합니다. 메시지의 `{name}`은 기록의 `params`로 보내는 값입니다. '
    + '받은 값은 값 반환으로 표시된 코드에서만 `value`로 돌려보냅니다.',
  echoed: '값 반환',
  field: '필드',
  type: '타입',
  required: '필수',
  answerYes: '예',
  answerNo: '아니요',
  details: '상세',
  detailsViolations: '{code} 에러는 잘못된 필드마다 위반 하나씩, 위반 목록을 {member} 멤버에 담습니다. 코드는 {link}를 참고하세요.',
  detailsViolationsBody: '{code} 에러는 잘못된 필드마다 위반 하나씩, 위반 목록을 본문에 담습니다. 코드는 {link}를 참고하세요.',
  detailsObject: '{code} 에러는 {member} 멤버에 다음 필드의 객체를 담습니다:',
  detailsObjectBody: '{code} 에러는 본문의 멤버로 다음 필드를 담습니다:',
  exampleBody: '본문 예시:',
};

const BY_LANGUAGE: ReadonlyMap<string, DocLabels> = new Map([['en', en], ['ko', ko]]);

// Fixed names, not Intl.DisplayNames: a page must not change with the ICU version.
const LANGUAGE_NAMES: ReadonlyMap<string, string> = new Map(Object.entries({
  en: 'English', ko: '한국어', ja: '日本語', zh: '中文', fr: 'Français', de: 'Deutsch', es: 'Español',
  it: 'Italiano', pt: 'Português', ru: 'Русский', vi: 'Tiếng Việt', th: 'ไทย', id: 'Bahasa Indonesia',
}));

/**
 * The labels for a BCP 47 tag: exact, then its language, then English.
 * @example labelsFor('ko-KR').title // '에러 목록'
 */
export function labelsFor(locale: string): DocLabels {
  return BY_LANGUAGE.get(locale) ?? BY_LANGUAGE.get(primary(locale)) ?? en;
}

/**
 * A language's name in itself, for the language switch (`ko` → `한국어`; `ko-KR` → `한국어 (ko-KR)`).
 * @example languageName('ko') // '한국어'
 */
export function languageName(locale: string): string {
  const name = LANGUAGE_NAMES.get(primary(locale));
  if (name === undefined) return locale;
  return primary(locale) === locale ? name : `${name} (${locale})`;
}

/**
 * The sentence that introduces a definition's details: violations or its own object, under a
 * member or as members of the body itself.
 * @example detailsLabel(labelsFor('en'), { kind: 'violations', member: 'details' }) === labelsFor('en').detailsViolations
 */
export function detailsLabel(labels: DocLabels, details: { readonly kind: 'violations' | 'schema'; readonly member: string | undefined }): string {
  if (details.kind === 'violations') return details.member === undefined ? labels.detailsViolationsBody : labels.detailsViolations;
  return details.member === undefined ? labels.detailsObjectBody : labels.detailsObject;
}

/**
 * Fills a label's `{code}`, `{member}` and `{link}` with pieces already rendered for the target; the
 * rest of the label goes through the target's escaper.
 * @example fillLabel('{code} carries {member}.', (t) => t, { code: '`A`', member: '`details`' }) // '`A` carries `details`.'
 */
export function fillLabel(label: string, escape: (text: string) => string, pieces: Readonly<Record<string, string>>): string {
  return label.split(/\{(code|member|link)\}/).map((part, i) => (i % 2 === 1 ? pieces[part] ?? '' : escape(part))).join('');
}

function primary(locale: string): string {
  return locale.split('-')[0]!.toLowerCase();
}
