// Listening and stopping an HTTP server the way every server of this package does (the mock, the
// validating proxy): bind, report a URL a client can use, and close gracefully — stop accepting,
// let in-flight answers finish, drop idle keep-alive connections at once, force the rest after a
// grace period.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Binds the server and returns its origin, e.g. http://127.0.0.1:4010 (IPv6 hosts bracketed). */
export async function listen(server: Server, port: number, host: string): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${shownHost}:${address.port}`;
}

/** Resolves once the server is closed; connections still busy after `graceMs` are cut. */
export function closeGracefully(server: Server, graceMs: number): Promise<void> {
  return new Promise<void>((resolve) => {
    const force = setTimeout(() => server.closeAllConnections(), graceMs);
    force.unref();
    // A keep-alive connection whose in-flight answer has gone out is idle from then on: close it
    // then, instead of letting the client's keep-alive hold the shutdown for seconds.
    const sweep = setInterval(() => server.closeIdleConnections(), 50);
    sweep.unref();
    server.close(() => {
      clearTimeout(force);
      clearInterval(sweep);
      resolve();
    });
    server.closeIdleConnections();
  });
}
