/**
 * Scale: a catalog of 10,000 definitions against one of 10. Startup (`defineCatalog`), the
 * cost of one thrown error (factory lookup by key, then the middleware's `answer()`), which
 * must not grow with the catalog, and the time to render the reference pages.
 * `node --import tsx bench/scale.ts [--quick]`
 */
import { performance } from 'node:perf_hooks';
import {
  answer, createSetup, defineCatalog, renderHtml, renderMarkdown, toOpenAPI,
  type AnyCatalog, type Definition, type ErrorStatus, type HandlerOptions,
} from './built.js';
import { fmt, machine, median, parseArgs, table } from './report.js';
import { BATCH, nsOf, ratioOf, runInRounds, type Task } from './rounds.js';

const { quick } = parseArgs();
const STATUSES: readonly ErrorStatus[] = [400, 401, 403, 404, 406, 409, 410, 422, 429, 500, 502, 503];

type Def = Definition & { readonly message: string };

/** `size` definitions: every other one with a template parameter, the 401s with a Bearer challenge. */
function definitionsOf(size: number): Record<string, Def> {
  const defs: Record<string, Def> = { INTERNAL_ERROR: { status: 500, message: 'Internal server error.' } };
  for (let i = 1; i < size; i++) {
    const status = STATUSES[i % STATUSES.length]!;
    const key = `ERROR_${String(i).padStart(5, '0')}`;
    defs[key] = {
      status,
      message: i % 2 === 0 ? `Error ${i} failed: {detail}` : `Error ${i} failed.`,
      ...(status === 401 ? { bearer: 'invalid_token' as const } : {}),
      ...(status >= 500 ? { retryable: true } : {}),
    };
  }
  return defs;
}

type Factory = (params?: Record<string, string>) => unknown;
interface Subject {
  readonly size: number;
  readonly definitions: Record<string, Def>;
  readonly catalog: AnyCatalog & Record<string, Factory>;
  readonly setup: ReturnType<typeof createSetup>;
  /** Keys thrown, 1,024 draws from `DISTINCT` keys spread over the catalog (first, …, last). */
  readonly constantKeys: string[];
  readonly paramKeys: string[];
  /** 1,024 draws from every constant key of the catalog: the cost of variety, not of size. */
  readonly everyConstantKey: string[];
}

// Both catalogs throw the same number of distinct keys, so only the catalog's size differs.
const DISTINCT = 4;

// `count` keys evenly spread over `keys`, thrown in a fixed pseudo-random order (1,024 draws).
function draws(keys: readonly string[], count = keys.length): string[] {
  const chosen = Array.from({ length: count }, (_, i) => keys[Math.floor((i * (keys.length - 1)) / Math.max(count - 1, 1))]!);
  let seed = 42;
  const out: string[] = [];
  for (let i = 0; i < 1024; i++) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    out.push(chosen[seed % chosen.length]!);
  }
  return out;
}

function subject(size: number): Subject {
  const definitions = definitionsOf(size);
  const catalog = defineCatalog(definitions, { realm: 'api' }) as unknown as Subject['catalog'];
  const setup = createSetup(catalog, { format: 'code-message' } as HandlerOptions<AnyCatalog>);
  // 4xx only: the stack policy (5xx capture one) is measured by bench/micro.ts, not here.
  const clientErrors = Object.keys(definitions).filter((k) => definitions[k]!.status < 500);
  const constant = clientErrors.filter((k) => !definitions[k]!.message.includes('{'));
  const param = clientErrors.filter((k) => definitions[k]!.message.includes('{'));
  return {
    size, definitions, catalog, setup,
    constantKeys: draws(constant, DISTINCT), paramKeys: draws(param, DISTINCT), everyConstantKey: draws(constant),
  };
}

const small = subject(10);
const large = subject(10_000);

// Startup: defineCatalog on fresh definition objects.
const startup = new Map<number, number>();
for (const size of [10, 10_000]) {
  const times: number[] = [];
  for (let run = 0; run < (quick ? 3 : 7); run++) {
    const definitions = definitionsOf(size);
    const t0 = performance.now();
    defineCatalog(definitions, { realm: 'api' });
    times.push(performance.now() - t0);
  }
  startup.set(size, median(times));
}

// One thrown error: the factory looked up by key, then answered; each size against the other
// within the same round (10 rounds of 150 ms per task; --quick: 3 of 50 ms).
const taskOf = (name: string, s: Subject, keys: readonly string[], params: Record<string, string> | undefined): Task => {
  let i = 0;
  return [name, () => answer(s.setup, s.catalog[keys[i++ & 1023]!]!(params), undefined).wire.length];
};
const times = await runInRounds([
  taskOf('10 definitions, no parameter', small, small.constantKeys, undefined),
  taskOf('10,000 definitions, no parameter', large, large.constantKeys, undefined),
  taskOf('10 definitions, template parameter', small, small.paramKeys, { detail: 'order 42' }),
  taskOf('10,000 definitions, template parameter', large, large.paramKeys, { detail: 'order 42' }),
  taskOf('10,000 definitions, 1,024 different keys', large, large.everyConstantKey, undefined),
], quick ? { rounds: 3, time: 50, warmupTime: 50 } : { rounds: 10, time: 150, warmupTime: 300 });
const ns = (name: string): number => nsOf(times, name);
const lookupRatio = (kind: string): number => ratioOf(times, `10,000 definitions, ${kind}`, `10 definitions, ${kind}`)[1];

console.log(`### Scale: 10 vs 10,000 definitions${quick ? ' (--quick)' : ''}\n`);
console.log(`Machine: ${machine()}.\n`);
console.log(`Each error is looked up by key (\`errors[key]()\`) and answered; ${DISTINCT} different keys are thrown in both catalogs. `
  + `Batches of ${BATCH} calls in ${times.get('10 definitions, no parameter')!.length} rounds, the order rotated each round; `
  + 'each ratio is the median of the per-round ratios.\n');
console.log(table(['what', '10 definitions', '10,000 definitions', 'ratio'], [
  ['`defineCatalog` (ms, median)', fmt(startup.get(10)!, 2), fmt(startup.get(10_000)!, 1), '—'],
  ['throw + `answer`, no parameter (ns, median)', fmt(ns('10 definitions, no parameter')), fmt(ns('10,000 definitions, no parameter')),
    fmt(lookupRatio('no parameter'), 2)],
  ['throw + `answer`, template parameter (ns, median)', fmt(ns('10 definitions, template parameter')), fmt(ns('10,000 definitions, template parameter')),
    fmt(lookupRatio('template parameter'), 2)],
  ['throw + `answer`, 1,024 different keys (ns, median)', '—', fmt(ns('10,000 definitions, 1,024 different keys')), '—'],
]));

// The reference pages of the large catalog (the OpenAPI object is measured as built, not
// serialised): up to three runs each (one with --quick), fewer when a render takes over two seconds.
const renderers = [
  ['renderMarkdown', 'Markdown', () => renderMarkdown(large.catalog, { format: 'code-message' })],
  ['renderHtml', 'HTML', () => renderHtml(large.catalog, { format: 'code-message' })],
  ['toOpenAPI', 'OpenAPI', () => toOpenAPI(large.catalog, { format: 'code-message' })],
] as const;
const rows: Array<[string, string, string]> = [];
for (const [name, what, render] of renderers) {
  const runs: number[] = [];
  let size = 0;
  for (let run = 0; run < (quick ? 1 : 3) && runs.reduce((sum, t) => sum + t, 0) < 2000; run++) {
    const t0 = performance.now();
    const out: unknown = render();
    runs.push(performance.now() - t0);
    size = typeof out === 'string' ? out.length : JSON.stringify(out).length;
  }
  rows.push([`\`${name}\` (${what})`, fmt(median(runs)), `${fmt(size / 1e6, 1)} MB`]);
}
console.log('\nReference pages of the 10,000-definition catalog:\n');
console.log(table(['renderer', 'ms (median)', 'output'], rows));
const slowest = Math.max(...rows.map((row) => Number(row[1].replace(/,/g, ''))));
console.log(`\n- slowest renderer: ${fmt(slowest)} ms (target < 1,000 ms: ${slowest < 1000 ? 'met' : 'NOT met'})`);
const ratio = lookupRatio('no parameter');
console.log(`- lookup + answer, 10,000 / 10 definitions: ${fmt(ratio, 2)} (target: equal within noise)\n`);
