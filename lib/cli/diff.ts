/**
 * A short unified-style diff for `--check`: the first region where two texts differ,
 * between their common beginning and common end, with a little context. Enough to see
 * what drifted in a CI log without a diff library.
 */

/** Lines of context before and after the change. */
const CONTEXT = 3;
/** Most removed and added lines shown; the rest is counted. */
const MAX_LINES = 20;

/**
 * The changed region of `before` → `after` as one unified diff hunk ('' when equal).
 * @example
 * unifiedDiff('a\nb\n', 'a\nc\n', 'ERRORS.md', 'generated')
 * // '--- ERRORS.md\n+++ generated\n@@ -1,2 +1,2 @@\n a\n-b\n+c\n'
 */
export function unifiedDiff(before: string, after: string, beforeName: string, afterName: string): string {
  if (before === after) return '';
  const a = splitLines(before);
  const b = splitLines(after);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) { endA--; endB--; }
  const from = Math.max(0, start - CONTEXT);
  const toA = Math.min(a.length, endA + CONTEXT);
  const toB = Math.min(b.length, endB + CONTEXT);
  const lines = [`--- ${beforeName}`, `+++ ${afterName}`, `@@ -${from + 1},${toA - from} +${from + 1},${toB - from} @@`];
  for (let i = from; i < start; i++) lines.push(` ${a[i]}`);
  lines.push(...capped(a.slice(start, endA), '-'), ...capped(b.slice(start, endB), '+'));
  for (let i = endA; i < toA; i++) lines.push(` ${a[i]}`);
  return `${lines.join('\n')}\n`;
}

function capped(lines: readonly string[], mark: string): string[] {
  const shown = lines.slice(0, MAX_LINES).map((line) => `${mark}${line}`);
  if (lines.length > MAX_LINES) shown.push(`${mark}… ${lines.length - MAX_LINES} more lines`);
  return shown;
}

// A missing final newline shows as its own marker, as diff(1) does.
function splitLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  else lines[lines.length - 1] += '\n\\ No newline at end of file';
  return lines;
}
