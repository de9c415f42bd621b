/**
 * examples/groupware (the groupware reference, Express 4): every catalog entry reached through a real
 * route, with its exact status, body and the seed's exact WWW-Authenticate values.
 */
import assert from 'node:assert/strict';
import request from 'supertest';
import { createApp } from '../../examples/groupware/server.js';
import { errors, format } from '../../examples/groupware/catalog.js';
import { assertAnswer, assertEveryKey, within, type Expected } from './http.js';

function answer(key: string, status: number, code: string, description: string, headers: Expected['headers'] = { 'WWW-Authenticate': undefined }): Expected {
  return { key, status, body: { code, description }, headers };
}

const A = {
  BAD_REQUEST: answer('BAD_REQUEST', 400, 'BAD_REQUEST', 'The server cannot process the request because the request format or body is invalid.'),
  INVALID_PARAMETER: answer('INVALID_PARAMETER', 400, 'INVALID_PARAMETER', 'There is an error in the format or content of the requested parameter.',
    { 'WWW-Authenticate': 'Bearer error="invalid_request"' }),
  INVALID_EVENT: answer('INVALID_{RESOURCE}', 400, 'INVALID_EVENT', 'There is an error in the content of the requested resource.'),
  MISSING_PARAMETER: answer('MISSING_PARAMETER', 400, 'MISSING_PARAMETER', 'A required parameter was not specified.'),
  LIMIT_EXCEEDED: answer('LIMIT_EXCEEDED', 400, 'LIMIT_EXCEEDED', 'The limit for a parameter or resource property value was exceeded.'),
  OUT_OF_RANGE: answer('OUT_OF_RANGE', 400, 'OUT_OF_RANGE', 'The parameter or resource property value is out of range.'),
  UNAUTHORIZED: answer('UNAUTHORIZED', 401, 'UNAUTHORIZED', 'The requested authentication information was missing or incorrectly specified.',
    { 'WWW-Authenticate': 'Bearer error="invalid_token"' }),
  FORBIDDEN: (scope: string) => answer('FORBIDDEN', 403, 'FORBIDDEN', "The server understood the client's request but refused to process it.",
    { 'WWW-Authenticate': `Bearer error="insufficient_scope", scope="${scope}"` }),
  ACCESS_DENIED: answer('ACCESS_DENIED', 403, 'ACCESS_DENIED', 'Access to the requested resource is restricted.'),
  RESOURCE_LIMIT_EXCEEDED: answer('RESOURCE_LIMIT_EXCEEDED', 403, 'LIMIT_EXCEEDED', 'The limit for the requested resource was exceeded.'),
  RESOURCE_OUT_OF_RANGE: answer('RESOURCE_OUT_OF_RANGE', 403, 'OUT_OF_RANGE', 'The expected range for the requested resource was exceeded.'),
  NOT_FOUND: answer('NOT_FOUND', 404, 'NOT_FOUND', 'The requested resource could not be found.'),
  NOT_EXIST: (resource: string) => answer('{RESOURCE}_NOT_EXIST', 404, `${resource}_NOT_EXIST`, 'The specific resource could not be found.'),
  CONFLICT: answer('CONFLICT', 409, 'CONFLICT', 'There is a conflict with the requested resource.'),
  ALREADY_EXIST: answer('ALREADY_EXIST', 409, 'ALREADY_EXIST', 'The requested resource already exists.'),
  EVENT_ALREADY_EXIST: answer('{RESOURCE}_ALREADY_EXIST', 409, 'EVENT_ALREADY_EXIST', 'The specific resource already exists.'),
  DELETED: answer('DELETED', 410, 'DELETED', 'The requested resource has already been deleted and does not exist on the server.'),
  INTERNAL_SERVER_ERROR: answer('INTERNAL_SERVER_ERROR', 500, 'INTERNAL_SERVER_ERROR', 'Unspecified internal server error'),
  SERVICE_UNAVAILABLE: answer('SERVICE_UNAVAILABLE', 503, 'SERVICE_UNAVAILABLE', 'Temporary server error', { 'Retry-After': '120', 'WWW-Authenticate': undefined }),
};

const ALICE = { Authorization: 'Bearer alice-token' };
const BOB = { Authorization: 'Bearer bob-token' };
const at = (hoursFromNow: number): string => new Date(Date.now() + hoursFromNow * 3_600_000).toISOString();

describe('examples/groupware (the groupware reference, Express 4)', () => {
  const reached = new Set<string>();
  const expectAnswer = (res: request.Response, want: Expected): void => {
    assertAnswer(errors, format, res, want);
    reached.add(want.key);
  };

  describe('users', () => {
    const app = createApp();
    const get = (path: string, headers: Record<string, string> = ALICE) => within(request(app).get(path).set(headers));

    it('answers a user for a token with user.read', async () => {
      const res = await get('/users/u1', BOB);
      assert.deepEqual([res.status, res.body], [200, { id: 'u1', name: 'Alice Kim' }]);
    });
    it('UNAUTHORIZED, Bearer error="invalid_token", without a token and with an unknown one', async () => {
      expectAnswer(await get('/users/u1', {}), A.UNAUTHORIZED);
      expectAnswer(await get('/users/u1', { Authorization: 'Bearer forged-token' }), A.UNAUTHORIZED);
    });
    it('INVALID_PARAMETER, Bearer error="invalid_request", for an id in the wrong format', async () => {
      expectAnswer(await get('/users/42'), A.INVALID_PARAMETER);
    });
    it('USER_NOT_EXIST for an unknown user ({RESOURCE}_NOT_EXIST)', async () => {
      expectAnswer(await get('/users/u7'), A.NOT_EXIST('USER'));
    });
    it('DELETED (410) for a deleted user', async () => {
      expectAnswer(await get('/users/u3'), A.DELETED);
    });
    it('INTERNAL_SERVER_ERROR for a record the server cannot read, without its error text', async () => {
      const res = await get('/users/u9');
      expectAnswer(res, A.INTERNAL_SERVER_ERROR);
      assert.doesNotMatch(res.text, /JSON|position/);
    });
    it('NOT_FOUND for a path the API does not have', async () => {
      expectAnswer(await get('/groups'), A.NOT_FOUND);
    });
  });

  describe('mail', () => {
    const app = createApp();
    const mails = (query: string, headers: Record<string, string> = ALICE) => within(request(app).get(`/mails${query}`).set(headers));

    it('lists a folder', async () => {
      const res = await mails('?folder=inbox&limit=10&since=2024-01-01');
      assert.deepEqual([res.status, res.body], [200, { folder: 'inbox', mails: [] }]);
    });
    it('FORBIDDEN, Bearer error="insufficient_scope", scope="mail.read", for a token without mail.read', async () => {
      expectAnswer(await mails('?folder=inbox', BOB), A.FORBIDDEN('mail.read'));
    });
    it('MISSING_PARAMETER without folder', async () => {
      expectAnswer(await mails(''), A.MISSING_PARAMETER);
    });
    it('INVALID_PARAMETER for a limit or date in the wrong format', async () => {
      expectAnswer(await mails('?folder=inbox&limit=ten'), A.INVALID_PARAMETER);
      expectAnswer(await mails('?folder=inbox&since=yesterday'), A.INVALID_PARAMETER);
    });
    it('LIMIT_EXCEEDED (400) for a limit above 100', async () => {
      expectAnswer(await mails('?folder=inbox&limit=500'), A.LIMIT_EXCEEDED);
    });
    it('OUT_OF_RANGE (400) for a date before 2000', async () => {
      expectAnswer(await mails('?folder=inbox&since=1999-12-31'), A.OUT_OF_RANGE);
    });
    it('FOLDER_NOT_EXIST for an unknown folder', async () => {
      expectAnswer(await mails('?folder=junk'), A.NOT_EXIST('FOLDER'));
    });
    it('SERVICE_UNAVAILABLE (503), with Retry-After, while the archive is reindexed', async () => {
      expectAnswer(await mails('?folder=archive'), A.SERVICE_UNAVAILABLE);
    });
  });

  describe('calendars', () => {
    const app = createApp();
    const post = (calendar: string, body: unknown, headers: Record<string, string> = ALICE) =>
      within(request(app).post(`/calendars/${calendar}/events`).set(headers).send(body as object));
    const event = (extra: Record<string, unknown> = {}) => ({ title: 'Design review', start: at(24), end: at(25), ...extra });

    it('creates an event', async () => {
      const sent = event({ id: 'review' });
      const res = await post('c-alice', sent);
      assert.deepEqual([res.status, res.body], [201, sent]);
    });
    it('FORBIDDEN with scope="calendar.write" for a token without it', async () => {
      expectAnswer(await post('c-bob', event(), BOB), A.FORBIDDEN('calendar.write'));
    });
    it('BAD_REQUEST for malformed JSON and for a body that is not an object', async () => {
      const malformed = await within(request(app).post('/calendars/c-alice/events').set(ALICE).set('Content-Type', 'application/json').send('{"title":'));
      expectAnswer(malformed, A.BAD_REQUEST);
      expectAnswer(await post('c-alice', []), A.BAD_REQUEST);
    });
    it('MISSING_PARAMETER without a title', async () => {
      expectAnswer(await post('c-alice', { start: at(1), end: at(2) }), A.MISSING_PARAMETER);
    });
    it('INVALID_PARAMETER for a start that is no date', async () => {
      expectAnswer(await post('c-alice', event({ start: 'soon' })), A.INVALID_PARAMETER);
    });
    it('LIMIT_EXCEEDED (400) for a title longer than 100 characters', async () => {
      expectAnswer(await post('c-alice', event({ title: 'x'.repeat(101) })), A.LIMIT_EXCEEDED);
    });
    it('INVALID_EVENT when the event ends before it starts (INVALID_{RESOURCE})', async () => {
      expectAnswer(await post('c-alice', event({ start: at(26), end: at(25) })), A.INVALID_EVENT);
    });
    it('OUT_OF_RANGE (403) for an event beyond the calendar\'s booking window', async () => {
      expectAnswer(await post('c-alice', event({ start: at(24 * 800), end: at(24 * 800 + 1) })), A.RESOURCE_OUT_OF_RANGE);
    });
    it('EVENT_ALREADY_EXIST for an event id that is taken ({RESOURCE}_ALREADY_EXIST)', async () => {
      expectAnswer(await post('c-alice', event({ id: 'review' })), A.EVENT_ALREADY_EXIST);
    });
    it('LIMIT_EXCEEDED (403) for a calendar that is full', async () => {
      expectAnswer(await post('c-full', event()), A.RESOURCE_LIMIT_EXCEEDED);
    });
    it('CONFLICT for an overlapping booking of a room', async () => {
      assert.equal((await post('c-room', event())).status, 201);
      expectAnswer(await post('c-room', event({ start: at(24.5), end: at(26) })), A.CONFLICT);
    });
    it('ACCESS_DENIED for another user\'s calendar', async () => {
      expectAnswer(await post('c-bob', event()), A.ACCESS_DENIED);
    });
    it('CALENDAR_NOT_EXIST for an unknown calendar', async () => {
      expectAnswer(await post('c-nope', event()), A.NOT_EXIST('CALENDAR'));
    });
    it('ALREADY_EXIST for a second subscription', async () => {
      const subscribe = () => within(request(app).post('/calendars/c-alice/subscribers').set(ALICE));
      assert.equal((await subscribe()).status, 201);
      expectAnswer(await subscribe(), A.ALREADY_EXIST);
    });
  });

  describe('coverage', () => {
    it('reached every catalog entry', () => {
      assertEveryKey(errors, reached);
    });
  });
});
