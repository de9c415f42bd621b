/**
 * Loads a user's catalog module for the CLI: ESM or CommonJS, TypeScript compiled to
 * either, the catalog as the default export or as `errors`.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AnyCatalog } from '../catalog/types.js';
import { CATALOG } from '../catalog/types.js';

/**
 * A problem the user fixes in the arguments or the module (missing, fails to load, no catalog, no
 * format): the CLI prints its message on one line and exits 2.
 * @example throw new UsageError('module not found: ./errors.js');
 */
export class UsageError extends Error {}
Object.defineProperty(UsageError.prototype, 'name', { value: 'UsageError' });

/**
 * True for a catalog made by `defineCatalog` (from any copy of house-errors).
 * @example isCatalog(namespace.errors) // true for defineCatalog(...)
 */
export function isCatalog(value: unknown): value is AnyCatalog {
  return typeof value === 'object' && value !== null && CATALOG in value;
}

/**
 * The module's namespace, loaded by path relative to the working directory.
 * @example const namespace = await loadModule('./dist/errors.js');
 */
export async function loadModule(modulePath: string): Promise<Record<string, unknown>> {
  if (typeof modulePath !== 'string' || modulePath === '') throw new UsageError('a module path is required');
  const file = resolve(process.cwd(), modulePath);
  if (!existsSync(file)) throw new UsageError(`module not found: ${modulePath} (resolved to ${file})`);
  try {
    // The CommonJS build compiles import() to require(), which takes a path, not a file URL.
    const specifier = typeof require === 'function' ? file : pathToFileURL(file).href;
    return await import(specifier) as Record<string, unknown>;
  } catch (err) {
    const code = (err as { code?: unknown } | null)?.code;
    if (code === 'ERR_UNKNOWN_FILE_EXTENSION' && /\.[cm]?tsx?$/.test(file)) {
      throw new UsageError(`cannot load ${modulePath}: Node needs a TypeScript loader (node --import tsx …) or the compiled .js file`, { cause: err });
    }
    const why = err instanceof Error ? err.message : String(err);
    throw new UsageError(`cannot load ${modulePath}: ${why}`, { cause: err });
  }
}

/**
 * A named export of a loaded module, also when it is CommonJS: import() then gives `module.exports`
 * as `default`, and its properties as named exports only when Node's static analysis finds them.
 * @example exportOf(await loadModule('./dist/errors.cjs'), 'format') // module.exports.format
 */
export function exportOf(namespace: Record<string, unknown>, name: string): unknown {
  if (namespace[name] !== undefined) return namespace[name];
  const cjs = namespace.default;
  return typeof cjs === 'object' && cjs !== null && !isCatalog(cjs) ? (cjs as Record<string, unknown>)[name] : undefined;
}

/**
 * The catalog of a loaded module: `default`, `errors`, or the same on a CommonJS `module.exports`.
 * @example const errors = catalogOf(await loadModule('./dist/errors.cjs'), './dist/errors.cjs');
 */
export function catalogOf(namespace: Record<string, unknown>, modulePath: string): AnyCatalog {
  const cjs = namespace.default;
  const candidates = [
    namespace.default, exportOf(namespace, 'errors'),
    // TypeScript's CommonJS output puts its default export on exports.default.
    typeof cjs === 'object' && cjs !== null ? (cjs as Record<string, unknown>).default : undefined,
  ];
  const found = candidates.find(isCatalog);
  if (found !== undefined) return found;
  const names = Object.keys(namespace).filter((n) => n !== 'default' || namespace.default !== undefined);
  throw new UsageError(
    `${modulePath} exports no catalog: export it as default or as "errors" (found ${names.length === 0 ? 'no exports' : names.map((n) => `"${n}"`).join(', ')})`,
  );
}

/**
 * Loads the catalog a module exports as `default` or `errors` (ESM or CommonJS).
 * Throws a `UsageError` with a message for the terminal when it cannot.
 * @example
 * const errors = await loadCatalog('./dist/errors.js');
 */
export async function loadCatalog(modulePath: string): Promise<AnyCatalog> {
  return catalogOf(await loadModule(modulePath), modulePath);
}
