/**
 * `npm run example`, for real: starts every example on consecutive ports, answers one curl
 * line per service, and stops cleanly on SIGTERM. Every wait has a deadline.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';

const EXPECTED: Readonly<Record<string, { status: number; body: Record<string, string> }>> = {
  quickstart: { status: 404, body: { code: 'PRODUCT_NOT_EXIST', message: 'The specific resource could not be found.' } },
  marketplace: { status: 404, body: { errorCode: 'RESOURCE_NOT_FOUND', reason: 'Resource not found.' } },
  groupware: { status: 401, body: { code: 'UNAUTHORIZED', description: 'The requested authentication information was missing or incorrectly specified.' } },
  'game-market': { status: 401, body: { code: 'UNAUTHORIZED', message: 'Unauthorized' } },
  baas: { status: 401, body: { code: 'AccessTokenDoesNotExist', message: '엑세스토큰이 필요하나 존재하지 않는 경우 발생합니다.' } },
};

/** Resolves when `port` can be bound (on every interface, as an example may listen there). */
function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, () => probe.close(() => resolve(true)));
  });
}

/** A base port with `count` free ports from it. */
async function freeBase(count: number): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 30_000 + Math.floor(Math.random() * 30_000);
    let free = true;
    for (let i = 0; i < count && free; i++) free = await isFree(base + i);
    if (free) return base;
  }
  throw new Error('no free range of ports');
}

function get(url: string): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { timeout: 5000 }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => { text += chunk; });
      res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(text) }));
    });
    req.on('timeout', () => req.destroy(new Error(`GET ${url} timed out`)));
    req.on('error', reject);
  });
}

/** Resolves with the output once `predicate` holds, rejects at the deadline or on exit. */
function waitFor(child: ChildProcess, output: () => string, predicate: (text: string) => boolean, ms: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { cleanup(); reject(new Error(`deadline passed; output so far:\n${output()}`)); }, ms);
    const check = (): void => { if (predicate(output())) { cleanup(); resolve(); } };
    const exited = (): void => { cleanup(); reject(new Error(`exited early:\n${output()}`)); };
    const cleanup = (): void => { clearTimeout(timer); child.stdout!.off('data', check); child.off('exit', exited); };
    child.stdout!.on('data', check);
    child.once('exit', exited);
    check();
  });
}

describe('examples: npm run example', function () {
  this.timeout(90_000);
  let child: ChildProcess | undefined;

  after(() => {
    if (child !== undefined && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });

  it('is the script that runs examples/start.ts', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> };
    assert.equal(pkg.scripts.example, 'tsx examples/start.ts');
  });

  it('starts all five examples, answers one curl line each, and stops on SIGTERM', async () => {
    const base = await freeBase(Object.keys(EXPECTED).length);
    // The same entry as the npm script, without npm in between (signals reach it directly).
    child = spawn(process.execPath, ['--import', 'tsx', 'examples/start.ts'], {
      env: { ...process.env, PORT: String(base) }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => { stdout += chunk; });
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk; });
    await waitFor(child, () => stdout + stderr, () => stdout.includes('Ready.'), 60_000);

    const blocks = stdout.split('\n\n');
    const names: string[] = [];
    for (const block of blocks) {
      const header = /^(\S+) — .+ — (http:\/\/127\.0\.0\.1:(\d+))$/m.exec(block);
      if (header === null) continue;
      const [, name, , port] = header;
      names.push(name!);
      assert.equal(Number(port), base + names.length - 1, `${name} listens on the next port`);
      const url = /curl -i '?(http:\/\/\S+?)'?(?:\s|$)/.exec(block)?.[1];
      assert.ok(url, `${name} prints a curl line`);
      const answer = await get(url);
      assert.deepEqual(answer, EXPECTED[name!], `${name}: ${url}`);
    }
    assert.deepEqual(names, Object.keys(EXPECTED));

    const exited = new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child!.once('exit', (code, signal) => resolve([code, signal])));
    child.kill('SIGTERM');
    const deadline = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('did not exit within 10 s of SIGTERM')), 10_000).unref());
    assert.deepEqual(await Promise.race([exited, deadline]), [0, null]);
    assert.match(stdout, /Stopping…/);
  });
});
