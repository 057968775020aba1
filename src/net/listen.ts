// Listening and stopping an HTTP server the way every server of this package does (the mock, the
// validating proxy): bind, report a URL a client can use, and close gracefully — stop accepting,
// let in-flight answers finish with `Connection: close`, drop keep-alive connections once they
// have been quiet for a moment (drain.ts), force the rest after a grace period.
import type { Server } from 'node:http';
import { Server as NetServer, type AddressInfo } from 'node:net';
import { trackConnections } from './drain.js';

/** Binds the server and returns its origin, e.g. http://127.0.0.1:4010 (IPv6 hosts bracketed). */
export async function listen(server: Server, port: number, host: string): Promise<string> {
  trackConnections(server);
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
  const drain = trackConnections(server);
  return new Promise<void>((resolve) => {
    drain.start();
    const force = setTimeout(() => server.closeAllConnections(), graceMs);
    force.unref();
    // Idle connections whose clients have clearly stopped are closed, instead of letting their
    // keep-alive hold the shutdown for seconds (drain.ts). Busy ones close after their answer.
    const sweep = setInterval(() => drain.closeQuiet(), 10);
    sweep.unref();
    // Stop accepting without http.Server#close's closeIdleConnections(), which would reset a
    // client that is reusing an idle connection at that very moment (drain.ts).
    NetServer.prototype.close.call(server, () => {
      clearTimeout(force);
      clearInterval(sweep);
      server.close(); // already closed: this only stops Node's connection-checking timer
      resolve();
    });
    drain.closeQuiet();
  });
}
