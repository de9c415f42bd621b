/**
 * `npm run bench [-- --quick] [-- --only http,bearer,micro,details,scale,soak,instructions]`: runs the benchmarks and
 * prints Markdown tables. The HTTP part runs here (autocannon is the client); micro, scale
 * soak and instructions each run in a fresh Node process so they do not share a heap or JIT state.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { benchBearer } from './bearer.js';
import { benchFramework, FULL, QUICK } from './http.js';
import { machine, parseArgs } from './report.js';

const args = parseArgs();
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const wanted = (part: string): boolean => args.only === undefined || args.only.has(part);
const settings = { ...(args.quick ? QUICK : FULL), ...(args.rounds === undefined ? {} : { rounds: args.rounds }) };

console.log(`## house-errors benchmarks${args.quick ? ' (--quick: indicative only)' : ''}\n`);
console.log(`Machine: ${machine()}. ${new Date().toISOString().slice(0, 10)}.\n`);

if (wanted('http')) {
  console.log('### HTTP: one failing route, autocannon on loopback\n');
  console.log(`${settings.connections} connections, ${settings.rounds} rounds of ${settings.duration} s per variant `
    + `(after ${settings.warmup} s of warm-up each), variants rotated each round. The client and the server share `
    + 'the machine\'s cores, so absolute req/s are lower than on separate machines; compare the ratios.\n');
  for (const framework of ['express', 'koa'] as const) {
    console.log(await benchFramework(framework, settings, args.variants));
    console.log();
  }
}

if (wanted('bearer')) {
  console.log('### Bearer authentication: a guarded route, autocannon on loopback\n');
  console.log(await benchBearer(settings, args.variants));
  console.log();
}

// Each part is its own script, runnable alone: `node --import tsx bench/micro.ts --quick`.
// `instructions` (callgrind, about ten minutes) runs only when asked for: `--only instructions`.
for (const [part, flags] of [['micro', []], ['details', []], ['scale', []], ['soak', ['--expose-gc']], ['instructions', []]] as const) {
  if (part === 'instructions' ? args.only?.has(part) !== true : !wanted(part)) continue;
  const variants = part === 'instructions' && args.variants !== undefined ? ['--variants', [...args.variants].join(',')] : [];
  const result = spawnSync(process.execPath, [...flags, '--import', 'tsx', `bench/${part}.ts`, ...(args.quick ? ['--quick'] : []), ...variants], {
    cwd: ROOT, stdio: 'inherit',
  });
  if (result.status !== 0) {
    console.error(`bench/${part}.ts failed (exit ${result.status})`);
    process.exitCode = 1;
  }
}
