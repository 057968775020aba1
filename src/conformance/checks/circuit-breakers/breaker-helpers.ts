// Shared by the circuit-breaker checks: pick a coin and size orders from the server's own market
// data, place market orders, and trip the daily-loss breaker — with the mock's control API by
// shifting the coin's price down 20 % (form 'control-price'), elsewhere by round trips that pay
// spread and fees until the day's loss passes the limit (form 'round-trip').
import type { ApiResponse } from '../../../client/agent-client.js';
import type { TestAgent } from '../../agent-pool.js';
import type { CheckContext } from '../../check-context.js';
import { expectProblem } from '../expect.js';

export const TRADER = ['read:market', 'read:portfolio', 'write:orders'] as const;

export interface Coin {
  symbol: string;
  /** The mid price from GET /market. */
  price: number;
  lotSize: number;
  tickSize: number;
}

export interface OrderJson {
  orderId?: string;
  status?: string;
  filledQuantity?: number;
  rejectReason?: string | null;
}

const brief = (res: ApiResponse<unknown>): string => `${res.status} ${res.text.slice(0, 300)}`;

/** The first of `preferred` the server lists (else its first coin), with its price and lot size. */
export async function pickCoin(ctx: CheckContext, agent: TestAgent, preferred: readonly string[]): Promise<Coin> {
  const market = await agent.client.market();
  if (market.status !== 200) ctx.fail(`GET /market failed with ${market.status}`, 'status 200', brief(market));
  const coins = market.json?.data ?? [];
  const ticker = preferred.map((p) => coins.find((c) => c.symbol === p)).find((c) => c !== undefined) ?? coins[0];
  if (!ticker) return ctx.fail('GET /market listed no coins, so no order can be sized', 'at least one coin', brief(market));
  if (!(typeof ticker.price === 'number' && ticker.price > 0)) {
    ctx.fail(`GET /market gave no usable price for ${ticker.symbol}, so no order can be sized`, 'price: a number > 0', JSON.stringify(ticker).slice(0, 300));
  }
  const book = await agent.client.orderBook(ticker.symbol, 5);
  if (book.status !== 200 || !book.json) ctx.fail(`GET /market/${ticker.symbol}/orderbook failed with ${book.status}`, 'status 200', brief(book));
  const lotSize = book.json.data.lotSize;
  if (!(typeof lotSize === 'number' && lotSize > 0)) ctx.fail(`GET /market/${ticker.symbol}/orderbook gave no usable lotSize`, 'lotSize: a number > 0', book.text.slice(0, 300));
  const tickSize = typeof book.json.data.tickSize === 'number' && book.json.data.tickSize > 0 ? book.json.data.tickSize : 0.01;
  return { symbol: ticker.symbol, price: ticker.price, lotSize, tickSize };
}

/** The largest multiple of the lot worth at most `usd` at the coin's price. */
export function quantityFor(coin: Coin, usd: number): number {
  const lots = Math.floor(usd / coin.price / coin.lotSize + 1e-9);
  const decimals = coin.lotSize >= 1 ? 0 : Math.ceil(-Math.log10(coin.lotSize) - 1e-9);
  return Number((lots * coin.lotSize).toFixed(decimals));
}

/** A limit price `fraction` of the coin's price, on its tick grid. */
export function priceAt(coin: Coin, fraction: number): number {
  const ticks = Math.max(1, Math.floor((coin.price * fraction) / coin.tickSize));
  const decimals = coin.tickSize >= 1 ? 0 : Math.ceil(-Math.log10(coin.tickSize) - 1e-9);
  return Number((ticks * coin.tickSize).toFixed(decimals));
}

export function marketOrder(agent: TestAgent, symbol: string, side: 'buy' | 'sell', quantity: number): Promise<ApiResponse<{ order?: OrderJson }>> {
  return agent.client.send<{ order?: OrderJson }>('POST', '/orders', { body: { symbol, side, type: 'market', quantity } });
}

/** A market order that must be accepted (201) and not rejected. */
export async function placeOk(ctx: CheckContext, agent: TestAgent, coin: Coin, side: 'buy' | 'sell', quantity: number, what: string): Promise<OrderJson> {
  const res = await marketOrder(agent, coin.symbol, side, quantity);
  if (res.status !== 201) ctx.fail(`The server refused ${what} (${side} ${quantity} ${coin.symbol} at market) with ${res.status}`, 'status 201', brief(res));
  const order = res.json?.order ?? {};
  if (order.status === 'rejected') ctx.fail(`The server rejected ${what} (${side} ${quantity} ${coin.symbol}): ${order.rejectReason ?? 'no reason'}`, 'a filled order', brief(res));
  return order;
}

export interface DailyLossPortfolio {
  tripped?: unknown;
  current?: unknown;
  limit?: unknown;
  resetsAt?: unknown;
  trippedAt?: unknown;
}

export async function dailyLossOf(ctx: CheckContext, agent: TestAgent): Promise<{ res: ApiResponse<unknown>; dailyLoss: DailyLossPortfolio }> {
  const res = await agent.client.portfolio();
  if (res.status !== 200) ctx.fail(`GET /portfolio failed with ${res.status}`, 'status 200', brief(res));
  const dailyLoss = (res.json?.data.breakers.dailyLoss ?? {}) as DailyLossPortfolio;
  return { res, dailyLoss };
}

/** The next 00:00 UTC after t. */
const nextMidnight = (t: number): number => Math.floor(t / 86_400_000) * 86_400_000 + 86_400_000;

/** A risk-adding buy must get 403 daily_loss_limit_reached carrying resetsAt (the next 00:00 UTC). */
export function expectDailyLossRefusal(ctx: CheckContext, res: ApiResponse<unknown>, what: string, loss: string): void {
  if (res.status === 201 || res.status === 200) {
    ctx.fail(`The server accepted ${what} although ${loss}: orders that add risk must be refused while the daily-loss breaker is tripped`, '403 daily_loss_limit_reached', brief(res));
  }
  expectProblem(ctx, res, 403, ['daily_loss_limit_reached'], what);
  const resetsAt = (res.json as { resetsAt?: unknown } | undefined)?.resetsAt;
  const at = typeof resetsAt === 'string' ? Date.parse(resetsAt) : Number.NaN;
  if (Number.isNaN(at)) ctx.fail(`The daily_loss_limit_reached problem has no valid resetsAt`, 'resetsAt: the next 00:00 UTC as an RFC 3339 date-time', `resetsAt: ${JSON.stringify(resetsAt)}`);
  const now = ctx.now();
  const expected = [nextMidnight(now - 60_000), nextMidnight(now + 60_000)];
  if (!expected.includes(at)) {
    ctx.fail(`The daily_loss_limit_reached problem says resetsAt ${String(resetsAt)}, not the next 00:00 UTC`, `resetsAt: ${new Date(nextMidnight(now)).toISOString()}`, `resetsAt: ${String(resetsAt)}`);
  }
}

export interface Tripped {
  form: 'control-price' | 'round-trip';
  coin: Coin;
  /** The position held (bought before the loss). */
  held: number;
  /** The refusal of the first risk-adding buy after the loss. */
  refusal: ApiResponse<unknown>;
  /** Undoes the price override (control form); safe to call twice. */
  restore(): Promise<void>;
}

const ROUND_TRIP_USD = 1500;
const MAX_ROUND_TRIPS = 8;

/**
 * Buys ~`positionUsd` of a coin, makes the agent lose more than its dailyLossLimit, then checks
 * that a risk-adding buy is refused with 403 daily_loss_limit_reached. The caller must call
 * restore() (in a finally) when the form is 'control-price'.
 */
export async function tripDailyLoss(ctx: CheckContext, agent: TestAgent, limitUsd: number, positionUsd: number, beforeLoss?: (coin: Coin, held: number) => Promise<void>): Promise<Tripped> {
  const coin = await pickCoin(ctx, agent, ['LTC', 'ETH', 'BTC']);
  const held = quantityFor(coin, positionUsd);
  if (held <= 0) ctx.skip(`one lot of ${coin.symbol} costs more than ${positionUsd} USD`);
  await placeOk(ctx, agent, coin, 'buy', held, `a first buy of ~${positionUsd} USD`);
  // With the position held and before any loss: the caller's resting orders, to be judged at the trip.
  if (ctx.control) await beforeLoss?.(coin, held);
  const probeQty = quantityFor(coin, Math.min(50, positionUsd / 2)) || coin.lotSize;
  const control = ctx.control;
  if (control) {
    let restored = false;
    const restore = async () => {
      if (restored) return;
      restored = true;
      await control.clearPrice(coin.symbol);
    };
    await control.shift(coin.symbol, -20);
    try {
      const loss = `the agent's ${coin.symbol} position lost 20 % (~${Math.round(positionUsd * 0.2)} USD) against a dailyLossLimit of ${limitUsd} USD`;
      ctx.reproduceNote = `after the ${coin.symbol} price was shifted −20 % with the control API (POST /__nx/market/${coin.symbol} {"shiftPercent": -20}): a risk-adding buy`;
      const refusal = await marketOrder(agent, coin.symbol, 'buy', probeQty);
      expectDailyLossRefusal(ctx, refusal, `a buy of ${probeQty} ${coin.symbol} after the loss`, loss);
      return { form: 'control-price', coin, held, refusal, restore };
    } catch (error) {
      await restore();
      throw error;
    }
  }
  const tripQty = quantityFor(coin, ROUND_TRIP_USD);
  for (let round = 1; round <= MAX_ROUND_TRIPS; round++) {
    const buy = await marketOrder(agent, coin.symbol, 'buy', tripQty);
    if (buy.status === 403 && (buy.json as { code?: unknown } | undefined)?.code === 'daily_loss_limit_reached') {
      ctx.reproduceNote = `after ${round - 1} buy/sell round trips of ~${ROUND_TRIP_USD} USD ${coin.symbol} (paying spread and fees): a risk-adding buy`;
      expectDailyLossRefusal(ctx, buy, `a buy of ${tripQty} ${coin.symbol} after the loss`, `the day's loss passed the ${limitUsd} USD dailyLossLimit`);
      return { form: 'round-trip', coin, held, refusal: buy, restore: async () => {} };
    }
    if (buy.status !== 201) ctx.fail(`A round-trip buy of ${tripQty} ${coin.symbol} failed with ${buy.status}`, 'status 201, or 403 daily_loss_limit_reached once the loss passed the limit', brief(buy));
    await placeOk(ctx, agent, coin, 'sell', tripQty, 'the sell closing a round trip');
    const { dailyLoss } = await dailyLossOf(ctx, agent);
    if (dailyLoss.tripped === true || (typeof dailyLoss.current === 'number' && dailyLoss.current >= limitUsd)) {
      ctx.reproduceNote = `after ${round} buy/sell round trips of ~${ROUND_TRIP_USD} USD ${coin.symbol} (the day's loss ${String(dailyLoss.current)} USD ≥ the ${limitUsd} USD limit): a risk-adding buy`;
      const refusal = await marketOrder(agent, coin.symbol, 'buy', probeQty);
      expectDailyLossRefusal(ctx, refusal, `a buy of ${probeQty} ${coin.symbol} after the loss`, `the day's loss (${String(dailyLoss.current)} USD) reached the ${limitUsd} USD dailyLossLimit`);
      return { form: 'round-trip', coin, held, refusal, restore: async () => {} };
    }
  }
  return ctx.skip(`${MAX_ROUND_TRIPS} round trips of ~${ROUND_TRIP_USD} USD did not lose ${limitUsd} USD (spread and fees too small); without the control API the loss cannot be forced`);
}

/** A tripped breaker in /portfolio: when it tripped (not in the future), when it resets (the next 00:00 UTC), a loss at its limit. */
export function expectTrippedState(ctx: CheckContext, d: DailyLossPortfolio, limitUsd: number): void {
  const now = ctx.now();
  const trippedAt = typeof d.trippedAt === 'string' ? Date.parse(d.trippedAt) : Number.NaN;
  const resetsAt = typeof d.resetsAt === 'string' ? Date.parse(d.resetsAt) : Number.NaN;
  const resets = [nextMidnight(now - 60_000), nextMidnight(now + 60_000)];
  if (Number.isNaN(trippedAt) || trippedAt > now + 60_000 || !resets.includes(resetsAt) || typeof d.current !== 'number' || d.current < limitUsd - 0.01) {
    ctx.fail(
      'GET /portfolio shows the daily-loss breaker tripped, but not when it tripped, when it resets, or a loss at its limit',
      `trippedAt: a past date-time, resetsAt: ${new Date(nextMidnight(now)).toISOString()} (the next 00:00 UTC), current ≥ ${limitUsd}`,
      `data.breakers.dailyLoss: ${JSON.stringify(d)}`,
    );
  }
}
