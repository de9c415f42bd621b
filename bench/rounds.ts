/**
 * In-process benchmarks in interleaved rounds: every round runs each task for a short while
 * (tinybench, batches of `BATCH` calls), in an order that rotates each round. On a shared
 * machine the speed drifts by tens of percent within seconds, so two tasks are compared within
 * the same round, and the median of those per-round ratios is reported.
 */
import { Bench } from 'tinybench';
import { median, quartiles } from './report.js';

/** Calls per timed batch: the timer's own cost (tens of ns) must not swamp a ~500 ns task. */
export const BATCH = 1000;

/** How long each task runs per round, and how many rounds. */
export interface RoundSettings { readonly rounds: number; readonly time: number; readonly warmupTime: number }

/** Nanoseconds per call of each task, one entry per round. */
export type RoundTimes = ReadonlyMap<string, readonly number[]>;

/** One task: a name and a call whose result is summed so the work cannot be optimised away. */
export type Task = readonly [name: string, call: () => number];

let sink = 0;

/** Runs `tasks` in `settings.rounds` rotated rounds and returns each one's ns per call, per round. */
export async function runInRounds(tasks: readonly Task[], settings: RoundSettings): Promise<RoundTimes> {
  const times = new Map<string, number[]>(tasks.map(([name]) => [name, []]));
  for (let round = 0; round < settings.rounds; round++) {
    const bench = new Bench({ time: settings.time, warmupTime: round === 0 ? settings.warmupTime : settings.warmupTime / 4, iterations: 5 });
    for (let i = 0; i < tasks.length; i++) {
      const [name, call] = tasks[(i + round) % tasks.length]!;
      bench.add(name, () => {
        const t0 = bench.now();
        for (let n = 0; n < BATCH; n++) sink += call();
        const elapsed = bench.now() - t0;
        return { overriddenDuration: elapsed / BATCH, overriddenIterationCost: elapsed };
      });
    }
    await bench.run();
    for (const task of bench.tasks) {
      const result = task.result as { latency?: { p50?: number } };
      times.get(task.name)!.push((result.latency?.p50 ?? Number.NaN) * 1e6);
    }
  }
  if (sink === 0) console.log('(unreachable)');
  return times;
}

/** The median ns per call of a task over the rounds. */
export function nsOf(times: RoundTimes, name: string): number {
  return median(times.get(name)!);
}

/** The per-round ratios `name / to`: their median, first and third quartiles. */
export function ratioOf(times: RoundTimes, name: string, to: string): readonly [q1: number, median: number, q3: number] {
  const reference = times.get(to)!;
  return quartiles(times.get(name)!.map((ns, round) => ns / reference[round]!));
}
