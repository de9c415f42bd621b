/**
 * The verified-token cache: a token that passed every check is remembered, by a SHA-256 hash of
 * the token, with the window of seconds in which an uncached check would pass it too. A repeat
 * token inside that window skips decoding and the signature; outside it, it is checked afresh.
 * Bounded by entries and by bytes; the oldest entry goes first.
 */
import { hash } from 'node:crypto';
import type { AuthPayload } from './token.js';

/** The resolved `cache` option. */
export interface CacheSettings {
  /** Most entries. */
  readonly max: number;
  /** Most bytes, counted as `entryBytes` estimates them. */
  readonly maxBytes: number;
  /** Longest an entry lives, in seconds, whatever the token's own `exp`. */
  readonly maxAgeSeconds: number;
}

/** Defaults of `cache: {}`: at most 10,000 tokens, 8 MiB and five minutes. */
export const CACHE_DEFAULTS: CacheSettings = { max: 10_000, maxBytes: 8 * 1024 * 1024, maxAgeSeconds: 300 };

/** Bookkeeping counted for every entry besides its token: the key, the entry and the Map's slot. */
const ENTRY_OVERHEAD = 256;

interface Entry {
  readonly payload: AuthPayload;
  /** First second (inclusive) at which an uncached check passes the token (`nbf`, `iat`, less the tolerance). */
  readonly from: number;
  /** First second at which it fails (`exp`, `iat` + `maxAgeSeconds`, plus the tolerance) or the entry is too old. */
  readonly until: number;
  readonly bytes: number;
}

/**
 * The memory an entry is counted for, from the token: twice the base64url text of its payload,
 * plus fixed bookkeeping. An upper bound: a 300-character access token is counted 694 bytes and
 * was measured at about 275 bytes of heap per entry (Node 20, key and frozen payload included).
 */
export function entryBytes(token: string): number {
  const first = token.indexOf('.');
  const second = token.indexOf('.', first + 1);
  return 2 * (second - first) + ENTRY_OVERHEAD;
}

/** The cache key of a token: its SHA-256, with the access key in front when there is one. */
export function cacheKey(token: string, accessKey: string | undefined): string {
  return hash('sha256', accessKey === undefined ? token : `${accessKey} ${token}`, 'base64');
}

/** One middleware's verified tokens. */
export class TokenCache {
  readonly #entries = new Map<string, Entry>();
  readonly #settings: CacheSettings;
  #bytes = 0;

  constructor(settings: CacheSettings) {
    this.#settings = settings;
  }

  /** Entries held now. */
  get size(): number {
    return this.#entries.size;
  }

  /** Bytes held now, as estimated. */
  get bytes(): number {
    return this.#bytes;
  }

  /** The payload of `key` if an uncached check at `now` (whole seconds) would pass it too. */
  get(key: string, now: number): AuthPayload | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    if (now < entry.until) return now >= entry.from ? entry.payload : undefined;
    this.#remove(key, entry);
    return undefined;
  }

  /**
   * Remembers a verified payload from `now` for as long as its window allows: from `from`, until
   * `until` or `maxAgeSeconds` from now, whichever comes first. The payload is frozen, since every
   * request with this token gets the same object.
   */
  set(key: string, payload: AuthPayload, from: number, until: number, now: number, bytes: number): void {
    const { max, maxBytes, maxAgeSeconds } = this.#settings;
    const end = Math.min(until, now + maxAgeSeconds);
    if (end <= now || bytes > maxBytes) return;
    const old = this.#entries.get(key);
    if (old !== undefined) this.#remove(key, old);
    // A Map iterates in insertion order: the first key is the oldest entry.
    while (this.#entries.size >= max || this.#bytes + bytes > maxBytes) {
      const oldest = this.#entries.keys().next().value as string;
      this.#remove(oldest, this.#entries.get(oldest)!);
    }
    this.#entries.set(key, { payload: deepFreeze(payload), from, until: end, bytes });
    this.#bytes += bytes;
  }

  #remove(key: string, entry: Entry): void {
    this.#entries.delete(key);
    this.#bytes -= entry.bytes;
  }
}

// Iterative, so a payload nested thousands of levels deep cannot overflow the stack.
function deepFreeze<T extends object>(value: T): T {
  const pending: object[] = [value];
  while (pending.length > 0) {
    const next = pending.pop()!;
    if (Object.isFrozen(next)) continue;
    Object.freeze(next);
    for (const child of Object.values(next)) if (typeof child === 'object' && child !== null) pending.push(child as object);
  }
  return value;
}
