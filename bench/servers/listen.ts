/**
 * Starts a benchmark server: the port comes from `PORT` or is ephemeral, and is printed on
 * stdout as `listening <port>`. Under the runner (an IPC channel), `'cpu'` asks for the
 * process's CPU time, so the runner can charge server CPU per request.
 */
import http from 'node:http';

/** The variant this process serves, from `BENCH_VARIANT`. */
export function variantName(known: readonly string[]): string {
  const name = process.env.BENCH_VARIANT ?? '';
  if (!known.includes(name)) {
    console.error(`BENCH_VARIANT must be one of: ${known.join(', ')}`);
    process.exit(2);
  }
  return name;
}

/** Listens on loopback and reports the port. */
export function listen(handler: http.RequestListener): void {
  const server = http.createServer(handler);
  server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
    const address = server.address();
    console.log(`listening ${typeof address === 'object' && address !== null ? address.port : ''}`);
  });
  process.on('message', (message) => {
    if (message === 'cpu') process.send?.({ cpu: process.cpuUsage() });
  });
  process.on('disconnect', () => process.exit(0));
  // A normal exit on a signal, so `node --cpu-prof` gets to write its profile.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(0));
}
