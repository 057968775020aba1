// Engine scaling, no HTTP: the cost of placing a resting limit order and of a resting fill with
// 1k, 10k and 100k resting limit orders in one book. The engine is the mock's own (seeded model
// market behind the control API's overrides, virtual clock), so the numbers are what a request
// pays below the HTTP layer. Each size gets a fresh engine.
import { performance } from 'node:perf_hooks';
import { createMockContext } from '../src/mock/http/mock-context.js';
import { createRng } from '../src/mock/engine/random.js';
import { median } from './stats.js';

export interface EngineSizeResult {
  size: number;
  /** Median µs to place one resting limit buy into a book of `size` resting orders. */
  placeUs: number;
  /** µs per resting order filled when the price crosses the top of that book. */
  fillUs: number;
  fills: number;
}

export interface EngineResult {
  sizes: EngineSizeResult[];
  /** placeUs at the largest size / at the smallest. */
  placeRatio: number;
  fillRatio: number;
}

const T0 = '2026-01-05T12:00:00Z';

function measureSize(size: number, probe: number): EngineSizeResult {
  const ctx = createMockContext({ clock: `virtual:${T0}`, startingCash: 1e12, demoAgents: false });
  const { engine, market, clock } = ctx;
  const { agent } = engine.registerAgent({ name: 'bench', mode: 'sandbox', permissions: ['write:orders'] });
  const id = agent.agentId;
  const rng = createRng(`engine-bench:${size}`);
  const mid = market.price('BTC', clock.now());
  // Limit buys spread over 50–90 % of the mid (on the tick): all rest, none crosses.
  const price = () => Math.round(mid * (0.5 + 0.4 * rng.next()) * 100) / 100;
  const place = (p = price()) => engine.placeOrder(id, { symbol: 'BTC', side: 'buy', type: 'limit', quantity: 0.00001, price: p }).order.orderId;
  const limits: number[] = [];
  for (let i = 0; i < size; i++) {
    const p = price();
    limits.push(p);
    place(p);
  }

  // Marginal cost at this size: place `k` more, time them, cancel them again (untimed); 5 rounds.
  const k = Math.max(50, Math.min(probe, Math.floor(size / 5)));
  const rounds: number[] = [];
  for (let r = 0; r < 5; r++) {
    const ids: string[] = [];
    const start = performance.now();
    for (let i = 0; i < k; i++) ids.push(place());
    rounds.push(((performance.now() - start) * 1000) / k);
    for (const orderId of ids) engine.cancelOrder(id, orderId);
  }
  if (engine.stats().restingOrders !== size) throw new Error(`engine bench: expected ${size} resting, got ${engine.stats().restingOrders}`);

  // Fills: pin the price at the k-th highest limit, so about k resting buys cross on the next settle.
  limits.sort((a, b) => b - a);
  const cross = limits[Math.min(k, limits.length) - 1] ?? mid;
  clock.advance(1);
  market.pin('BTC', cross, clock.now());
  clock.advance(1);
  const before = engine.stats().restingOrders;
  const start = performance.now();
  engine.settle();
  const ms = performance.now() - start;
  const fills = before - engine.stats().restingOrders;
  return { size, placeUs: median(rounds), fillUs: fills > 0 ? (ms * 1000) / fills : NaN, fills };
}

export function runEngineBench(sizes: readonly number[], probe: number): EngineResult {
  measureSize(Math.min(2_000, sizes[0] ?? 1_000), probe); // warm the JIT before anything is timed
  const results = sizes.map((n) => measureSize(n, probe));
  const first = results[0];
  const last = results[results.length - 1];
  return {
    sizes: results,
    placeRatio: first && last ? last.placeUs / first.placeUs : NaN,
    fillRatio: first && last ? last.fillUs / first.fillUs : NaN,
  };
}
