/**
 * Microbenchmark (tinybench): create the 401 and produce its wire form (status, headers,
 * body string, byte length), ten frames below the caller so that a captured stack costs
 * what it costs in an app. House-errors goes through the middleware's own `answer()`.
 * `node --import tsx bench/micro.ts [--quick]`
 */
import { answer, createSetup, type AnyCatalog } from './built.js';
import {
  boomError, fastifyError, fastifyErrorNoStack, httpError, plainError,
} from './alternatives.js';
import {
  CHALLENGE_HEADERS, CODE, CONTENT_TYPE, HANDLER_OPTIONS, MESSAGE, PARAM_HANDLER_OPTIONS, deep, errors, errorsWithStacks, paramErrors,
} from './fixtures.js';
import { fmt, machine, parseArgs, table } from './report.js';
import { BATCH, nsOf, ratioOf, runInRounds } from './rounds.js';

/** The wire form every task produces. */
interface Wire { status: number; headers: ReadonlyArray<readonly [string, string]>; body: string; length: number }

const DEPTH = 10;
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

// Nine tasks of 100 ms in each of 10 rotated rounds (--quick: 3 rounds of 30 ms).
const times = await runInRounds(tasks.map(([name, make]) => [name, () => make().length] as const), quick
  ? { rounds: 3, time: 30, warmupTime: 20 }
  : { rounds: 10, time: 100, warmupTime: 250 });

const byHandName = tasks[0]![0];
console.log(`### Micro: create the 401 and produce its wire form, ${DEPTH} frames deep${quick ? ' (--quick)' : ''}\n`);
console.log(`Machine: ${machine()}. Batches of ${BATCH} calls; ${times.get(byHandName)!.length} rounds, the order rotated each round;`
  + ' the ratio is taken within each round, then its median (and the middle half of the rounds) shown.\n');
const spread = (name: string): string => {
  const [q1, mid, q3] = ratioOf(times, name, byHandName);
  return `${fmt(mid, 2)} (${fmt(q1, 2)}–${fmt(q3, 2)})`;
};
console.log(table(
  ['variant', 'ns per error (median)', '× by hand: median (middle half) of rounds'],
  tasks.map(([name]) => [name, fmt(nsOf(times, name)), name === byHandName ? '1' : spread(name)]),
));
const ratio = ratioOf(times, tasks[1]![0], byHandName)[1];
console.log(`\n- house-errors / by hand: ${spread(tasks[1]![0])} (target ≤ 1.2: ${ratio <= 1.2 ? 'met' : 'NOT met'})\n`);
