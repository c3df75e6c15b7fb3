/** A real HTTP server on loopback standing in for DfE's statistics API in tests, and a port nothing answers on. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type StandInHandler = (req: http.IncomingMessage, body: string, res: http.ServerResponse) => void;

/** Starts a server that reads each request's body, then hands it to `handle()`; `base` ends in /statistics. */
export async function startStandIn(
  handle: () => StandInHandler,
): Promise<{ base: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => handle()(req, body, res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}/statistics`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A loopback port that was free a moment ago and has nothing listening: DfE out of reach. */
export async function closedPort(): Promise<number> {
  const closed = http.createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const port = (closed.address() as AddressInfo).port;
  await new Promise<void>((resolve) => closed.close(() => resolve()));
  return port;
}
