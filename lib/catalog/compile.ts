/**
 * Startup validation: every definition is checked and parsed here, and every problem is
 * collected into one `CatalogDefinitionError` that names the key it belongs to.
 */
import { parseTemplate, type Template } from '../rules/template.js';
import type {
  CatalogInternals, CompiledDefinition, CompiledDetails, CompiledText, CompiledViolationCode, GroupInfo, ResolvedCatalogOptions,
} from './types.js';
import { checkDetailsSchema, type DetailsObjectSchema } from './schema.js';
import { violationCodeJson } from './details.js';
import { DEFAULT_VIOLATION_CODE, MAX_VIOLATIONS } from '../formats/violations.js';
import type { Bearer } from './types.js';
import { isHeaderName, isHeaderValue, isForbiddenHeader } from '../rules/headers.js';
import { isQuotable, MAX_REALM_LENGTH } from '../rules/challenge.js';
import { constantParts } from './house-error.js';
import { isWireCode, isLocaleTag } from '../rules/syntax.js';

/**
 * Thrown by `defineCatalog` and the middleware factories when a definition or option is wrong.
 * @example
 * try { defineCatalog({ A: { status: 200, message: 'x' } } as never); }
 * catch (err) { if (err instanceof CatalogDefinitionError) console.error(err.problems); }
 * // ['"A": status must be an integer from 400 to 599, got 200']
 */
export class CatalogDefinitionError extends Error {
  /** Every problem found, one line each, the key first. */
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(`house-errors: invalid catalog:\n  - ${problems.join('\n  - ')}`);
    this.problems = problems;
  }
}
Object.defineProperty(CatalogDefinitionError.prototype, 'name', { value: 'CatalogDefinitionError' });

const COMPONENT_NAME = /^[A-Za-z0-9._-]+$/;
const RESERVED_KEYS = new Set(['parse', 'then', '__proto__', 'prototype', 'constructor']);
const BEARER_STATUS: Readonly<Record<string, number>> = {
  true: 401, invalid_request: 400, invalid_token: 401, insufficient_scope: 403,
};
const KNOWN_FIELDS = new Set([
  'status', 'code', 'message', 'description', 'bearer', 'retryable', 'group', 'headers', 'stack', 'details',
]);
const VIOLATION_FIELDS = new Set(['message', 'description', 'echo']);
/** The message of `INVALID` when the catalog does not register it. */
const BUILTIN_INVALID_MESSAGE = 'This value is invalid.';
/** Default of the catalog's `maxViolations`. */
const DEFAULT_MAX_VIOLATIONS = 100;

/** The raw options `defineCatalog` accepts (typed in define.ts). */
export interface RawCatalogOptions {
  readonly defaultLocale?: unknown;
  readonly realm?: unknown;
  readonly maxParamLength?: unknown;
  readonly challengeDescription?: unknown;
  readonly stack?: unknown;
  readonly groups?: unknown;
  readonly violations?: unknown;
  readonly maxViolations?: unknown;
}

/** Validates and compiles a catalog; throws `CatalogDefinitionError` listing every problem. */
export function compileCatalog(definitions: unknown, rawOptions: RawCatalogOptions = {}): CatalogInternals {
  const problems: string[] = [];
  const options = resolveOptions(rawOptions, problems);
  const stackPolicy = rawOptions.stack ?? 'server-errors';
  if (!['all', 'server-errors', 'none'].includes(stackPolicy as string)) {
    problems.push(`option stack: expected 'all', 'server-errors' or 'none', got ${describe(stackPolicy)}`);
  }
  if (typeof definitions !== 'object' || definitions === null || Array.isArray(definitions)) {
    throw new CatalogDefinitionError([...problems, 'definitions: expected an object of definitions by key']);
  }

  const compiled: CompiledDefinition[] = [];
  const byKey = new Map<string, CompiledDefinition>();
  const violations = compileViolations(rawOptions.violations, options.defaultLocale, problems);
  const internals: CatalogInternals = { definitions: compiled, byKey, options, locales: [], violations };
  const seenCodeStatus = new Map<string, string>();
  const seenComponentNames = new Map<string, string>();
  const locales = new Set<string>([options.defaultLocale]);

  for (const key of Object.keys(definitions)) {
    const before = problems.length;
    const fail = (problem: string): void => { problems.push(`"${key}": ${problem}`); };
    const def = compileDefinition(key, (definitions as Record<string, unknown>)[key], options, stackPolicy, internals, fail);
    if (problems.length > before || def === undefined) continue;

    const codeStatus = `${def.code.source} ${def.status}`;
    const twin = seenCodeStatus.get(codeStatus);
    if (twin !== undefined) fail(`same code "${def.code.source}" and status ${def.status} as "${twin}"`);
    seenCodeStatus.set(codeStatus, key);

    // OpenAPI component names allow only [a-zA-Z0-9._-]: family keys lose their braces there.
    const componentName = key.replace(/[{}]/g, '');
    const clash = seenComponentNames.get(componentName);
    if (clash !== undefined) fail(`its OpenAPI component name "${componentName}" collides with "${clash}"`);
    seenComponentNames.set(componentName, key);

    for (const text of [def.message, def.description]) for (const locale of text.byLocale.keys()) locales.add(locale);
    (def as { index: number }).index = compiled.length;
    compiled.push(def);
    byKey.set(key, def);
  }
  for (const code of violations.values()) for (const locale of code.message.byLocale.keys()) locales.add(locale);
  if (problems.length > 0) throw new CatalogDefinitionError(problems);
  (internals as { locales: readonly string[] }).locales = [...locales];
  return internals;
}

function resolveOptions(raw: RawCatalogOptions, problems: string[]): ResolvedCatalogOptions {
  const defaultLocale = raw.defaultLocale ?? 'en';
  if (typeof defaultLocale !== 'string' || !isLocaleTag(defaultLocale)) {
    problems.push(`option defaultLocale: expected a BCP 47 tag such as 'en', got ${describe(defaultLocale)}`);
  }
  const realm = raw.realm;
  if (realm !== undefined && (typeof realm !== 'string' || !isQuotable(realm) || realm.length > MAX_REALM_LENGTH)) {
    problems.push(`option realm: expected printable ASCII without " or \\, at most ${MAX_REALM_LENGTH} characters, got ${describe(realm)}`);
  }
  const maxParamLength = raw.maxParamLength ?? 1024;
  if (typeof maxParamLength !== 'number' || !Number.isInteger(maxParamLength) || maxParamLength < 1) {
    problems.push(`option maxParamLength: expected a positive integer, got ${describe(maxParamLength)}`);
  }
  const challengeDescription = raw.challengeDescription ?? true;
  if (typeof challengeDescription !== 'boolean') {
    problems.push(`option challengeDescription: expected a boolean, got ${describe(challengeDescription)}`);
  }
  const groups = raw.groups ?? {};
  if (typeof groups !== 'object' || groups === null) problems.push('option groups: expected an object by group name');
  const maxViolations = raw.maxViolations ?? DEFAULT_MAX_VIOLATIONS;
  if (typeof maxViolations !== 'number' || !Number.isInteger(maxViolations) || maxViolations < 1 || maxViolations > MAX_VIOLATIONS) {
    problems.push(`option maxViolations: expected a whole number from 1 to ${MAX_VIOLATIONS}, got ${describe(maxViolations)}`);
  }
  return {
    maxViolations: maxViolations as number,
    defaultLocale: defaultLocale as string,
    realm: realm as string | undefined,
    maxParamLength: maxParamLength as number,
    challengeDescription: challengeDescription as boolean,
    groups: groups as Record<string, GroupInfo>,
  };
}

function compileDefinition(
  key: string, raw: unknown, options: ResolvedCatalogOptions, stackPolicy: unknown,
  catalog: CatalogInternals, fail: (problem: string) => void,
): CompiledDefinition | undefined {
  if (RESERVED_KEYS.has(key)) return void fail('this key is reserved (the catalog object uses it)');
  if (typeof raw !== 'object' || raw === null) return void fail('expected a definition object');
  const d = raw as Record<string, unknown>;
  for (const field of Object.keys(d)) if (!KNOWN_FIELDS.has(field)) fail(`unknown field "${field}"`);

  const status = d.status;
  if (typeof status !== 'number' || !Number.isInteger(status) || status < 400 || status > 599) {
    fail(`status must be an integer from 400 to 599, got ${describe(status)}`);
  }
  const keyTemplate = checkTemplate(key, 'key', fail);
  if (!COMPONENT_NAME.test(key.replace(/[{}]/g, ''))) fail('a key may hold only letters, digits, _ . - and {placeholders}');
  if (d.code !== undefined && typeof d.code !== 'string') fail(`code must be a string, got ${describe(d.code)}`);
  const code = typeof d.code === 'string' ? checkTemplate(d.code, 'code', fail) : keyTemplate;
  if (code !== undefined && !isWireCode(code.literals.join('X'))) {
    fail(`wire code "${code.source}" does not match [A-Za-z][A-Za-z0-9_]* once resolved`);
  }
  const message = compileText(d.message, 'message', options.defaultLocale, fail);
  const description = d.description === undefined ? message : compileText(d.description, 'description', options.defaultLocale, fail);

  const bearer = d.bearer as Bearer | undefined;
  const rawBearer: unknown = d.bearer;
  if (bearer !== undefined) {
    const name = rawBearer === true ? 'true' : typeof rawBearer === 'string' && rawBearer !== 'true' ? rawBearer : '';
    if (!Object.hasOwn(BEARER_STATUS, name)) {
      fail(`bearer must be true, 'invalid_request', 'invalid_token' or 'insufficient_scope', got ${describe(bearer)}`);
    } else if (BEARER_STATUS[name] !== status) {
      fail(`bearer ${describe(bearer)} belongs to status ${BEARER_STATUS[name]} (RFC 6750 §3.1), not ${describe(status)}`);
    }
  }
  if (d.retryable !== undefined && typeof d.retryable !== 'boolean') fail(`retryable must be a boolean, got ${describe(d.retryable)}`);
  if (d.stack !== undefined && typeof d.stack !== 'boolean') fail(`stack must be a boolean, got ${describe(d.stack)}`);
  if (d.group !== undefined) {
    if (typeof d.group !== 'string' || d.group === '') fail(`group must be a non-empty string, got ${describe(d.group)}`);
    else if (Object.keys(options.groups).length > 0 && !Object.hasOwn(options.groups, d.group)) {
      fail(`group "${d.group}" is not declared in the catalog's groups option`);
    }
  }
  const headers = checkHeaders(d.headers, bearer !== undefined, fail);
  const details = checkDetails(d.details, fail);
  if (keyTemplate === undefined || code === undefined || message === undefined || description === undefined || headers === undefined) {
    return undefined;
  }

  const params = [...new Set([...keyTemplate.names, ...code.names, ...message.fallback.names])];
  const stack = typeof d.stack === 'boolean'
    ? d.stack
    : stackPolicy === 'all' || (stackPolicy === 'server-errors' && (status as number) >= 500);
  const def: CompiledDefinition = {
    key, index: -1, status: status as number, code, isFamily: code.names.length > 0, message, description, params,
    bearer, retryable: d.retryable === true, group: d.group as string | undefined, headers, stack,
    constantErrorHeaders: undefined, constantMessage: undefined, details, catalog,
  };
  return Object.assign(def, constantParts(def));
}

function checkDetails(raw: unknown, fail: (problem: string) => void): CompiledDetails | undefined {
  if (raw === undefined) return undefined;
  if (raw === 'violations') return VIOLATIONS;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw) || !Object.hasOwn(raw, 'schema') || Object.keys(raw).length !== 1) {
    return void fail(`details must be 'violations' or { schema: { type: 'object', … } }, got ${describe(raw)}`);
  }
  const schema = (raw as { schema: unknown }).schema;
  const before = { failed: false };
  checkDetailsSchema(schema, (problem) => { before.failed = true; fail(problem); });
  return before.failed ? undefined : { kind: 'schema', schema: schema as DetailsObjectSchema };
}
const VIOLATIONS: CompiledDetails = Object.freeze({ kind: 'violations' });

// The catalog's violation codes, with the built-in INVALID unless it registers its own.
function compileViolations(raw: unknown, defaultLocale: string, problems: string[]): Map<string, CompiledViolationCode> {
  const codes = new Map<string, CompiledViolationCode>();
  if (raw !== undefined && (typeof raw !== 'object' || raw === null || Array.isArray(raw))) {
    problems.push(`option violations: expected an object of violation codes, got ${describe(raw)}`);
  }
  const given = typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? raw as Record<string, unknown> : {};
  for (const code of Object.keys(given)) {
    const fail = (problem: string): void => { problems.push(`violation "${code}": ${problem}`); };
    if (!isWireCode(code)) { fail('a violation code must match [A-Za-z][A-Za-z0-9_]*'); continue; }
    const entry = given[code];
    if (typeof entry !== 'object' || entry === null) { fail('expected { message }'); continue; }
    for (const field of Object.keys(entry)) if (!VIOLATION_FIELDS.has(field)) fail(`unknown field "${field}"`);
    const e = entry as Record<string, unknown>;
    const message = compileText(e.message, 'message', defaultLocale, fail);
    const description = e.description === undefined ? message : compileText(e.description, 'description', defaultLocale, fail);
    if (e.echo !== undefined && typeof e.echo !== 'boolean') fail(`echo must be a boolean, got ${describe(e.echo)}`);
    if (message === undefined || description === undefined) continue;
    // A params record is a plain object: a `__proto__` member would set its prototype, not a value.
    if (message.fallback.names.includes('__proto__')) { fail('message: {__proto__} cannot be a placeholder name'); continue; }
    codes.set(code, {
      code, message, description, params: [...new Set(message.fallback.names)], echo: e.echo === true, builtin: false,
      json: violationCodeJson(code, message.fallback),
    });
  }
  if (!codes.has(DEFAULT_VIOLATION_CODE)) {
    const message: CompiledText = { fallback: parseTemplate(BUILTIN_INVALID_MESSAGE) as Template, byLocale: new Map(), translated: false };
    codes.set(DEFAULT_VIOLATION_CODE, {
      code: DEFAULT_VIOLATION_CODE, message, description: message, params: [], echo: false, builtin: true,
      json: violationCodeJson(DEFAULT_VIOLATION_CODE, message.fallback),
    });
  }
  return codes;
}

function checkTemplate(source: string, what: string, fail: (problem: string) => void): Template | undefined {
  const parsed = parseTemplate(source);
  if (typeof parsed === 'string') return void fail(`${what} "${source}": ${parsed}`);
  return parsed;
}

function compileText(raw: unknown, what: string, defaultLocale: string, fail: (problem: string) => void): CompiledText | undefined {
  if (typeof raw === 'string') {
    const fallback = checkTemplate(raw, what, fail);
    return fallback && { fallback, byLocale: new Map(), translated: false };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return void fail(`${what} must be a string or an object of translations by locale, got ${describe(raw)}`);
  }
  const byLocale = new Map<string, Template>();
  for (const [locale, text] of Object.entries(raw)) {
    if (!isLocaleTag(locale)) { fail(`${what}: "${locale}" is not a BCP 47 language tag`); continue; }
    if (typeof text !== 'string') { fail(`${what}.${locale} must be a string, got ${describe(text)}`); continue; }
    const template = checkTemplate(text, `${what}.${locale}`, fail);
    if (template) byLocale.set(locale, template);
  }
  const fallback = byLocale.get(defaultLocale);
  if (fallback === undefined) return void fail(`${what} has no text in the default locale "${defaultLocale}"`);
  const expected = [...new Set(fallback.names)].sort().join(', ');
  for (const [locale, template] of byLocale) {
    const names = [...new Set(template.names)].sort().join(', ');
    if (names !== expected) fail(`${what}.${locale} has placeholders {${names}} but ${defaultLocale} has {${expected}}`);
  }
  return { fallback, byLocale, translated: true };
}

function checkHeaders(raw: unknown, hasBearer: boolean, fail: (problem: string) => void): Record<string, string> | undefined {
  if (raw === undefined) return {};
  if (typeof raw !== 'object' || raw === null) return void fail(`headers must be an object, got ${describe(raw)}`);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (!isHeaderName(name)) fail(`header name "${name}" is not an HTTP token`);
    else if (isForbiddenHeader(name)) fail(`header "${name}" cannot be set by a definition (framing, Set-Cookie)`);
    else if (hasBearer && name.toLowerCase() === 'www-authenticate') fail('header WWW-Authenticate conflicts with bearer');
    else if (typeof value !== 'string' || !isHeaderValue(value)) fail(`header "${name}" has an invalid value ${describe(value)}`);
    else headers[name] = value;
  }
  return headers;
}

/** A short, safe description of any value for an error message. */
export function describe(value: unknown): string {
  try {
    if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
    if (typeof value === 'bigint') return `${value}n`;
    if (value === null || typeof value !== 'object') return String(value);
    return Array.isArray(value) ? 'an array' : 'an object';
  } catch {
    return 'an unprintable value';
  }
}
