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
 * Headers the app set for the answer it was preparing, removed before an error answer. They
 * describe that representation (encoding, length, range, validators, language, location), frame
 * it (`Transfer-Encoding`, `Trailer`: with a JSON body and a `Content-Length` they would make the
 * message ambiguous), let caches keep it (`Cache-Control`, `Expires`: a CDN would cache the
 * error), or belong to a success only (`Location`, `Set-Cookie`: a failed request does not
 * redirect the client or change its cookies).
 */
export const STALE_HEADERS: readonly string[] = [
  'content-encoding', 'content-length', 'content-range', 'content-disposition', 'content-language',
  'content-location', 'etag', 'last-modified', 'transfer-encoding', 'trailer', 'cache-control', 'expires',
  'location', 'set-cookie',
];
const STALE = new Set(STALE_HEADERS);

/**
 * The headers to remove before an error answer: the stale ones among the names a response has
 * set (Node's `getHeaderNames()`: one call instead of a lookup per stale header), or every
 * stale name when the response cannot list its names.
 */
export function staleHeaderNames(names: readonly string[] | undefined): readonly string[] {
  if (names === undefined) return STALE_HEADERS;
  const found: string[] = [];
  for (const name of names) if (STALE.has(name.toLowerCase())) found.push(name);
  return found;
}

/**
 * The only headers taken from a foreign error's own `headers` (http-errors' 405 `Allow`, a rate
 * limiter's `Retry-After`). An HTTP client's error carries the *upstream's* headers (CORS, HSTS,
 * caching, internal host names): none of those may reach our client.
 */
const FOREIGN_ALLOWED = new Set(['allow', 'retry-after']);

/** True for a header a foreign error may contribute to the answer. */
export function isForeignAllowed(name: string): boolean {
  return FOREIGN_ALLOWED.has(name.toLowerCase());
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

/**
 * Why an error may not add this header to its answer, or undefined when it may. The same rules
 * serve the wire form and `err.headers`; `taken` holds the names the answer already set.
 * @example headerRefusal('Set-Cookie', 'a=1') // 'is a framing or cookie header'
 */
function headerRefusal(name: string, value: unknown, taken?: ReadonlySet<string>): string | undefined {
  const lower = name.toLowerCase();
  return !isHeaderName(name) || lower === '__proto__' ? 'is not a header name'
    : isForbiddenHeader(name) ? 'is a framing or cookie header'
    : taken?.has(lower) ? 'is already set by the answer'
    // A challenge is only ever built by buildChallenge, from the definition, so it always parses.
    : lower === 'www-authenticate' ? 'is a challenge, built only from the definition\'s bearer'
    : typeof value !== 'string' || !isHeaderValue(value) ? `has a value that is not a non-negative integer or printable ASCII within ${MAX_HEADER_VALUE_LENGTH} characters`
    : undefined;
}

/** Most headers one error may add to a response; more are dropped and reported. */
export const MAX_EXTRA_HEADERS = 32;
/**
 * Most bytes (names, values, `: ` and CRLF) those extra headers may take: with them, an answer
 * stays far below the 16 KiB of headers Node's parser (and most proxies) accept by default.
 */
export const MAX_EXTRA_HEADER_BYTES = 8192;

/** What the extra headers of one error have used so far of the two caps above. */
interface HeaderBudget { count: number; bytes: number }

/**
 * Why one more extra header may not be added (the rules of `headerRefusal`, then the caps), or
 * undefined when it may, in which case it is counted against `budget`.
 */
function extraHeaderRefusal(name: string, value: unknown, budget: HeaderBudget, taken?: ReadonlySet<string>): string | undefined {
  const why = headerRefusal(name, value, taken);
  if (why !== undefined) return why;
  const size = name.length + (value as string).length + 4;
  if (budget.count >= MAX_EXTRA_HEADERS) return `is past the limit of ${MAX_EXTRA_HEADERS} headers`;
  if (budget.bytes + size > MAX_EXTRA_HEADER_BYTES) return `is past the limit of ${MAX_EXTRA_HEADER_BYTES} bytes of headers`;
  budget.count++;
  budget.bytes += size;
  return undefined;
}

/**
 * The extra headers one error may add, under `extraHeaderRefusal`'s rules and caps; `taken` holds
 * the names already set and grows with each one admitted. Each refusal is passed to `refused`.
 */
export function admitExtraHeaders(
  entries: ReadonlyArray<readonly [string, unknown]>, taken: Set<string>, refused: (name: string, why: string) => void,
): Array<[string, string]> {
  const budget: HeaderBudget = { count: 0, bytes: 0 };
  const admitted: Array<[string, string]> = [];
  for (const [name, given] of entries) {
    // A number is a header's decimal form (`Retry-After: 120`); only a whole, non-negative one.
    const value = typeof given === 'number' && Number.isSafeInteger(given) && given >= 0 ? String(given) : given;
    const why = extraHeaderRefusal(name, value, budget, taken);
    if (why !== undefined) {
      refused(name, why);
      continue;
    }
    admitted.push([name, value as string]);
    taken.add(name.toLowerCase());
  }
  return admitted;
}

/**
 * The name → value pairs of an error's headers, read without trusting them: only own
 * enumerable names; a getter that throws gives `undefined` for its own header only (refused
 * later, and reported), and undefined is returned when the object itself is missing or cannot
 * be listed.
 */
export function headerEntries(headers: unknown): Array<[string, unknown]> | undefined {
  if (typeof headers !== 'object' || headers === null) return undefined;
  try {
    return Object.keys(headers).map((name) => [name, safeGet(headers, name)]);
  } catch {
    return undefined;
  }
}

/** No headers (shared, never written to). */
export const NO_HEADERS: ReadonlyArray<[string, string]> = [];

/**
 * The headers a throw adds (`ThrowOptions.headers`) under the extra-header rules and caps. Only
 * what the answer always sets itself is taken; a definition's header may get a new value.
 */
export function throwHeaders(
  given: unknown, problems: string[], refused: (name: string, why: string) => void,
): ReadonlyArray<[string, string]> {
  const entries = headerEntries(given);
  if (entries === undefined) {
    problems.push('err.headers could not be read; ignored');
    return NO_HEADERS;
  }
  return admitExtraHeaders(entries, new Set(['content-type', 'content-language']), refused);
}

/**
 * Reads one *own* property (a getter of the value's own included); undefined when the value
 * has none, inherits it, or the read throws. Used for what must never come from a prototype.
 */
export function ownGet(value: unknown, name: string): unknown {
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return undefined;
  try {
    return Object.hasOwn(value, name) ? (value as Record<string, unknown>)[name] : undefined;
  } catch {
    return undefined;
  }
}

/** Reads one property; undefined when the value has none or the read throws. */
export function safeGet(value: unknown, name: string): unknown {
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return undefined;
  try {
    return (value as Record<string, unknown>)[name];
  } catch {
    return undefined;
  }
}
