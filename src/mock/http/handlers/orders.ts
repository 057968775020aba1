// POST/GET /orders and GET/PATCH/DELETE /orders/{orderId}.
import { EngineError } from '../../engine/errors.js';
import type { ModifyOrderInput, OrderStatus, PlaceOrderInput } from '../../engine/index.js';
import { HttpProblem } from '../problem.js';
import { serializeOrder } from '../serialize.js';
import { requireAgent, type Handler } from './handler.js';

export const placeOrder: Handler = (ctx, input) => {
  const agent = requireAgent(input);
  const { order, replayed } = ctx.engine.placeOrder(agent.agentId, input.body as PlaceOrderInput);
  return replayed
    ? { status: 200, body: { order: serializeOrder(order) }, headers: { 'Idempotent-Replayed': 'true' } }
    : { status: 201, body: { order: serializeOrder(order) } };
};

export const listOrders: Handler = (ctx, input) => {
  const agent = requireAgent(input);
  const { status, symbol, limit, cursor } = input.query;
  const page = ctx.engine.listOrders(agent.agentId, {
    status: Array.isArray(status) ? (status as OrderStatus[]) : undefined,
    symbol: typeof symbol === 'string' ? symbol : undefined,
    limit: typeof limit === 'number' ? limit : 50,
    cursor: typeof cursor === 'string' ? cursor : undefined,
  });
  return { status: 200, body: { data: page.items.map(serializeOrder), nextCursor: page.nextCursor } };
};

export const getOrder: Handler = (ctx, input) => {
  const agent = requireAgent(input);
  const orderId = String(input.params.orderId);
  if (ctx.defects.has('cross-agent-read')) {
    const owner = ctx.engine.orderOwner(orderId);
    if (owner !== undefined) return { status: 200, body: { order: serializeOrder(ctx.engine.getOrder(owner, orderId)) } };
  }
  return { status: 200, body: { order: serializeOrder(ctx.engine.getOrder(agent.agentId, orderId)) } };
};

export const modifyOrder: Handler = (ctx, input) => {
  const agent = requireAgent(input);
  const body = input.body as ModifyOrderInput;
  if (body.quantity === undefined && body.price === undefined) {
    // The spec asks for at least one of them; an empty change is a client bug worth reporting.
    throw new HttpProblem('validation_failed', 'Send at least one of quantity (the new total) and price.', {
      extras: { errors: [{ location: 'body', pointer: '', message: 'Expected at least one of quantity, price', code: 'required' }] },
    });
  }
  const order = ctx.engine.modifyOrder(agent.agentId, String(input.params.orderId), body);
  return { status: 200, body: { order: serializeOrder(order) } };
};

export const cancelOrder: Handler = (ctx, input) => {
  const agent = requireAgent(input);
  const orderId = String(input.params.orderId);
  try {
    return { status: 200, body: { order: serializeOrder(ctx.engine.cancelOrder(agent.agentId, orderId)) } };
  } catch (error) {
    // Seeded defect: a finished order "cancels" again with 200 instead of 409.
    if (ctx.defects.has('cancel-canceled') && error instanceof EngineError && error.code === 'order_not_modifiable') {
      return { status: 200, body: { order: serializeOrder(ctx.engine.getOrder(agent.agentId, orderId)) } };
    }
    throw error;
  }
};
