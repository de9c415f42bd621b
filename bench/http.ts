/**
 * The HTTP benchmark: every variant is its own server process on loopback, loaded by
 * autocannon in interleaved rounds (the order rotates each round, so machine drift falls on
 * every variant alike). Before measuring, each variant is fetched once and its status, body
 * and headers compared byte for byte with its reference; a difference stops the run.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { fmt, median, quartiles, table } from './report.js';

/** How long and how hard to load each variant. */
export interface HttpSettings {
  readonly rounds: number;
  /** Seconds per variant per round. */
  readonly duration: number;
  /** Seconds of load on each server before the first round (JIT warm-up). */
  readonly warmup: number;
  readonly connections: number;
}

/** Full and `--quick` settings; the full run of both frameworks takes about twelve minutes. */
export const FULL: HttpSettings = { rounds: 15, duration: 1.2, warmup: 2, connections: 50 };
export const QUICK: HttpSettings = { rounds: 3, duration: 0.5, warmup: 0.3, connections: 50 };

// Express's variants; Koa has the same plus `direct-wrapped` (a Koa error middleware's own cost).
const EXPRESS_VARIANTS: ReadonlyArray<readonly [name: string, reference: string]> = [
  ['direct', 'direct'],
  ['direct-raw', 'direct'],
  ['throw-prebuilt', 'direct'],
  ['throw-plain', 'direct'],
  ['http-errors', 'direct'],
  ['@hapi/boom', 'direct'],
  ['@fastify/error', 'direct'],
  ['house-errors', 'direct'],
  ['house-errors-param', 'direct'],
  ['direct-404', 'direct-404'],
  ['house-errors-foreign', 'direct-404'],
];

/** Every variant of each framework, and the one it is compared with (same bytes, written by hand). */
export const VARIANTS: Readonly<Record<'express' | 'koa', ReadonlyArray<readonly [name: string, reference: string]>>> = {
  express: EXPRESS_VARIANTS,
  koa: [...EXPRESS_VARIANTS.slice(0, 2), ['direct-wrapped', 'direct'], ...EXPRESS_VARIANTS.slice(2)],
};
/** The alternatives the targets compare with. */
export const ALTERNATIVES = ['http-errors', '@hapi/boom', '@fastify/error'];
/** Headers that legitimately differ between two responses. */
const VOLATILE = new Set(['date', 'connection', 'keep-alive']);
const ROOT = fileURLToPath(new URL('..', import.meta.url));

interface Server { readonly name: string; readonly reference: string; readonly child: ChildProcess; readonly port: number }
interface Sample { readonly rps: number; readonly p99: number; readonly cpuPerRequest: number }
interface Snapshot { readonly status: number; readonly headers: Record<string, string>; readonly body: string }

/** Runs one framework's variants and returns its Markdown report. */
export async function benchFramework(
  framework: 'express' | 'koa', settings: HttpSettings, only?: ReadonlySet<string>,
): Promise<string> {
  // `--variants a,b` keeps those (and their references) for a focused run while optimising.
  const all = VARIANTS[framework];
  const chosen = all.filter(([name]) => only === undefined || only.has(name) || all.some(([n, ref]) => ref === name && only.has(n)));
  const servers = await Promise.all(chosen.map(([name, reference]) => start(framework, name, reference)));
  try {
    const verification = await verify(servers);
    for (const server of servers) await load(server, settings.warmup, settings.connections);
    const samples = new Map<string, Sample[]>(servers.map((s) => [s.name, []]));
    for (let round = 0; round < settings.rounds; round++) {
      // Rotate the order: each variant runs first, middle and last across the rounds.
      const order = servers.map((_, i) => servers[(i + round) % servers.length]!);
      for (const server of order) samples.get(server.name)!.push(await load(server, settings.duration, settings.connections));
      if (process.env.BENCH_TRACE !== undefined) process.stderr.write(`    ${traceOf(order, samples)}\n`);
      process.stderr.write(`  ${framework}: round ${round + 1}/${settings.rounds} done\n`);
    }
    return `${verification}\n\n${report(framework, servers, samples)}`;
  } finally {
    for (const server of servers) server.child.kill();
  }
}

// `BENCH_TRACE=1`: each round's samples as `variant=req/s/CPU µs per request`, in the order run.
function traceOf(order: readonly Server[], samples: ReadonlyMap<string, Sample[]>): string {
  return order.map((server) => {
    const last = samples.get(server.name)!.at(-1)!;
    return `${server.name}=${fmt(last.rps)}/${fmt(last.cpuPerRequest)}`;
  }).join(' ');
}

async function start(framework: string, name: string, reference: string): Promise<Server> {
  // The handler's startup notice (HouseErrorsWarning) would be printed once per server process.
  const child = spawn(process.execPath, ['--disable-warning=HouseErrorsWarning', '--import', 'tsx', `bench/servers/${framework}.ts`], {
    cwd: ROOT,
    env: { ...process.env, BENCH_VARIANT: name, PORT: '0' },
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  try {
    return { name, reference, child, port: await portOf(child, `${framework}/${name}`, 30) };
  } catch (err) {
    child.kill();
    throw err;
  }
}

/** The port a benchmark server prints (`listening <port>`), waiting at most `seconds`. */
export function portOf(child: ChildProcess, label: string, seconds: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${label}: no port within ${seconds} s`)), seconds * 1000);
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening (\d+)/.exec(out);
      if (match !== null) { clearTimeout(timer); resolve(Number(match[1])); }
    });
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`${label} exited with ${code}`)); });
  });
}

function fetchOnce(port: number): Promise<Snapshot> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/fail', agent: false, timeout: 5000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const headers: Record<string, string> = {};
        for (let i = 0; i < res.rawHeaders.length; i += 2) {
          const name = res.rawHeaders[i]!.toLowerCase();
          if (!VOLATILE.has(name)) headers[name] = headers[name] === undefined ? res.rawHeaders[i + 1]! : `${headers[name]}, ${res.rawHeaders[i + 1]}`;
        }
        resolve({ status: res.statusCode ?? 0, headers, body: Buffer.concat(chunks).toString('latin1') });
      });
    });
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', reject);
  });
}

// Every header but Date and the connection's own must match, value for value.
async function verify(servers: readonly Server[]): Promise<string> {
  const snapshots = new Map<string, Snapshot>();
  for (const server of servers) snapshots.set(server.name, await fetchOnce(server.port));
  const problems: string[] = [];
  for (const server of servers) {
    const got = snapshots.get(server.name)!;
    const want = snapshots.get(server.reference)!;
    if (got.status !== want.status) problems.push(`${server.name}: status ${got.status}, ${server.reference} sends ${want.status}`);
    if (got.body !== want.body) problems.push(`${server.name}: body ${got.body}, ${server.reference} sends ${want.body}`);
    for (const name of new Set([...Object.keys(got.headers), ...Object.keys(want.headers)])) {
      if (got.headers[name] !== want.headers[name]) {
        problems.push(`${server.name}: ${name}: ${got.headers[name] ?? '(none)'}, ${server.reference} sends ${want.headers[name] ?? '(none)'}`);
      }
    }
  }
  if (problems.length > 0) throw new Error(`the variants do not send the same bytes; not measuring:\n  ${problems.join('\n  ')}`);
  const shown = (name: string): string => {
    const s = snapshots.get(name)!;
    const headers = Object.entries(s.headers).map(([n, v]) => `${n}: ${v}`).join('\n');
    return `HTTP ${s.status}\n${headers}\n\n${s.body}`;
  };
  const references = [...new Set(servers.map((s) => s.reference))];
  return `Verified byte-identical status, body and headers (all but ${[...VOLATILE].join(', ')}) against ${references.map((r) => `\`${r}\``).join(' and ')}:\n\n`
    + references.map((r) => '```http\n' + shown(r) + '\n```').join('\n\n');
}

function cpuOf(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    child.once('message', (message: { cpu: NodeJS.CpuUsage }) => resolve(message.cpu.user + message.cpu.system));
    child.send('cpu');
  });
}

async function load(server: Server, duration: number, connections: number): Promise<Sample> {
  const before = await cpuOf(server.child);
  const result = await autocannon({ url: `http://127.0.0.1:${server.port}/fail`, connections, duration, pipelining: 1 });
  const after = await cpuOf(server.child);
  if (result.errors > 0 || result['2xx'] > 0 || result['5xx'] > 0) {
    throw new Error(`${server.name}: ${result.errors} connection errors, ${result['2xx']} 2xx, ${result['5xx']} 5xx: not the expected answer`);
  }
  const total = result.requests.total;
  return { rps: total / result.duration, p99: result.latency.p99, cpuPerRequest: (after - before) / total };
}

function report(framework: string, servers: readonly Server[], samples: ReadonlyMap<string, Sample[]>): string {
  // Per round, `name` against `to` measured in that same round: drift cancels out.
  const perRound = (name: string, to: string, pick: (s: Sample) => number = (s) => s.rps): number[] => {
    const b = samples.get(to)!;
    return samples.get(name)!.map((s, round) => pick(s) / pick(b[round]!));
  };
  const ratioOf = (name: string, to: string, pick?: (s: Sample) => number): number => median(perRound(name, to, pick));
  // The median with the middle half of the rounds, so the noise is in plain sight.
  const spread = (values: readonly number[]): string => {
    const [q1, mid, q3] = quartiles(values);
    return `${fmt(mid, 3)} (${fmt(q1, 2)}–${fmt(q3, 2)})`;
  };
  const cpuOver = (name: string, to: string): number => {
    const b = samples.get(to)!;
    return median(samples.get(name)!.map((s, round) => s.cpuPerRequest - b[round]!.cpuPerRequest));
  };
  const byCpu = (s: Sample): number => 1 / s.cpuPerRequest;
  const rows = servers.map((server) => {
    const list = samples.get(server.name)!;
    const own = server.name === server.reference;
    const extra = own ? '—' : `${cpuOver(server.name, server.reference) >= 0 ? '+' : ''}${fmt(cpuOver(server.name, server.reference), 1)}`;
    const mark = server.reference === 'direct' ? '' : ' ⁽ᵃ⁾';
    return [
      `\`${server.name}\``, fmt(median(list.map((s) => s.rps))), fmt(median(list.map((s) => s.p99)), 1),
      own ? `1${mark}` : `${spread(perRound(server.name, server.reference))}${mark}`,
      fmt(median(list.map((s) => s.cpuPerRequest)), 1), extra,
      own ? `1${mark}` : `${spread(perRound(server.name, server.reference, byCpu))}${mark}`,
    ];
  });
  const title = framework === 'express' ? 'Express 5' : 'Koa 3';
  const heading = [
    `#### ${title}: ${samples.get('direct')!.length} interleaved rounds`,
    '',
    table(['variant', 'req/s (median)', 'p99 ms (median)', '× direct req/s: median (middle half) of rounds', 'server CPU µs/req', 'extra CPU µs/req', '× direct by CPU'], rows),
    '',
    '⁽ᵃ⁾ compared with `direct-404`, its hand-written twin (same 404 bytes).',
    'Each ratio is taken within one round, then the median over the rounds is shown with the middle half of them',
    '(first to third quartile). "× direct by CPU" is the server CPU per request of `direct` over the variant\'s: the',
    'req/s ratio a CPU-bound server would see; it is less disturbed than req/s by the client and other processes.',
  ];
  if (!samples.has('house-errors')) return heading.join('\n');
  const house = ratioOf('house-errors', 'direct');
  const houseCpu = ratioOf('house-errors', 'direct', byCpu);
  const target = framework === 'express' ? 0.97 : 0.9;
  const lines = [
    ...heading,
    '',
    `- house-errors / direct: ${spread(perRound('house-errors', 'direct'))} by req/s, ${fmt(houseCpu, 3)} by CPU (target ≥ ${target}: ${house >= target ? 'met' : 'NOT met'} by req/s)`,
  ];
  // Against the alternatives that ran (all three in a full run): the best of each round.
  const alternatives = ALTERNATIVES.filter((name) => samples.has(name));
  if (alternatives.length === 0) return lines.join('\n');
  // The best alternative is the one with the best median ratio to direct; house-errors is then
  // compared with that one, round by round. (Taking the fastest alternative of each round instead
  // would favour the alternatives: the best of three noisy samples is biased upwards.)
  const best = Math.max(...alternatives.map((name) => ratioOf(name, 'direct')));
  const bestName = alternatives.find((name) => ratioOf(name, 'direct') === best)!;
  const overBest = perRound('house-errors', bestName);
  const which = alternatives.length === ALTERNATIVES.length ? 'the best alternative' : alternatives.length === 1 ? 'the alternative' : `the best of ${alternatives.join(', ')}`;
  lines.push(`- house-errors / ${which} (${bestName}), per round: ${spread(overBest)} (target ≥ 1.10: ${median(overBest) >= 1.1 ? 'met' : 'NOT met'})`);
  return lines.join('\n');
}
