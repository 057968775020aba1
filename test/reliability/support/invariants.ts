// The engine's bookkeeping invariants, read from ctx.engine.portfolio() and snapshot() after every
// step of a fuzzed sequence. Each returns a list of human-readable problems (empty when sound).
import type { MockContext } from '../../../src/mock/http/mock-context.js';
import { buyCost, feeFor, notionalOf } from '../../../src/mock/engine/trading/costs.js';

const MONEY_EPS = 1e-6;
const isOpen = (status: string) => status === 'open' || status === 'partially_filled';
const near = (a: number, b: number, eps = MONEY_EPS) => Math.abs(a - b) <= eps;

export function invariantProblems(ctx: MockContext): string[] {
  const problems: string[] = [];
  const { engine, market } = ctx;
  const now = ctx.clock.now();
  const feeBps = ctx.options.feeBps;
  // portfolio() settles the engine up to now first; the snapshot is taken after, so both agree.
  const portfolios = new Map(engine.snapshot().agents.map((a) => [a.agentId, engine.portfolio(a.agentId)]));
  const snap = engine.snapshot();
  const orders = new Map(snap.orders.map((o) => [o.orderId, o]));
  const openIds = new Set(snap.orders.filter((o) => isOpen(o.status)).map((o) => o.orderId));
  const restingIds = new Set(snap.resting.map((r) => r.orderId));
  for (const id of openIds) if (!restingIds.has(id)) problems.push(`open order ${id} is not in the resting index`);
  for (const id of restingIds) if (!openIds.has(id)) problems.push(`resting index holds ${id}, which is ${orders.get(id)?.status ?? 'unknown'}`);

  for (const account of snap.accounts) {
    const who = account.agentId;
    const p = portfolios.get(who);
    if (account.cash < -MONEY_EPS) problems.push(`${who}: cash ${account.cash} < 0`);
    if (account.reservedCash < -MONEY_EPS) problems.push(`${who}: reservedCash ${account.reservedCash} < 0`);
    if (account.reservedCash > account.cash + MONEY_EPS) problems.push(`${who}: reservedCash ${account.reservedCash} > cash ${account.cash} (overdraft)`);
    if (!ctx.options.allowShort) {
      for (const pos of account.positions) if (pos.quantity < 0) problems.push(`${who}: position ${pos.symbol} ${pos.quantity} < 0`);
    }
    for (const pos of account.positions) if (pos.quantity === 0) problems.push(`${who}: a zero position ${pos.symbol} is kept`);

    const own = account.orderIds.map((id) => orders.get(id)).filter((o) => o !== undefined);
    if (own.length !== account.orderIds.length) problems.push(`${who}: lists orders the engine does not hold`);
    let reserved = 0;
    let ledger = ctx.options.startingCash;
    let fillCount = 0;
    const openBuy = new Map<string, number>();
    const openSell = new Map<string, number>();
    for (const o of own) {
      const filled = o.fills.reduce((s, f) => s + f.quantity, 0);
      if (!near(filled, o.filledQuantity, 1e-9 * Math.max(1, o.quantity))) problems.push(`${o.orderId}: Σ fills ${filled} ≠ filledQuantity ${o.filledQuantity}`);
      if (o.filledQuantity > o.quantity + 1e-12) problems.push(`${o.orderId}: filled ${o.filledQuantity} > quantity ${o.quantity}`);
      if (o.status === 'filled' && !near(o.filledQuantity, o.quantity, 1e-12)) problems.push(`${o.orderId}: filled with ${o.filledQuantity} of ${o.quantity}`);
      const remaining = o.quantity - o.filledQuantity;
      if (isOpen(o.status)) {
        const map = o.side === 'buy' ? openBuy : openSell;
        map.set(o.symbol, (map.get(o.symbol) ?? 0) + remaining);
        if (o.side === 'buy') {
          reserved += o.reserved;
          const expected = buyCost(o.price ?? 0, Number(remaining.toFixed(o.qtyDecimals)), feeBps);
          if (!near(o.reserved, expected)) problems.push(`${o.orderId}: reserves ${o.reserved}, its remainder costs ${expected}`);
        }
      } else if (o.reserved !== 0) {
        problems.push(`${o.orderId} (${o.status}) still reserves ${o.reserved}`);
      }
      for (const f of o.fills) {
        fillCount++;
        const notional = notionalOf(f.price, f.quantity);
        if (!near(f.fee, feeFor(notional, feeBps))) problems.push(`${f.fillId}: fee ${f.fee} ≠ ${feeFor(notional, feeBps)}`);
        ledger += o.side === 'buy' ? -(notional + f.fee) : notional - f.fee;
      }
    }
    if (!near(account.reservedCash, reserved)) problems.push(`${who}: reservedCash ${account.reservedCash} ≠ Σ open buy reservations ${reserved}`);
    if (!near(account.cash, ledger, MONEY_EPS + 1e-8 * fillCount)) problems.push(`${who}: cash ${account.cash} ≠ starting cash ± fills ${ledger}`);
    for (const [label, mine, theirs] of [['buy', openBuy, account.openBuyQty], ['sell', openSell, account.openSellQty]] as const) {
      for (const symbol of new Set([...mine.keys(), ...Object.keys(theirs)])) {
        if (!near(mine.get(symbol) ?? 0, theirs[symbol] ?? 0, 1e-9)) problems.push(`${who}: open ${label} qty ${symbol} ${theirs[symbol] ?? 0} ≠ Σ remaining ${mine.get(symbol) ?? 0}`);
      }
    }
    if (!p) {
      problems.push(`${who}: no portfolio`);
      continue;
    }
    if (p.cash !== account.cash || p.reservedCash !== account.reservedCash) problems.push(`${who}: portfolio and snapshot disagree on cash`);
    const marked = account.positions.reduce((s, pos) => s + pos.quantity * market.price(pos.symbol, now), account.cash);
    if (!near(p.totalValue, marked)) problems.push(`${who}: totalValue ${p.totalValue} ≠ cash + Σ qty × mark ${marked}`);
    if (!near(p.availableCash, account.cash - account.reservedCash)) problems.push(`${who}: availableCash ${p.availableCash} ≠ cash − reserved`);
  }
  return problems;
}
