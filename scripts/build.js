// Builds the ESM output with declarations (tsc: this also type-checks lib/), then the CommonJS
// output from the same sources: every file transpiled alone (`isolatedModules` makes that exact)
// with the ESM declarations beside it, which read the same under CommonJS.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const ts = require('typescript');
rmSync('dist', { recursive: true, force: true });
execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.json'], { stdio: 'inherit' });

const { options } = ts.convertCompilerOptionsFromJson(
  JSON.parse(readFileSync('tsconfig.cjs.json', 'utf8')).compilerOptions, '.',
);
const base = ts.parseJsonConfigFileContent(JSON.parse(readFileSync('tsconfig.json', 'utf8')), ts.sys, '.').options;
const cjsOptions = { ...base, ...options, declaration: false };
for (const file of readdirSync('lib', { recursive: true })) {
  if (!file.endsWith('.ts')) continue;
  const source = readFileSync(path.join('lib', file), 'utf8');
  const { outputText } = ts.transpileModule(source, { compilerOptions: cjsOptions, fileName: file });
  const out = path.join('dist/cjs', file.replace(/\.ts$/, '.js'));
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, outputText);
  copyFileSync(path.join('dist/esm', file.replace(/\.ts$/, '.d.ts')), out.replace(/\.js$/, '.d.ts'));
}
// dist/cjs holds CommonJS files under a "type": "module" package: say so for Node and TypeScript.
writeFileSync('dist/cjs/package.json', '{\n  "type": "commonjs"\n}\n');
