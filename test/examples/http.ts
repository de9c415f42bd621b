/**
 * What the example tests share: a request deadline, and one assertion for a whole error
 * answer (status, content type, exact body, exact headers, the key it parses back to).
 */
import assert from 'node:assert/strict';
import type { Response, Test } from 'supertest';
import type { AnyCatalog, FormatRef } from '../../lib/index.js';

/** Every request of these tests ends on its own. */
export function within(test: Test): Test {
  return test.timeout({ response: 5000, deadline: 10_000 });
}

/** One expected error answer. A header set to `undefined` must be absent. */
export interface Expected {
  readonly key: string;
  readonly status: number;
  readonly body: Readonly<Record<string, unknown>>;
  readonly headers?: Readonly<Record<string, string | undefined>>;
}

/** A catalog with its `parse`, as the example catalogs are. */
type Parsing = AnyCatalog & { parse(body: unknown, format: FormatRef, options?: { status?: number }): { key: string } | undefined };

/** Asserts the whole answer, and that the catalog reads the body back to `want.key`. */
export function assertAnswer(errors: Parsing, format: FormatRef, res: Response, want: Expected): void {
  assert.equal(res.status, want.status, `status (${want.key}): ${res.text}`);
  assert.equal(res.headers['content-type'], 'application/json; charset=utf-8');
  const body: unknown = JSON.parse(res.text);
  assert.deepEqual(body, want.body);
  for (const [name, value] of Object.entries(want.headers ?? {})) assert.equal(res.headers[name.toLowerCase()], value, `header ${name}`);
  assert.equal(errors.parse(body, format, { status: res.status })?.key, want.key);
}

/** Fails unless every key of the catalog was answered by some scenario. */
export function assertEveryKey(errors: AnyCatalog, reached: ReadonlySet<string>): void {
  const missing = Object.keys(errors).filter((key) => !reached.has(key));
  assert.deepEqual(missing, [], 'catalog keys no scenario reached');
}
