// Builds the ESM and CommonJS outputs, each with its own type declarations.
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
rmSync('dist', { recursive: true, force: true });
execFileSync(process.execPath, [tsc, '-p', 'tsconfig.json'], { stdio: 'inherit' });
execFileSync(process.execPath, [tsc, '-p', 'tsconfig.cjs.json'], { stdio: 'inherit' });
// dist/cjs holds CommonJS files under a "type": "module" package: say so for Node and TypeScript.
writeFileSync('dist/cjs/package.json', '{\n  "type": "commonjs"\n}\n');
