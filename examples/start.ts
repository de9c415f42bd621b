/**
 * `npm run example`: starts every example API on consecutive local ports and prints curl
 * lines to try. Ctrl-C stops them cleanly. `PORT` sets the first port (default 3000).
 */
import type { Server } from 'node:http';
import * as quickstart from './quickstart/server.js';

/** One runnable example. */
interface Example {
  readonly name: string;
  readonly description: string;
  start(port: number): Promise<Server>;
  curlLines(base: string): string[];
}

const examples: Example[] = [
  { name: 'quickstart', description: 'Express 5, code-message, the SPEC catalog', ...quickstart },
];

const first = Number(process.env.PORT ?? 3000);
const servers: Server[] = [];
for (const [i, example] of examples.entries()) {
  const port = first + i;
  servers.push(await example.start(port));
  const base = `http://127.0.0.1:${port}`;
  console.log(`\n${example.name} — ${example.description} — ${base}`);
  for (const line of example.curlLines(base)) console.log(`  ${line}`);
}
console.log('\nReady. Ctrl-C stops every example.');

function stop(): void {
  console.log('\nStopping…');
  for (const server of servers) {
    server.close();
    server.closeAllConnections();
  }
}
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
