/**
 * RFC 6750 §3 `WWW-Authenticate: Bearer` challenges. Every value is checked against the
 * RFC's character sets before it is quoted: a value that breaks them is dropped and
 * reported, so a header can never be injected and `setHeader` never throws.
 */

/** The RFC 6750 §3.1 error codes a definition can put in its Bearer challenge. */
export type BearerErrorCode = 'invalid_request' | 'invalid_token' | 'insufficient_scope';

/**
 * A definition's Bearer challenge: `true` for `Bearer realm="…"` alone (no credentials
 * were sent, RFC 6750 §3.1), or the `error=` attribute to send.
 */
export type Bearer = true | BearerErrorCode;

// RFC 6750 §3: error and error_description are 1*( %x20-21 / %x23-5B / %x5D-7E ).
const QUOTABLE = /^[\x20\x21\x23-\x5B\x5D-\x7E]+$/;
// RFC 6750 §3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E ).
const SCOPE_TOKEN = /^[\x21\x23-\x5B\x5D-\x7E]+$/;

/** Longest `realm` accepted at startup, in characters. */
export const MAX_REALM_LENGTH = 256;
/** Longest `error_description` sent; longer ASCII text is cut and ends with `...`. */
export const MAX_DESCRIPTION_LENGTH = 512;
/** Longest `scope="…"` value sent; a longer list is dropped whole (a cut list would lie). */
export const MAX_SCOPE_LENGTH = 2048;

/** True when `text` may stand inside the quotes of `realm`, `error` or `error_description`. */
export function isQuotable(text: string): boolean {
  return QUOTABLE.test(text);
}

/** True when `token` is one RFC 6750 scope-token. */
export function isScopeToken(token: string): boolean {
  return SCOPE_TOKEN.test(token);
}

/** What a challenge is built from; realm is validated once, at startup. */
export interface ChallengeInput {
  readonly bearer: Bearer;
  readonly realm: string | undefined;
  readonly scope?: readonly unknown[] | undefined;
  readonly errorDescription?: unknown;
}

/**
 * Builds the header value. `report` hears of every runtime value that was dropped.
 * @example buildChallenge({ bearer: 'invalid_token', realm: 'api' }, () => {})
 * // 'Bearer realm="api", error="invalid_token"'
 */
export function buildChallenge(input: ChallengeInput, report: (problem: string) => void): string {
  const params: string[] = [];
  if (input.realm !== undefined) params.push(`realm="${input.realm}"`);
  if (input.bearer !== true) {
    params.push(`error="${input.bearer}"`);
    const description = checkDescription(input.errorDescription, report);
    if (description !== undefined) params.push(`error_description="${description}"`);
    if (input.bearer === 'insufficient_scope' && input.scope !== undefined) {
      const scope = checkScope(input.scope, report);
      if (scope !== undefined) params.push(`scope="${scope}"`);
    }
  }
  return params.length === 0 ? 'Bearer' : `Bearer ${params.join(', ')}`;
}

function checkDescription(value: unknown, report: (problem: string) => void): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !isQuotable(value)) {
    report('error_description dropped: not a non-empty string of RFC 6750 characters (printable ASCII without " and \\)');
    return undefined;
  }
  return value.length > MAX_DESCRIPTION_LENGTH ? `${value.slice(0, MAX_DESCRIPTION_LENGTH - 3)}...` : value;
}

// Copied into a fresh array first, each element read once, then checked and joined: a
// getter or an own `join` on the caller's array cannot change what was checked.
function checkScope(scope: readonly unknown[], report: (problem: string) => void): string | undefined {
  const tokens: string[] = [];
  try {
    if (!Array.isArray(scope)) throw new TypeError('not an array');
    const length = scope.length;
    if (length === 0) throw new TypeError('empty');
    // Each token takes a character and a space: a longer list could not fit (and a sparse
    // array of a billion slots is not walked).
    if (length > MAX_SCOPE_LENGTH) {
      report(`scope dropped: longer than ${MAX_SCOPE_LENGTH} characters`);
      return undefined;
    }
    for (let i = 0; i < length; i++) {
      const token: unknown = scope[i];
      if (typeof token !== 'string' || !isScopeToken(token)) throw new TypeError('token');
      tokens.push(token);
    }
  } catch {
    report('scope dropped: not a non-empty list of RFC 6750 scope-tokens (printable ASCII without space, " and \\)');
    return undefined;
  }
  const joined = tokens.join(' ');
  if (joined.length > MAX_SCOPE_LENGTH) {
    report(`scope dropped: longer than ${MAX_SCOPE_LENGTH} characters`);
    return undefined;
  }
  return joined;
}
