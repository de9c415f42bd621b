/**
 * `fromExpressValidator`: express-validator 7's errors as violations. Its errors carry no issue
 * code, only a message, so the message is used as a code only when the developer made it one; its
 * field paths (`items[0].name`, `["a.b"]`) become JSON Pointers, and each error keeps its own
 * location.
 */
import type { ConvertedViolations, ViolationLocation } from '../formats/violations.js';
import { safeGet } from '../rules/headers.js';
import { MAX_POINTER_LENGTH, MAX_POINTER_SEGMENTS } from '../rules/pointer.js';
import {
  Collector,
  canNest,
  eachIssue,
  eachNested,
  isList,
  resolveOptions,
  stringAt,
  type ConverterOptions,
  type Segment,
} from './convert.js';

/**
 * What `validationResult(req)` returns (its `array()` is read), or that array.
 * @example fromExpressValidator(validationResult(req))
 */
export type ExpressValidatorResultLike = { array(): readonly object[] } | readonly object[];

/**
 * Converts express-validator 7's errors into violations, one per failed field, in its order. Each
 * error keeps its own location (`body`, `query`, `params` → `path`, `headers` → `header`, `cookies`
 * → `cookie`); `options.location` is used only for an error without a known one. `oneOf` errors
 * (alternative and grouped) are flattened; `checkExact`'s unknown fields become one `UNKNOWN_FIELD`
 * each.
 *
 * express-validator has no issue codes: an error's code is its message when the message is a
 * violation code (`.withMessage('TOO_SHORT')`), or the `codes` option maps it
 * (`{ codes: { 'too short': 'TOO_SHORT' } }`); otherwise `INVALID`. A message is never sent. The
 * field's value is carried (sent only when the catalog's violation code opts in).
 *
 * Throws a TypeError for an argument that is neither a result nor an array, or a wrong option;
 * never for what the errors contain.
 * @example
 * const result = validationResult(req);
 * if (!result.isEmpty()) throw errors.INVALID_PARAMETER({}, { details: fromExpressValidator(result) });
 */
export function fromExpressValidator(result: ExpressValidatorResultLike, options?: ConverterOptions): ConvertedViolations {
  const resolved = resolveOptions('fromExpressValidator', options);
  const errors = isList(result) ? result : arrayOf(result);
  if (!isList(errors)) throw new TypeError('fromExpressValidator: expected validationResult(req) or its array()');
  const collector = new Collector(resolved);
  eachIssue(errors, collector, (error) => visit(error, 0, collector));
  return collector.done();
}

/** `result.array()`, or undefined when there is none or it throws. */
function arrayOf(result: unknown): unknown {
  const array = safeGet(result, 'array');
  if (typeof array !== 'function') return undefined;
  try {
    return (array as () => unknown).call(result);
  } catch {
    return undefined;
  }
}

/** A message the developer made a code (`.withMessage('TOO_SHORT')`). */
const MESSAGE_CODE = /^[A-Z][A-Z0-9_]{0,63}$/;

function visit(error: unknown, depth: number, c: Collector): void {
  switch (stringAt(error, 'type')) {
    case 'alternative':
      eachNested(safeGet(error, 'nestedErrors'), depth, c, (nested, d) => visit(nested, d, c));
      return;
    case 'alternative_grouped':
      if (canNest(depth)) eachIssue(safeGet(error, 'nestedErrors'), c, (group) => eachIssue(group, c, (nested) => visit(nested, depth + 1, c)));
      return;
    case 'unknown_fields':
      eachIssue(safeGet(error, 'fields'), c, (field) => {
        c.add(fieldPath(field), 'UNKNOWN_FIELD', 'unknown_fields', undefined, safeGet(field, 'value'), locationOf(field, c));
      });
      return;
    default: {
      const msg = safeGet(error, 'msg');
      const code = typeof msg === 'string' && MESSAGE_CODE.test(msg) ? msg : 'INVALID';
      c.add(fieldPath(error), code, typeof msg === 'string' ? msg : undefined, undefined, safeGet(error, 'value'), locationOf(error, c));
    }
  }
}

/** express-validator's locations, as violation locations. */
const LOCATIONS: { readonly [location: string]: ViolationLocation } = {
  body: 'body', query: 'query', params: 'path', headers: 'header', cookies: 'cookie',
};

function locationOf(error: unknown, c: Collector): ViolationLocation {
  const location = stringAt(error, 'location');
  return location !== undefined && Object.hasOwn(LOCATIONS, location) ? LOCATIONS[location]! : c.options.location;
}

function fieldPath(error: unknown): Segment[] {
  const path = stringAt(error, 'path');
  return path === undefined ? [] : parseFieldPath(path);
}

/**
 * An express-validator field path as segments: `a.b` → `['a', 'b']`, `items[0]` → `['items', 0]`,
 * `["a.b"]` or `['a.b']` → `['a.b']`. Read up to {@link MAX_POINTER_SEGMENTS} segments and a few
 * times {@link MAX_POINTER_LENGTH} characters, since the pointer is cut there anyway.
 * @example parseFieldPath('items[0].name') // ['items', 0, 'name']
 */
export function parseFieldPath(text: string): Segment[] {
  const segments: Segment[] = [];
  const end = Math.min(text.length, 4 * MAX_POINTER_LENGTH);
  let i = 0;
  while (i < end && segments.length < MAX_POINTER_SEGMENTS) {
    const char = text[i];
    if (char === '.') {
      i++;
      continue;
    }
    if (char === '[') {
      const quote = text[i + 1];
      if (quote === '"' || quote === '\'') {
        // A quoted key ends at the quote and bracket followed by the end, a dot or a bracket.
        let close = text.indexOf(quote + ']', i + 2);
        while (close !== -1 && close + 2 < text.length && text[close + 2] !== '.' && text[close + 2] !== '[') close = text.indexOf(quote + ']', close + 1);
        if (close === -1) break;
        segments.push(text.slice(i + 2, close));
        i = close + 2;
        continue;
      }
      const close = text.indexOf(']', i + 1);
      if (close === -1) break;
      const inner = text.slice(i + 1, close);
      segments.push(/^(?:0|[1-9]\d{0,14})$/.test(inner) ? Number(inner) : inner);
      i = close + 1;
      continue;
    }
    // A key longer than a pointer may be is not read to its end: the pointer stops before it.
    const limit = Math.min(text.length, i + MAX_POINTER_LENGTH + 1);
    let stop = i;
    while (stop < limit && text[stop] !== '.' && text[stop] !== '[') stop++;
    segments.push(text.slice(i, stop));
    if (stop === limit && limit < text.length) break;
    i = stop;
  }
  return segments;
}
