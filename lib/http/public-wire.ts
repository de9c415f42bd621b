/**
 * `wireForm`: the middleware's answer without a server, for docs, tests and other frameworks.
 */
import type { AnyCatalog } from '../catalog/types.js';
import { createSetup, type HandlerOptions, type HandlerSetup } from './setup.js';
import { answer } from './wire-form.js';

/** Options of `wireForm`: the handler's, plus the language to answer in. */
export type WireFormOptions<C extends AnyCatalog> = Omit<HandlerOptions<C>, 'locales' | 'onError'>;

/** A response as data. */
export interface PublicWireForm {
  readonly status: number;
  /** Every header the middleware sets, with `Content-Length`. */
  readonly headers: Readonly<Record<string, string>>;
  /** The body, serialised. */
  readonly body: string;
  /** Why the answer differs from what was thrown, or what was dropped from it. */
  readonly problems: readonly string[];
}

/**
 * What the middleware would send for `thrown`, as data. Validates the options each call:
 * use the middleware on a hot path, this in docs, tests and adapters.
 * @example
 * wireForm(errors, errors.INVALID_AUTH_TOKEN(), { format: 'code-message', realm: 'api' }).headers['WWW-Authenticate'];
 */
export function wireForm<C extends AnyCatalog>(errors: C, thrown: unknown, options: WireFormOptions<C>): PublicWireForm {
  return wireFormWith(createSetup(errors, options as HandlerOptions<AnyCatalog>), thrown);
}

/** `wireForm` with a setup made once (the docs answer every definition of a catalog with one). */
export function wireFormWith(setup: HandlerSetup, thrown: unknown): PublicWireForm {
  const locale = setup.locale.kind === 'fixed' ? setup.locale.locale : undefined;
  const { wire, problems } = answer(setup, thrown, locale);
  const headers: Record<string, string> = {};
  for (const [name, value] of wire.headers) headers[name] = value;
  for (const [name, value] of wire.ifAbsent ?? []) headers[name] = value;
  headers['Content-Length'] = String(wire.length);
  return { status: wire.status, headers, body: wire.body, problems };
}
