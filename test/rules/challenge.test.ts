/**
 * The RFC 6750 challenge builder, in process: the exact value for each `bearer`, hostile
 * descriptions and scopes dropped and reported, every output accepted by a strict ABNF checker
 * and by `auth-header`.
 */
import assert from 'node:assert/strict';
import { parse as parseAuthHeader } from 'auth-header';
import { buildChallenge, type ChallengeInput } from '../../lib/rules/challenge.js';
import { checkBearerChallenge } from '../support/abnf.js';
import type { Bearer } from '../../lib/index.js';

/** Builds a challenge, collecting what was dropped. */
function build(input: ChallengeInput): { value: string; problems: string[] } {
  const problems: string[] = [];
  return { value: buildChallenge(input, (p) => problems.push(p)), problems };
}

/** Both parsers agree with the expected attributes, and neither sees a duplicate. */
function assertParsesTo(value: string, expected: Record<string, string>): void {
  const ours = checkBearerChallenge(value);
  assert.deepEqual(Object.fromEntries(ours.params), expected);
  if (Object.keys(expected).length > 0) {
    // auth-header turns a repeated attribute into an array: every value must be a string.
    const theirs = parseAuthHeader(value);
    assert.equal(theirs.scheme, 'Bearer');
    assert.deepEqual(theirs.params, expected);
  }
}

describe('WWW-Authenticate challenge builder (RFC 6750 §3)', () => {
  it('sends Bearer realm alone for bearer: true', () => {
    assert.equal(build({ bearer: true, realm: 'api' }).value, 'Bearer realm="api"');
    assert.equal(build({ bearer: true, realm: undefined }).value, 'Bearer');
    assertParsesTo('Bearer realm="api"', { realm: 'api' });
    assertParsesTo('Bearer', {});
  });

  it('never adds error attributes to bearer: true, even when asked', () => {
    const { value } = build({ bearer: true, realm: 'api', scope: ['a'], errorDescription: 'x' });
    assert.equal(value, 'Bearer realm="api"');
  });

  it('sends each error code with realm, description and scope in a fixed order', () => {
    assert.equal(build({ bearer: 'invalid_request', realm: undefined }).value, 'Bearer error="invalid_request"');
    assert.equal(build({ bearer: 'invalid_token', realm: 'api', errorDescription: 'The access token expired' }).value,
      'Bearer realm="api", error="invalid_token", error_description="The access token expired"');
    assert.equal(build({ bearer: 'insufficient_scope', realm: undefined, scope: ['orders:write', 'profile'] }).value,
      'Bearer error="insufficient_scope", scope="orders:write profile"');
  });

  it('only sends scope with insufficient_scope', () => {
    assert.equal(build({ bearer: 'invalid_token', realm: undefined, scope: ['a'] }).value, 'Bearer error="invalid_token"');
  });

  const hostile: Array<[string, unknown]> = [
    ['CR', 'a\rb'], ['LF', 'a\nb'], ['CRLF injection', 'x"\r\nSet-Cookie: a=1'], ['NUL', 'a\0b'], ['quote', 'a"b'],
    ['backslash', 'a\\b'], ['non-ASCII', 'café'], ['Korean', '토큰 만료'], ['empty', ''], ['number', 42], ['object', {}],
  ];
  for (const [what, value] of hostile) {
    it(`drops and reports an error_description with ${what}`, () => {
      const { value: header, problems } = build({ bearer: 'invalid_token', realm: 'api', errorDescription: value });
      assert.equal(header, 'Bearer realm="api", error="invalid_token"');
      assert.equal(problems.length, 1);
      assert.match(problems[0]!, /^error_description dropped/);
      assertParsesTo(header, { realm: 'api', error: 'invalid_token' });
    });
  }

  const hostileScopes: Array<[string, unknown]> = [
    ['a space inside a token', ['a b']], ['a quote', ['a"b']], ['a backslash', ['a\\b']], ['CR LF', ['a\r\nb']],
    ['non-ASCII', ['ünï']], ['an empty token', ['']], ['an empty list', []], ['a non-string', [1]],
    ['a list too long', Array.from({ length: 300 }, (_, i) => `scope:number:${i}`)],
  ];
  for (const [what, scope] of hostileScopes) {
    it(`drops and reports a scope with ${what}`, () => {
      const { value, problems } = build({ bearer: 'insufficient_scope', realm: undefined, scope: scope as unknown[] });
      assert.equal(value, 'Bearer error="insufficient_scope"');
      assert.equal(problems.length, 1);
      assert.match(problems[0]!, /^scope dropped/);
    });
  }

  it('survives a scope list whose every trap throws', () => {
    const trap = new Proxy([], { get() { throw new Error('trap'); }, getPrototypeOf() { throw new Error('trap'); } });
    const { value, problems } = build({ bearer: 'insufficient_scope', realm: undefined, scope: trap });
    assert.equal(value, 'Bearer error="insufficient_scope"');
    assert.equal(problems.length, 1);
  });

  it('cuts a long description at 512 characters', () => {
    const { value } = build({ bearer: 'invalid_token', realm: undefined, errorDescription: 'x'.repeat(2000) });
    const parsed = checkBearerChallenge(value);
    assert.equal(parsed.params.get('error_description'), `${'x'.repeat(509)}...`);
  });

  it('emits only values both parsers accept, for every combination', () => {
    const bearers: Bearer[] = [true, 'invalid_request', 'invalid_token', 'insufficient_scope'];
    const realms = [undefined, 'api', 'Example Realm!'];
    const descriptions = [undefined, 'Token expired', 'bad\r\n', 'ö'];
    const scopes = [undefined, ['a'], ['read:x', 'write:y'], ['bad scope']];
    let count = 0;
    for (const bearer of bearers) for (const realm of realms) for (const errorDescription of descriptions) for (const scope of scopes) {
      const { value } = build({ bearer, realm, errorDescription, scope });
      const parsed = checkBearerChallenge(value);
      if (realm !== undefined) assert.equal(parsed.params.get('realm'), realm);
      if (bearer !== true) assert.equal(parsed.params.get('error'), bearer);
      if (parsed.params.size > 0) assert.equal(parseAuthHeader(value).scheme, 'Bearer');
      count++;
    }
    assert.equal(count, 192);
  });
});

describe('scope is copied before it is checked', () => {
  const base = { bearer: 'insufficient_scope' as const, realm: 'api' };

  it('ignores an own join that would return something other than what was checked', () => {
    const scope = Object.assign(['orders:read', 'orders:write'], { join: () => 'x"\r\nSet-Cookie: a=b' });
    assert.deepEqual(build({ ...base, scope }), { value: 'Bearer realm="api", error="insufficient_scope", scope="orders:read orders:write"', problems: [] });
  });

  it('reads each element once: a getter that changes its answer cannot slip past the check', () => {
    let reads = 0;
    const scope = ['orders:read'];
    Object.defineProperty(scope, 0, { get: () => (reads++ === 0 ? 'orders:read' : 'bad"\r\nX: y') });
    assert.deepEqual(build({ ...base, scope }), { value: 'Bearer realm="api", error="insufficient_scope", scope="orders:read"', problems: [] });
    assert.equal(reads, 1);
  });

  it('drops a sparse list of a billion slots at once, without walking it', () => {
    const scope: string[] = [];
    scope.length = 1e9;
    assert.deepEqual(build({ ...base, scope }), { value: 'Bearer realm="api", error="insufficient_scope"', problems: ['scope dropped: longer than 2048 characters'] });
  });

  it('ignores an overridden iterator', () => {
    const scope = Object.assign(['a'], { [Symbol.iterator]: function* () { yield 'b"'; } });
    assert.equal(build({ ...base, scope }).value, 'Bearer realm="api", error="insufficient_scope", scope="a"');
  });
});
