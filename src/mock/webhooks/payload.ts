// Engine events to webhook payloads (OrderEvent / CircuitBreakerEvent of openapi/agent-connect.yaml):
// `{type, timestamp, data}`, serialised with the same functions as API responses so an order in
// a webhook is byte-for-byte the order GET /orders/{id} showed at that moment.
import type { EngineEvent } from '../engine/index.js';
import { iso, serializeBreakers, serializeOrder } from '../http/serialize.js';

export function buildEventPayload(event: EngineEvent) {
  const timestamp = iso(event.at);
  if (event.type.startsWith('circuit_breaker.')) {
    if (!event.breaker) throw new Error(`${event.type} event without breaker state`);
    return { type: event.type, timestamp, data: { agentId: event.agentId, breakers: serializeBreakers(event.breaker) } };
  }
  if (!event.order) throw new Error(`${event.type} event without an order`);
  return { type: event.type, timestamp, data: { agentId: event.agentId, order: serializeOrder(event.order) } };
}

/** The exact body bytes of a message: built once, so every retry sends (and signs) the same text. */
export function eventBody(event: EngineEvent): string {
  return JSON.stringify(buildEventPayload(event));
}
