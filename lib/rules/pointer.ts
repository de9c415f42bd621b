/**
 * RFC 6901 JSON Pointers: how a violation names the field it is about (`/items/0/name`).
 * Built here from a path of keys, so every converter escapes `~` and `/` the same way.
 */

/** At most this many path segments in a pointer; a deeper path is cut there (the field is still named up to that depth). */
export const MAX_POINTER_SEGMENTS = 32;
/** At most this many UTF-16 code units in a pointer; a longer one is cut at a segment boundary. */
export const MAX_POINTER_LENGTH = 1024;

/**
 * The JSON Pointer of a path of object keys and array indexes (RFC 6901: `~` → `~0`, `/` → `~1`).
 * The root is `''`. Paths deeper than {@link MAX_POINTER_SEGMENTS} or longer than
 * {@link MAX_POINTER_LENGTH} are cut at a segment boundary.
 * @example toPointer(['items', 0, 'a/b']) // '/items/0/a~1b'
 */
export function toPointer(path: readonly (string | number)[]): string {
  let pointer = '';
  const count = Math.min(path.length, MAX_POINTER_SEGMENTS);
  for (let i = 0; i < count; i++) {
    const key = String(path[i]);
    // Escaping never shortens a key: one too long as it is stops the pointer before it is escaped (a 10 MB key costs nothing).
    if (pointer.length + 1 + key.length > MAX_POINTER_LENGTH) break;
    const segment = '/' + key.replace(/~/g, '~0').replace(/\//g, '~1');
    if (pointer.length + segment.length > MAX_POINTER_LENGTH) break;
    pointer += segment;
  }
  return pointer;
}

/**
 * True for a well-formed JSON Pointer (RFC 6901): `''`, or `/`-prefixed segments where `~` is only
 * followed by `0` or `1`, within {@link MAX_POINTER_LENGTH}. Control characters are refused, so a
 * pointer is safe in any body.
 * @example isPointer('/a~1b/0') // true; isPointer('a') // false; isPointer('/a~2') // false
 */
export function isPointer(text: string): boolean {
  if (text.length > MAX_POINTER_LENGTH || (text.length > 0 && text.charCodeAt(0) !== 0x2f)) return false;
  // A loop, not a regular expression: this runs for every violation of every error.
  for (let i = 1; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x20 || unit === 0x7f) return false;
    if (unit === 0x7e) {
      const next = text.charCodeAt(i + 1);
      if (next !== 0x30 && next !== 0x31) return false;
      i++;
    }
  }
  return true;
}

/**
 * The path of keys of a JSON Pointer, unescaped (`'/a~1b/0'` → `['a/b', '0']`).
 * @example pointerSegments('/items/0') // ['items', '0']
 */
export function pointerSegments(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer.slice(1).split('/').map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
}
