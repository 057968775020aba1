// Shared by the deliberately broken clients in this folder: a client that is correct except for
// the one mistake each file switches on, so each one fails exactly the check meant for it.
// Reads NX_BASE_URL, NX_API_KEY, NX_API_SECRET like the real example agents.
import { createHmac } from 'node:crypto';

export interface Mistakes {
  /** The X-NX-Timestamp header (null: not sent) and the timestamp signed. */
  timestamp?: (nowMs: number) => { header: string | null; signed: string };
  /** The path signed, from the path relative to /v1/agent and the query string. */
  signedPath?: (path: string, query: string) => string;
  /** The bytes sent and the bytes signed for a JSON body. */
  body?: (value: unknown) => { sent: string; signed: string };
  /** Extra fields merged into the order. */
  orderExtras?: Record<string, unknown>;
  /** Retry a 429 after this many ms instead of Retry-After. */
  retry429AfterMs?: number;
  /** Retry a 5xx after this many ms (the correct client does not retry an order without an id). */
  retry5xxAfterMs?: number;
}

const BASE_URL = (process.env.NX_BASE_URL ?? 'http://127.0.0.1:4010/v1/agent').replace(/\/+$/, '');
const API_KEY = process.env.NX_API_KEY ?? '';
const API_SECRET = process.env.NX_API_SECRET ?? '';
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function call(m: Mistakes, method: string, path: string, query = '', value?: unknown): Promise<{ status: number; text: string }> {
  const body = value === undefined ? { sent: '', signed: '' } : (m.body ?? ((v) => ({ sent: JSON.stringify(v), signed: JSON.stringify(v) })))(value);
  for (let attempt = 1; ; attempt += 1) {
    const headers: Record<string, string> = { 'X-NX-Key': API_KEY };
    if (body.sent) headers['Content-Type'] = 'application/json';
    if (API_KEY.startsWith('nx_live_')) {
      const now = Date.now();
      const ts = m.timestamp ? m.timestamp(now) : { header: String(now), signed: String(now) };
      const signedPath = m.signedPath ? m.signedPath(path, query) : path;
      if (ts.header !== null) headers['X-NX-Timestamp'] = ts.header;
      headers['X-NX-Signature'] = createHmac('sha256', API_SECRET).update(`${ts.signed}${method}${signedPath}${body.signed}`).digest('hex');
    }
    const res = await fetch(`${BASE_URL}${path}${query ? `?${query}` : ''}`, { method, headers, body: body.sent || undefined });
    const text = await res.text();
    const retryIn =
      res.status === 429 ? (m.retry429AfterMs ?? Number(res.headers.get('retry-after') ?? 1) * 1000) : res.status >= 500 ? m.retry5xxAfterMs : undefined;
    if (retryIn === undefined || attempt >= 6) return { status: res.status, text };
    console.log(`${method} ${path} answered ${res.status}; retrying in ${retryIn} ms`);
    await sleep(retryIn);
  }
}

/** Reads the BTC ticker and buys a little at market; exit 1 when anything was refused. */
export async function run(mistakes: Mistakes): Promise<void> {
  let failed = false;
  const steps: [string, string, string, unknown?][] = [
    ['GET', '/market', 'coins=bitcoin'],
    ['POST', '/orders', '', { symbol: 'BTC', side: 'buy', type: 'market', quantity: 0.001, price: null, ...mistakes.orderExtras }],
  ];
  for (const [method, path, query, value] of steps) {
    const res = await call(mistakes, method, path, query, value);
    console.log(`${method} ${path} → ${res.status} ${res.text.slice(0, 160)}`);
    failed ||= res.status >= 400;
  }
  process.exitCode = failed ? 1 : 0;
}
