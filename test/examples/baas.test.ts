/**
 * examples/baas (the BaaS reference, Koa 2): Korean answers with the seed's exact text, English by
 * Accept-Language, Bearer challenges with an ASCII (English) error_description. Real routes
 * reach most entries; a test-only trigger route reaches every one, checked against the seed.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import jwt from 'jsonwebtoken';
import request from 'supertest';
import { createApp, DECLINED_CARD, TOKEN_SECRET } from '../../examples/baas/server.js';
import { errors, format } from '../../examples/baas/catalog.js';
import { assertAnswer, assertEveryKey, within, type Expected } from './http.js';
import { readSeed, seed003, stripLinks } from './seeds.js';

const SEED = new Map(seed003(readSeed('003')).codes.map((c) => [c.code, { status: c.status!, message: stripLinks(c.description!) }]));
const CHALLENGES: Readonly<Record<string, string>> = {
  AccessTokenDoesNotExist: 'Bearer realm="baas"',
  PasswordIncorrect: 'Bearer realm="baas"',
  AccessTokenExpired: 'Bearer realm="baas", error="invalid_token", error_description="Occurs when the access token has expired."',
  MalformedAccessToken: 'Bearer realm="baas", error="invalid_token", error_description="Occurs when the access token has been tampered with."',
};

/** The Korean answer of a seed code: the seed's own status and text. */
function ko(code: string): Expected {
  const seed = SEED.get(code);
  assert.ok(seed, `${code} is in the seed`);
  return {
    key: code, status: seed.status, body: { code, message: seed.message },
    headers: { 'Content-Language': 'ko', Vary: 'Accept-Language', 'WWW-Authenticate': CHALLENGES[code] },
  };
}

/** An English answer, written out. */
function en(code: string, status: number, message: string): Expected {
  return {
    key: code, status, body: { code, message },
    headers: { 'Content-Language': 'en', Vary: 'Accept-Language', 'WWW-Authenticate': CHALLENGES[code] },
  };
}

const token = (sub: string, options: jwt.SignOptions = { expiresIn: 3600 }): string =>
  `Bearer ${jwt.sign({ sub }, TOKEN_SECRET, { algorithm: 'HS256', ...options })}`;
const ADA = { Authorization: token('u1') };

describe('examples/baas (the BaaS reference, Koa 2)', () => {
  const reached = new Set<string>();
  const expectAnswer = (res: request.Response, want: Expected): void => {
    assertAnswer(errors, format, res, want);
    reached.add(want.key);
  };
  const app = createApp({ testTriggers: true }).callback();
  const get = (path: string, headers: Record<string, string> = ADA) => within(request(app).get(path).set(headers));
  const post = (path: string, body: unknown, headers: Record<string, string> = ADA) => within(request(app).post(path).set(headers).send(body as object));

  describe('access tokens', () => {
    it('AccessTokenDoesNotExist without a token: Korean by default, English for Accept-Language: en', async () => {
      expectAnswer(await get('/users/u1', {}), ko('AccessTokenDoesNotExist'));
      expectAnswer(await get('/users/u1', { 'Accept-Language': 'en' }), en('AccessTokenDoesNotExist', 401, 'Occurs when an access token is required but absent.'));
    });
    it('AccessTokenExpired for an expired token, error_description in English (RFC 6750 is ASCII)', async () => {
      const expired = token('u1', { expiresIn: -60 });
      expectAnswer(await get('/users/u1', { Authorization: expired }), ko('AccessTokenExpired'));
      expectAnswer(await get('/users/u1', { Authorization: expired, 'Accept-Language': 'en-US,en;q=0.9' }), en('AccessTokenExpired', 401, 'Occurs when the access token has expired.'));
    });
    it('MalformedAccessToken for a tampered token', async () => {
      const tampered = `${token('u1').slice(0, -4)}AAAA`;
      expectAnswer(await get('/users/u1', { Authorization: tampered }), ko('MalformedAccessToken'));
    });
    it('UserIdDoesNotMatched for another user\'s id', async () => {
      expectAnswer(await get('/users/u2'), ko('UserIdDoesNotMatched'));
    });
    it('AccessDenied for an admin path', async () => {
      expectAnswer(await get('/admin/config'), ko('AccessDenied'));
    });
    it('answers the token\'s own user', async () => {
      const res = await get('/users/u1');
      assert.deepEqual([res.status, res.body], [200, { id: 'u1', email: 'ada@example.com', name: 'Ada' }]);
    });
  });

  describe('sign-up and login', () => {
    it('PasswordIncorrect for a wrong password and an unknown email alike', async () => {
      expectAnswer(await post('/auth/login', { email: 'ada@example.com', password: 'nope' }, {}), ko('PasswordIncorrect'));
      expectAnswer(await post('/auth/login', { email: 'eve@example.com', password: 'x' }, { 'Accept-Language': 'en' }), en('PasswordIncorrect', 401, 'Occurs when the password is wrong.'));
    });
    it('logs in with the right password', async () => {
      const res = await post('/auth/login', { email: 'ada@example.com', password: 'correct horse' }, {});
      assert.equal(res.status, 200);
      assert.equal((jwt.verify(res.body.accessToken, TOKEN_SECRET) as jwt.JwtPayload).sub, 'u1');
    });
    it('MissingUserPayload, NotNullConstraintFailed, EmailValidationFailed, StringValidationFailed, AlphaValidationFailed, EmailAlreadyUsed', async () => {
      expectAnswer(await post('/auth/signup', {}, {}), ko('MissingUserPayload'));
      expectAnswer(await post('/auth/signup', { email: 'kim@example.com', password: 'pw' }, {}), ko('NotNullConstraintFailed'));
      expectAnswer(await post('/auth/signup', { email: 'kim', password: 'pw', name: 'Kim' }, {}), ko('EmailValidationFailed'));
      expectAnswer(await post('/auth/signup', { email: 'kim@example.com', password: 1234, name: 'Kim' }, {}), ko('StringValidationFailed'));
      expectAnswer(await post('/auth/signup', { email: 'kim@example.com', password: 'pw', name: '김' }, {}), ko('AlphaValidationFailed'));
      expectAnswer(await post('/auth/signup', { email: 'ada@example.com', password: 'pw', name: 'Ada' }, {}), ko('EmailAlreadyUsed'));
      const created = await post('/auth/signup', { email: 'kim@example.com', password: 'pw', name: 'Kim' }, {});
      assert.deepEqual([created.status, created.body], [201, { id: 'u2', email: 'kim@example.com', name: 'Kim' }]);
    });
  });

  describe('documents and queries', () => {
    const query = (where: unknown, model = 'posts') => post(`/collections/${model}/query`, { where });
    it('answers a valid query', async () => {
      const res = await query({ likes: { $gt: 1 }, title: { $in: ['Hello'] } });
      assert.deepEqual([res.status, res.body], [200, { data: [{ id: 'p1', title: 'Hello', likes: 3 }] }]);
    });
    it('CompiledModelDoesNotExist for an unknown model', async () => {
      expectAnswer(await query({}, 'comments'), ko('CompiledModelDoesNotExist'));
    });
    it('IsNotOp, IsNotSupport, IsNotArray, NestedArrayDoesNotSupport, IsNotNumber, IsNotStringOrNumber', async () => {
      expectAnswer(await query({ likes: { $regex: 'x' } }), ko('IsNotOp'));
      expectAnswer(await query({ likes: { $where: 'this.likes > 1' } }), ko('IsNotSupport'));
      expectAnswer(await query({ likes: { $in: 3 } }), ko('IsNotArray'));
      expectAnswer(await query({ likes: { $in: [[1, 2]] } }), ko('NestedArrayDoesNotSupport'));
      expectAnswer(await query({ likes: { $gt: 'many' } }), ko('IsNotNumber'));
      expectAnswer(await query({ title: { $eq: { nested: true } } }), ko('IsNotStringOrNumber'));
    });
    it('QueryParsingFailed for a query that is not an object, and for a body that is not JSON (the 400 fallback)', async () => {
      expectAnswer(await query([1]), ko('QueryParsingFailed'));
      const malformed = await within(request(app).post('/collections/posts/query').set(ADA).set('Content-Type', 'application/json').send('{"where":'));
      expectAnswer(malformed, ko('QueryParsingFailed'));
    });
    it('DocumentDoesNotExist for an unknown document', async () => {
      expectAnswer(await get('/collections/posts/documents/p9'), ko('DocumentDoesNotExist'));
    });
    it('InvalidOperationPatchFailed, MissingPatchFailed, TestPatchFailed for bad RFC 6902 patches; a good one applies', async () => {
      const patch = (body: unknown) => within(request(app).patch('/collections/posts/documents/p1').set(ADA).send(body as object));
      expectAnswer(await patch({ op: 'replace' }), ko('InvalidOperationPatchFailed'));
      expectAnswer(await patch([{ op: 'merge', path: '/title', value: 'x' }]), ko('InvalidOperationPatchFailed'));
      expectAnswer(await patch([{ op: 'replace', path: '/title' }]), ko('MissingPatchFailed'));
      expectAnswer(await patch([{ op: 'test', path: '/likes', value: 99 }, { op: 'replace', path: '/likes', value: 0 }]), ko('TestPatchFailed'));
      const ok = await patch([{ op: 'test', path: '/likes', value: 3 }, { op: 'replace', path: '/likes', value: 4 }]);
      assert.deepEqual([ok.status, ok.body], [200, { title: 'Hello', likes: 4 }]);
    });
  });

  describe('payments and files', () => {
    it('PaymentTypeDoesNotSupport, NumberValidationFailed, TryPayFailed', async () => {
      expectAnswer(await post('/payments', { type: 'crypto', amount: 10 }), ko('PaymentTypeDoesNotSupport'));
      expectAnswer(await post('/payments', { type: 'card', amount: '10' }), ko('NumberValidationFailed'));
      expectAnswer(await post('/payments', { type: 'card', amount: 10, cardNumber: DECLINED_CARD }), ko('TryPayFailed'));
    });
    it('FilenameTooLong, MissingHeader, MalformedMd5, InsertFailed for uploads; a good one is stored', async () => {
      const put = (name: string, body: Buffer, md5?: string) => {
        const req = request(app).put(`/files/${name}`).set(ADA).set('Content-Type', 'application/octet-stream');
        return within(md5 === undefined ? req.send(body) : req.set('Content-MD5', md5).send(body));
      };
      const content = Buffer.from('hello');
      const md5 = createHash('md5').update(content).digest('base64');
      expectAnswer(await put('f'.repeat(256), content, md5), ko('FilenameTooLong'));
      expectAnswer(await put('a.txt', content), ko('MissingHeader'));
      expectAnswer(await put('a.txt', content, createHash('md5').update('other').digest('base64')), ko('MalformedMd5'));
      const big = Buffer.alloc((1 << 20) + 1);
      expectAnswer(await put('big.bin', big, createHash('md5').update(big).digest('base64')), ko('InsertFailed'));
      const ok = await put('a.txt', content, md5);
      assert.deepEqual([ok.status, ok.body], [201, { name: 'a.txt', size: 5 }]);
    });
  });

  describe('routing and failures', () => {
    it('MatchedRouterDoesNotExist for an unknown path', async () => {
      expectAnswer(await get('/no/such/path'), ko('MatchedRouterDoesNotExist'));
    });
    it('NotImplemented (501, added) with Allow for a method the API does not implement', async () => {
      expectAnswer(await within(request(app).delete('/users/u1').set(ADA)), {
        key: 'NotImplemented', status: 501, body: { code: 'NotImplemented', message: '아직 기능을 구현하지 않은 경우 발생합니다.' },
        headers: { Allow: 'HEAD, GET', 'Content-Language': 'ko' },
      });
    });
    it('NewError for an unexpected failure (the 500 fallback), its text never sent', async () => {
      const res = await get('/__test/crash');
      expectAnswer(res, ko('NewError'));
      assert.doesNotMatch(res.text, /connection refused/);
    });
  });

  describe('every code of the reference through the test trigger', () => {
    it('answers each with the reference\'s status and exact Korean text', async () => {
      for (const code of SEED.keys()) expectAnswer(await get(`/__test/errors/${code}`, {}), ko(code));
    });
    it('answers each in English for Accept-Language: en, with a Content-Language of en', async () => {
      for (const [code, seed] of SEED) {
        const res = await get(`/__test/errors/${code}`, { 'Accept-Language': 'en' });
        assert.equal(res.status, seed.status, code);
        assert.equal(res.headers['content-language'], 'en', code);
        assert.equal(res.body.code, code);
        assert.match(res.body.message, /^Occurs when\b[\x20-\x7E]+\.$/, `${code}: an English sentence`);
      }
    });
  });

  describe('coverage', () => {
    it('reached every catalog entry', () => {
      assertEveryKey(errors, reached);
    });
  });
});
