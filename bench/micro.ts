/**
 * Microbenchmark (tinybench): create the 401 and produce its wire form (status, headers,
 * body string, byte length), ten frames below the caller so that a captured stack costs
 * what it costs in an app. House-errors goes through the middleware's own `answer()`.
 * `node --import tsx bench/micro.ts [--quick]`
 */
import { Bench } from 'tinybench';
import { createSetup } from '../lib/http/setup.js';
import { answer } from '../lib/http/wire-form.js';
import type { AnyCatalog } from '../lib/index.js';
import {
  boomError, fastifyError, fastifyErrorNoStack, httpError, plainError,
} from './alternatives.js';
import {
  CHALLENGE_HEADERS, CODE, CONTENT_TYPE, HANDLER_OPTIONS, MESSAGE, PARAM_HANDLER_OPTIONS, deep, errors, errorsWithStacks, paramErrors,
} from './fixtures.js';
import { fmt, machine, parseArgs, table } from './report.js';

/** The wire form every task produces. */
interface Wire { status: number; headers: ReadonlyArray<readonly [string, string]>; body: string; length: number }

const DEPTH = 10;
const BATCH = 1000;
const { quick } = parseArgs();

// What a hand-written handler builds from an error's fields.
function wireOf(status: number, code: string, message: string, headers: Readonly<Record<string, unknown>>): Wire {
  const list: Array<[string, string]> = [['Content-Type', CONTENT_TYPE]];
  for (const name in headers) list.push([name, headers[name] as string]);
  const body = JSON.stringify({ code, message });
  return { status, headers: list, body, length: Buffer.byteLength(body) };
}

const setupOf = (catalog: AnyCatalog, options: typeof HANDLER_OPTIONS | typeof PARAM_HANDLER_OPTIONS): ReturnType<typeof createSetup> =>
  createSetup(catalog, options as Parameters<typeof createSetup>[1]);
const house = setupOf(errors, HANDLER_OPTIONS);
const houseStacks = setupOf(errorsWithStacks, HANDLER_OPTIONS);
const houseParam = setupOf(paramErrors, PARAM_HANDLER_OPTIONS);

const tasks: ReadonlyArray<readonly [name: string, make: () => Wire]> = [
  ['by hand (no error object)', () => deep(DEPTH, () => wireOf(401, CODE, MESSAGE, CHALLENGE_HEADERS))],
  ['house-errors (default: no stack for 4xx)', () => answer(house, deep(DEPTH, () => errors.INVALID_AUTH_TOKEN()), undefined).wire],
  ['house-errors, `stack: \'all\'`', () => answer(houseStacks, deep(DEPTH, () => errorsWithStacks.INVALID_AUTH_TOKEN()), undefined).wire],
  ['house-errors, template parameter', () => answer(houseParam, deep(DEPTH, () => paramErrors.INVALID_AUTH_TOKEN({ kind: 'auth' })), undefined).wire],
  ['plain Error subclass', () => { const e = deep(DEPTH, plainError); return wireOf(e.status, e.code, e.message, e.headers); }],
  ['http-errors', () => { const e = deep(DEPTH, httpError); return wireOf(e.status, (e as { code?: string }).code!, e.message, e.headers ?? {}); }],
  ['@hapi/boom', () => { const e = deep(DEPTH, boomError); return wireOf(e.output.statusCode, e.data!.code, e.message, e.output.headers); }],
  ['@fastify/error', () => { const e = deep(DEPTH, fastifyError); return wireOf(e.statusCode, e.code, e.message, e.headers); }],
  ['@fastify/error, no stack capture', () => { const e = deep(DEPTH, fastifyErrorNoStack); return wireOf(e.statusCode, e.code, e.message, e.headers); }],
];

// Every task must produce the same answer, or the comparison means nothing.
const reference = JSON.stringify(tasks[0]![1]());
for (const [name, make] of tasks) {
  const got = JSON.stringify(make());
  if (got !== reference) throw new Error(`micro: "${name}" produces ${got}, not ${reference}`);
}

let sink = 0;
const bench = new Bench({ time: quick ? 150 : 1000, warmupTime: quick ? 50 : 250, iterations: 10 });
for (const [name, make] of tasks) {
  // Each sample is a batch, so the timer's own cost (tens of ns) does not swamp a ~500 ns task.
  bench.add(name, () => {
    const t0 = bench.now();
    for (let i = 0; i < BATCH; i++) sink += make().length;
    const elapsed = bench.now() - t0;
    return { overriddenDuration: elapsed / BATCH, overriddenIterationCost: elapsed };
  });
}
await bench.run();
if (sink === 0) console.log('(unreachable)');

const ns = (name: string): number => {
  const task = bench.tasks.find((t) => t.name === name)!;
  const result = task.result as { latency?: { p50?: number; median?: number } };
  return (result.latency?.p50 ?? result.latency?.median ?? NaN) * 1e6;
};
const byHand = ns(tasks[0]![0]);
console.log(`### Micro: create the 401 and produce its wire form, ${DEPTH} frames deep${quick ? ' (--quick)' : ''}\n`);
console.log(`Machine: ${machine()}. Median of batches of ${BATCH}.\n`);
console.log(table(
  ['variant', 'ns per error (median)', '× by hand'],
  tasks.map(([name]) => [name, fmt(ns(name)), fmt(ns(name) / byHand, 2)]),
));
const ratio = ns(tasks[1]![0]) / byHand;
console.log(`\n- house-errors / by hand: ${fmt(ratio, 2)} (target ≤ 1.2: ${ratio <= 1.2 ? 'met' : 'NOT met'})\n`);
