/**
 * The committed reference pages of the example APIs: which catalog, which docs CLI
 * arguments, which file. `npm run docs:examples` writes them; a test checks them (`--check`).
 */

/** One generated page. */
export interface ExamplePage {
  /** The example's folder under `examples/`. */
  readonly example: string;
  /** The catalog module, relative to the repository root. */
  readonly catalog: string;
  /** The committed page, relative to the repository root. */
  readonly file: string;
  /** The docs CLI's arguments besides the module and `--out` / `--check`. */
  readonly args: readonly string[];
}

/** Every page: the four reference reproductions in README order, then the quick start's. */
export const EXAMPLE_PAGES: readonly ExamplePage[] = [
  page('marketplace', 'ERRORS.md', ['--format', 'errorCode-reason', '--title', 'Marketplace API error codes']),
  page('groupware', 'ERRORS.md', ['--format', 'code-description', '--title', 'Groupware API error codes']),
  page('game-market', 'ERRORS.md', ['--format', 'code-message', '--title', 'Game market API error responses']),
  page('baas', 'ERRORS.ko.md', ['--format', 'code-message', '--locale', 'ko', '--links', '--title', '퍼블릭 API 에러목록']),
  page('baas', 'ERRORS.en.md', ['--format', 'code-message', '--locale', 'en', '--links', '--title', 'Public API errors']),
  page('quickstart', 'ERRORS.md', ['--format', 'code-message', '--title', 'Quick-start shop API errors']),
];

function page(example: string, file: string, args: readonly string[]): ExamplePage {
  return { example, catalog: `examples/${example}/catalog.ts`, file: `examples/${example}/${file}`, args };
}

/** The full docs CLI argument list for one page: `docs <catalog> --to md … --out|--check <file>`. */
export function docsArgs(page: ExamplePage, mode: '--out' | '--check'): string[] {
  return [page.catalog, '--to', 'md', ...page.args, mode, page.file];
}
