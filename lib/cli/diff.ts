/**
 * The unified diff `--check` prints: a minimal line diff (Myers' algorithm) shown as hunks with
 * three lines of context, as `diff -u` shows it, so a two-line drift reads as two changed lines.
 */

/** Lines of context around each change; changes closer than twice this share a hunk. */
const CONTEXT = 3;
/** Most lines shown after the file names; the rest is counted, to keep a CI log readable. */
const MAX_LINES = 100;
/** Past this many edits the diff stops searching and shows the differing middle as one replacement. */
const MAX_EDITS = 2000;

/** One line of the edit script: kept (' '), removed ('-') or added ('+'). */
type Edit = readonly [mark: ' ' | '-' | '+', line: string];

/**
 * `before` → `after` as a unified diff ('' when equal), as `diff -u` prints it.
 * @example
 * unifiedDiff('a\nb\n', 'a\nc\n', 'ERRORS.md', 'generated')
 * // '--- ERRORS.md\n+++ generated\n@@ -1,2 +1,2 @@\n a\n-b\n+c\n'
 */
export function unifiedDiff(before: string, after: string, beforeName: string, afterName: string): string {
  if (before === after) return '';
  const edits = editScript(splitLines(before), splitLines(after));
  const body = hunks(edits).flatMap((hunk) => hunkLines(edits, hunk));
  const shown = body.length > MAX_LINES ? [...body.slice(0, MAX_LINES), `… ${body.length - MAX_LINES} more lines`] : body;
  return `${[`--- ${beforeName}`, `+++ ${afterName}`, ...shown].join('\n')}\n`;
}

/** The shortest edit script from `a` to `b`: common ends kept, the middle by Myers' O((N+M)D) search. */
function editScript(a: readonly string[], b: readonly string[]): Edit[] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) { endA--; endB--; }
  const keep = (lines: readonly string[]): Edit[] => lines.map((line) => [' ', line]);
  const middleA = a.slice(start, endA);
  const middleB = b.slice(start, endB);
  const middle = myers(middleA, middleB)
    ?? [...middleA.map((line): Edit => ['-', line]), ...middleB.map((line): Edit => ['+', line])];
  return [...keep(a.slice(0, start)), ...middle, ...keep(a.slice(endA))];
}

// Myers (1986): for each edit count d, the furthest x reached on each diagonal k = x - y. Each round
// keeps the diagonals it read (-d-1 … d+1) so the path can be walked back. Undefined past MAX_EDITS.
function myers(a: readonly string[], b: readonly string[]): Edit[] | undefined {
  const n = a.length;
  const m = b.length;
  const limit = Math.min(n + m, MAX_EDITS);
  const offset = limit + 1;
  const v = new Int32Array(2 * limit + 3);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= limit; d++) {
    trace.push(v.slice(offset - d - 1, offset + d + 2));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) { x++; y++; }
      v[offset + k] = x;
      if (x >= n && y >= m) return walkBack(a, b, trace);
    }
  }
  return undefined;
}

function walkBack(a: readonly string[], b: readonly string[], trace: readonly Int32Array[]): Edit[] {
  const edits: Edit[] = [];
  let x = a.length;
  let y = b.length;
  for (let d = trace.length - 1; d >= 0; d--) {
    const v = trace[d]!;
    const at = (k: number): number => v[k + d + 1]!;
    const k = x - y;
    const prevK = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) { x--; y--; edits.push([' ', a[x]!]); }
    if (d > 0) edits.push(x === prevX ? ['+', b[--y]!] : ['-', a[--x]!]);
  }
  return edits.reverse();
}

/** A hunk: a range of the edit script, with its first line numbers in each text (0-based). */
interface Hunk { readonly from: number; readonly to: number; readonly lineA: number; readonly lineB: number }

// Each change with CONTEXT kept lines around it; hunks whose context would touch are merged.
function hunks(edits: readonly Edit[]): Hunk[] {
  const found: Hunk[] = [];
  let lineA = 0;
  let lineB = 0;
  let current: { from: number; to: number; lineA: number; lineB: number } | undefined;
  edits.forEach(([mark], i) => {
    if (mark !== ' ') {
      if (current !== undefined && i - current.to <= 2 * CONTEXT) current.to = i + 1;
      else {
        if (current !== undefined) found.push(close(current, edits));
        const from = Math.max(0, i - CONTEXT);
        current = { from, to: i + 1, lineA: lineA - (i - from), lineB: lineB - (i - from) };
      }
    }
    if (mark !== '+') lineA++;
    if (mark !== '-') lineB++;
  });
  if (current !== undefined) found.push(close(current, edits));
  return found;
}

function close(hunk: Hunk, edits: readonly Edit[]): Hunk {
  return { ...hunk, to: Math.min(edits.length, hunk.to + CONTEXT) };
}

function hunkLines(edits: readonly Edit[], hunk: Hunk): string[] {
  const lines = edits.slice(hunk.from, hunk.to);
  const countA = lines.filter(([mark]) => mark !== '+').length;
  const countB = lines.filter(([mark]) => mark !== '-').length;
  return [`@@ -${range(hunk.lineA, countA)} +${range(hunk.lineB, countB)} @@`, ...lines.map(([mark, line]) => `${mark}${line}`)];
}

// diff -u's ranges: "start,count", "start" alone for one line, and the line before for none.
function range(first: number, count: number): string {
  if (count === 1) return `${first + 1}`;
  return `${count === 0 ? first : first + 1},${count}`;
}

// A missing final newline shows as its own marker, as diff(1) does.
function splitLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  else lines[lines.length - 1] += '\n\\ No newline at end of file';
  return lines;
}
