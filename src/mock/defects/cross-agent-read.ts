import { anyOrder } from '../engine/state/order-archive.js';
import { requireOwnOrder } from '../engine/trading/order-lookup.js';
import { defineDefect } from './defect.js';

export const crossAgentRead = defineDefect({
  name: 'cross-agent-read',
  description: "One agent can read another agent's order.",
  caughtBy: ['permission.cross-agent-orders'],
  // GET /orders/{orderId} finds any agent's order; PATCH and DELETE still check the owner.
  apply: (parts) => ({
    ...parts,
    engine: { ...parts.engine, readableOrder: (ctx, account, orderId) => anyOrder(ctx, orderId) ?? requireOwnOrder(ctx, account, orderId) },
  }),
});
