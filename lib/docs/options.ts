/**
 * The options every renderer shares, checked once: the catalog, the format, the language.
 */
import type { AnyCatalog } from '../catalog/types.js';
import { internalsOf } from '../catalog/define.js';
import type { CatalogInternals } from '../catalog/types.js';
import type { Text } from '../catalog/types.js';
import { resolveFormat, type FormatRef } from '../formats/builtin.js';
import type { HouseFormat } from '../formats/format.js';
import { createSetup } from '../http/setup.js';
import { wireFormWith, type PublicWireForm } from '../http/answer.js';

/**
 * Options of `renderMarkdown` (and the base of the other renderers' options).
 * @example
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
   * Render `[text](https://…)` in descriptions and group paragraphs as links (seed 003 links
   * its RFCs and support page). Default false: every catalog text is plain text.
   */
  readonly links?: boolean;
}

/** What a renderer needs, resolved. */
export interface ResolvedDocs {
  readonly errors: AnyCatalog;
  readonly internals: CatalogInternals;
  readonly format: HouseFormat;
  /** The page's language (always set: the option or the catalog's default). */
  readonly locale: string;
  /** True when the caller chose the language: the example responses then carry `Content-Language`. */
  readonly explicitLocale: boolean;
  readonly realm: string | undefined;
  readonly title: Text | undefined;
  readonly links: boolean;
  /** What the middleware would send for a thrown value, with a handler setup made once per page. */
  readonly wire: (thrown: unknown) => PublicWireForm;
}

/**
 * Validates renderer options; throws a TypeError naming the renderer and the problem.
 * @example const docs = resolveDocs(errors, { format: 'code-message', locale: 'en' }, 'renderMarkdown');
 */
export function resolveDocs(errors: AnyCatalog, options: DocsOptions, renderer: string): ResolvedDocs {
  const internals = internalsOf(errors);
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(`house-errors: ${renderer} needs options with a format, e.g. { format: 'code-message' }`);
  }
  const format = resolveFormat(options.format);
  const locale = options.locale ?? internals.options.defaultLocale;
  checkLocale(internals, locale, renderer);
  const title = options.title;
  if (title !== undefined && typeof title !== 'string' && (typeof title !== 'object' || title === null)) {
    throw new TypeError(`house-errors: ${renderer}: title must be a string or translations by locale`);
  }
  if (options.links !== undefined && typeof options.links !== 'boolean') {
    throw new TypeError(`house-errors: ${renderer}: links must be a boolean`);
  }
  const setup = createSetup(errors, {
    format, ...(options.realm === undefined ? {} : { realm: options.realm }), ...(options.locale === undefined ? {} : { locale }),
  });
  return {
    errors, internals, format, locale, explicitLocale: options.locale !== undefined, realm: options.realm, title,
    links: options.links === true, wire: (thrown) => wireFormWith(setup, thrown),
  };
}

/**
 * Throws unless the catalog has texts in `locale`.
 * @example checkLocale(internals, 'fr', 'renderHtml') // throws: locale "fr" is not one of the catalog's (en)
 */
export function checkLocale(internals: CatalogInternals, locale: unknown, renderer: string): void {
  if (typeof locale !== 'string' || !internals.locales.includes(locale)) {
    throw new TypeError(`house-errors: ${renderer}: locale ${JSON.stringify(locale)} is not one of the catalog's (${internals.locales.join(', ')})`);
  }
}

/**
 * A `Text` in one language, falling back to the catalog's default language.
 * @example textIn({ ko: '에러', en: 'Errors' }, 'en', 'ko') // 'Errors'
 */
export function textIn(text: Text | undefined, locale: string, defaultLocale: string): string | undefined {
  if (text === undefined || typeof text === 'string') return text;
  return Object.hasOwn(text, locale) ? text[locale] : Object.hasOwn(text, defaultLocale) ? text[defaultLocale] : undefined;
}
