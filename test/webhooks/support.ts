// Shared by the webhook tests: a scriptable receiver on 127.0.0.1, the real standardwebhooks
// library's verify() at a chosen instant (it reads Date.now), and a test mock with an agent
// that may register webhooks.
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { vi } from 'vitest';
import { createTestMock } from '../helpers/test-mock.js';
import type { MockOptions } from '../../src/mock/http/mock-options.js';

export const T0_MS = Date.parse('2026-01-05T12:00:00.000Z');
export const ALL_EVENTS = [
  'order.created', 'order.filled', 'order.partially_filled', 'order.canceled', 'order.rejected', 'circuit_breaker.tripped', 'circuit_breaker.reset',
];
export const PERMISSIONS = ['read:market', 'read:portfolio', 'write:orders', 'write:webhook'];

export interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** What the receiver answers to its n-th request (0-based): a status, or 'hang' (never answers). */
export type Script = (n: number, req: Received) => number | 'hang';

export async function startReceiver(script: Script = () => 200) {
  const received: Received[] = [];
  const hanging: ServerResponse[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const got = { headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      const answer = script(received.length, got);
      received.push(got);
      if (answer === 'hang') hanging.push(res);
      else res.writeHead(answer).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    ids: () => received.map((r) => String(r.headers['webhook-id'])),
    types: () => received.map((r) => (JSON.parse(r.body) as { type: string }).type),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type Receiver = Awaited<ReturnType<typeof startReceiver>>;

/** standardwebhooks' Webhook.verify as if the wall clock showed `nowMs` (it checks the 5 min window). */
export function verifyAt(secret: string, got: Received, nowMs: number): unknown {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(nowMs);
  try {
    return new Webhook(secret).verify(got.body, got.headers as Record<string, string>);
  } finally {
    vi.useRealTimers();
  }
}

/** webhook-timestamp is the real time of sending: each one falls in [sinceMs, now] (whole seconds). */
export function sentInRealTime(received: readonly Received[], sinceMs: number): boolean {
  const until = Math.ceil(Date.now() / 1000);
  return received.every((got) => {
    const sec = Number(got.headers['webhook-timestamp']);
    return sec >= Math.floor(sinceMs / 1000) && sec <= until;
  });
}

export function hookMock(options: MockOptions = {}) {
  const m = createTestMock({ rateLimit: 100_000, ...options });
  const agent = (extra: Record<string, unknown> = {}) => m.register({ permissions: PERMISSIONS, ...extra });
  const addHook = async (as: Awaited<ReturnType<typeof agent>>, url: string, events: string[] = ALL_EVENTS) => {
    const res = await m.call('POST', '/webhooks', { as, body: { url, events } });
    if (res.status !== 201) throw new Error(`POST /webhooks answered ${res.status}: ${res.text}`);
    return { id: res.body.webhook.id as string, secret: res.body.secret as string };
  };
  const buy = (as: Awaited<ReturnType<typeof agent>>, quantity = 0.001) =>
    m.call('POST', '/orders', { as, body: { symbol: 'BTC', side: 'buy', type: 'market', quantity, price: null } });
  const advance = async (ms: number) => {
    const res = await m.control('POST', '/clock', { advanceMs: ms });
    if (res.status !== 200) throw new Error(`clock: ${res.status} ${res.text}`);
    await m.ctx.webhookDelivery.idle();
  };
  const log = async (webhookId: string) => {
    const res = await m.control('GET', '/webhooks');
    return (res.body.data as { id: string; messages: MessageJson[] }[]).find((w) => w.id === webhookId)?.messages ?? [];
  };
  return { ...m, agent, addHook, buy, advance, log };
}

export interface MessageJson {
  messageId: string;
  eventType: string;
  state: string;
  nextAttemptAt: string | null;
  attempts: { number: number; at: string; status: number | null; error: string | null; latencyMs: number }[];
}

export const at = (ms: number): string => new Date(T0_MS + ms).toISOString();
