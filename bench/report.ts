/**
 * Small helpers shared by the benchmarks: the command line, medians, quartiles and Markdown tables.
 */
import os from 'node:os';

/** What the command line asks for. */
export interface BenchArgs {
  /** `--quick`: a short run to check the tooling; numbers are indicative only. */
  readonly quick: boolean;
  /** `--only http,bearer,micro,details,scale,soak,instructions`: run only these parts (instructions only when named). */
  readonly only: ReadonlySet<string> | undefined;
  /** `--variants direct,house-errors`: HTTP variants to run (their references come along). */
  readonly variants: ReadonlySet<string> | undefined;
  /** `--rounds 40`: HTTP rounds instead of the default, to narrow the spread of a focused run. */
  readonly rounds: number | undefined;
}

/** Reads `--quick`, `--only a,b`, `--variants a,b` (or `--only=a,b`) and `--rounds n` from `process.argv`. */
export function parseArgs(argv: readonly string[] = process.argv.slice(2)): BenchArgs {
  const list = (flag: string): Set<string> | undefined => {
    for (let i = 0; i < argv.length; i++) {
      const arg = argv[i]!;
      if (arg.startsWith(`${flag}=`)) return new Set(arg.slice(flag.length + 1).split(','));
      if (arg === flag && argv[i + 1] !== undefined) return new Set(argv[i + 1]!.split(','));
    }
    return undefined;
  };
  const rounds = list('--rounds');
  const count = rounds === undefined ? undefined : Number([...rounds][0]);
  if (count !== undefined && !(Number.isInteger(count) && count >= 1)) throw new Error('--rounds takes a whole number of rounds, 1 or more');
  return { quick: argv.includes('--quick'), only: list('--only'), variants: list('--variants'), rounds: count };
}

/** The median of a non-empty list. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** The first quartile, the median and the third quartile of a non-empty list. */
export function quartiles(values: readonly number[]): readonly [q1: number, median: number, q3: number] {
  const sorted = [...values].sort((a, b) => a - b);
  // Linear interpolation between the closest ranks.
  const at = (q: number): number => {
    const rank = q * (sorted.length - 1);
    const low = Math.floor(rank);
    return sorted[low]! + (sorted[Math.min(low + 1, sorted.length - 1)]! - sorted[low]!) * (rank - low);
  };
  return [at(0.25), at(0.5), at(0.75)];
}

/** A Markdown table; numbers are right-aligned. */
export function table(header: readonly string[], rows: ReadonlyArray<readonly (string | number)[]>): string {
  const align = header.map((_, i) => (rows.every((row) => typeof row[i] === 'number' || /^[-+×~<>≈—–()\d.,\s%µs⁽ᵃ⁾]+$/.test(String(row[i]))) ? '---:' : '---'));
  const line = (cells: readonly (string | number)[]): string => `| ${cells.join(' | ')} |`;
  return [line(header), line(align), ...rows.map(line)].join('\n');
}

/** A number with a thousands separator and `digits` decimals. */
export function fmt(value: number, digits = 0): string {
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** One line describing the machine, for the report. */
export function machine(): string {
  const cpus = os.cpus();
  return `${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${os.platform()} ${os.release()}, Node ${process.version}`;
}
