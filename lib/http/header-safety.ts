/**
 * Which headers may be copied from an error onto the response, and which values Node
 * would accept. Checked here so that `setHeader` can never throw on the error path.
 */

// RFC 9110 §5.6.2 token.
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
// Printable ASCII and tab only: stricter than Node (which allows obs-text) so no byte is mangled.
const VALUE = /^[\t\x20-\x7E]*$/;

/** Longest header value the middleware ever sets; a longer value is dropped and reported. */
export const MAX_HEADER_VALUE_LENGTH = 4096;

// Framing and session headers, and those that change how the body is decoded (an error body is
// plain JSON): an error object must never decide these.
const FORBIDDEN = new Set([
  'content-length', 'transfer-encoding', 'content-type', 'set-cookie', 'connection', 'upgrade', 'trailer', 'keep-alive',
  'content-encoding', 'content-range',
]);

/**
 * Headers describing the representation that was being sent before the error; they would
 * lie about the error body, so they are removed from the error response.
 */
export const REPRESENTATION_HEADERS: readonly string[] = [
  'content-encoding', 'content-length', 'content-range', 'content-disposition', 'content-language',
  'content-location', 'etag', 'last-modified',
];
const REPRESENTATION = new Set(REPRESENTATION_HEADERS);

/**
 * The representation headers among the names a response has set (Node's `getHeaderNames()`):
 * one call for the names instead of a lookup per representation header, on every error.
 */
export function representationHeadersIn(names: readonly string[]): string[] {
  const found: string[] = [];
  for (const name of names) if (REPRESENTATION.has(name.toLowerCase())) found.push(name);
  return found;
}

/** True for an RFC 9110 token. */
export function isHeaderName(name: string): boolean {
  return TOKEN.test(name);
}

/** True for a value the middleware will send: printable ASCII, within the size cap. */
export function isHeaderValue(value: string): boolean {
  return value.length <= MAX_HEADER_VALUE_LENGTH && VALUE.test(value);
}

/** True for headers that an error can never set (framing, Set-Cookie). */
export function isForbiddenHeader(name: string): boolean {
  return FORBIDDEN.has(name.toLowerCase());
}
