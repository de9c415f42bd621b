/**
 * The reference page as data, shared by the Markdown and HTML renderers: sections per
 * status (or per documentation group), entries in catalog order, every example made by
 * the wire form. Nothing here depends on time or on the machine, so the same catalog
 * always gives the same page.
 */
import statuses from 'statuses';
import { templateIn, type CompiledDefinition } from '../catalog/types.js';
import { builtinFormats } from '../formats/builtin.js';
import { exampleFor, headerOf, type ExampleResponse } from './examples.js';
import { labelsFor, type DocLabels } from './labels.js';
import { textIn, type ResolvedDocs } from './options.js';

/** One definition on the page. */
export interface DocEntry {
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
  /** The definition's own headers (`Retry-After`…), as sent. */
  readonly headers: ReadonlyArray<readonly [string, string]>;
  readonly example: ExampleResponse;
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

/** One field of the body format. */
export interface DocField {
  readonly name: string;
  readonly text: string | undefined;
}

/** A whole page in one language. */
export interface DocPage {
  readonly title: string;
  readonly locale: string;
  readonly labels: DocLabels;
  readonly contentType: string;
  /** The response shown in the introduction. */
  readonly example: ExampleResponse;
  readonly fields: readonly DocField[];
  readonly sections: readonly DocSection[];
  /** Definitions with a Bearer challenge, in section order. */
  readonly challenges: readonly DocEntry[];
  /** Definitions with headers of their own, in section order. */
  readonly withHeaders: readonly DocEntry[];
  readonly anyRetryable: boolean;
  /** Some definition has a description that says more than its message (else the column is left out). */
  readonly anyDescription: boolean;
  readonly anyFamily: boolean;
  readonly anyPlaceholder: boolean;
  readonly anyScope: boolean;
  /** Descriptions and group paragraphs may hold http(s) links (the `links` option). */
  readonly links: boolean;
  /** Ids of the fixed sections, unique among the keys. */
  readonly ids: { readonly model: string; readonly challenges: string; readonly headers: string };
}

const BUILTIN_NAMES = new Set(Object.keys(builtinFormats));
const MESSAGE_FIELDS = new Set(['reason', 'description', 'message', 'detail']);
// Headers every response has; the rest are the definition's own.
const COMMON_HEADERS = new Set(['content-type', 'content-language', 'www-authenticate']);

/**
 * Builds the page model.
 * @example buildPage(resolveDocs(errors, { format: 'code-message' }, 'renderMarkdown')).sections[0]?.title // '400 Bad Request'
 */
export function buildPage(docs: ResolvedDocs): DocPage {
  const { internals, locale } = docs;
  const labels = labelsFor(locale);
  const ids = new IdAllocator(internals.definitions.map((d) => d.key));
  const entryOf = new Map(internals.definitions.map((def) => [def, entryFor(docs, def)] as const));
  const sections = sectionsOf(docs, ids, entryOf);
  const ordered = sections.flatMap((s) => s.entries);
  const model = internals.definitions.find((d) => d.params.length === 0) ?? internals.definitions[0]!;
  const title = textIn(docs.title, locale, internals.options.defaultLocale) ?? labels.title;
  return {
    title,
    locale,
    labels,
    contentType: docs.format.contentType,
    example: entryOf.get(model)!.example,
    fields: fieldsOf(docs, labels),
    sections,
    challenges: ordered.filter((e) => e.challenge !== undefined),
    withHeaders: ordered.filter((e) => e.headers.length > 0),
    links: docs.links,
    anyRetryable: ordered.some((e) => e.retryable),
    anyDescription: ordered.some((e) => e.description !== undefined),
    anyFamily: ordered.some((e) => e.family),
    anyPlaceholder: internals.definitions.some((d) => templateIn(d.message, locale).names.length > 0),
    anyScope: internals.definitions.some((d) => d.bearer === 'insufficient_scope'),
    ids: { model: ids.take('error-response-model'), challenges: ids.take('www-authenticate'), headers: ids.take('response-headers') },
  };
}

/**
 * `400 Bad Request`; the bare number for a status without a registered phrase.
 * @example statusTitle(429) // '429 Too Many Requests'
 */
export function statusTitle(status: number): string {
  const phrase = statuses.message[status];
  return phrase === undefined ? String(status) : `${status} ${phrase}`;
}

function entryFor(docs: ResolvedDocs, def: CompiledDefinition): DocEntry {
  const example = exampleFor(docs, def);
  const message = templateIn(def.message, docs.locale).source;
  const description = templateIn(def.description, docs.locale).source;
  return {
    key: def.key,
    code: def.code.source,
    status: def.status,
    message,
    description: description === message ? undefined : description,
    retryable: def.retryable,
    family: def.isFamily,
    challenge: def.bearer === undefined ? undefined : headerOf(example, 'WWW-Authenticate'),
    headers: example.headers.filter(([name]) => !COMMON_HEADERS.has(name.toLowerCase())),
    example,
  };
}

function sectionsOf(docs: ResolvedDocs, ids: IdAllocator, entryOf: ReadonlyMap<CompiledDefinition, DocEntry>): DocSection[] {
  const { definitions, options } = docs.internals;
  const sections: DocSection[] = [];
  let rest = definitions;
  const declared = Object.keys(options.groups);
  if (declared.length > 0 || definitions.some((d) => d.group !== undefined)) {
    // Declared groups in their order (even empty ones: seed 003 documents NotImplemented alone), then undeclared ones as first used.
    const names = [...new Set([...declared, ...definitions.flatMap((d) => (d.group === undefined ? [] : [d.group]))])];
    names.forEach((name, i) => {
      const entries = definitions.filter((d) => d.group === name).map((d) => entryOf.get(d)!);
      const info = Object.hasOwn(options.groups, name) ? options.groups[name] : undefined;
      const shared = new Set(entries.map((e) => e.status));
      const slug = name.replace(/[^A-Za-z0-9_.-]+/g, '-').replace(/^-+|-+$/g, '');
      sections.push({
        id: ids.take(`group-${/[A-Za-z0-9]/.test(slug) ? slug : String(i + 1)}`),
        title: name,
        status: info?.status ?? (shared.size === 1 ? [...shared][0] : undefined),
        description: textIn(info?.description, docs.locale, options.defaultLocale),
        isGroup: true,
        entries,
      });
    });
    rest = definitions.filter((d) => d.group === undefined);
  }
  const byStatus = [...new Set(rest.map((d) => d.status))].sort((a, b) => a - b);
  for (const status of byStatus) {
    sections.push({
      id: ids.take(`status-${status}`),
      title: statusTitle(status),
      status,
      description: undefined,
      isGroup: false,
      entries: rest.filter((d) => d.status === status).map((d) => entryOf.get(d)!),
    });
  }
  return sections;
}

function fieldsOf(docs: ResolvedDocs, labels: DocLabels): DocField[] {
  const { format } = docs;
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
