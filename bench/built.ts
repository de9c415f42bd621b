/**
 * house-errors as users run it: every benchmark loads the package from the build (`dist/esm`, what
 * tsc emits and `npm pack` ships), never the TypeScript sources through tsx, whose transform adds
 * work of its own (a name helper called each time a nested named function is made). Types come from
 * the sources, so the benchmarks type-check without a build. `npm run bench` builds first; a part
 * run alone refuses a build older than `lib/`.
 */
import { readdirSync, statSync } from 'node:fs';
import type * as Answer from '../lib/http/answer.js';
import type * as Bearer from '../lib/bearer/index.js';
import type * as Index from '../lib/index.js';
import type * as Setup from '../lib/http/setup.js';

export type { AnyCatalog, Definition, ErrorStatus, HandlerOptions, ResponseLike, ViolationInput } from '../lib/index.js';

const LIB = new URL('../lib/', import.meta.url);
const DIST = new URL('../dist/esm/', import.meta.url);

function newest(dir: URL): number {
  return Math.max(...readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((file) => statSync(new URL(file, dir)).mtimeMs));
}
let built: number;
try {
  built = statSync(new URL('index.js', DIST)).mtimeMs;
} catch {
  throw new Error('bench: no build in dist/esm; run `npm run build` first (`npm run bench` does)');
}
if (newest(LIB) > built) throw new Error('bench: dist/esm is older than lib/; run `npm run build` first (`npm run bench` does)');

const load = async <Module>(file: string): Promise<Module> => await import(new URL(file, DIST).href) as Module;

export const {
  defineCatalog, errorHandler, koaErrorHandler, renderHtml, renderMarkdown, toOpenAPI,
} = await load<typeof Index>('index.js');
export const { bearerAuth } = await load<typeof Bearer>('bearer/index.js');
/** Internals the in-process parts call directly: the setup a middleware makes once, and the answer it writes. */
export const { createSetup } = await load<typeof Setup>('http/setup.js');
export const { answer } = await load<typeof Answer>('http/answer.js');
