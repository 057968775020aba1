// startMock(options): the mock exchange listening on a port (0 = ephemeral), for the CLI and for
// tests. close() stops accepting, lets in-flight requests finish, then drops idle connections.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createMockApp } from './create-mock-app.js';
import type { MockContext } from './mock-context.js';
import type { MockOptions } from './mock-options.js';

export interface StartMockOptions extends MockOptions {
  port?: number;
  host?: string;
}

export interface RunningMock {
  /** e.g. http://127.0.0.1:4010 */
  url: string;
  /** e.g. http://127.0.0.1:4010/v1/agent */
  baseUrl: string;
  ctx: MockContext;
  server: Server;
  close(graceMs?: number): Promise<void>;
}

export async function startMock(options: StartMockOptions = {}): Promise<RunningMock> {
  const { port = 0, host = '127.0.0.1', ...mockOptions } = options;
  const { app, ctx } = createMockApp(mockOptions);
  const server = createServer({ maxHeaderSize: 16 * 1024 }, app);
  // Slow-loris guard: a client has 10 s to send its headers and 30 s for the whole request.
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${shownHost}:${address.port}`;
  let closing: Promise<void> | undefined;
  return {
    url,
    baseUrl: `${url}/v1/agent`,
    ctx,
    server,
    close(graceMs = 5_000) {
      closing ??= new Promise<void>((resolve) => {
        const force = setTimeout(() => server.closeAllConnections(), graceMs);
        force.unref();
        server.close(() => {
          clearTimeout(force);
          resolve();
        });
        server.closeIdleConnections();
      });
      return closing;
    },
  };
}
