import type { Check } from '../../check.js';
import { expectProblem, expectStatus, pass } from '../expect.js';
import { coinInfo, farBelow, lots } from '../schema/support/market-info.js';
import { agentFor } from '../schema/support/pick-agent.js';

export const refusals: Check = {
  id: 'orders.refusals',
  title: 'An order for an unknown coin gets 400 unknown_symbol; one beyond the cash 422 insufficient_funds; a sell beyond the position 422 insufficient_position',
  category: 'orders',
  spec: 'Responses: BadRequest "unknown_symbol"; Unprocessable "insufficient_funds or insufficient_position (with required and available)"; Position.quantity "Negative for a short position (only where shorting is enabled)".',
  requirements: ['orders.refused', 'orders.modify.risk-rechecked'],
  // Sandbox agents have no circuit breakers, so a large buy meets the funds check, not the position cap.
  modes: ['sandbox'],
  needs: { register: true, orders: true, budget: 8 },
  async run(ctx) {
    const agent = await agentFor(ctx, ['read:market', 'write:orders'], 8, ['read:portfolio']);
    const info = await coinInfo(ctx, agent);
    const unknown = await agent.client.send('POST', '/orders', { body: { symbol: 'NXNOSUCHCOIN', side: 'buy', type: 'market', quantity: 1 } });
    expectProblem(ctx, unknown, 400, ['unknown_symbol'], 'POST /orders for the coin NXNOSUCHCOIN');
    // Worth about 10 million USD: beyond a paper account, below a sane per-order cap.
    const huge = lots(info, Math.ceil(1e7 / info.bestAsk / info.lotSize));
    const rich = await agent.client.send('POST', '/orders', { body: { symbol: info.symbol, side: 'buy', type: 'market', quantity: huge } });
    expectProblem(ctx, rich, 422, ['insufficient_funds'], `POST /orders buying ${huge} ${info.symbol} (~10 million USD)`);
    const needs = (rich.json ?? {}) as { required?: unknown; available?: unknown };
    if (typeof needs.required !== 'number' || typeof needs.available !== 'number' || !(needs.required > needs.available)) {
      ctx.fail('The insufficient_funds problem does not say what was required and what is available', 'required > available, both numbers', rich.text.slice(0, 300));
    }
    // A resting limit buy reserves its cash too: one worth ~10 million USD at half the price is refused as well.
    const restingHuge = lots(info, Math.ceil(2e7 / info.bestBid / info.lotSize));
    const limitRich = await agent.client.send('POST', '/orders', { body: { symbol: info.symbol, side: 'buy', type: 'limit', quantity: restingHuge, price: farBelow(info, 0.5) } });
    expectProblem(ctx, limitRich, 422, ['insufficient_funds'], `POST /orders, a limit buy of ${restingHuge} ${info.symbol} at half the price (~10 million USD, resting)`);
    // Added risk is checked again on PATCH: a resting buy grown beyond the cash is refused.
    const resting = await agent.client.send<{ order?: { orderId?: string } }>('POST', '/orders', { body: { symbol: info.symbol, side: 'buy', type: 'limit', quantity: lots(info, 2), price: farBelow(info, 0.5) } });
    expectStatus(ctx, resting, 201, 'Set-up: a limit buy far below the market');
    const grown = await agent.client.send('PATCH', `/orders/${encodeURIComponent(resting.json?.order?.orderId ?? '')}`, { body: { quantity: lots(info, Math.ceil(2e7 / info.bestBid / info.lotSize)) } });
    expectProblem(ctx, grown, 422, ['insufficient_funds'], 'a PATCH growing a resting buy to ~10 million USD');
    const short = await agent.client.send('POST', '/orders', { body: { symbol: info.symbol, side: 'sell', type: 'market', quantity: huge } });
    if (short.status === 201) {
      return ctx.partial(
        'unknown_symbol and insufficient_funds (with required and available) are refused as documented',
        `insufficient_position: the server sold ${huge} ${info.symbol} short (shorting is enabled there)`,
        'run against a server without short selling',
      );
    }
    expectProblem(ctx, short, 422, ['insufficient_position'], `POST /orders selling ${huge} ${info.symbol}, far more than held`);
    return pass('400 unknown_symbol, 422 insufficient_funds (required > available, for a market and a resting limit buy and on a PATCH) and 422 insufficient_position, each as problem+json');
  },
};
