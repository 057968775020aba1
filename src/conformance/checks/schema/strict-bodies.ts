import type { Check } from '../../check.js';
import { expectProblem, expectStatus, pass } from '../expect.js';
import { coinInfo, farBelow, lots } from './support/market-info.js';
import { agentFor } from './support/pick-agent.js';

export const strictBodies: Check = {
  id: 'schema.strict-bodies',
  title: 'A body sent to an operation that takes none, or none sent to one that requires it, gets 400 validation_failed; a charset other than UTF-8 or a Content-Encoding gets 415',
  category: 'schema',
  spec: 'Introduction: "a body sent to an operation that takes none [is] refused with 400 validation_failed; so is an empty body sent to an operation whose request body is required. Bodies are UTF-8 application/json (charset=utf-8 or no charset), uncompressed; anything else is 415 unsupported_media_type."',
  requirements: ['errors.unexpected-body', 'errors.body-required', 'errors.media-type'],
  modes: ['sandbox', 'live'],
  needs: { register: true, orders: true, budget: 7 },
  async run(ctx) {
    const agent = await agentFor(ctx, ['read:market', 'write:orders', 'write:webhook'], 7, ['read:social']);
    const info = await coinInfo(ctx, agent);
    const order = { symbol: info.symbol, side: 'buy', type: 'limit', quantity: lots(info, 1), price: farBelow(info, 0.5) };
    // The body's own check runs before anything else the operation does: the order stays put.
    const resting = await agent.client.send<{ order?: { orderId?: string } }>('POST', '/orders', { body: order });
    expectStatus(ctx, resting, 201, 'Set-up: a limit buy far below the market');
    const orderId = resting.json?.order?.orderId ?? '';
    const id = encodeURIComponent(orderId);
    // A reproduction places its own order first: a server that ignores the body cancels this one.
    ctx.reproducePrelude = { exchange: resting.exchange, id: orderId, field: 'orderId' };
    const withBody = await agent.client.send('DELETE', `/orders/${id}`, { body: { reason: 'nx-conformance' } });
    expectProblem(ctx, withBody, 400, ['validation_failed'], 'DELETE /orders/{orderId} with a JSON body (the operation takes none)');
    const empty = await agent.client.send('POST', '/orders', { body: '', headers: { 'content-type': 'application/json' } });
    expectProblem(ctx, empty, 400, ['validation_failed'], 'POST /orders with an empty body (its request body is required)');
    const emptyWebhook = await agent.client.send('POST', '/webhooks', { body: '', headers: { 'content-type': 'application/json' } });
    expectProblem(ctx, emptyWebhook, 400, ['validation_failed'], 'POST /webhooks with an empty body (its request body is required)');
    const latin1 = await agent.client.send('POST', '/orders', { body: JSON.stringify(order), headers: { 'content-type': 'application/json; charset=iso-8859-1' } });
    expectProblem(ctx, latin1, 415, ['unsupported_media_type'], 'POST /orders with Content-Type: application/json; charset=iso-8859-1');
    // The header is what is judged (any Content-Encoding is refused), so the body stays plain JSON
    // text: a reproduction can carry it, and a server that ignores the header accepts it.
    const encoded = await agent.client.send('POST', '/orders', { body: JSON.stringify(order), headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' } });
    expectProblem(ctx, encoded, 415, ['unsupported_media_type'], 'POST /orders with Content-Encoding: gzip');
    await agent.client.cancelOrder(orderId);
    return pass('a DELETE with a body and a POST /orders and a POST /webhooks with an empty one got 400 validation_failed; charset=iso-8859-1 and Content-Encoding: gzip got 415 unsupported_media_type');
  },
};
