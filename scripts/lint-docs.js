// Fails when the README and the guides (README.md and docs/*.md, read together) do not mention every
// runtime export of the built package: they are the user's manual, so a new export without
// documentation is a defect.
import { readFileSync, readdirSync, existsSync } from 'node:fs';

const files = ['README.md', ...(existsSync('docs') ? readdirSync('docs').filter((f) => f.endsWith('.md')).sort().map((f) => `docs/${f}`) : [])];
const manual = files.map((file) => readFileSync(file, 'utf8')).join('\n');
const entries = ['index', 'bearer/index', 'testing/index', 'validation/index'].filter((entry) => existsSync(`dist/esm/${entry}.js`));
const missing = [];
for (const entry of entries) {
  const api = await import(new URL(`../dist/esm/${entry}.js`, import.meta.url).href);
  for (const name of Object.keys(api)) if (!manual.includes(name)) missing.push(`${entry}: ${name}`);
}
if (missing.length > 0) {
  console.error(`README.md and docs/*.md do not document these exports:\n  ${missing.join('\n  ')}`);
  process.exit(1);
}
console.log(`README.md and docs/ (${files.length} files) document all ${entries.length} entry points' exports.`);
