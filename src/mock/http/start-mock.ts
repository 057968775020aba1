// startMock(options): the mock exchange listening on a port (0 = ephemeral), for the CLI and for
// tests. close() stops accepting, lets in-flight requests finish, then drops idle connections.
import { createServer, type Server } from 'node:http';
import { closeGracefully, listen } from '../../net/listen.js';
import { isLoopbackHost } from '../../net/loopback.js';
import { answerClientErrors } from './client-error.js';
import { createMockApp } from './create-mock-app.js';
import { exposedDefaults, exposureWarning } from './exposure.js';
import type { MockContext } from './mock-context.js';
import type { MockOptions } from './mock-options.js';

const MAX_HEADER_BYTES = 16 * 1024;

export interface StartMockOptions extends MockOptions {
  port?: number;
  /**
   * Address to bind (default 127.0.0.1). Beyond loopback the control API, the demo agents and
   * webhook targets other than public are off unless given explicitly (see exposure.ts).
   */
  host?: string;
  /** Time a client has to send the whole request, headers and body (default 30 000 ms). */
  requestTimeoutMs?: number;
  /** Time a client has to send the request headers (default 10 000 ms; at most requestTimeoutMs). */
  headersTimeoutMs?: number;
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
  const { port = 0, host = '127.0.0.1', requestTimeoutMs = 30_000, headersTimeoutMs = 10_000, ...mockOptions } = options;
  const loopback = isLoopbackHost(host);
  if (!loopback && mockOptions.deterministicKeys) {
    throw new Error(
      `deterministic API keys are refused on ${host}, which is not a loopback address: anyone who can reach the mock and knows the seed could compute every agent's key. ` +
        'Bind to 127.0.0.1 (--host), or leave out --deterministic-keys.',
    );
  }
  const { app, ctx } = createMockApp(loopback ? mockOptions : exposedDefaults(mockOptions));
  // Slow-loris guard: a client has 10 s to send its headers and 30 s for the whole request.
  // Node checks these only every connectionsCheckingInterval (30 s by default, which would let a
  // slow client hold a connection for up to a minute), so check at least once a second.
  const requestTimeout = requestTimeoutMs;
  const headersTimeout = Math.min(headersTimeoutMs, requestTimeout);
  const server = createServer(
    {
      maxHeaderSize: MAX_HEADER_BYTES,
      requestTimeout,
      headersTimeout,
      keepAliveTimeout: 5_000,
      connectionsCheckingInterval: Math.max(10, Math.min(1_000, Math.floor(headersTimeout / 2))),
    },
    app,
  );
  answerClientErrors(server, ctx, MAX_HEADER_BYTES);
  let url: string;
  try {
    url = await listen(server, port, host);
  } catch (error) {
    ctx.persistence?.close(); // frees the state file for the next attempt
    throw error;
  }
  if (!loopback) for (const line of exposureWarning(url, ctx.options)) ctx.log(line);
  let closing: Promise<void> | undefined;
  return {
    url,
    baseUrl: `${url}/v1/agent`,
    ctx,
    server,
    close(graceMs = 5_000) {
      // Event streams never finish on their own; a graceful close would wait out its grace period.
      ctx.events.close();
      // In-flight requests finish (and commit what they acknowledge) first; then the state file
      // closes, with the delivery queues still in it; then pending webhook attempts end with the
      // server: none may outlive close() (an attempt cut short is retried after a restart).
      closing ??= closeGracefully(server, graceMs).finally(() => {
        try {
          ctx.persistence?.close();
        } finally {
          ctx.webhookDelivery.stop();
        }
      });
      return closing;
    },
  };
}
