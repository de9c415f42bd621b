/**
 * Microbenchmark (tinybench): a 400 with ten violations, from the throw to its wire form (status,
 * headers, body string, byte length), against the same body built by hand from the same ten
 * records. House-errors goes through the middleware's own `answer()`: the violations are read,
 * checked, sorted and rendered from the catalog's templates on every throw.
 * `node --import tsx bench/details.ts [--quick]`
 */
import { answer, createSetup, defineCatalog, type ViolationInput } from './built.js';
import { fmt, machine, parseArgs, table } from './report.js';
import { BATCH, nsOf, ratioOf, runInRounds } from './rounds.js';

interface Wire { status: number; headers: ReadonlyArray<readonly [string, string]>; body: string; length: number }

const { quick } = parseArgs();
const CONTENT_TYPE = 'application/json; charset=utf-8';
const MESSAGE = 'There is an error in the requested parameter.';
const errors = defineCatalog({
  INVALID_PARAMETER: { status: 400, message: MESSAGE, details: 'violations' },
  INTERNAL_ERROR: { status: 500, message: 'Internal server error.' },
}, {
  violations: {
    REQUIRED: { message: 'This field is required.' },
    TOO_SHORT: { message: 'Must be at least {minimum} characters.' },
  },
});
const setup = createSetup(errors, { format: 'code-message' });

// Ten bad fields, already in the order both sides send them (the library sorts; the hand does not need to).
const violations: readonly ViolationInput<'REQUIRED' | 'TOO_SHORT'>[] = Array.from({ length: 10 }, (_, i) => (i % 2 === 0
  ? { pointer: `/items/${i}/name`, location: 'body', code: 'TOO_SHORT', params: { minimum: 3 } }
  : { pointer: `/items/${i}/email`, location: 'body', code: 'REQUIRED' }));
violations.slice().sort((a, b) => (a.pointer < b.pointer ? -1 : 1)).forEach((v, i) => { if (violations[i] !== v) throw new Error('fixture not sorted'); });

// What a careful hand-written handler sends for the same ten records.
function byHand(): Wire {
  const details = violations.map((v) => (v.code === 'TOO_SHORT'
    ? { pointer: v.pointer, location: v.location, code: v.code, message: `Must be at least ${v.params!.minimum} characters.`, params: { minimum: v.params!.minimum } }
    : { pointer: v.pointer, location: v.location, code: v.code, message: 'This field is required.' }));
  const body = JSON.stringify({ code: 'INVALID_PARAMETER', message: MESSAGE, details });
  return { status: 400, headers: [['Content-Type', CONTENT_TYPE]], body, length: Buffer.byteLength(body) };
}

// What a team writes without a library: an Error subclass carrying the records, thrown, and a handler
// that builds the same body from it (its stack captured, as an Error subclass does by default).
class ValidationError extends Error {
  readonly status = 400;
  constructor(readonly violations: readonly ViolationInput[]) {
    super(MESSAGE);
  }
}
function byHandWithError(): Wire {
  const err = new ValidationError(violations);
  const details = err.violations.map((v) => (v.code === 'TOO_SHORT'
    ? { pointer: v.pointer, location: v.location, code: v.code, message: `Must be at least ${v.params!.minimum} characters.`, params: { minimum: v.params!.minimum } }
    : { pointer: v.pointer, location: v.location, code: v.code, message: 'This field is required.' }));
  const body = JSON.stringify({ code: 'INVALID_PARAMETER', message: err.message, details });
  return { status: err.status, headers: [['Content-Type', CONTENT_TYPE]], body, length: Buffer.byteLength(body) };
}

const tasks: ReadonlyArray<readonly [name: string, make: () => Wire]> = [
  ['by hand (JSON.stringify of the same ten records)', byHand],
  ['by hand, thrown as an Error subclass carrying the records', byHandWithError],
  ['house-errors: errors.INVALID_PARAMETER({}, { details }) and answer()', () => answer(setup, errors.INVALID_PARAMETER({}, { details: violations }), undefined).wire],
];

// Both must produce the same answer, or the comparison means nothing.
const reference = JSON.stringify(tasks[0]![1]());
for (const [name, make] of tasks) {
  const got = JSON.stringify(make());
  if (got !== reference) throw new Error(`details: "${name}" produces ${got}, not ${reference}`);
}

const times = await runInRounds(tasks.map(([name, make]) => [name, () => make().length] as const), quick
  ? { rounds: 3, time: 30, warmupTime: 20 }
  : { rounds: 10, time: 100, warmupTime: 250 });

const byHandName = tasks[0]![0];
const houseName = tasks[2]![0];
const [q1, mid, q3] = ratioOf(times, houseName, byHandName);
const withErrorName = tasks[1]![0];
const [e1, emid, e3] = ratioOf(times, houseName, withErrorName);
const [w1, wmid, w3] = ratioOf(times, withErrorName, byHandName);
console.log(`### Details: a 400 with ten violations, throw to wire form${quick ? ' (--quick)' : ''}\n`);
console.log(`Machine: ${machine()}. Batches of ${BATCH} calls; ${times.get(byHandName)!.length} rounds, the order rotated each round.\n`);
console.log(table(
  ['variant', 'ns per error (median)', '× by hand: median (middle half) of rounds'],
  [
    [byHandName, fmt(nsOf(times, byHandName)), '1'],
    [withErrorName, fmt(nsOf(times, withErrorName)), `${fmt(wmid, 2)} (${fmt(w1, 2)}–${fmt(w3, 2)})`],
    [houseName, fmt(nsOf(times, houseName)), `${fmt(mid, 2)} (${fmt(q1, 2)}–${fmt(q3, 2)})`],
  ],
));
console.log(`\n- house-errors / the body by hand: ${fmt(mid, 2)} (target ≤ 1.3: ${mid <= 1.3 ? 'met' : 'NOT met'})`);
console.log(`- house-errors / a hand-written error class and the same body: ${fmt(emid, 2)} (${fmt(e1, 2)}–${fmt(e3, 2)})\n`);
