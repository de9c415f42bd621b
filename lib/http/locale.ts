/**
 * Choosing the answer's language from `Accept-Language` with `negotiator` (the parser
 * Express itself uses). Hostile headers are cut to a fixed size before parsing, and the
 * result for each distinct header is remembered in a small bounded cache.
 */
import Negotiator from 'negotiator';
import type { LocalePolicy, RequestLike } from './setup.js';

/** Longest `Accept-Language` value parsed; the rest is ignored. */
export const MAX_ACCEPT_LANGUAGE_LENGTH = 1024;
/**
 * Most language ranges parsed; the rest are ignored. Browsers send a handful, in order of
 * preference; without this cap, 1 KiB of `a,a,a,…` (500 ranges) cost about 100 answers.
 */
export const MAX_ACCEPT_LANGUAGE_RANGES = 16;
const CACHE_SIZE = 256;

/** Picks a language for one request: a function per handler, with its own cache. */
export function createLocalePicker(policy: LocalePolicy): (req: RequestLike) => string | undefined {
  if (policy.kind === 'none') return () => undefined;
  if (policy.kind === 'fixed') return () => policy.locale;
  const { locales, defaultLocale } = policy;
  const cache = new Map<string, string>();
  return (req) => {
    let header: unknown;
    try {
      header = req.headers['accept-language'];
    } catch {
      return defaultLocale;
    }
    if (Array.isArray(header)) header = header.join(',');
    if (typeof header !== 'string' || header === '') return defaultLocale;
    if (header.length > MAX_ACCEPT_LANGUAGE_LENGTH) {
      // Cut at the last complete range so a half range is not mistaken for a language.
      const cut = header.slice(0, MAX_ACCEPT_LANGUAGE_LENGTH);
      const comma = cut.lastIndexOf(',');
      header = comma > 0 ? cut.slice(0, comma) : cut;
    }
    header = firstRanges(header as string);
    const key = header as string;
    const hit = cache.get(key);
    if (hit !== undefined) return hit;
    let chosen = defaultLocale;
    try {
      chosen = new Negotiator({ headers: { 'accept-language': key } }).language(locales as string[]) ?? defaultLocale;
    } catch {
      chosen = defaultLocale;
    }
    if (cache.size >= CACHE_SIZE) cache.clear();
    cache.set(key, chosen);
    return chosen;
  };
}

// The first MAX_ACCEPT_LANGUAGE_RANGES comma-separated ranges of a header.
function firstRanges(header: string): string {
  let comma = -1;
  for (let i = 0; i < MAX_ACCEPT_LANGUAGE_RANGES; i++) {
    comma = header.indexOf(',', comma + 1);
    if (comma === -1) return header;
  }
  return header.slice(0, comma);
}
