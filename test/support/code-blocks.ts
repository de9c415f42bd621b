/**
 * The code blocks of the README and the guides: finding fenced blocks as CommonMark does, and
 * type-checking every ```ts block as a reader would paste it. Each block is its own module (with its
 * imports) in a folder per document, and one strict TypeScript program checks them all, with
 * `house-errors` and its subpaths (`/bearer`, `/testing`, `/validation`) read from lib/. A block whose first
 * line is a file name comment (`// errors.ts`) is written under that name, so the document's other
 * blocks can import it (`from './errors.js'`).
 *
 * Run as a script (`node --import tsx test/support/code-blocks.ts`), it checks the repository's
 * documents and prints the problems as JSON: the test starts it at load, so the TypeScript program
 * runs on the other core while the rest of the suite runs.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { compilerHost } from '../support/typescript.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

/** One fenced block of a Markdown file. */
export interface CodeBlock {
  readonly lang: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
  readonly code: string;
}

/** Fenced code blocks in CommonMark's sense: a fence closes only with the same character, at least as long. */
export function codeBlocks(markdown: string): CodeBlock[] {
  const lines = markdown.split('\n');
  const blocks: CodeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})\s*([^`\s]*)/.exec(lines[i]!);
    if (open === null) continue;
    const [, indent, fence, lang] = open as unknown as [string, string, string, string];
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const close = /^\s*(`{3,}|~{3,})\s*$/.exec(lines[j]!);
      if (close !== null && close[1]![0] === fence[0] && close[1]!.length >= fence.length) break;
      body.push(lines[j]!.startsWith(indent) ? lines[j]!.slice(indent.length) : lines[j]!.trimStart());
    }
    blocks.push({ lang: lang.toLowerCase(), line: i + 1, code: body.join('\n') });
    i = j;
  }
  return blocks;
}

/** The documents whose blocks are checked, relative to the repository. */
export function documents(): string[] {
  const docs = existsSync(path.join(ROOT, 'docs'))
    ? readdirSync(path.join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).sort().map((f) => `docs/${f}`)
    : [];
  return ['README.md', ...docs, 'bench/README.md', 'examples/README.md'].filter((f) => existsSync(path.join(ROOT, f)));
}

/** Where a generated module came from, to name it in a failure. */
interface Origin { readonly doc: string; readonly fenceLine: number }

/**
 * Writes each ts block of `docs` as a module under `dir` and type-checks them in one program.
 * Returns one line per diagnostic, naming the document and its line.
 */
export function checkTypeScriptBlocks(docs: ReadonlyArray<{ name: string; markdown: string }>, dir: string): string[] {
  const origins = new Map<string, Origin>();
  for (const { name, markdown } of docs) {
    const folder = path.join(dir, name.replace(/[^A-Za-z0-9]+/g, '_'));
    const used = new Set<string>();
    for (const block of codeBlocks(markdown)) {
      if (block.lang !== 'ts' && block.lang !== 'typescript') continue;
      const named = /^\/\/ ((?:[\w.-]+\/)*[\w.-]+\.ts)\s*$/.exec(block.code.split('\n')[0] ?? '')?.[1];
      const file = named !== undefined && !used.has(named) ? named : `block-line-${block.line}.ts`;
      used.add(file);
      const target = path.join(folder, file);
      mkdirSync(path.dirname(target), { recursive: true });
      // A module even without imports or exports, so blocks never share a global scope.
      writeFileSync(target, `${block.code}\nexport {};\n`);
      origins.set(path.resolve(target), { doc: name, fenceLine: block.line });
    }
  }
  if (origins.size === 0) return [];
  writeFileSync(path.join(dir, 'package.json'), '{ "type": "module" }\n');
  const options: ts.CompilerOptions = {
    strict: true,
    target: ts.ScriptTarget.ES2022,
    lib: ['lib.es2022.d.ts'], // as the package's own tsconfig: Node's globals come from @types/node, not the DOM
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    esModuleInterop: true,
    skipLibCheck: true,
    noEmit: true,
    types: ['node', 'mocha'],
    typeRoots: [path.join(ROOT, 'node_modules', '@types')],
    paths: {
      'house-errors': [path.join(ROOT, 'lib', 'index.ts')],
      'house-errors/bearer': [path.join(ROOT, 'lib', 'bearer', 'index.ts')],
      'house-errors/testing': [path.join(ROOT, 'lib', 'testing', 'index.ts')],
      'house-errors/validation': [path.join(ROOT, 'lib', 'validation', 'index.ts')],
    },
  };
  const program = ts.createProgram({ rootNames: [...origins.keys()], options, host: compilerHost(options) });
  const problems: string[] = [];
  // Only the blocks' own diagnostics: lib/ is checked by its own tsconfig, and checking it here is slow.
  const diagnostics = [...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics()];
  for (const file of origins.keys()) {
    const source = program.getSourceFile(file);
    if (source === undefined) throw new Error(`TypeScript did not read ${file}`);
    diagnostics.push(...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source));
  }
  for (const d of diagnostics) {
    const text = ts.flattenDiagnosticMessageText(d.messageText, '\n  ');
    const origin = d.file === undefined ? undefined : origins.get(path.resolve(d.file.fileName));
    if (origin === undefined || d.file === undefined) {
      problems.push(`TS${d.code}: ${text}`);
      continue;
    }
    const { line } = d.file.getLineAndCharacterOfPosition(d.start ?? 0);
    problems.push(`${origin.doc}:${origin.fenceLine + 1 + line} (the block at line ${origin.fenceLine}): TS${d.code}: ${text}`);
  }
  return problems;
}

/** A guide with one deliberate type error, checked in the same program: proof the check can fail. */
export const CANARY = {
  name: 'canary/guide.md',
  markdown: [
    '# Guide', '', '```ts', '// errors.ts', "import { defineCatalog } from 'house-errors';",
    "export const errors = defineCatalog({ INTERNAL_ERROR: { status: 500, message: 'Oops.' } });", '```', '',
    '```ts', "import { errors } from './errors.js';", '', 'errors.NOPE();', '```',
  ].join('\n'),
};


/**
 * Checks the repository's documents plus the canary in a scratch folder inside the repository (so
 * express, koa, jsonwebtoken and supertest resolve from its node_modules), then removes it.
 */
export function checkRepository(): string[] {
  const docs = documents().map((name) => ({ name, markdown: readFileSync(path.join(ROOT, name), 'utf8') }));
  const cache = path.join(ROOT, 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  const dir = mkdtempSync(path.join(cache, 'code-blocks-'));
  try {
    return checkTypeScriptBlocks([...docs, CANARY], dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  process.stdout.write(JSON.stringify(checkRepository()));
}
