/**
 * A JSON Web Key Set served on loopback, as an identity provider serves one, that the bearer
 * tests can rotate, slow down, break and take down: `mode` says how the next fetch is answered.
 */
import http, { type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { KeyObject } from 'node:crypto';

/** One key of the set: its kid, its public key, and the alg it is published for (none: omitted). */
export interface PublishedKey {
  readonly kid: string;
  readonly key: KeyObject;
  readonly alg?: string;
}

/** How the server answers a fetch of the set. */
export type JwksMode =
  | 'ok'
  /** Holds the request without answering (a timeout on our side). */
  | 'slow'
  /** Closes the connection without an answer. */
  | 'reset'
  /** 200 with a body that is not JSON. */
  | 'not-json'
  /** 200 with `{"keys":[]}`. */
  | 'empty'
  /** 503 with an HTML page. */
  | 'error-page';

/** A started JWKS server. */
export class JwksServer {
  keys: PublishedKey[];
  mode: JwksMode = 'ok';
  /** Fetches received so far. */
  fetches = 0;
  readonly #server = http.createServer((req, res) => this.#answer(res));
  readonly #held: ServerResponse[] = [];

  constructor(keys: PublishedKey[]) {
    this.keys = keys;
  }

  /** The URL of the set. */
  get uri(): string {
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}/.well-known/jwks.json`;
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async stop(): Promise<void> {
    for (const res of this.#held) res.destroy();
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  #answer(res: ServerResponse): void {
    this.fetches++;
    switch (this.mode) {
      case 'slow': this.#held.push(res); return;
      case 'reset': res.socket?.destroy(); return;
      case 'not-json': res.setHeader('content-type', 'application/json'); res.end('{"keys":[{"kty":'); return;
      case 'empty': res.setHeader('content-type', 'application/json'); res.end('{"keys":[]}'); return;
      case 'error-page': res.statusCode = 503; res.setHeader('content-type', 'text/html'); res.end('<h1>Service Unavailable</h1>'); return;
      default: {
        const keys = this.keys.map(({ kid, key, alg }) => ({ ...key.export({ format: 'jwk' }), kid, use: 'sig', ...(alg === undefined ? {} : { alg }) }));
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ keys }));
      }
    }
  }
}

/** A JWKS server started before the suite's tests and stopped after them. */
export function jwksServer(keys: PublishedKey[]): JwksServer {
  const server = new JwksServer(keys);
  before(() => server.start());
  after(() => server.stop());
  return server;
}

/** A URL on loopback where nothing listens (a key set that is down). */
export async function deadUri(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/.well-known/jwks.json`;
}
