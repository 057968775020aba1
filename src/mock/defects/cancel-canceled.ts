import { EngineError } from '../engine/errors.js';
import { serializeOrder } from '../http/serialize.js';
import { defineDefect, withHandler } from './defect.js';

export const cancelCanceled = defineDefect({
  name: 'cancel-canceled',
  description: 'A cancelled order can be cancelled again (200).',
  caughtBy: ['orders.finished-not-modifiable'],
  apply: (parts) =>
    withHandler(parts, 'cancelOrder', (cancelOrder) => (ctx, input) => {
      try {
        return cancelOrder(ctx, input);
      } catch (error) {
        if (!(error instanceof EngineError) || error.code !== 'order_not_modifiable') throw error;
        // A finished order "cancels" again with 200 instead of 409.
        return { status: 200, body: { order: serializeOrder(ctx.engine.getOrder(input.agent.agentId, input.params.orderId)) } };
      }
    }),
});
