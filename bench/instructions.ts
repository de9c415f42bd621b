/**
 * Instructions per request, counted by valgrind's callgrind: the same server processes as the
 * HTTP benchmark, each loaded by one keep-alive client; counting is switched on only around the
 * measured requests, after a warm-up. Counts do not depend on what else the machine runs, but
 * they do move with the JIT's and the GC's timing: about ±8 % between two runs of one variant.
 * `node --import tsx bench/instructions.ts [--quick] [--variants a,b]` (needs valgrind).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ALTERNATIVES, portOf, VARIANTS } from './http.js';
import { fmt, machine, parseArgs, table } from './report.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const { quick, variants: only } = parseArgs();
const WARMUP = quick ? 200 : 1500;
const MEASURED = quick ? 200 : 1000;
/** Callgrind runs one guest thread at a time, so two servers in parallel use the two cores. */
const PARALLEL = Math.max(1, Math.min(2, os.availableParallelism()));

interface Count { readonly framework: string; readonly name: string; readonly reference: string; readonly perRequest: number }

if (spawnSync('valgrind', ['--version']).status !== 0 || spawnSync('callgrind_control', ['--version']).status !== 0) {
  console.log('### Instructions per request\n\nSkipped: valgrind (with callgrind_control) is not installed.\n');
  process.exit(0);
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'house-errors-callgrind-'));
try {
  const jobs = (['express', 'koa'] as const).flatMap((framework) => VARIANTS[framework]
    .filter(([name, reference]) => (only === undefined ? reference === 'direct' : only.has(name) || name === 'direct'))
    .map(([name, reference]) => ({ framework, name, reference })));
  const counts: Count[] = [];
  let next = 0;
  await Promise.all(Array.from({ length: PARALLEL }, async () => {
    while (next < jobs.length) {
      const job = jobs[next++]!;
      counts.push({ ...job, perRequest: await countInstructions(job.framework, job.name) });
      process.stderr.write(`  instructions: ${job.framework}/${job.name} done\n`);
    }
  }));
  console.log(report(counts));
} finally {
  rmSync(dir, { recursive: true, force: true });
}

async function countInstructions(framework: string, name: string): Promise<number> {
  const child = spawn('valgrind', [
    '--tool=callgrind', '--instr-atstart=no', `--callgrind-out-file=${path.join(dir, `${framework}-${name.replace(/\W/g, '_')}.%p`)}`,
    process.execPath, '--disable-warning=HouseErrorsWarning', '--import', 'tsx', `bench/servers/${framework}.ts`,
  ], { cwd: ROOT, env: { ...process.env, BENCH_VARIANT: name, PORT: '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    child.stderr!.resume();
    // Under valgrind, starting node and tsx takes a while.
    const port = await portOf(child, `${framework}/${name}`, 180);
    await requests(port, WARMUP);
    control(child, '-i', 'on');
    await requests(port, MEASURED);
    control(child, '-i', 'off');
    await new Promise((resolve) => { child.once('exit', resolve); child.kill('SIGTERM'); });
    const prefix = `${framework}-${name.replace(/\W/g, '_')}.${child.pid}`;
    const total = readdirSync(dir).filter((file) => file.startsWith(prefix))
      .map((file) => /^totals: (\d+)/m.exec(readFileSync(path.join(dir, file), 'utf8')))
      .reduce((sum, match) => sum + (match === null ? 0 : Number(match[1])), 0);
    if (total === 0) throw new Error(`${framework}/${name}: callgrind wrote no counts`);
    return total / MEASURED;
  } finally {
    child.kill('SIGKILL');
  }
}

function control(child: ChildProcess, ...args: string[]): void {
  const result = spawnSync('callgrind_control', [...args, String(child.pid)], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`callgrind_control ${args.join(' ')} failed: ${result.stderr}`);
}


// `count` requests, one after another on one keep-alive connection.
async function requests(port: number, count: number): Promise<void> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  try {
    for (let i = 0; i < count; i++) {
      await new Promise<void>((resolve, reject) => {
        http.get({ host: '127.0.0.1', port, path: '/fail', agent }, (res) => {
          res.resume();
          res.on('end', resolve);
        }).on('error', reject);
      });
    }
  } finally {
    agent.destroy();
  }
}

function report(counts: readonly Count[]): string {
  const lines = [
    '### Instructions per request (callgrind)',
    '',
    `Machine: ${machine()}. ${MEASURED} requests counted after ${WARMUP} of warm-up, one keep-alive connection;`
      + ' every thread of the server process is counted (JIT and GC included), the kernel is not.',
  ];
  for (const framework of ['express', 'koa']) {
    const mine = VARIANTS[framework as 'express' | 'koa'].map(([name]) => counts.find((c) => c.framework === framework && c.name === name))
      .filter((c): c is Count => c !== undefined);
    const direct = mine.find((c) => c.name === 'direct');
    if (direct === undefined) continue;
    lines.push('', `#### ${framework === 'express' ? 'Express 5' : 'Koa 3'}`, '', table(
      ['variant', 'instructions per request', '× direct (direct / variant)'],
      mine.map((c) => [`\`${c.name}\``, fmt(c.perRequest), fmt(direct.perRequest / c.perRequest, 3)]),
    ));
    const house = mine.find((c) => c.name === 'house-errors');
    const alternatives = mine.filter((c) => ALTERNATIVES.includes(c.name));
    if (house !== undefined) lines.push('', `- house-errors / direct: ${fmt(direct.perRequest / house.perRequest, 3)}`);
    if (house !== undefined && alternatives.length > 0) {
      const best = alternatives.reduce((a, b) => (a.perRequest <= b.perRequest ? a : b));
      lines.push(`- house-errors / best alternative (${best.name}): ${fmt(best.perRequest / house.perRequest, 3)}`);
    }
  }
  return lines.join('\n');
}
