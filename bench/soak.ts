/**
 * Soak: 1,000,000 errors through the Express handler, called directly with light request
 * and response objects, with the heap measured after a forced GC at 10,000 errors and at
 * intervals up to 1,000,000. Every cache on the error path must stay bounded.
 * `node --expose-gc --import tsx bench/soak.ts`
 */
import { defineCatalog, errorHandler, type ResponseLike } from './built.js';
import { fmt, machine, parseArgs, table } from './report.js';

const { quick } = parseArgs();
// --quick soaks a quarter of a million errors: enough to see a leak, not to rule out a slow one.
const TOTAL = quick ? 250_000 : 1_000_000;
const CHECKPOINTS = quick ? [10_000, 50_000, 100_000, TOTAL] : [10_000, 100_000, 250_000, 500_000, 750_000, TOTAL];

const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) {
  console.error('bench/soak.ts needs node --expose-gc');
  process.exit(2);
}

const errors = defineCatalog({
  INVALID_AUTH_TOKEN: { status: 401, message: { en: 'Invalid auth token.', ko: '유효하지 않은 인증 토큰입니다.' }, bearer: 'invalid_token' },
  NOT_ENOUGH_PERMISSION: { status: 403, message: 'Not enough permission.', bearer: 'insufficient_scope' },
  '{RESOURCE}_NOT_EXIST': { status: 404, message: { en: 'The {RESOURCE} could not be found.', ko: '{RESOURCE}을(를) 찾을 수 없습니다.' } },
  TOO_MANY_REQUESTS: { status: 429, message: 'Too many requests.' },
  ILLEGAL_STATE: { status: 500, message: 'Illegal state: {detail}', retryable: true },
  INTERNAL_ERROR: { status: 500, message: 'Internal server error.' },
}, { realm: 'api' });

let heard = 0;
const handler = errorHandler(errors, {
  format: 'problem-details', locales: ['en', 'ko'], onError: () => { heard++; },
});

/** Just enough of Node's `ServerResponse` for the handler; a new one per request, as in a server. */
class Response implements ResponseLike {
  headersSent = false;
  statusCode = 200;
  bytes = 0;
  readonly #headers = new Map<string, string | number | readonly string[]>();
  setHeader(name: string, value: string | number | readonly string[]): this { this.#headers.set(name.toLowerCase(), value); return this; }
  getHeader(name: string): unknown { return this.#headers.get(name.toLowerCase()); }
  hasHeader(name: string): boolean { return this.#headers.has(name.toLowerCase()); }
  removeHeader(name: string): void { this.#headers.delete(name.toLowerCase()); }
  getHeaderNames(): string[] { return [...this.#headers.keys()]; }
  end(chunk?: string): this { this.headersSent = true; this.bytes = chunk?.length ?? 0; return this; }
}

// A mix of what a busy API sees: constant errors, parameters that differ every time, per-throw
// options, foreign errors with their own headers, and hostile Accept-Language values.
function thrownAt(i: number): unknown {
  switch (i % 6) {
    case 0: return errors.INVALID_AUTH_TOKEN();
    case 1: return errors['{RESOURCE}_NOT_EXIST']({ RESOURCE: `ITEM${i % 5000}` });
    case 2: return errors.NOT_ENOUGH_PERMISSION({}, { scope: [`orders:${i}`] });
    case 3: return { status: 429, headers: { 'Retry-After': String(i % 120) } };
    case 4: return i % 12 === 4 ? errors.ILLEGAL_STATE({ detail: `order ${i} locked` }) : 'a thrown string';
    default: return errors.TOO_MANY_REQUESTS();
  }
}
const LANGUAGES = ['ko', 'en-US,en;q=0.9', 'ko-KR;q=0.8, en;q=0.5', 'fr'];
const next = (): void => {};

function heapAfterGc(): number {
  gc!();
  gc!();
  return process.memoryUsage().heapUsed;
}

const samples: Array<[number, number]> = [];
let bytes = 0;
const t0 = performance.now();
let done = 0;
for (const checkpoint of CHECKPOINTS) {
  for (; done < checkpoint; done++) {
    const language = done % 7 === 0 ? `x-${done}` : LANGUAGES[done & 3]!;
    const res = new Response();
    handler(thrownAt(done), { method: 'GET', headers: { 'accept-language': language } }, res, next);
    bytes += res.bytes;
  }
  samples.push([checkpoint, heapAfterGc()]);
}
const seconds = (performance.now() - t0) / 1000;
if (heard !== TOTAL || bytes === 0) throw new Error(`soak: onError heard ${heard} of ${TOTAL} errors`);

const base = samples[0]![1];
console.log(`### Soak: ${fmt(TOTAL)} errors through the Express handler${quick ? ' (--quick; the full run soaks 1,000,000)' : ''}\n`);
console.log(`Machine: ${machine()}. ${fmt(seconds, 1)} s, ${fmt(seconds * 1e9 / TOTAL)} ns per error on average `
  + '(a mix of constant, parameterised, per-throw-option, foreign and non-error values; 5xx capture stacks).\n');
console.log(table(['errors', 'heap after GC (MB)', '× heap at 10,000'], samples.map(([count, heap]) => [fmt(count), fmt(heap / 1e6, 2), fmt(heap / base, 3)])));
const ratio = samples[samples.length - 1]![1] / base;
console.log(`\n- heap at ${fmt(TOTAL)} / heap at 10,000: ${fmt(ratio, 3)} (target within 10 %: ${Math.abs(ratio - 1) <= 0.1 ? 'met' : 'NOT met'})\n`);
