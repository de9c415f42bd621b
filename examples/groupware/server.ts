/**
 * The groupware API (Express 4): users, mail and calendars behind OAuth-style
 * bearer tokens with scopes. Express 4 is installed in this repository as the npm alias
 * `express4`; in an app of your own it is plain `express@4`.
 */
import express from 'express4';
import type { RequestHandler } from 'express';
import type { Server } from 'node:http';
import { errorHandler } from '../../lib/index.js';
import { errors, format } from './catalog.js';

/** Demo access tokens and the scopes they grant. */
export const TOKENS: Readonly<Record<string, { readonly user: string; readonly scopes: readonly string[] }>> = {
  'alice-token': { user: 'u1', scopes: ['user.read', 'mail.read', 'calendar.write'] },
  'bob-token': { user: 'u2', scopes: ['user.read'] },
};

const USERS: Readonly<Record<string, { readonly name: string; readonly deleted?: boolean; readonly record?: string }>> = {
  u1: { name: 'Alice Kim' },
  u2: { name: 'Bob Lee' },
  u3: { name: 'Former employee', deleted: true },
  // A directory record the server cannot read: an unexpected failure, answered as INTERNAL_SERVER_ERROR.
  u9: { name: 'Corrupt', record: '{"name": "Cor' },
};
const FOLDERS = new Set(['inbox', 'sent', 'archive']);
const MAX_LIMIT = 100;
const MAX_TITLE = 100;
const BOOKING_WINDOW_MS = 365 * 24 * 3600 * 1000;

interface Calendar {
  readonly owner: string;
  readonly maxEvents: number;
  /** A room: two bookings may not overlap. */
  readonly room: boolean;
  readonly events: Map<string, { start: number; end: number; title: string }>;
  readonly subscribers: Set<string>;
}

/** Builds the groupware app with fresh demo data. */
export function createApp(): express.Express {
  const calendars = new Map<string, Calendar>([
    ['c-alice', { owner: 'u1', maxEvents: 50, room: false, events: new Map(), subscribers: new Set() }],
    ['c-bob', { owner: 'u2', maxEvents: 50, room: false, events: new Map(), subscribers: new Set() }],
    ['c-room', { owner: 'u1', maxEvents: 50, room: true, events: new Map(), subscribers: new Set() }],
    ['c-full', { owner: 'u1', maxEvents: 0, room: false, events: new Map(), subscribers: new Set() }],
  ]);
  const app = express();
  // Malformed JSON fails here with a 400, answered as BAD_REQUEST (the first 400 definition).
  app.use(express.json());

  app.get('/users/:id', auth('user.read'), (req, res) => {
    const id = String(req.params.id);
    if (!/^u\d{1,9}$/.test(id)) throw errors.INVALID_PARAMETER();
    const user = Object.hasOwn(USERS, id) ? USERS[id]! : undefined;
    if (user === undefined) throw errors['{RESOURCE}_NOT_EXIST']({ RESOURCE: 'USER' });
    if (user.deleted) throw errors.DELETED();
    const record = user.record === undefined ? { name: user.name } : JSON.parse(user.record) as { name: string };
    res.json({ id, name: record.name });
  });

  app.get('/mails', auth('mail.read'), (req, res) => {
    const { folder, limit = '20', since } = req.query as Record<string, unknown>;
    if (folder === undefined) throw errors.MISSING_PARAMETER();
    if (typeof folder !== 'string' || typeof limit !== 'string' || !/^\d{1,6}$/.test(limit)) throw errors.INVALID_PARAMETER();
    if (Number(limit) > MAX_LIMIT) throw errors.LIMIT_EXCEEDED();
    if (since !== undefined) {
      const from = typeof since === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(since) ? Date.parse(since) : NaN;
      if (Number.isNaN(from)) throw errors.INVALID_PARAMETER();
      if (from < Date.UTC(2000, 0, 1)) throw errors.OUT_OF_RANGE();
    }
    if (!FOLDERS.has(folder)) throw errors['{RESOURCE}_NOT_EXIST']({ RESOURCE: 'FOLDER' });
    // The archive's search index is being rebuilt in this demo: a temporary server error.
    if (folder === 'archive') throw errors.SERVICE_UNAVAILABLE({}, { headers: { 'Retry-After': '120' } });
    res.json({ folder, mails: [] });
  });

  app.post('/calendars/:id/events', auth('calendar.write'), (req, res) => {
    const calendar = calendarFor(calendars, String(req.params.id), res.locals.user as string);
    const body: unknown = req.body;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw errors.BAD_REQUEST();
    const { id, title, start, end } = body as Record<string, unknown>;
    if (title === undefined || start === undefined || end === undefined) throw errors.MISSING_PARAMETER();
    const from = typeof start === 'string' ? Date.parse(start) : NaN;
    const to = typeof end === 'string' ? Date.parse(end) : NaN;
    if (typeof title !== 'string' || Number.isNaN(from) || Number.isNaN(to) || (id !== undefined && typeof id !== 'string')) {
      throw errors.INVALID_PARAMETER();
    }
    if (title.length > MAX_TITLE) throw errors.LIMIT_EXCEEDED();
    if (to <= from) throw errors['INVALID_{RESOURCE}']({ RESOURCE: 'EVENT' });
    if (from > Date.now() + BOOKING_WINDOW_MS) throw errors.RESOURCE_OUT_OF_RANGE();
    if (id !== undefined && calendar.events.has(id)) throw errors['{RESOURCE}_ALREADY_EXIST']({ RESOURCE: 'EVENT' });
    if (calendar.events.size >= calendar.maxEvents) throw errors.RESOURCE_LIMIT_EXCEEDED();
    if (calendar.room && [...calendar.events.values()].some((e) => e.start < to && from < e.end)) throw errors.CONFLICT();
    const eventId = id ?? `e${calendar.events.size + 1}`;
    calendar.events.set(eventId, { start: from, end: to, title });
    res.status(201).json({ id: eventId, title, start, end });
  });

  app.post('/calendars/:id/subscribers', auth('calendar.write'), (req, res) => {
    const user = res.locals.user as string;
    const calendar = calendarFor(calendars, String(req.params.id), user);
    if (calendar.subscribers.has(user)) throw errors.ALREADY_EXIST();
    calendar.subscribers.add(user);
    res.status(201).json({ calendar: String(req.params.id), user });
  });

  app.use(() => {
    throw errors.NOT_FOUND();
  });
  // The reference has no 405, 413, 415 or 429: a router's, body parser's or rate limiter's are BAD_REQUEST, said explicitly.
  app.use(errorHandler(errors, {
    format,
    fallbacks: { 405: 'BAD_REQUEST', 413: 'BAD_REQUEST', 415: 'BAD_REQUEST', 429: 'BAD_REQUEST' },
  }));
  return app;
}

/**
 * OAuth-style access check. The reference has one 401 code with one challenge, so a missing and a
 * wrong token are both UNAUTHORIZED, `Bearer error="invalid_token"`.
 */
function auth(scope: string): RequestHandler {
  return (req, res, next) => {
    const token = /^Bearer ([A-Za-z0-9\-._~+/]+=*)$/.exec(req.get('authorization') ?? '')?.[1];
    const session = token !== undefined && Object.hasOwn(TOKENS, token) ? TOKENS[token]! : undefined;
    if (session === undefined) return next(errors.UNAUTHORIZED());
    if (!session.scopes.includes(scope)) return next(errors.FORBIDDEN({}, { scope: [scope] }));
    res.locals.user = session.user;
    next();
  };
}

function calendarFor(calendars: ReadonlyMap<string, Calendar>, id: string, user: string): Calendar {
  const calendar = calendars.get(id);
  if (calendar === undefined) throw errors['{RESOURCE}_NOT_EXIST']({ RESOURCE: 'CALENDAR' });
  if (calendar.owner !== user) throw errors.ACCESS_DENIED();
  return calendar;
}

/** Starts the app on `port`. */
export function start(port: number): Promise<Server> {
  return new Promise((resolve) => {
    const server = createApp().listen(port, '127.0.0.1', () => resolve(server));
  });
}

/** Lines a newcomer can paste into a terminal: the reference's characteristic errors. */
export function curlLines(base: string): string[] {
  const alice = `-H 'Authorization: Bearer alice-token'`;
  const json = `-H 'Content-Type: application/json'`;
  const soon = (hours: number): string => new Date(Date.now() + hours * 3_600_000).toISOString().slice(0, 16) + 'Z';
  return [
    `curl -i ${base}/users/u1`,
    `curl -i ${base}/users/u1 -H 'Authorization: Bearer bob-token'`,
    `curl -i '${base}/mails?folder=inbox' -H 'Authorization: Bearer bob-token'`,
    `curl -i ${base}/users/42 ${alice}`,
    `curl -i ${base}/users/u7 ${alice}`,
    `curl -i ${base}/users/u3 ${alice}`,
    `curl -i '${base}/mails?folder=inbox&limit=500' ${alice}`,
    `curl -i -X POST ${base}/calendars/c-alice/events ${alice} ${json} -d '{"title":"1:1","start":"${soon(26)}","end":"${soon(25)}"}'`,
  ];
}
