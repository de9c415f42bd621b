/**
 * What a reference page shows, built once from the catalog, the options and the examples the
 * middleware's own wire form makes: sections per status (or per documentation group), entries
 * in catalog order. The Markdown, HTML and OpenAPI renderers all draw this one model. Nothing
 * here depends on time or on the machine, so the same catalog always gives the same page.
 */
import statuses from 'statuses';
import { HouseError } from '../catalog/house-error.js';
import { MAX_DETAIL_ITEMS, type DetailsSchema } from '../catalog/schema.js';
import { templateIn, type AnyCatalog, type CompiledDefinition, type CompiledDetails, type Text, type ThrowOptions } from '../catalog/types.js';
import { builtinFormats, type FormatRef } from '../formats/builtin.js';
import type { HouseFormat } from '../formats/format.js';
import { wireFormWith } from '../http/answer.js';
import { createSetup, type HandlerSetup } from '../http/setup.js';
import { isWireCode } from '../rules/syntax.js';
import { renderTemplate } from '../rules/template.js';
import { labelsFor, type DocLabels } from './labels.js';

/**
 * Options of every reference page: `renderMarkdown`'s, and the base of the others'.
 * @example
 * import type { DocsOptions } from 'house-errors';
 * const options: DocsOptions = { format: 'code-message', title: { ko: '에러 목록', en: 'Errors' }, locale: 'en', realm: 'api' };
 */
export interface DocsOptions {
  /** The house format the API answers in: a built-in name or a `defineFormat(...)` value. */
  readonly format: FormatRef;
  /** Page title; a plain string, or translations by locale. Default: "Error reference" in the page's language. */
  readonly title?: Text;
  /** Language of the page: one of the catalog's locales. Default: the catalog's `defaultLocale`. */
  readonly locale?: string;
  /** `realm` shown in the `WWW-Authenticate` challenges; pass the middleware's. Default: the catalog's. */
  readonly realm?: string;
  /**
   * Render `[text](https://…)` in descriptions and group paragraphs as links (the BaaS reference
   * links its RFCs and its support page). Default false: every catalog text is plain text.
   */
  readonly links?: boolean;
  /**
   * The body member holding an error's details in the three house formats (default `'details'`):
   * pass the middleware's `detailsField`, so that the example bodies match what the server sends.
   */
  readonly detailsField?: string;
}

/** The function a page is made for: named in every option error. */
export type DocsRenderer = 'renderMarkdown' | 'renderHtml' | 'toOpenAPI' | 'errorResponses';

/** One documented response, exactly as the middleware sends it. */
export interface ExampleResponse {
  readonly status: number;
  /** The headers the middleware sets, without `Content-Length` (the body below is pretty-printed). */
  readonly headers: ReadonlyArray<readonly [string, string]>;
  /** The parsed body. */
  readonly body: unknown;
  /** The body as indented JSON. */
  readonly json: string;
}

/** One definition on the page. */
export interface DocEntry {
  readonly def: CompiledDefinition;
  /** The catalog key; also the entry's anchor id. */
  readonly key: string;
  /** The wire code, with its placeholders for a family (`{RESOURCE}_NOT_EXIST`). */
  readonly code: string;
  readonly status: number;
  /** The message template in the page's language (`Illegal state: {detail}`). */
  readonly message: string;
  /** The description, when it says more than the message. */
  readonly description: string | undefined;
  readonly retryable: boolean;
  readonly family: boolean;
  /** The exact `WWW-Authenticate` value, for Bearer definitions. */
  readonly challenge: string | undefined;
  /** The headers the definition declares (`Retry-After`…), as sent. */
  readonly headers: ReadonlyArray<readonly [string, string]>;
  /** The response, carrying example details when the definition declares them (and the format sends them). */
  readonly example: ExampleResponse;
  /** The definition's details as the format sends them; undefined without any (or when the format leaves them out). */
  readonly details: DocDetails | undefined;
}

/** A definition's details as a page shows them. */
export interface DocDetails {
  /** `'violations'` (a list of bad fields, with the catalog's violation codes) or `'schema'` (one object of the definition's own). */
  readonly kind: 'violations' | 'schema';
  /** The body member holding them (`details`, problem details' `errors`); undefined when they are members of the body itself. */
  readonly member: string | undefined;
  /** The object's fields, nested ones by path (`address.city`, `items[].sku`); empty for violations. */
  readonly fields: readonly DocDetailField[];
  /** True when some field has a description (the table then has that column). */
  readonly anyDescription: boolean;
}

/** One field of a definition's own details object. */
export interface DocDetailField {
  /** Its path in the object: `balance`, `address.city`, `items[]`, `items[].sku`. */
  readonly name: string;
  /** Its JSON type (`string`, `string (date-time)`, `object[]`…), or its allowed values (`"EUR", "USD"`). */
  readonly type: string;
  /** Whether its object always has it. */
  readonly required: boolean;
  /** The schema's `description` (else its `title`). */
  readonly description: string | undefined;
}

/** A violation code of the catalog, in the page's language. */
export interface DocViolationCode {
  readonly code: string;
  /** The message template (`Must be at least {minimum} characters.`). */
  readonly message: string;
  /** The description, when it says more than the message. */
  readonly description: string | undefined;
  /** The placeholders of the message, sent in the violation's `params`. */
  readonly params: readonly string[];
  /** The value received is sent back in `value`. */
  readonly echo: boolean;
}

/** A status, or a documentation group, and its definitions. */
export interface DocSection {
  readonly id: string;
  /** `400 Bad Request`, or the group's name. */
  readonly title: string;
  /** The group's status (or the one status all its definitions share); a status section's own. */
  readonly status: number | undefined;
  /** The group's paragraph. */
  readonly description: string | undefined;
  readonly isGroup: boolean;
  readonly entries: readonly DocEntry[];
}

/** A whole page in one language. */
export interface DocPage {
  readonly title: string;
  readonly locale: string;
  readonly labels: DocLabels;
  readonly format: HouseFormat;
  /** The response shown in the introduction. */
  readonly example: ExampleResponse;
  /** The body's fields, with what each one holds. */
  readonly fields: ReadonlyArray<{ readonly name: string; readonly text: string | undefined }>;
  /** Every definition, in catalog order. */
  readonly entries: readonly DocEntry[];
  readonly sections: readonly DocSection[];
  /** Definitions with a Bearer challenge, in section order. */
  readonly challenges: readonly DocEntry[];
  /** Definitions with headers of their own, in section order. */
  readonly withHeaders: readonly DocEntry[];
  /** The catalog's violation codes (`INVALID` included), when some definition on the page sends violations; else empty. */
  readonly violationCodes: readonly DocViolationCode[];
  /** Some violation code has a description that says more than its message. */
  readonly anyViolationDescription: boolean;
  readonly anyRetryable: boolean;
  /** Some definition has a description that says more than its message (else the column is left out). */
  readonly anyDescription: boolean;
  readonly anyFamily: boolean;
  readonly anyPlaceholder: boolean;
  readonly anyScope: boolean;
  /** Descriptions and group paragraphs may hold http(s) links (the `links` option). */
  readonly links: boolean;
  /** Ids of the fixed sections, unique among the keys. */
  readonly ids: { readonly model: string; readonly challenges: string; readonly headers: string; readonly violations: string };
}

/**
 * The value of `scope` in documented `insufficient_scope` challenges.
 * @example SCOPE_PLACEHOLDER // '{scope}', shown as scope="{scope}"
 */
export const SCOPE_PLACEHOLDER = '{scope}';

/**
 * Resolves the options, once, and builds the page in each language asked for: `locale` (one),
 * or `renderHtml`'s `locales` (several, the first shown first). The catalog, the format and the
 * realm are checked by the middleware's own setup; a page also needs a language the catalog has.
 * Throws a TypeError naming the renderer and the problem.
 * @example buildPages(errors, { format: 'code-message' }, 'renderMarkdown')[0]?.sections[0]?.title // '400 Bad Request'
 */
export function buildPages(errors: AnyCatalog, options: DocsOptions & { readonly locales?: readonly string[] }, renderer: DocsRenderer): DocPage[] {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(`house-errors: ${renderer} needs options with a format, e.g. { format: 'code-message' }`);
  }
  const realm = options.realm === undefined ? {} : { realm: options.realm };
  const setup = createSetup(errors, { format: options.format, ...realm, ...(options.detailsField === undefined ? {} : { detailsField: options.detailsField }) });
  const { catalog } = setup;
  const { title, links } = options;
  if (title !== undefined && typeof title !== 'string' && (typeof title !== 'object' || title === null)) {
    throw new TypeError(`house-errors: ${renderer}: title must be a string or translations by locale`);
  }
  if (links !== undefined && typeof links !== 'boolean') throw new TypeError(`house-errors: ${renderer}: links must be a boolean`);
  // Only the HTML page holds several languages; the others show one.
  const several = renderer === 'renderHtml' ? options.locales : undefined;
  if (several !== undefined) {
    if (options.locale !== undefined) throw new TypeError(`house-errors: ${renderer}: use locale (one language) or locales (several), not both`);
    if (!Array.isArray(several) || several.length === 0 || new Set(several).size !== several.length) {
      throw new TypeError(`house-errors: ${renderer}: locales must be a non-empty list of distinct locales`);
    }
  }
  const chosen: readonly unknown[] = several ?? (options.locale === undefined ? [] : [options.locale]);
  for (const locale of chosen) {
    if (typeof locale !== 'string' || !catalog.locales.includes(locale)) {
      throw new TypeError(`house-errors: ${renderer}: locale ${JSON.stringify(locale)} is not one of the catalog's (${catalog.locales.join(', ')})`);
    }
  }
  const page = { title, links: links === true };
  // A chosen language answers as a handler with that fixed locale does: with Content-Language.
  if (chosen.length === 0) return [buildPage(setup, catalog.options.defaultLocale, page)];
  return (chosen as string[]).map((locale) => buildPage(createSetup(errors, { format: setup.format, ...realm, locale }), locale, page));
}

/**
 * `400 Bad Request`; the bare number for a status without a registered phrase.
 * @example statusTitle(429) // '429 Too Many Requests'
 */
export function statusTitle(status: number): string {
  const phrase = statuses.message[status];
  return phrase === undefined ? String(status) : `${status} ${phrase}`;
}

/**
 * A `Text` in one language, falling back to the catalog's default language.
 * @example textIn({ ko: '에러', en: 'Errors' }, 'en', 'ko') // 'Errors'
 */
export function textIn(text: Text | undefined, locale: string, defaultLocale: string): string | undefined {
  if (text === undefined || typeof text === 'string') return text;
  return Object.hasOwn(text, locale) ? text[locale] : Object.hasOwn(text, defaultLocale) ? text[defaultLocale] : undefined;
}

/** A piece of a catalog text: plain text, or a link. */
export type TextPiece = { readonly text: string } | { readonly label: string; readonly url: string };

// `[label](url)` (not `![…](…)`, an image, which stays text): a one-line label without brackets, an absolute
// http(s) URL without spaces, quotes, angle brackets, parentheses, backslashes, backticks or table pipes.
const LINK = /(?<!!)\[([^\[\]\r\n]+)\]\((https?:\/\/[^\s"'<>()\\|`]+)\)/g;

/**
 * Splits a catalog text into plain pieces and links (`links: true`); with `links` off, the whole
 * text is one plain piece. Other link forms, images and raw HTML always stay literal text.
 * @example splitLinks('see [RFC6902](https://www.rfc-editor.org/rfc/rfc6902)', true)
 * // [{ text: 'see ' }, { label: 'RFC6902', url: 'https://www.rfc-editor.org/rfc/rfc6902' }]
 */
export function splitLinks(text: string, links: boolean): TextPiece[] {
  if (!links) return [{ text }];
  const pieces: TextPiece[] = [];
  let at = 0;
  for (const match of text.matchAll(LINK)) {
    if (match.index > at) pieces.push({ text: text.slice(at, match.index) });
    pieces.push({ label: match[1]!, url: match[2]! });
    at = match.index + match[0].length;
  }
  if (at < text.length) pieces.push({ text: text.slice(at) });
  return pieces;
}

/**
 * Hands out unique ids: the keys are taken first (an entry's id is its key), the rest get `-2`, `-3`…
 * @example new IdAllocator(['status-400']).take('status-400') // 'status-400-2'
 */
export class IdAllocator {
  readonly #taken: Set<string>;
  constructor(reserved: Iterable<string>) {
    this.#taken = new Set(reserved);
  }
  /** A free id based on `base`. */
  take(base: string): string {
    let id = base;
    for (let n = 2; this.#taken.has(id); n++) id = `${base}-${n}`;
    this.#taken.add(id);
    return id;
  }
}

const BUILTIN_NAMES = new Set(Object.keys(builtinFormats));
const MESSAGE_FIELDS = new Set(['reason', 'description', 'message', 'detail']);

function buildPage(setup: HandlerSetup, locale: string, options: { readonly title: Text | undefined; readonly links: boolean }): DocPage {
  const { catalog, format } = setup;
  const labels = labelsFor(locale);
  const ids = new IdAllocator(catalog.definitions.map((d) => d.key));
  const entries = catalog.definitions.map((def) => entryFor(setup, locale, def));
  const sections = sectionsOf(setup, locale, ids, entries);
  const ordered = sections.flatMap((s) => s.entries);
  // The model body is a plain one: without placeholders, and without details where the catalog allows.
  const model = catalog.definitions.find((d) => d.params.length === 0 && entries[d.index]!.details === undefined)
    ?? catalog.definitions.find((d) => d.params.length === 0) ?? catalog.definitions[0]!;
  const violationCodes = entries.some((e) => e.details?.kind === 'violations') ? violationCodesIn(setup, locale) : [];
  return {
    title: textIn(options.title, locale, catalog.options.defaultLocale) ?? labels.title,
    locale,
    labels,
    format,
    example: entries[model.index]!.example,
    fields: fieldsOf(format, labels),
    entries,
    sections,
    challenges: ordered.filter((e) => e.challenge !== undefined),
    withHeaders: ordered.filter((e) => e.headers.length > 0),
    violationCodes,
    anyViolationDescription: violationCodes.some((v) => v.description !== undefined),
    links: options.links,
    anyRetryable: ordered.some((e) => e.retryable),
    anyDescription: ordered.some((e) => e.description !== undefined),
    anyFamily: ordered.some((e) => e.family),
    anyPlaceholder: catalog.definitions.some((d) => templateIn(d.message, locale).names.length > 0),
    anyScope: catalog.definitions.some((d) => d.bearer === 'insufficient_scope'),
    ids: {
      model: ids.take('error-response-model'), challenges: ids.take('www-authenticate'), headers: ids.take('response-headers'),
      violations: ids.take('violation-codes'),
    },
  };
}

function entryFor(setup: HandlerSetup, locale: string, def: CompiledDefinition): DocEntry {
  const plain = exampleFor(setup, def, undefined).example;
  const carrying = def.details === undefined ? undefined : exampleFor(setup, def, sampleDetails(setup, def.details));
  const details = carrying === undefined ? undefined : detailsOf(def.details!, plain, carrying);
  const example = details === undefined ? plain : carrying!.example;
  const message = templateIn(def.message, locale).source;
  const description = templateIn(def.description, locale).source;
  return {
    def,
    key: def.key,
    code: def.code.source,
    status: def.status,
    message,
    description: description === message ? undefined : description,
    retryable: def.retryable,
    family: def.isFamily,
    challenge: def.bearer === undefined ? undefined : example.headers.find(([name]) => name === 'WWW-Authenticate')?.[1],
    headers: example.headers.filter(([name]) => Object.hasOwn(def.headers, name)),
    example,
    details,
  };
}

// The response the middleware sends for the definition, thrown with each placeholder shown by name:
// a message reads `Illegal state: {detail}`, a family's code `RESOURCE_NOT_EXIST`. With `details`, also
// the details as the error carries them once read.
function exampleFor(setup: HandlerSetup, def: CompiledDefinition, details: unknown): { example: ExampleResponse; sent: unknown } {
  const scope = def.bearer === 'insufficient_scope' ? { scope: [SCOPE_PLACEHOLDER] } : undefined;
  const options: ThrowOptions | undefined = details === undefined ? scope : { ...scope, details };
  // What `errors[key](params, options)` does, but with this copy's HouseError: a catalog loaded
  // through another copy of house-errors (a CommonJS module read by the ESM CLI) documents the same.
  const thrown = new HouseError(def, def.params.length > 0 ? sampleParams(def) : undefined, options);
  const wire = wireFormWith(setup, thrown);
  // The docs must never show an answer the definition does not give.
  if (wire.status !== def.status) {
    throw new Error(`house-errors: cannot document "${def.key}": its example answered ${wire.status} (${wire.problems.join('; ')})`);
  }
  // Nor details it would refuse (a schema's `examples` that does not fit it).
  const refused = details === undefined ? [] : wire.problems.filter((p) => /^(details|violation)/.test(p));
  if (refused.length > 0) throw new Error(`house-errors: cannot document "${def.key}": its example details were refused (${refused.join('; ')})`);
  const body: unknown = JSON.parse(wire.body);
  const headers = Object.entries(wire.headers).filter(([name]) => name !== 'Content-Length');
  return { example: { status: wire.status, headers, body, json: JSON.stringify(body, null, 2) }, sent: details === undefined ? undefined : thrown.details };
}

// A family's code keeps its placeholder's name (`RESOURCE`), or `XRESOURCE` where the bare name would break the code.
function sampleParams(def: CompiledDefinition): Record<string, string> {
  const inCode = new Set(def.code.names);
  const values: Record<string, string> = {};
  for (const name of def.params) values[name] = inCode.has(name) ? name : `{${name}}`;
  if (def.isFamily && !isWireCode(renderTemplate(def.code, def.code.names.map((n) => values[n]!)))) {
    for (const name of def.code.names) values[name] = `X${name}`;
  }
  return values;
}

function sectionsOf(setup: HandlerSetup, locale: string, ids: IdAllocator, entries: readonly DocEntry[]): DocSection[] {
  const { definitions, options } = setup.catalog;
  const sections: DocSection[] = [];
  let rest = entries;
  const declared = Object.keys(options.groups);
  if (declared.length > 0 || definitions.some((d) => d.group !== undefined)) {
    // Declared groups in their order (even empty ones: the BaaS documents NotImplemented alone), then undeclared ones as first used.
    const names = [...new Set([...declared, ...definitions.flatMap((d) => (d.group === undefined ? [] : [d.group]))])];
    names.forEach((name, i) => {
      const inGroup = entries.filter((e) => e.def.group === name);
      const info = Object.hasOwn(options.groups, name) ? options.groups[name] : undefined;
      const shared = new Set(inGroup.map((e) => e.status));
      const slug = name.replace(/[^A-Za-z0-9_.-]+/g, '-').replace(/^-+|-+$/g, '');
      sections.push({
        id: ids.take(`group-${/[A-Za-z0-9]/.test(slug) ? slug : String(i + 1)}`),
        title: name,
        status: info?.status ?? (shared.size === 1 ? [...shared][0] : undefined),
        description: textIn(info?.description, locale, options.defaultLocale),
        isGroup: true,
        entries: inGroup,
      });
    });
    rest = entries.filter((e) => e.def.group === undefined);
  }
  for (const status of [...new Set(rest.map((e) => e.status))].sort((a, b) => a - b)) {
    sections.push({
      id: ids.take(`status-${status}`),
      title: statusTitle(status),
      status,
      description: undefined,
      isGroup: false,
      entries: rest.filter((e) => e.status === status),
    });
  }
  return sections;
}

// A field's own schema description, else ours for the fields of the built-in formats.
function fieldsOf(format: HouseFormat, labels: DocLabels): DocPage['fields'] {
  const properties = format.schema.properties;
  if (typeof properties !== 'object' || properties === null) return [];
  const builtin = BUILTIN_NAMES.has(format.name);
  return Object.entries(properties as Record<string, unknown>).map(([name, schema]) => {
    const own = typeof schema === 'object' && schema !== null ? (schema as { description?: unknown }).description : undefined;
    let text = typeof own === 'string' ? own : undefined;
    if (name === format.codeField) text ??= labels.fieldCode;
    if (builtin) {
      if (MESSAGE_FIELDS.has(name)) text ??= labels.fieldMessage;
      else if (name === 'type') text ??= labels.fieldType;
      else if (name === 'title') text ??= labels.fieldTitle;
      else if (name === 'status') text ??= labels.fieldStatus;
    }
    return { name, text };
  });
}

// ---------------------------------------------------------------------------------------
// Details: example values, the member that holds them, the fields of a definition's own object.

/** The values example violations point at, in the order the wire sorts them. */
const SAMPLE_POINTERS = ['/email', '/name'];

// One or two violations with the catalog's own codes (INVALID when it registers none), placeholders shown
// by name as in messages; or the object the definition's schema describes, from its `examples` where given.
function sampleDetails(setup: HandlerSetup, details: CompiledDetails): unknown {
  if (details.kind === 'schema') return sampleOf(details.schema as unknown as SchemaNode);
  const codes = [...setup.catalog.violations.values()];
  const registered = codes.filter((c) => !c.builtin);
  return (registered.length > 0 ? registered : codes).slice(0, 2).map((code, i) => ({
    pointer: SAMPLE_POINTERS[i]!,
    location: 'body',
    code: code.code,
    ...(code.params.length > 0 ? { params: Object.fromEntries(code.params.map((name) => [name, `{${name}}`])) } : {}),
    ...(code.echo ? { value: '{value}' } : {}),
  }));
}

type SchemaNode = DetailsSchema & { readonly [keyword: string]: unknown };

// A value the schema accepts: its first example, its const or first allowed value, else one per type.
function sampleOf(node: SchemaNode): unknown {
  if (Array.isArray(node.examples) && node.examples.length > 0) return node.examples[0];
  if (Object.hasOwn(node, 'const')) return node.const;
  if (Array.isArray(node.enum) && node.enum.length > 0) return node.enum[0];
  switch (node.type) {
    case 'object': {
      const properties = node.properties as Record<string, SchemaNode>;
      return Object.fromEntries(Object.keys(properties).map((name) => [name, sampleOf(properties[name]!)]));
    }
    case 'array': {
      // One item, or as many as minItems asks for, within maxItems.
      const count = Math.min(typeof node.minItems === 'number' ? Math.max(node.minItems, 1) : 1, typeof node.maxItems === 'number' ? node.maxItems : Infinity, MAX_DETAIL_ITEMS);
      return Array.from({ length: count }, () => sampleOf(node.items as SchemaNode));
    }
    case 'string': {
      const min = typeof node.minLength === 'number' ? node.minLength : 0;
      const max = typeof node.maxLength === 'number' ? node.maxLength : Infinity;
      return 'string'.padEnd(min, 'x').slice(0, max);
    }
    case 'number':
    case 'integer': {
      const min = typeof node.minimum === 'number' ? node.minimum : undefined;
      const max = typeof node.maximum === 'number' ? node.maximum : undefined;
      const value = min ?? (max !== undefined && max < 0 ? max : 0);
      return node.type === 'integer' ? (min !== undefined ? Math.ceil(value) : Math.floor(value)) : value;
    }
    case 'boolean': return true;
    default: return null;
  }
}

// The member holding the details: the one member they add to the plain body, holding the violations or
// the whole object; else they are members of the body itself. A format that does not send details at all
// (a `defineFormat` body that ignores them) documents none.
function detailsOf(details: CompiledDetails, plain: ExampleResponse, carrying: { example: ExampleResponse; sent: unknown }): DocDetails | undefined {
  const { example, sent } = carrying;
  if (example.json === plain.json) return undefined;
  const body = example.body as Record<string, unknown>;
  const added = Object.keys(body).filter((name) => !Object.hasOwn(plain.body as object, name));
  const value = added.length === 1 ? body[added[0]!] : undefined;
  const holds = details.kind === 'violations' ? Array.isArray(value) : value !== undefined && JSON.stringify(value) === JSON.stringify(sent);
  const fields = details.kind === 'schema' ? fieldsOfSchema(details.schema as unknown as SchemaNode, '') : [];
  return { kind: details.kind, member: holds ? added[0] : undefined, fields, anyDescription: fields.some((f) => f.description !== undefined) };
}

// The object's fields, depth first, nested ones by path.
function fieldsOfSchema(node: SchemaNode, prefix: string): DocDetailField[] {
  const properties = node.properties as Record<string, SchemaNode>;
  const required = new Set((node.required ?? []) as readonly string[]);
  return Object.keys(properties).flatMap((name) => {
    const child = properties[name]!;
    const path = `${prefix}${name}`;
    const own: DocDetailField = { name: path, type: typeOf(child), required: required.has(name), description: describeNode(child) };
    if (child.type === 'object') return [own, ...fieldsOfSchema(child, `${path}.`)];
    // An array of objects lists its items' fields under `name[].`.
    let items = child;
    let at = path;
    while (items.type === 'array') { items = items.items as SchemaNode; at = `${at}[]`; }
    return items.type === 'object' && items !== child ? [own, ...fieldsOfSchema(items, `${at}.`)] : [own];
  });
}

function typeOf(node: SchemaNode): string {
  if (Object.hasOwn(node, 'const')) return JSON.stringify(node.const);
  if (Array.isArray(node.enum)) return node.enum.map((v) => JSON.stringify(v)).join(', ');
  if (node.type === 'array') {
    const items = typeOf(node.items as SchemaNode);
    return items.includes(' ') ? `(${items})[]` : `${items}[]`;
  }
  return typeof node.format === 'string' ? `${String(node.type)} (${node.format})` : String(node.type);
}

function describeNode(node: SchemaNode): string | undefined {
  const text = typeof node.description === 'string' ? node.description : typeof node.title === 'string' ? node.title : undefined;
  return text === undefined || text.trim() === '' ? undefined : text;
}

// The catalog's violation codes in registration order (the built-in INVALID last), in the page's language.
function violationCodesIn(setup: HandlerSetup, locale: string): DocViolationCode[] {
  return [...setup.catalog.violations.values()].map((code) => {
    const message = templateIn(code.message, locale).source;
    const description = templateIn(code.description, locale).source;
    return { code: code.code, message, description: description === message ? undefined : description, params: code.params, echo: code.echo };
  });
}
