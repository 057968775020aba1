// Input limits over real sockets: oversized bodies are refused with 413 as soon as the size is
// known (without reading the rest, then the connection is closed), oversized headers with 431, and
// slow-loris clients are cut off by the server's timeouts while other requests keep being served.
// Every give-up time and bound is an idle-machine time stretched by the measured load.
import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { startMock, type RunningMock, type StartMockOptions } from '../../src/mock/http/start-mock.js';
import { registerAgent, T0, type Credentials } from './support/mock.js';
import { rawExchange } from './support/sockets.js';
import { cpuOverload, loadScaledTimer } from '../support/load-scaled.js';

let mock: RunningMock | undefined;
afterEach(async () => {
  await mock?.close(500);
  mock = undefined;
});

async function start(options: StartMockOptions = {}): Promise<{ m: RunningMock; agent: Credentials }> {
  mock = await startMock({ port: 0, clock: `virtual:${T0}`, rateLimit: 100_000, ...options });
  return { m: mock, agent: registerAgent(mock.ctx, 'sandbox') };
}

const MiB = 1024 * 1024;
const head = (agent: Credentials, method: string, path: string, extra: string) =>
  `${method} /v1/agent${path} HTTP/1.1\r\nHost: mock\r\nX-NX-Key: ${agent.apiKey}\r\nContent-Type: application/json\r\n${extra}\r\n`;

/** Writes `chunk` for as long as the socket takes it (up to `cap` bytes); returns a byte counter. */
function pump(chunk: Buffer, cap: number, frame = (c: Buffer) => c) {
  const sent = { bytes: 0 };
  return {
    sent,
    feed: (socket: import('node:net').Socket) => {
      const go = () => {
        while (!socket.destroyed && sent.bytes < cap) {
          sent.bytes += chunk.length;
          if (!socket.write(frame(chunk))) return void socket.once('drain', go);
        }
      };
      go();
    },
  };
}

const statusOf = (data: string) => Number(/^HTTP\/1\.1 (\d{3})/.exec(data)?.[1] ?? 0);

describe('bodies over 1 MiB', () => {
  it('a declared 50 MiB body is refused with 413 before it is sent, and the connection is closed', async () => {
    const { m, agent } = await start();
    const rssBefore = process.memoryUsage().rss;
    // Send only 2 MiB of the 50 announced: the answer must not wait for the rest (a server that
    // did would never answer, and the exchange would end unclosed at the give-up time).
    const { sent, feed } = pump(Buffer.alloc(64 * 1024, 0x20), 2 * MiB);
    const got = await rawExchange(m, head(agent, 'POST', '/orders', `Content-Length: ${50 * MiB}\r\n`), feed, 5_000 * cpuOverload());
    expect(statusOf(got.data), got.data).toBe(413);
    expect(got.data).toMatch(/content-type: application\/problem\+json/i);
    expect(got.data).toMatch(/connection: close/i);
    expect(got.data).toContain('"code":"payload_too_large"');
    expect(got.closed, 'the server should close the connection').toBe(true);
    expect(sent.bytes).toBeLessThanOrEqual(2 * MiB);
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(64 * MiB);
  });

  it('an endless chunked body is refused with 413 once it passes 1 MiB; the server stops reading', async () => {
    const { m, agent } = await start();
    const { sent, feed } = pump(Buffer.alloc(64 * 1024, 0x20), 512 * MiB, (c) => Buffer.concat([Buffer.from(`${c.length.toString(16)}\r\n`), c, Buffer.from('\r\n')]));
    const got = await rawExchange(m, head(agent, 'POST', '/orders', 'Transfer-Encoding: chunked\r\n'), feed, 10_000 * cpuOverload());
    expect(statusOf(got.data), got.data).toBe(413);
    expect(got.closed).toBe(true);
    // Cut off near the limit, not after reading hundreds of MiB into a void.
    expect(sent.bytes).toBeLessThan(64 * MiB);
  });

  it('a Node client streaming 20 MiB gets the 413 (not a reset)', async () => {
    const { m, agent } = await start();
    const { port } = new URL(m.url);
    const status = await new Promise<number | string>((resolve) => {
      const req = http.request({ port: Number(port), host: '127.0.0.1', method: 'POST', path: '/v1/agent/orders', headers: { 'x-nx-key': agent.apiKey, 'content-type': 'application/json', 'content-length': 20 * MiB } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', (e) => resolve(e.message));
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      let n = 0;
      const go = () => {
        while (n < 20 * MiB) {
          n += chunk.length;
          if (!req.write(chunk)) return void req.once('drain', go);
        }
        req.end();
      };
      go();
    });
    expect(status).toBe(413);
  });

  it('exactly 1 MiB is still read and judged on its content', async () => {
    const { m, agent } = await start();
    const body = `{"pad":"${'x'.repeat(MiB - 10)}"}`;
    expect(Buffer.byteLength(body)).toBe(MiB);
    const res = await fetch(`${m.baseUrl}/orders`, { method: 'POST', headers: { 'x-nx-key': agent.apiKey, 'content-type': 'application/json' }, body });
    expect(res.status).toBe(400); // validation_failed (unknown field), not 413
    expect(((await res.json()) as { code: string }).code).toBe('validation_failed');
  });

  it('a GET carrying a 2 MiB body is refused with 413 too, as the spec documents for every operation', async () => {
    const { m, agent } = await start();
    const { feed } = pump(Buffer.alloc(64 * 1024, 0x20), 2 * MiB);
    const got = await rawExchange(m, head(agent, 'GET', '/market', `Content-Length: ${2 * MiB}\r\n`), feed, 5_000 * cpuOverload());
    expect(statusOf(got.data)).toBe(413);
  });
});

describe('headers over the limit', () => {
  it('a 32 KiB header is answered 431 and the connection closed', async () => {
    const { m, agent } = await start();
    const got = await rawExchange(m, `GET /v1/agent/market HTTP/1.1\r\nHost: mock\r\nX-NX-Key: ${agent.apiKey}\r\nX-Padding: ${'a'.repeat(32 * 1024)}\r\n\r\n`, () => {}, 5_000 * cpuOverload());
    expect(statusOf(got.data), got.data).toBe(431);
    expect(got.closed).toBe(true);
  });

  it('headers just under the limit are served', async () => {
    const { m, agent } = await start();
    const res = await fetch(`${m.baseUrl}/market?coins=bitcoin`, { headers: { 'x-nx-key': agent.apiKey, 'x-padding': 'a'.repeat(12 * 1024) } });
    expect(res.status).toBe(200);
  });
});

describe('slow-loris clients', () => {
  it('a body sent a byte per 100 ms is cut off by the request timeout while other requests are served', async () => {
    const { m, agent } = await start({ requestTimeoutMs: 1_000, headersTimeoutMs: 500 });
    const dribble = (socket: import('node:net').Socket) => {
      const timer = setInterval(() => (socket.destroyed ? clearInterval(timer) : socket.write('x')), 100);
      socket.once('close', () => clearInterval(timer));
    };
    // Twenty slow bodies and twenty slow header sections at once. Bounds are idle-machine times
    // stretched by the measured load; the give-up time stays beyond them.
    const timer = loadScaledTimer();
    const giveUpMs = 10_000 * cpuOverload();
    const slowBodies = Array.from({ length: 20 }, () => rawExchange(m, head(agent, 'POST', '/orders', 'Content-Length: 1000\r\n'), dribble, giveUpMs));
    const slowHeaders = Array.from({ length: 20 }, () =>
      rawExchange(m, 'GET /v1/agent/market HTTP/1.1\r\n', (socket) => {
        const timer = setInterval(() => (socket.destroyed ? clearInterval(timer) : socket.write('X-A: b\r\n')), 100);
        socket.once('close', () => clearInterval(timer));
      }, giveUpMs),
    );
    // Meanwhile the mock keeps answering everyone else promptly.
    const served: number[] = [];
    for (let i = 0; i < 10; i++) {
      const t0 = performance.now();
      const res = await fetch(`${m.baseUrl}/market?coins=bitcoin`, { headers: { 'x-nx-key': agent.apiKey } });
      await res.arrayBuffer();
      expect(res.status).toBe(200);
      served.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(Math.max(...served)).toBeLessThan(timer.budgetMs(1_000));
    for (const got of await Promise.all(slowBodies)) {
      expect(got.closed, 'a slow body must be cut off').toBe(true);
      expect(got.ms).toBeLessThan(timer.budgetMs(4_000));
      expect([0, 408]).toContain(statusOf(got.data));
    }
    for (const got of await Promise.all(slowHeaders)) {
      expect(got.closed, 'slow headers must be cut off').toBe(true);
      expect(got.ms).toBeLessThan(timer.budgetMs(4_000));
    }
    // Nothing of the slow requests reached the engine.
    expect(m.ctx.engine.stats().orders).toBe(0);
  });

  it('the defaults stay 10 s for headers and 30 s for the whole request', async () => {
    const { m } = await start();
    expect(m.server.headersTimeout).toBe(10_000);
    expect(m.server.requestTimeout).toBe(30_000);
  });
});
