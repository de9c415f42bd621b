// Fails when README.md does not mention every runtime export of the built package: the
// README is the user's manual, so a new export without documentation is a defect.
import { readFileSync, existsSync } from 'node:fs';

const readme = readFileSync('README.md', 'utf8');
const entries = ['index', 'bearer/index', 'testing/index'].filter((entry) => existsSync(`dist/esm/${entry}.js`));
const missing = [];
for (const entry of entries) {
  const api = await import(new URL(`../dist/esm/${entry}.js`, import.meta.url).href);
  for (const name of Object.keys(api)) if (!readme.includes(`${name}`)) missing.push(`${entry}: ${name}`);
}
if (missing.length > 0) {
  console.error(`README.md does not document these exports:\n  ${missing.join('\n  ')}`);
  process.exit(1);
}
console.log(`README.md documents all ${entries.length} entry points' exports.`);
