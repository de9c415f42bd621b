/**
 * The benchmark's own arithmetic: the numbers in the README's tables come from these helpers,
 * so a wrong quartile or median would print a wrong verdict.
 */
import assert from 'node:assert/strict';
import { fmt, median, parseArgs, quartiles, table } from '../bench/report.js';

describe('bench report helpers', () => {
  it('median of odd and even lists, whatever their order', () => {
    assert.equal(median([3, 1, 2]), 2);
    assert.equal(median([4, 1, 3, 2]), 2.5);
    assert.equal(median([7]), 7);
  });

  it('quartiles interpolate between the closest ranks', () => {
    assert.deepEqual(quartiles([1, 2, 3, 4, 5]), [2, 3, 4]);
    assert.deepEqual(quartiles([4, 3, 2, 1]), [1.75, 2.5, 3.25]);
    assert.deepEqual(quartiles([0.9]), [0.9, 0.9, 0.9]);
    // The median of quartiles() is the median().
    const values = [0.81, 1.3, 0.97, 1.02, 0.88, 0.99, 1.11];
    assert.equal(quartiles(values)[1], median(values));
  });

  it('reads --quick, --only, --variants and --rounds in both spellings', () => {
    const args = parseArgs(['--quick', '--only', 'http,micro', '--variants=direct,house-errors']);
    assert.equal(args.quick, true);
    assert.deepEqual([...args.only!], ['http', 'micro']);
    assert.deepEqual([...args.variants!], ['direct', 'house-errors']);
    assert.deepEqual(parseArgs([]), { quick: false, only: undefined, variants: undefined, rounds: undefined });
    assert.equal(parseArgs(['--rounds', '40']).rounds, 40);
    assert.throws(() => parseArgs(['--rounds', 'many']), /--rounds takes a whole number/);
    assert.throws(() => parseArgs(['--rounds=0']), /--rounds takes a whole number/);
  });

  it('tables right-align numeric columns only', () => {
    const text = table(['variant', 'req/s', 'ratio'], [['`direct`', fmt(4912), '1'], ['`house-errors`', fmt(3840), '0.980 (0.91–1.04)']]);
    assert.equal(text.split('\n')[1], '| --- | ---: | ---: |');
    assert.match(text, /\| `direct` \| 4,912 \| 1 \|/);
  });
});
