/**
 * Counts the work a backtracking regular-expression engine (ECMAScript, PCRE, Java, Python)
 * does to match a pattern: a small matcher with the same semantics (greedy and lazy quantifiers
 * tried in order, lookaheads, first match wins) that counts every step and stops at a budget,
 * so a catastrophic pattern fails a test at once instead of hanging it. It reads the subset the
 * family patterns use: `^ $`, literals, `\` escapes, `[…]` classes with ranges, `( )`, `(?: )`,
 * `(?= )`, `(?! )`, and the quantifiers `* + ?` with an optional lazy `?`.
 */
import assert from 'node:assert/strict';

type Node =
  | { readonly kind: 'start' | 'end' }
  | { readonly kind: 'char'; readonly has: (ch: string) => boolean }
  | { readonly kind: 'group'; readonly body: readonly Node[]; readonly look?: 'ahead' | 'not-ahead' }
  | { readonly kind: 'repeat'; readonly node: Node; readonly min: number; readonly max: number; readonly lazy: boolean };

/** What matching cost: whether it matched, and the steps taken; `steps` is `undefined` when the budget ran out. */
export interface Backtracking {
  readonly matched: boolean | undefined;
  readonly steps: number | undefined;
}

/**
 * Matches `input` against `pattern` as `new RegExp(pattern).test(input)` does, counting steps.
 * @example backtrackingSteps('^a+$', 'aaa', 1000) // { matched: true, steps: 12 }
 */
export function backtrackingSteps(pattern: string, input: string, budget: number): Backtracking {
  const nodes = parse(pattern);
  let steps = 0;
  const out = Symbol('budget');
  const tick = (): void => { if (++steps > budget) throw out; };

  const sequence = (seq: readonly Node[], k: number, pos: number, then: (p: number) => boolean): boolean => {
    tick();
    return k === seq.length ? then(pos) : one(seq[k]!, pos, (p) => sequence(seq, k + 1, p, then));
  };
  const one = (node: Node, pos: number, then: (p: number) => boolean): boolean => {
    switch (node.kind) {
      case 'start': return pos === 0 && then(pos);
      case 'end': return pos === input.length && then(pos);
      case 'char': return pos < input.length && node.has(input[pos]!) && then(pos + 1);
      case 'group': {
        if (node.look === undefined) return sequence(node.body, 0, pos, then);
        const found = sequence(node.body, 0, pos, () => true);
        return found === (node.look === 'ahead') && then(pos);
      }
      case 'repeat': return repeat(node, 0, pos, then);
    }
  };
  const repeat = (node: Extract<Node, { kind: 'repeat' }>, count: number, pos: number, then: (p: number) => boolean): boolean => {
    tick();
    // An iteration must consume something, as in the engines (no endless empty loop).
    const more = (): boolean => count < node.max && one(node.node, pos, (p) => p > pos && repeat(node, count + 1, p, then));
    const stop = (): boolean => count >= node.min && then(pos);
    return node.lazy ? stop() || more() : more() || stop();
  };

  try {
    // RegExp.prototype.test searches: one attempt per start position.
    for (let start = 0; start <= input.length; start++) {
      if (sequence(nodes, 0, start, () => true)) return { matched: true, steps };
    }
    return { matched: false, steps };
  } catch (error) {
    if (error === out) return { matched: undefined, steps: undefined };
    throw error;
  }
}

function parse(pattern: string): Node[] {
  let i = 0;
  const sequence = (): Node[] => {
    const nodes: Node[] = [];
    while (i < pattern.length && pattern[i] !== ')') {
      let node = atom();
      const q = pattern[i];
      if (q === '*' || q === '+' || q === '?') {
        i++;
        const lazy = pattern[i] === '?';
        if (lazy) i++;
        node = { kind: 'repeat', node, min: q === '+' ? 1 : 0, max: q === '?' ? 1 : Infinity, lazy };
      }
      nodes.push(node);
    }
    return nodes;
  };
  const atom = (): Node => {
    const ch = pattern[i++]!;
    if (ch === '^') return { kind: 'start' };
    if (ch === '$') return { kind: 'end' };
    if (ch === '\\') return literal(pattern[i++]!);
    if (ch === '[') return charClass();
    if (ch === '(') {
      let look: 'ahead' | 'not-ahead' | undefined;
      if (pattern.startsWith('?:', i)) i += 2;
      else if (pattern.startsWith('?=', i)) { look = 'ahead'; i += 2; }
      else if (pattern.startsWith('?!', i)) { look = 'not-ahead'; i += 2; }
      const body = sequence();
      assert.equal(pattern[i++], ')', `unclosed group in ${pattern}`);
      return look === undefined ? { kind: 'group', body } : { kind: 'group', body, look };
    }
    assert.ok(!'*+?{}|.)]'.includes(ch), `unsupported ${ch} at ${i - 1} in ${pattern}`);
    return literal(ch);
  };
  const charClass = (): Node => {
    assert.notEqual(pattern[i], '^', 'negated classes are not supported');
    const ranges: Array<[string, string]> = [];
    while (pattern[i] !== ']') {
      assert.ok(i < pattern.length, `unclosed class in ${pattern}`);
      const low = pattern[i] === '\\' ? pattern[++i]! : pattern[i]!;
      i++;
      if (pattern[i] === '-' && pattern[i + 1] !== ']') {
        ranges.push([low, pattern[i + 1]!]);
        i += 2;
      } else ranges.push([low, low]);
    }
    i++;
    return { kind: 'char', has: (c) => ranges.some(([low, high]) => c >= low && c <= high) };
  };
  const nodes = sequence();
  assert.equal(i, pattern.length, `unexpected ) in ${pattern}`);
  return nodes;
}

function literal(ch: string): Node {
  return { kind: 'char', has: (c) => c === ch };
}
