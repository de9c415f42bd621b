/**
 * `npm run example`: starts every example API on consecutive local ports and prints curl
 * lines to try. Ctrl-C stops them cleanly. `PORT` sets the first port (default 3000).
 */
import type { Server } from 'node:http';
import * as quickstart from './quickstart/server.js';
import * as marketplace from './marketplace/server.js';
import * as groupware from './groupware/server.js';
import * as gameMarket from './game-market/server.js';
import * as baas from './baas/server.js';

/** One runnable example. */
interface Example {
  readonly name: string;
  readonly description: string;
  start(port: number): Promise<Server>;
  curlLines(base: string): string[];
}

const examples: Example[] = [
  { name: 'quickstart', description: 'Express 5, code-message, the README catalog', ...quickstart },
  { name: 'marketplace', description: 'Express 5, errorCode-reason, access key + JWT with iat', ...marketplace },
  { name: 'groupware', description: 'Express 4, code-description, code families, RFC 6750 challenges', ...groupware },
  { name: 'game-market', description: 'Koa 3, code-message, 406 logic errors, retryable 500s', ...gameMarket },
  { name: 'baas', description: 'Koa 2, code-message, Korean and English (Accept-Language)', ...baas },
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
