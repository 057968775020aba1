// POST/GET /orders and GET/PATCH/DELETE /orders/{orderId}.
import { HttpProblem } from '../../../rules/problems.js';
import { serializeOrder } from '../serialize.js';
import type { Handler } from './handler.js';

export const placeOrder: Handler<'placeOrder'> = (ctx, { agent, body }) => {
  const { order, replayed } = ctx.engine.placeOrder(agent.agentId, body);
  return replayed
    ? { status: 200, body: { order: serializeOrder(order) }, headers: { 'Idempotent-Replayed': 'true' } }
    : { status: 201, body: { order: serializeOrder(order) } };
};

export const listOrders: Handler<'listOrders'> = (ctx, { agent, query }) => {
  const { status, symbol, limit, cursor } = query;
  const page = ctx.engine.listOrders(agent.agentId, { status, symbol, limit, cursor });
  return { status: 200, body: { data: page.items.map(serializeOrder), nextCursor: page.nextCursor } };
};

export const getOrder: Handler<'getOrder'> = (ctx, { agent, params }) => ({
  status: 200,
  body: { order: serializeOrder(ctx.engine.getOrder(agent.agentId, params.orderId)) },
});

export const modifyOrder: Handler<'modifyOrder'> = (ctx, { agent, params, body }) => {
  if (body.quantity === undefined && body.price === undefined) {
    // The spec asks for at least one of them; an empty change is a client bug worth reporting.
    throw new HttpProblem('validation_failed', 'Send at least one of quantity (the new total) and price.', {
      extras: { errors: [{ location: 'body', pointer: '', message: 'Expected at least one of quantity, price', code: 'required' }] },
    });
  }
  return { status: 200, body: { order: serializeOrder(ctx.engine.modifyOrder(agent.agentId, params.orderId, body)) } };
};

export const cancelOrder: Handler<'cancelOrder'> = (ctx, { agent, params }) => ({
  status: 200,
  body: { order: serializeOrder(ctx.engine.cancelOrder(agent.agentId, params.orderId)) },
});
