// A client for the mock's /__nx control API. `probeControl()` tells whether a server offers it,
// so conformance checks can use the fast form (move the clock) and fall back when it does not.
import { rawRequest } from './raw-request.js';

export interface ControlClient {
  readonly url: string;
  info(): Promise<{ seed: number; clock: { kind: string; nowMs: number }; defects: string[]; rateLimit: number }>;
  reset(): Promise<void>;
  now(): Promise<number>;
  advance(ms: number): Promise<number>;
  setClock(iso: string): Promise<number>;
  pin(symbol: string, price: number): Promise<number>;
  shift(symbol: string, percent: number): Promise<number>;
  clearPrice(symbol: string): Promise<number>;
  journal(filter?: Record<string, string | number>): Promise<Array<Record<string, unknown>>>;
  injectFault(spec: Record<string, unknown>): Promise<void>;
  clearFaults(): Promise<void>;
}

async function call(url: string, method: string, body?: unknown): Promise<unknown> {
  const res = await rawRequest({
    method,
    url,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (res.status >= 400) throw new Error(`control ${method} ${url} answered ${res.status}: ${res.text.slice(0, 300)}`);
  return res.text ? JSON.parse(res.text) : undefined;
}

/** `origin` is the server's origin (http://host:port) or its API base URL (…/v1/agent). */
export function createControlClient(origin: string): ControlClient {
  const base = `${origin.replace(/\/v1\/agent\/?$/, '').replace(/\/$/, '')}/__nx`;
  const price = (r: unknown) => (r as { price: number }).price;
  const nowMs = (r: unknown) => (r as { nowMs: number }).nowMs;
  return {
    url: base,
    info: async () => (await call(`${base}/info`, 'GET')) as Awaited<ReturnType<ControlClient['info']>>,
    reset: async () => void (await call(`${base}/reset`, 'POST')),
    now: async () => nowMs(await call(`${base}/clock`, 'GET')),
    advance: async (ms) => nowMs(await call(`${base}/clock`, 'POST', { advanceMs: ms })),
    setClock: async (iso) => nowMs(await call(`${base}/clock`, 'POST', { set: iso })),
    pin: async (symbol, p) => price(await call(`${base}/market/${symbol}`, 'POST', { pin: p })),
    shift: async (symbol, percent) => price(await call(`${base}/market/${symbol}`, 'POST', { shiftPercent: percent })),
    clearPrice: async (symbol) => price(await call(`${base}/market/${symbol}`, 'DELETE')),
    journal: async (filter = {}) => {
      const qs = new URLSearchParams(Object.entries(filter).map(([k, v]): [string, string] => [k, String(v)])).toString();
      return ((await call(`${base}/journal${qs ? `?${qs}` : ''}`, 'GET')) as { data: Array<Record<string, unknown>> }).data;
    },
    injectFault: async (spec) => void (await call(`${base}/faults`, 'POST', spec)),
    clearFaults: async () => void (await call(`${base}/faults`, 'DELETE')),
  };
}

/** The control client when the server offers /__nx, else null (never throws). */
export async function probeControl(origin: string): Promise<ControlClient | null> {
  const client = createControlClient(origin);
  try {
    const info = await client.info();
    return typeof info.seed === 'number' ? client : null;
  } catch {
    return null;
  }
}
