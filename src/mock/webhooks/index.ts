// Webhook delivery of the mock exchange (Standard Webhooks signing, per-webhook ordered queues,
// retries on the mock's clock) and the URL policy for webhook targets.
export { createWebhookDispatcher, type DispatcherOptions, type WebhookDispatcher } from './dispatcher.js';
export { messageView, webhookDeliveriesView, type AttemptRecord, type MessageRecord, type MessageState } from './delivery-log.js';
export { buildEventPayload, eventBody } from './payload.js';
export { MAX_ATTEMPTS, RETRY_DELAYS_MS } from './schedule.js';
export { signedHeaders, signWebhook, webhookKey } from './sign.js';
export { createFetchTransport, type AttemptOutcome, type AttemptRequest, type Transport } from './transport.js';
export { creationRefusal, deliveryRefusal, normaliseWebhookUrl, MAX_WEBHOOK_URL, WEBHOOK_TARGETS, type Lookup, type WebhookTargets } from './url-policy.js';
export { embeddedIPv4, isPublicAddress } from './ip-ranges.js';
