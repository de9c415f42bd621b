/**
 * The same 401 made with each alternative, the way its users make it: a plain `Error`
 * subclass, http-errors, @hapi/boom and @fastify/error. Each carries its challenge header.
 */
import createHttpError from 'http-errors';
import { Boom } from '@hapi/boom';
import createFastifyError from '@fastify/error';
import { CHALLENGE, CHALLENGE_HEADERS, CODE, MESSAGE } from './fixtures.js';

/** A hand-written error class, as many apps have. */
export class ApiError extends Error {
  constructor(
    readonly status: number, readonly code: string, message: string, readonly headers: Readonly<Record<string, string>>,
  ) {
    super(message);
  }
}

export const plainError = (): ApiError => new ApiError(401, CODE, MESSAGE, CHALLENGE_HEADERS);

export const httpError = (): createHttpError.HttpError =>
  createHttpError(401, MESSAGE, { code: CODE, headers: CHALLENGE_HEADERS });

/** Boom keeps the wire form in `output`; the wire code travels in `data`. */
export const boomError = (): Boom<{ code: string }> => {
  const err = new Boom(MESSAGE, { statusCode: 401, data: { code: CODE } });
  err.output.headers['WWW-Authenticate'] = CHALLENGE;
  return err;
};

/** A @fastify/error with the headers the handler writes (Fastify itself would set them on `reply`). */
export interface FastifyWithHeaders extends Error { code: string; statusCode: number; headers: Readonly<Record<string, string>> }

const InvalidAuthToken = createFastifyError(CODE, MESSAGE, 401);
const InvalidAuthTokenNoStack = createFastifyError(CODE, MESSAGE, 401, Error, false);

export const fastifyError = (): FastifyWithHeaders =>
  Object.assign(new InvalidAuthToken(), { headers: CHALLENGE_HEADERS });
/** @fastify/error with its own `captureStackTrace` switched off. */
export const fastifyErrorNoStack = (): FastifyWithHeaders =>
  Object.assign(new InvalidAuthTokenNoStack(), { headers: CHALLENGE_HEADERS });
