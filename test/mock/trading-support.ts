// Shared helpers for the HTTP tests of the mock exchange: a mock with a generous rate limit,
// agents with every permission, the published Python client's body format, and thin wrappers
// around the control API (price overrides, the virtual clock).
import { expect } from 'vitest';
import type { MockOptions } from '../../src/mock/http/mock-options.js';
import { createTestMock, type CallOptions, type Credentials } from '../helpers/test-mock.js';

export { T0 } from '../helpers/test-mock.js';

export const T0_MS = Date.parse('2026-01-05T12:00:00.000Z');
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export const ALL_PERMISSIONS = ['read:market', 'read:portfolio', 'write:orders', 'read:sentiment', 'read:social', 'write:webhook'];

export type TestMock = ReturnType<typeof createTestMock>;
export type Agent = Credentials & { agentId: string };

/** A test mock whose rate limit never gets in the way (the limit has its own tests). */
export function tradingMock(options: MockOptions = {}): TestMock {
  return createTestMock({ rateLimit: 100_000, ...options });
}

/** Registers an agent with every permission (sandbox unless `mode` says otherwise). */
export function registerFull(m: TestMock, extra: Record<string, unknown> = {}): Promise<Agent> {
  return m.register({ permissions: ALL_PERMISSIONS, ...extra });
}

/** Python's json.dumps(obj) for a flat object: `", "` and `": "` separators, `null` for None. */
export function pyDumps(obj: Record<string, unknown>): string {
  return `{${Object.entries(obj)
    .map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v ?? null)}`)
    .join(', ')}}`;
}

/** A call that must answer `status`; returns the parsed body. */
export async function expectCall(m: TestMock, status: number, method: string, path: string, opts: CallOptions = {}) {
  const res = await m.call(method, path, opts);
  expect(res.status, `${method} ${path}: ${res.text}`).toBe(status);
  return res.body;
}

export interface OrderJson {
  orderId: string;
  clientOrderId: string | null;
  symbol: string;
  side: 'buy' | 'sell';
  type: 'market' | 'limit';
  quantity: number;
  price: number | null;
  status: string;
  filledQuantity: number;
  remainingQuantity: number;
  avgFillPrice: number | null;
  fees: number;
  fills: { fillId: string; price: number; quantity: number; fee: number; liquidity: string; timestamp: string }[];
  createdAt: string;
  updatedAt: string;
}

export async function placeOrder(m: TestMock, as: Agent, body: Record<string, unknown>, status = 201): Promise<OrderJson> {
  return (await expectCall(m, status, 'POST', '/orders', { as, body })).order as OrderJson;
}

export async function getOrder(m: TestMock, as: Agent, orderId: string): Promise<OrderJson> {
  return (await expectCall(m, 200, 'GET', `/orders/${orderId}`, { as })).order as OrderJson;
}

export interface PortfolioJson {
  totalValue: number;
  cash: number;
  reservedCash: number;
  availableCash: number;
  positions: { symbol: string; quantity: number; avgPrice: number; marketPrice: number; marketValue: number; unrealizedPnl: number; realizedPnl: number }[];
  dayPnl: number;
  dayStartEquity: number;
  breakers: {
    dailyLoss: { limit: number | null; current: number; tripped: boolean; trippedAt: string | null; resetsAt: string | null };
    maxPositionSize: { limit: number | null };
  };
  updatedAt: string;
}

export async function portfolio(m: TestMock, as: Agent): Promise<PortfolioJson> {
  return (await expectCall(m, 200, 'GET', '/portfolio', { as })).data as PortfolioJson;
}

/** The ticker price of one coin as GET /market reports it. */
export async function marketPrice(m: TestMock, as: Agent, coin: string): Promise<number> {
  const body = await expectCall(m, 200, 'GET', `/market?coins=${coin}`, { as });
  return body.data[0].price as number;
}

export async function orderBook(m: TestMock, as: Agent, symbol: string, depth = 50) {
  const body = await expectCall(m, 200, 'GET', `/market/${symbol}/orderbook?depth=${depth}`, { as });
  return body.data as { bids: { price: number; quantity: number }[]; asks: { price: number; quantity: number }[]; tickSize: number; lotSize: number };
}

/** Control API: pin a coin's price from now on. */
export async function pinPrice(m: TestMock, symbol: string, price: number): Promise<void> {
  const res = await m.control('POST', `/market/${symbol}`, { pin: price });
  expect(res.status, res.text).toBe(200);
}

/** Control API: shift a coin's price by a percentage from now on. */
export async function shiftPrice(m: TestMock, symbol: string, shiftPercent: number): Promise<void> {
  const res = await m.control('POST', `/market/${symbol}`, { shiftPercent });
  expect(res.status, res.text).toBe(200);
}

/** Control API: move the virtual clock forward. */
export async function advance(m: TestMock, advanceMs: number): Promise<void> {
  const res = await m.control('POST', '/clock', { advanceMs });
  expect(res.status, res.text).toBe(200);
}

/** Control API: set the virtual clock. */
export async function setClock(m: TestMock, iso: string): Promise<void> {
  const res = await m.control('POST', '/clock', { set: iso });
  expect(res.status, res.text).toBe(200);
}

/** Rounds down to a multiple of `step`, printed without float noise. */
export function onGrid(x: number, step: number): number {
  const decimals = Math.max(0, Math.round(-Math.log10(step)));
  return Number((Math.floor(x / step + 1e-9) * step).toFixed(decimals));
}

/** True when x is a multiple of step (within float tolerance). */
export function isOnGrid(x: number, step: number): boolean {
  const n = x / step;
  return Math.abs(n - Math.round(n)) < 1e-6;
}

/** Money the way the engine keeps it: 8 decimals. */
export const money = (x: number): number => Math.round(x * 1e8) / 1e8;
