/**
 * `parseErrorBody`: the client side of a house format. Whatever arrives — a parsed body, the
 * raw JSON text, or something hostile — it answers `{ code, message }` or undefined, and
 * never throws.
 */
import { resolveFormat, type FormatRef } from './builtin.js';
import type { HouseFormat, ParsedBody } from './format.js';
import { isWireCode } from '../rules/syntax.js';

/**
 * Longest JSON text `parseErrorBody` parses, in UTF-16 units (64 KiB); longer text is not an error body.
 * @example if (text.length > MAX_BODY_TEXT) log.warn('not an error body');
 */
export const MAX_BODY_TEXT = 65_536;
/** @internal Longest wire code accepted back; a longer one is not one of ours. */
export const MAX_CODE_LENGTH = 256;


/**
 * Reads an error body of a house format back into its wire code and message. `body` is the
 * parsed JSON (`res.body`, `await response.json()`) or its text (JSON of at most
 * `MAX_BODY_TEXT` characters). Never throws on any body: non-objects, huge strings, throwing
 * getters, Proxies and foreign shapes give undefined, as does a code that is not
 * `[A-Za-z][A-Za-z0-9_]*` of at most 256 characters. Only a `format` that is not one throws
 * (a TypeError: that is a bug in the caller, not bad input).
 * @example
 * const parsed = parseErrorBody(await response.json(), 'code-message');
 * if (parsed?.code === 'INVALID_AUTH_TOKEN') await refreshToken();
 */
export function parseErrorBody(body: unknown, format: FormatRef): ParsedBody | undefined {
  return readErrorBody(body, resolveFormat(format));
}

/** @internal `parseErrorBody` with the format resolved (for a handler's `detailsField`). */
export function readErrorBody(body: unknown, house: HouseFormat): ParsedBody | undefined {
  try {
    const value = typeof body === 'string' ? fromText(body) : body;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    const parsed = house.parse(value);
    if (parsed === undefined) return undefined;
    const { code, message } = parsed;
    if (typeof code !== 'string' || typeof message !== 'string') return undefined;
    if (code.length > MAX_CODE_LENGTH || !isWireCode(code)) return undefined;
    const details: unknown = parsed.details;
    return details === undefined ? { code, message } : { code, message, details };
  } catch {
    // Array.isArray throws on a revoked Proxy; a custom format's parse may return a hostile object.
    return undefined;
  }
}

function fromText(text: string): unknown {
  if (text.length > MAX_BODY_TEXT) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
