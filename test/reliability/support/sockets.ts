// Helpers for the tests that need real sockets (startMock): JSON requests with fetch, an agent's
// whole order list (following cursors), and raw TCP for the input-limit tests.
import net from 'node:net';
import { signRequest } from '../../../src/signing/index.js';
import type { RunningMock } from '../../../src/mock/http/start-mock.js';
import type { Credentials } from './mock.js';

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  json: () => Record<string, unknown>;
}

export async function call(mock: RunningMock, who: Credentials, method: string, path: string, body?: unknown): Promise<Answer> {
  const text = body === undefined ? undefined : JSON.stringify(body);
  const headers: Record<string, string> = { 'x-nx-key': who.apiKey };
  if (text !== undefined) headers['content-type'] = 'application/json';
  if (who.apiKey.startsWith('nx_live_')) {
    const timestamp = String(mock.ctx.clock.now());
    headers['x-nx-timestamp'] = timestamp;
    headers['x-nx-signature'] = signRequest({ secret: who.apiSecret, timestamp, method, path: path.split('?')[0] ?? path, body: text ?? '' });
  }
  const res = await fetch(`${mock.baseUrl}${path}`, { method, headers, body: text });
  const got = await res.text();
  return { status: res.status, headers: res.headers, text: got, json: () => JSON.parse(got) as Record<string, unknown> };
}

export interface ListedOrder {
  orderId: string;
  clientOrderId: string | null;
  status: string;
}

/** Every order of the agent, through GET /orders and its cursors. */
export async function allOrders(mock: RunningMock, who: Credentials): Promise<ListedOrder[]> {
  const out: ListedOrder[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 1_000; page++) {
    const res = await call(mock, who, 'GET', `/orders?limit=100${cursor ? `&cursor=${cursor}` : ''}`);
    if (res.status !== 200) throw new Error(`GET /orders answered ${res.status}: ${res.text}`);
    const body = res.json() as { data: ListedOrder[]; nextCursor: string | null };
    out.push(...body.data);
    cursor = body.nextCursor;
    if (!cursor) return out;
  }
  throw new Error('GET /orders never stopped paging');
}

export interface RawExchange {
  /** What came back (latin1), up to the first 2 kB. */
  data: string;
  /** The server closed or reset the connection. */
  closed: boolean;
  /** ms from connect to close (or to the give-up time). */
  ms: number;
  error: string | null;
}

/** Opens a TCP connection, writes `head`, lets `feed` write more, and waits for the server to close (or `giveUpMs`). */
export function rawExchange(mock: RunningMock, head: string, feed: (socket: net.Socket) => void, giveUpMs: number): Promise<RawExchange> {
  const { port, hostname } = new URL(mock.url);
  return new Promise((resolve) => {
    const started = Date.now();
    const socket = net.connect(Number(port), hostname);
    let data = '';
    let error: string | null = null;
    const finish = (closed: boolean) => {
      clearTimeout(timer);
      resolve({ data: data.slice(0, 2_000), closed, ms: Date.now() - started, error });
    };
    const timer = setTimeout(() => {
      socket.removeAllListeners('close');
      socket.destroy();
      finish(false);
    }, giveUpMs);
    socket.on('data', (d: Buffer) => {
      if (data.length < 2_000) data += d.toString('latin1');
    });
    socket.on('error', (e) => {
      error = e.message;
    });
    socket.on('close', () => finish(true));
    socket.write(head);
    feed(socket);
  });
}
