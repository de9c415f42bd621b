/**
 * A strict checker for `WWW-Authenticate: Bearer` values, written from the grammars of
 * RFC 7235 §2.1 / §4.1 (challenge, auth-param, quoted-string) and RFC 6750 §3 (which
 * attributes a Bearer challenge may carry and their character sets). Independent of the
 * builder under test: it tokenises the value itself and reports every violation.
 */

// RFC 7230 §3.2.6 tchar.
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
// RFC 6750 §3: error, error_description: 1*( %x20-21 / %x23-5B / %x5D-7E ).
const NQSCHAR = /^[\x20\x21\x23-\x5B\x5D-\x7E]+$/;
// RFC 6750 §3: scope = scope-token *( SP scope-token ), scope-token = 1*( %x21 / %x23-5B / %x5D-7E ).
const SCOPE = /^[\x21\x23-\x5B\x5D-\x7E]+(?: [\x21\x23-\x5B\x5D-\x7E]+)*$/;
const ERROR_CODES = new Set(['invalid_request', 'invalid_token', 'insufficient_scope']);

/** A parsed Bearer challenge. */
export interface ParsedChallenge {
  readonly scheme: string;
  readonly params: ReadonlyMap<string, string>;
}

/** Parses one challenge; throws an Error describing the first grammar violation. */
export function parseChallenge(value: string): ParsedChallenge {
  if (!/^[\x20-\x7E]*$/.test(value)) throw new Error('not printable ASCII');
  const space = value.indexOf(' ');
  const scheme = space === -1 ? value : value.slice(0, space);
  if (!TOKEN.test(scheme)) throw new Error(`auth-scheme ${JSON.stringify(scheme)} is not a token`);
  const params = new Map<string, string>();
  let rest = space === -1 ? '' : value.slice(space + 1);
  if (space !== -1 && rest === '') throw new Error('trailing space after the scheme');
  while (rest !== '') {
    const eq = rest.indexOf('=');
    if (eq <= 0) throw new Error(`expected auth-param at ${JSON.stringify(rest)}`);
    const name = rest.slice(0, eq).toLowerCase();
    if (!TOKEN.test(name)) throw new Error(`auth-param name ${JSON.stringify(name)} is not a token`);
    rest = rest.slice(eq + 1);
    let paramValue: string;
    if (rest.startsWith('"')) {
      let i = 1;
      paramValue = '';
      for (; i < rest.length && rest[i] !== '"'; i++) {
        if (rest[i] === '\\') { i++; if (i >= rest.length) throw new Error('dangling quoted-pair'); }
        paramValue += rest[i];
      }
      if (i >= rest.length) throw new Error(`unterminated quoted-string for ${name}`);
      rest = rest.slice(i + 1);
    } else {
      const end = rest.search(/[ ,]/);
      paramValue = end === -1 ? rest : rest.slice(0, end);
      if (!TOKEN.test(paramValue)) throw new Error(`value of ${name} is neither token nor quoted-string`);
      rest = end === -1 ? '' : rest.slice(end);
    }
    if (params.has(name)) throw new Error(`duplicated auth-param ${name}`);
    params.set(name, paramValue);
    if (rest === '') break;
    if (!rest.startsWith(', ')) throw new Error(`expected ", " between auth-params at ${JSON.stringify(rest)}`);
    rest = rest.slice(2);
  }
  return { scheme, params };
}

/** Checks a value against RFC 7235 and RFC 6750; returns the parsed challenge. */
export function checkBearerChallenge(value: string): ParsedChallenge {
  const parsed = parseChallenge(value);
  if (parsed.scheme !== 'Bearer') throw new Error(`scheme ${parsed.scheme} is not Bearer`);
  for (const [name, paramValue] of parsed.params) {
    switch (name) {
      case 'realm':
        if (!NQSCHAR.test(paramValue)) throw new Error('realm outside the quotable characters');
        break;
      case 'error':
        if (!ERROR_CODES.has(paramValue)) throw new Error(`error ${JSON.stringify(paramValue)} is not an RFC 6750 code`);
        break;
      case 'error_description':
        if (!NQSCHAR.test(paramValue)) throw new Error('error_description outside RFC 6750 characters');
        break;
      case 'scope':
        if (!SCOPE.test(paramValue)) throw new Error('scope is not a list of scope-tokens');
        break;
      case 'error_uri':
        break;
      default:
        throw new Error(`unexpected attribute ${name}`);
    }
  }
  if (parsed.params.has('scope') && parsed.params.get('error') !== 'insufficient_scope') {
    // RFC 6750 allows scope on any challenge; we only ever send it with insufficient_scope.
    throw new Error('scope without insufficient_scope');
  }
  if (!parsed.params.has('error') && (parsed.params.has('error_description') || parsed.params.has('scope'))) {
    throw new Error('attributes without error');
  }
  return parsed;
}
