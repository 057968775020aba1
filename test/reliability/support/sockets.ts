// Helpers for the tests that need real sockets (startMock): JSON requests over a capped pool of
// keep-alive connections, an agent's whole order list (following cursors), and raw TCP for the
// input-limit tests.
import http, { type Server } from 'node:http';
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

/**
 * Most connections call() opens to one server. A test may fire thousands of calls at once;
 * beyond the server's accept queue (Node's listen backlog is 511, and the kernel's somaxconn may
 * be as low as 128) connections get reset or refused under load. Requests beyond this many wait
 * in the client's pool, as with any real HTTP client, while the server still sees dozens at once.
 */
export const MAX_CONNECTIONS = 64;

// node:http's Agent caps sockets hard (fetch's pool opens a new connection whenever none is idle).
const pool = new http.Agent({ keepAlive: true, maxSockets: MAX_CONNECTIONS });

/** Counts the connections open at once on `server` (tests assert the peak stays within the cap). */
export function trackConnections(server: Server): { peak: () => number } {
  let open = 0;
  let peak = 0;
  server.on('connection', (socket: net.Socket) => {
    peak = Math.max(peak, ++open);
    socket.once('close', () => open--);
  });
  return { peak: () => peak };
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
  const { status, headers: got, text: answer } = await request(`${mock.baseUrl}${path}`, method, headers, text);
  return { status, headers: got, text: answer, json: () => JSON.parse(answer) as Record<string, unknown> };
}

function request(url: string, method: string, headers: Record<string, string>, body: string | undefined): Promise<{ status: number; headers: Headers; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers, agent: pool }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const out = new Headers();
        for (const [name, value] of Object.entries(res.headers)) {
          for (const v of Array.isArray(value) ? value : [value ?? '']) out.append(name, v);
        }
        resolve({ status: res.statusCode ?? 0, headers: out, text: Buffer.concat(chunks).toString('utf8') });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
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
