// POST/GET /webhooks and DELETE /webhooks/{webhookId}. The secret is returned at creation only.
import { WebhookEventType } from '../../../generated/schemas.js';
import { HttpProblem } from '../../../rules/problems.js';
import { iso } from '../serialize.js';
import type { WebhookRecord } from '../webhook-registry.js';
import { MAX_WEBHOOKS_PER_AGENT } from '../webhook-registry.js';
import { creationRefusal, normaliseWebhookUrl } from '../../webhooks/url-policy.js';
import type { Handler } from './handler.js';

const isEventType = (name: string): name is WebhookEventType => (WebhookEventType.options as readonly string[]).includes(name);

function view(w: WebhookRecord) {
  // The registry holds the events createWebhook validated; the filter only narrows their type.
  return { id: w.id, url: w.url, events: w.events.filter(isEventType), description: w.description, createdAt: iso(w.createdAt) };
}

function hex(n: number, rng: { int(a: number, b: number): number }): string {
  let out = '';
  for (let i = 0; i < n; i++) out += rng.int(0, 15).toString(16);
  return out;
}

export const createWebhook: Handler<'createWebhook'> = (ctx, { agent, body }) => {
  const parsed = normaliseWebhookUrl(body.url); // stored and shown in its normalised form
  if ('refusal' in parsed) throw new HttpProblem('webhook_url_not_allowed', parsed.refusal);
  // --webhook-targets: literal IPs and localhost are judged now; other names at each delivery.
  const refusal = creationRefusal(parsed.url, ctx.options.webhookTargets);
  if (refusal !== null) throw new HttpProblem('webhook_url_not_allowed', refusal);
  if (ctx.webhooks.list(agent.agentId).length >= MAX_WEBHOOKS_PER_AGENT) {
    throw new HttpProblem('webhook_url_not_allowed', `An agent may have at most ${MAX_WEBHOOKS_PER_AGENT} webhooks; delete one first.`);
  }
  const record = ctx.webhooks.add({
    id: `wh_${hex(20, ctx.ids)}`,
    agentId: agent.agentId,
    url: parsed.url,
    events: [...body.events],
    description: body.description ?? null,
    createdAt: ctx.clock.now(),
  });
  return { status: 201, body: { webhook: view(record), secret: record.secret } };
};

export const listWebhooks: Handler<'listWebhooks'> = (ctx, { agent }) => {
  return { status: 200, body: { data: ctx.webhooks.list(agent.agentId).map(view) } };
};

export const deleteWebhook: Handler<'deleteWebhook'> = (ctx, { agent, params }) => {
  const id = params.webhookId;
  if (!ctx.webhooks.remove(agent.agentId, id)) {
    throw new HttpProblem('webhook_not_found', `No webhook '${id}' belongs to this agent. GET /webhooks lists yours.`);
  }
  return { status: 204 };
};
