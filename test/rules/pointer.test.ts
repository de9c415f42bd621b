/**
 * RFC 6901 JSON Pointers: built from a path (escaped, capped), checked, and read back.
 */
import assert from 'node:assert/strict';
import { isPointer, MAX_POINTER_LENGTH, MAX_POINTER_SEGMENTS, pointerSegments, toPointer } from '../../lib/rules/pointer.js';

describe('JSON Pointers (RFC 6901)', () => {
  it('builds a pointer from a path, escaping ~ and / (RFC 6901 §3)', () => {
    const cases: Array<[Array<string | number>, string]> = [
      [[], ''],
      [['items', 0, 'name'], '/items/0/name'],
      [['a/b', 'm~n'], '/a~1b/m~0n'],
      [['~1'], '/~01'],
      [[''], '/'],
      [['__proto__', 'constructor'], '/__proto__/constructor'],
    ];
    for (const [path, pointer] of cases) assert.equal(toPointer(path), pointer, JSON.stringify(path));
  });

  it('cuts a path deeper than 32 segments, or longer than 1024 units, at a segment boundary', () => {
    assert.equal(MAX_POINTER_SEGMENTS, 32);
    assert.equal(toPointer(new Array(10_000).fill('a')), '/a'.repeat(32));
    assert.equal(toPointer(['x'.repeat(600), 'y'.repeat(600)]), `/${'x'.repeat(600)}`);
    assert.equal(toPointer(['z'.repeat(5000)]), '');
  });

  it('tells a well-formed pointer from anything else', () => {
    for (const good of ['', '/', '/a', '/a~0b~1c', '/items/0/name', '//', `/${'a'.repeat(MAX_POINTER_LENGTH - 1)}`, '/ü/한']) {
      assert.equal(isPointer(good), true, JSON.stringify(good));
    }
    for (const bad of ['a', '#/a', '/a~', '/a~2', '/a~~0', '/a\nb', '/a\u0000', '/\u007f', `/${'a'.repeat(MAX_POINTER_LENGTH)}`]) {
      assert.equal(isPointer(bad), false, JSON.stringify(bad));
    }
  });

  it('reads a pointer back into its path', () => {
    assert.deepEqual(pointerSegments(''), []);
    assert.deepEqual(pointerSegments('/a~1b/m~0n/0'), ['a/b', 'm~n', '0']);
    assert.deepEqual(pointerSegments('/~01'), ['~1']);
  });
});
