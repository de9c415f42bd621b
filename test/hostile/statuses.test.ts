/**
 * Family 3 — bogus statuses. The rule (documented in the README's status table): `status`
 * is read first, then `statusCode`; the first that is an integer *number* in 400–599 wins;
 * anything else (strings, BigInts, NaN, fractions, boxed numbers, non-error statuses) is
 * ignored, and a value with no valid status is the 500 fallback. A valid status with no
 * fallback of its own uses the 400 one (4xx) or the 500 one (5xx). Never a non-error status.
 */
import createHttpError from 'http-errors';
import { ANSWERS, assertAnswer, eachServerAndFormat, SECRET, type Expectation } from '../support/hostile.js';
import type { Route } from '../support/servers.js';

interface Case {
  readonly name: string;
  readonly props: Record<string, unknown>;
  readonly want: Expectation;
}

const IGNORED: ReadonlyArray<readonly [string, unknown]> = [
  ['0', 0], ['99', 99], ['100', 100], ['200', 200], ['204', 204], ['302', 302], ['304', 304], ['399', 399],
  ['600', 600], ['1000', 1000], ['-1', -1], ['-404', -404], ['NaN', Number.NaN], ['Infinity', Infinity],
  ['-Infinity', -Infinity], ['404.5', 404.5], ['399.9999', 399.9999], ["'404'", '404'], ["' 404 '", ' 404 '],
  ['404n', 404n], ['new Number(404)', new Number(404)], ['true', true], ['null', null], ['[404]', [404]],
  ['{ valueOf: () => 404 }', { valueOf: () => 404 }], ['Number.MAX_SAFE_INTEGER + 2', Number.MAX_SAFE_INTEGER + 2],
];

const CASES: Case[] = [
  ...IGNORED.map(([name, status]): Case => ({ name: `status ${name}`, props: { status }, want: ANSWERS.INTERNAL_ERROR })),
  ...IGNORED.map(([name, statusCode]): Case => ({ name: `statusCode ${name}`, props: { statusCode }, want: ANSWERS.INTERNAL_ERROR })),
  { name: 'status 404 and statusCode 500 disagree: status wins', props: { status: 404, statusCode: 500 }, want: ANSWERS.RESOURCE_NOT_FOUND },
  { name: 'status 500 and statusCode 404 disagree: status wins', props: { status: 500, statusCode: 404 }, want: ANSWERS.INTERNAL_ERROR },
  { name: 'status 200 and statusCode 404: the valid one, statusCode', props: { status: 200, statusCode: 404 }, want: ANSWERS.RESOURCE_NOT_FOUND },
  { name: "status '404' and statusCode 406: statusCode", props: { status: '404', statusCode: 406 }, want: ANSWERS.LOGIC_BAD_REQUEST },
  { name: 'status 404n and statusCode 302: neither', props: { status: 404n, statusCode: 302 }, want: ANSWERS.INTERNAL_ERROR },
  { name: 'status 400 (lowest)', props: { status: 400 }, want: ANSWERS.BAD_REQUEST },
  { name: 'status 599 (highest; no fallback at 599: the 500 one)', props: { status: 599 }, want: ANSWERS.INTERNAL_ERROR },
  { name: 'status 401 where every 401 has a challenge: the 400 fallback, no challenge', props: { status: 401 }, want: { ...ANSWERS.BAD_REQUEST, headers: { 'www-authenticate': undefined } } },
  { name: 'status 403 where every 403 has a challenge: the 400 fallback, no challenge', props: { status: 403 }, want: { ...ANSWERS.BAD_REQUEST, headers: { 'www-authenticate': undefined } } },
  { name: 'status 405 (no 405 fallback): the 400 one', props: { status: 405 }, want: ANSWERS.BAD_REQUEST },
  { name: 'status 418 (no 418 fallback): the 400 one', props: { status: 418 }, want: ANSWERS.BAD_REQUEST },
  { name: 'status 406: the same wire code at another status', props: { status: 406 }, want: ANSWERS.LOGIC_BAD_REQUEST },
  { name: 'status 429: the definition headers come too', props: { status: 429 }, want: ANSWERS.TOO_MANY_REQUESTS },
  { name: 'status 503 (no 503 fallback): the 500 one', props: { status: 503 }, want: ANSWERS.INTERNAL_ERROR },
  { name: 'status -0', props: { status: -0 }, want: ANSWERS.INTERNAL_ERROR },
  { name: 'status 404.0 (an integer number)', props: { status: 404.0 }, want: ANSWERS.RESOURCE_NOT_FOUND },
];

const HTTP_ERRORS: ReadonlyArray<readonly [string, () => unknown, Expectation]> = [
  ['http-errors 404 with an internal message', () => createHttpError(404, `no row ${SECRET}`), ANSWERS.RESOURCE_NOT_FOUND],
  ['http-errors 418', () => createHttpError(418), ANSWERS.BAD_REQUEST],
  ['http-errors 500 with expose forced', () => createHttpError(500, SECRET, { expose: true }), ANSWERS.INTERNAL_ERROR],
  ['http-errors 503', () => createHttpError(503, SECRET), ANSWERS.INTERNAL_ERROR],
];

const routes: Record<string, Route> = {};
CASES.forEach((c, i) => {
  routes[`/status/${i}`] = () => { throw Object.assign(new Error(`internal ${SECRET}`), c.props); };
  routes[`/plain/${i}`] = () => Promise.reject({ message: SECRET, ...c.props });
});
HTTP_ERRORS.forEach(([, make], i) => { routes[`/http-errors/${i}`] = () => { throw make(); }; });

describe('hostile 3: bogus statuses', () => {
  eachServerAndFormat({ routes }, ({ server, format, live }) => {
    CASES.forEach((c, i) => {
      it(`an Error with ${c.name} → ${c.want.status} ${c.want.code}`, async () => {
        assertAnswer(await live.get(`/status/${i}`), format, c.want, `${server} ${format} Error ${c.name}`);
      });
      it(`a rejected plain object with ${c.name} → ${c.want.status} ${c.want.code}`, async () => {
        assertAnswer(await live.get(`/plain/${i}`), format, c.want, `${server} ${format} object ${c.name}`);
      });
    });
    HTTP_ERRORS.forEach(([name, , want], i) => {
      it(`${name} → ${want.status} ${want.code}`, async () => {
        assertAnswer(await live.get(`/http-errors/${i}`), format, want, `${server} ${format} ${name}`);
      });
    });
  });
});
