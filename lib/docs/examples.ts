/**
 * Example responses for the docs, made by the middleware's own wire form: the page shows
 * exactly what the server sends. Placeholders are filled with their own names, so a
 * message reads `Illegal state: {detail}` and a family code `RESOURCE_NOT_EXIST`.
 */
import type { CompiledDefinition } from '../catalog/types.js';
import { HouseError } from '../catalog/house-error.js';
import { renderTemplate } from '../rules/template.js';
import type { ThrowOptions } from '../catalog/types.js';
import type { ResolvedDocs } from './options.js';
import { isWireCode } from '../rules/syntax.js';

/** One documented response. */
export interface ExampleResponse {
  readonly status: number;
  /** The headers the middleware sets, without `Content-Length` (the body below is pretty-printed). */
  readonly headers: ReadonlyArray<readonly [string, string]>;
  /** The parsed body. */
  readonly body: unknown;
  /** The body as indented JSON. */
  readonly json: string;
}

/**
 * The value of `scope` in documented `insufficient_scope` challenges.
 * @example SCOPE_PLACEHOLDER // '{scope}', shown as scope="{scope}"
 */
export const SCOPE_PLACEHOLDER = '{scope}';


/**
 * Parameters that show each placeholder by name; a family's code gets a name that keeps it valid.
 * @example sampleParams(def) // { RESOURCE: 'RESOURCE', detail: '{detail}' }
 */
export function sampleParams(def: CompiledDefinition): Record<string, string> {
  const inCode = new Set(def.code.names);
  const values: Record<string, string> = {};
  for (const name of def.params) values[name] = inCode.has(name) ? name : `{${name}}`;
  if (def.isFamily && !isWireCode(renderTemplate(def.code, def.code.names.map((n) => values[n]!)))) {
    for (const name of def.code.names) values[name] = `X${name}`;
  }
  return values;
}

/**
 * The exact response for a definition, as the middleware would answer it.
 * @example exampleFor(docs, def).json // '{\n  "code": "ILLEGAL_STATE", …'
 */
export function exampleFor(docs: ResolvedDocs, def: CompiledDefinition): ExampleResponse {
  const options: ThrowOptions | undefined = def.bearer === 'insufficient_scope' ? { scope: [SCOPE_PLACEHOLDER] } : undefined;
  // What `errors[key](params, options)` does, but with this copy's HouseError: a catalog loaded
  // through another copy of house-errors (a CommonJS module read by the ESM CLI) documents the same.
  const thrown = new HouseError(def, def.params.length > 0 ? sampleParams(def) : undefined, options);
  const wire = docs.wire(thrown);
  // The docs must never show an answer the definition does not give.
  if (wire.status !== def.status) {
    throw new Error(`house-errors: cannot document "${def.key}": its example answered ${wire.status} (${wire.problems.join('; ')})`);
  }
  const body: unknown = JSON.parse(wire.body);
  const headers = Object.entries(wire.headers).filter(([name]) => name !== 'Content-Length');
  return { status: wire.status, headers, body, json: JSON.stringify(body, null, 2) };
}

/**
 * A header of an example response, by case-insensitive name.
 * @example headerOf(example, 'www-authenticate') // 'Bearer realm="api"'
 */
export function headerOf(example: ExampleResponse, name: string): string | undefined {
  const lower = name.toLowerCase();
  return example.headers.find(([n]) => n.toLowerCase() === lower)?.[1];
}
