/**
 * Custom details (`details: { schema }` on a definition): a JSON Schema subset that every validator
 * and OpenAPI 3.1 read the same way and that maps onto a TypeScript type, checked at startup, and
 * the reading of a thrown value against it into a copy holding only what the schema declares.
 */
import { cutText } from '../rules/template.js';

/**
 * The JSON Schema keywords a `details.schema` may use: a subset every validator and OpenAPI 3.1
 * reads the same way, and that maps onto a TypeScript type. Any other keyword fails at startup.
 */
export type DetailsSchema =
  | DetailsObjectSchema
  | { readonly type: 'array'; readonly items: DetailsSchema; readonly minItems?: number; readonly maxItems?: number } & Annotations
  | { readonly type: 'string'; readonly minLength?: number; readonly maxLength?: number; readonly enum?: readonly string[]; readonly format?: string } & Annotations
  | { readonly type: 'number' | 'integer'; readonly minimum?: number; readonly maximum?: number; readonly enum?: readonly number[] } & Annotations
  | { readonly type: 'boolean' } & Annotations
  | { readonly type: 'null' } & Annotations
  | { readonly const: string | number | boolean | null } & Annotations;

/** A details schema whose root is an object: what `details.schema` on a definition must be. */
export interface DetailsObjectSchema extends Annotations {
  readonly type: 'object';
  readonly properties: { readonly [name: string]: DetailsSchema };
  readonly required?: readonly string[];
  /** Only `false` (the default here: undeclared members are never sent). */
  readonly additionalProperties?: false;
}

interface Annotations {
  readonly title?: string;
  readonly description?: string;
  readonly examples?: readonly unknown[];
}

/**
 * The TypeScript type a details schema describes.
 * @example
 * type Credit = DetailsOf<{ type: 'object'; required: ['balance']; properties: { balance: { type: 'number' } } }>;
 * // { readonly balance: number }
 */
export type DetailsOf<S> =
  S extends { readonly const: infer C } ? C
  : S extends { readonly enum: readonly (infer E)[] } ? E
  : S extends { readonly type: 'object'; readonly properties: infer P } ? ObjectOf<P, S extends { readonly required: readonly (infer R)[] } ? R : never>
  : S extends { readonly type: 'array'; readonly items: infer I } ? readonly DetailsOf<I>[]
  : S extends { readonly type: 'string' } ? string
  : S extends { readonly type: 'number' | 'integer' } ? number
  : S extends { readonly type: 'boolean' } ? boolean
  : S extends { readonly type: 'null' } ? null
  : never;

type ObjectOf<P, R> = Flatten<
  & { readonly [K in keyof P as K extends R ? K : never]: DetailsOf<P[K]> }
  & { readonly [K in keyof P as K extends R ? never : K]?: DetailsOf<P[K]> }
>;
type Flatten<T> = { [K in keyof T]: T[K] };

const ANNOTATIONS = ['title', 'description', 'examples'];
const KEYWORDS: Readonly<Record<string, readonly string[]>> = {
  object: ['type', 'properties', 'required', 'additionalProperties', ...ANNOTATIONS],
  array: ['type', 'items', 'minItems', 'maxItems', ...ANNOTATIONS],
  string: ['type', 'minLength', 'maxLength', 'enum', 'format', ...ANNOTATIONS],
  number: ['type', 'minimum', 'maximum', 'enum', ...ANNOTATIONS],
  integer: ['type', 'minimum', 'maximum', 'enum', ...ANNOTATIONS],
  boolean: ['type', ...ANNOTATIONS],
  null: ['type', ...ANNOTATIONS],
  const: ['const', ...ANNOTATIONS],
};
/** Nesting deeper than this in a details schema fails at startup; it also bounds the work per error. */
const MAX_SCHEMA_DEPTH = 8;
/** An array in custom details may hold at most this many items unless its schema says fewer. */
export const MAX_DETAIL_ITEMS = 100;

/**
 * Checks a `details.schema` at startup; `fail` receives each problem with its location in the
 * schema (`/properties/balance: …`). The root must be an object schema.
 */
export function checkDetailsSchema(schema: unknown, fail: (problem: string) => void): void {
  if (!isPlainObject(schema) || schema.type !== 'object') {
    fail('details.schema must be an object schema ({ type: \'object\', properties: { … } })');
    return;
  }
  checkNode(schema, '', 0, fail);
}

function checkNode(node: unknown, at: string, depth: number, fail: (problem: string) => void): void {
  const where = `details.schema${at}`;
  if (!isPlainObject(node)) return void fail(`${where}: expected a schema object`);
  if (depth > MAX_SCHEMA_DEPTH) return void fail(`${where}: nested deeper than ${MAX_SCHEMA_DEPTH}`);
  const kind = Object.hasOwn(node, 'const') ? 'const' : node.type;
  const allowed = typeof kind === 'string' && Object.hasOwn(KEYWORDS, kind) ? KEYWORDS[kind]! : undefined;
  if (allowed === undefined) {
    return void fail(`${where}: "type" must be one of object, array, string, number, integer, boolean, null (or use "const"), got ${JSON.stringify(node.type) ?? 'nothing'}`);
  }
  for (const keyword of Object.keys(node)) {
    if (!allowed.includes(keyword)) fail(`${where}: keyword "${keyword}" is not supported for ${kind} (supported: ${allowed.join(', ')})`);
  }
  for (const bound of ['minItems', 'maxItems', 'minLength', 'maxLength']) {
    if (node[bound] !== undefined && !(Number.isInteger(node[bound]) && (node[bound] as number) >= 0)) fail(`${where}: ${bound} must be a whole number ≥ 0`);
  }
  for (const bound of ['minimum', 'maximum']) {
    if (node[bound] !== undefined && !Number.isFinite(node[bound])) fail(`${where}: ${bound} must be a finite number`);
  }
  if (node.enum !== undefined) {
    const type = kind === 'string' ? 'string' : 'number';
    if (!Array.isArray(node.enum) || node.enum.length === 0 || node.enum.some((v) => typeof v !== type || (type === 'number' && !Number.isFinite(v)))) {
      fail(`${where}: enum must be a non-empty array of ${type}s`);
    }
  }
  if (kind === 'const' && !isScalar(node.const)) fail(`${where}: const must be a string, finite number, boolean or null`);
  if (kind === 'array') checkNode(node.items, `${at}/items`, depth + 1, fail);
  if (kind === 'object') {
    if (node.additionalProperties !== undefined && node.additionalProperties !== false) fail(`${where}: additionalProperties may only be false`);
    if (!isPlainObject(node.properties)) return void fail(`${where}: properties must be an object of schemas`);
    for (const name of Object.keys(node.properties)) checkNode(node.properties[name], `${at}/properties/${name}`, depth + 1, fail);
    if (node.required !== undefined) {
      if (!Array.isArray(node.required)) fail(`${where}: required must be an array of property names`);
      else for (const name of node.required) {
        if (typeof name !== 'string' || !Object.hasOwn(node.properties, name)) fail(`${where}: required names ${JSON.stringify(name)}, which is not in properties`);
      }
    }
  }
}

/**
 * Reads custom details against their schema into a frozen copy holding only what the schema
 * declares (own properties only; strings cut to `cap` UTF-16 units unless the schema bounds them).
 * Returns a string saying why when the value does not fit: then nothing is sent.
 */
export function readCustomDetails(schema: DetailsSchema, value: unknown, cap: number): { readonly value: unknown } | string {
  try {
    return { value: readNode(schema as unknown as Node, value, '', cap) };
  } catch (err) {
    return err instanceof Misfit ? `details refused: ${err.message}` : 'details refused: they could not be read';
  }
}

type Node = Record<string, unknown> & { readonly type?: string };
class Misfit extends Error {}

function readNode(node: Node, value: unknown, at: string, cap: number): unknown {
  const where = at === '' ? 'the details' : at;
  const misfit = (why: string): never => { throw new Misfit(`${where} ${why}`); };
  if (Object.hasOwn(node, 'const')) return value === node.const ? value : misfit(`must be ${JSON.stringify(node.const)}`);
  switch (node.type) {
    case 'object': {
      if (!isPlainObject(value)) return misfit('must be an object');
      const out = Object.create(null) as Record<string, unknown>;
      const properties = node.properties as Record<string, Node>;
      const required = (node.required ?? []) as readonly string[];
      for (const name of Object.keys(properties)) {
        const member = Object.hasOwn(value, name) ? value[name] : undefined;
        if (member === undefined) {
          if (required.includes(name)) misfit(`must have "${name}"`);
          continue;
        }
        out[name] = readNode(properties[name]!, member, `${at}/${name}`, cap);
      }
      return Object.freeze(Object.assign({}, out));
    }
    case 'array': {
      if (!Array.isArray(value)) return misfit('must be an array');
      const max = Math.min(typeof node.maxItems === 'number' ? node.maxItems : MAX_DETAIL_ITEMS, MAX_DETAIL_ITEMS);
      if (value.length > max) misfit(`must have at most ${max} items`);
      if (typeof node.minItems === 'number' && value.length < node.minItems) misfit(`must have at least ${node.minItems} items`);
      const items: unknown[] = [];
      for (let i = 0; i < value.length; i++) items.push(readNode(node.items as Node, value[i], `${at}/${i}`, cap));
      return Object.freeze(items);
    }
    case 'string': {
      if (typeof value !== 'string') return misfit('must be a string');
      if (Array.isArray(node.enum) && !node.enum.includes(value)) misfit('is not one of the allowed values');
      if (typeof node.maxLength === 'number' || typeof node.minLength === 'number') {
        // JSON Schema counts characters (code points), not UTF-16 units: counted once for both bounds.
        const characters = [...value].length;
        if (typeof node.maxLength === 'number' && characters > node.maxLength) misfit(`must have at most ${node.maxLength} characters`);
        if (typeof node.minLength === 'number' && characters < node.minLength) misfit(`must have at least ${node.minLength} characters`);
      }
      return cutText(value, cap);
    }
    case 'number':
    case 'integer': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return misfit('must be a finite number');
      if (node.type === 'integer' && !Number.isInteger(value)) misfit('must be an integer');
      if (typeof node.minimum === 'number' && value < node.minimum) misfit(`must be at least ${node.minimum}`);
      if (typeof node.maximum === 'number' && value > node.maximum) misfit(`must be at most ${node.maximum}`);
      if (Array.isArray(node.enum) && !node.enum.includes(value)) misfit('is not one of the allowed values');
      return value;
    }
    case 'boolean': return typeof value === 'boolean' ? value : misfit('must be a boolean');
    case 'null': return value === null ? value : misfit('must be null');
    default: return misfit('has a schema this version cannot read');
  }
}


/** True for an object that is not an array (a revoked Proxy throws: callers catch). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** True for a string, a finite number, a boolean or null: what a detail or an echoed value may be. */
export function isScalar(value: unknown): value is string | number | boolean | null {
  return value === null || typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
}

/**
 * A scalar as a violation may carry it (its echoed `value`): a string cut at `cap`, a finite
 * number, a boolean or null; undefined for anything else.
 * @example cappedScalar('abcdef', 4) // 'abc…'; cappedScalar({}, 4) // undefined
 */
export function cappedScalar(value: unknown, cap: number): string | number | boolean | null | undefined {
  if (typeof value === 'string') return cutText(value, cap);
  return isScalar(value) ? value : undefined;
}
