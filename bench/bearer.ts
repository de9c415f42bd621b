/**
 * The bearer benchmark: `bearerAuth` against the middlewares its users compare it with, on
 * Express 5, HS256 with `iss`, `aud`, `exp` and a scope checked. Each variant is its own server
 * process (bench/servers/bearer.ts), loaded by autocannon with a valid token and with a token
 * whose signature is wrong, in interleaved rounds whose order rotates; every number is a ratio
 * to `no-auth` (the same app without authentication) taken within the round. Before measuring,
 * each variant is sent both tokens once and must answer 200 `{"sub":"user-42"}` and a 401.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { portOf, type HttpSettings } from './http.js';
import { fmt, median, quartiles, table } from './report.js';
import { BEARER_VARIANTS, ROUTE, tokens } from './bearer-fixtures.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SCENARIOS = ['valid token', 'bad signature'] as const;
type Scenario = (typeof SCENARIOS)[number];

interface Server { readonly name: string; readonly child: ChildProcess; readonly port: number }
interface Sample { readonly rps: number; readonly cpuPerRequest: number }

/** Runs the bearer variants (all, or those named and `no-auth`) and returns the Markdown report. */
export async function benchBearer(settings: HttpSettings, only?: ReadonlySet<string>): Promise<string> {
  const names = BEARER_VARIANTS.filter((name) => name === 'no-auth' || only === undefined || only.has(name));
  const sent = tokens();
  const headers: Record<Scenario, string> = { 'valid token': `Bearer ${sent.valid}`, 'bad signature': `Bearer ${sent.badSignature}` };
  const servers = await Promise.all(names.map(start));
  try {
    for (const server of servers) await check(server, headers);
    for (const server of servers) for (const scenario of SCENARIOS) await load(server, headers[scenario], settings.warmup, settings.connections);
    const samples = new Map<string, Sample[]>(servers.flatMap((s) => SCENARIOS.map((c) => [`${s.name}|${c}`, []] as [string, Sample[]])));
    for (let round = 0; round < settings.rounds; round++) {
      const order = servers.map((_, i) => servers[(i + round) % servers.length]!);
      for (const server of order) {
        for (const scenario of SCENARIOS) {
          samples.get(`${server.name}|${scenario}`)!.push(await load(server, headers[scenario], settings.duration, settings.connections));
        }
      }
      process.stderr.write(`  bearer: round ${round + 1}/${settings.rounds} done\n`);
    }
    return report(names, samples, settings.rounds);
  } finally {
    for (const server of servers) server.child.kill();
  }
}

async function start(name: string): Promise<Server> {
  // The handler's startup notice (HouseErrorsWarning) would be printed once per server process.
  const child = spawn(process.execPath, ['--disable-warning=HouseErrorsWarning', '--import', 'tsx', 'bench/servers/bearer.ts'], {
    cwd: ROOT, env: { ...process.env, BENCH_VARIANT: name, PORT: '0' }, stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  try {
    return { name, child, port: await portOf(child, `bearer/${name}`, 30) };
  } catch (err) {
    child.kill();
    throw err;
  }
}

function fetchOnce(port: number, authorization: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: ROUTE, agent: false, timeout: 5000, headers: { authorization } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => { body += chunk; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', reject);
  });
}

// Every variant must let the valid token through and refuse the other; `no-auth` lets both through.
async function check(server: Server, headers: Record<Scenario, string>): Promise<void> {
  const valid = await fetchOnce(server.port, headers['valid token']);
  const bad = await fetchOnce(server.port, headers['bad signature']);
  const badStatus = server.name === 'no-auth' ? 200 : 401;
  if (valid.status !== 200 || valid.body !== '{"sub":"user-42"}' || bad.status !== badStatus) {
    throw new Error(`bearer/${server.name}: valid token → ${valid.status} ${valid.body}, bad signature → ${bad.status} (expected 200 {"sub":"user-42"} and ${badStatus}); not measuring`);
  }
}

function cpuOf(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    child.once('message', (message: { cpu: NodeJS.CpuUsage }) => resolve(message.cpu.user + message.cpu.system));
    child.send('cpu');
  });
}

async function load(server: Server, authorization: string, duration: number, connections: number): Promise<Sample> {
  const before = await cpuOf(server.child);
  const result = await autocannon({ url: `http://127.0.0.1:${server.port}${ROUTE}`, connections, duration, pipelining: 1, headers: { authorization } });
  const after = await cpuOf(server.child);
  if (result.errors > 0 || result['5xx'] > 0) throw new Error(`bearer/${server.name}: ${result.errors} connection errors, ${result['5xx']} 5xx`);
  const total = result.requests.total;
  return { rps: total / result.duration, cpuPerRequest: (after - before) / total };
}

function report(names: readonly string[], samples: ReadonlyMap<string, Sample[]>, rounds: number): string {
  const perRound = (name: string, to: string, scenario: Scenario, pick: (s: Sample) => number): number[] => {
    const reference = samples.get(`${to}|${scenario}`)!;
    return samples.get(`${name}|${scenario}`)!.map((s, round) => pick(s) / pick(reference[round]!));
  };
  const rps = (s: Sample): number => s.rps;
  const byCpu = (s: Sample): number => 1 / s.cpuPerRequest;
  const spread = (values: readonly number[]): string => {
    const [q1, mid, q3] = quartiles(values);
    return `${fmt(mid, 2)} (${fmt(q1, 2)}–${fmt(q3, 2)})`;
  };
  const rows = names.map((name) => [
    `\`${name}\``,
    ...SCENARIOS.flatMap((scenario) => name === 'no-auth'
      ? [fmt(median(samples.get(`${name}|${scenario}`)!.map(rps))) + ' req/s', '1']
      : [spread(perRound(name, 'no-auth', scenario, rps)), fmt(median(perRound(name, 'no-auth', scenario, byCpu)), 2)]),
  ]);
  const lines = [
    `#### Bearer authentication, Express 5, HS256: ${rounds} interleaved rounds`,
    '',
    table(['variant', 'valid token: × no-auth req/s, median (middle half)', 'by CPU', 'bad signature: × no-auth req/s', 'by CPU'], rows),
    '',
    'Each ratio is taken within one round against `no-auth` (the same app without authentication), then the median over',
    'the rounds is shown with the middle half of them. "By CPU" is the server CPU per request of `no-auth` over the variant\'s.',
  ];
  // The targets: against fast-jwt, round by round.
  const target = (title: string, name: string, to: string, scenario: Scenario): void => {
    if (!samples.has(`${name}|${scenario}`) || !samples.has(`${to}|${scenario}`)) return;
    const values = perRound(name, to, scenario, rps);
    const cpu = median(perRound(name, to, scenario, byCpu));
    lines.push(`- ${title}: ${spread(values)} by req/s, ${fmt(cpu, 2)} by CPU (target ≥ 1.0: ${median(values) >= 1 ? 'met' : 'NOT met'} by req/s)`);
  };
  lines.push('');
  target('valid token, `bearerAuth+cache` / `fast-jwt+cache`', 'bearerAuth+cache', 'fast-jwt+cache', 'valid token');
  target('bad signature, `bearerAuth` / `fast-jwt`', 'bearerAuth', 'fast-jwt', 'bad signature');
  target('valid token without the caches, `bearerAuth` / `fast-jwt`', 'bearerAuth', 'fast-jwt', 'valid token');
  return lines.join('\n');
}
