// Webhook subscriptions per agent. Delivery (Standard Webhooks signing, retries) builds on this.
import { randomBytes } from 'node:crypto';

export interface WebhookRecord {
  id: string;
  agentId: string;
  url: string;
  events: string[];
  description: string | null;
  createdAt: number;
  /** Standard Webhooks secret, `whsec_` + base64. Returned once, at creation. */
  secret: string;
}

export interface WebhookRegistry {
  add(record: Omit<WebhookRecord, 'secret'>): WebhookRecord;
  list(agentId: string): WebhookRecord[];
  all(): WebhookRecord[];
  remove(agentId: string, id: string): boolean;
  clear(): void;
  /** Replaces every webhook with `records`, secrets as given (a state file or a fixture). */
  restore(records: readonly WebhookRecord[]): void;
}

export const MAX_WEBHOOKS_PER_AGENT = 20;

/** onSecret is told each new secret (whole, and its base64 part), so printers can redact it. */
export function createWebhookRegistry(
  secretSource: () => string = () => randomBytes(24).toString('base64'),
  onSecret: (secret: string) => void = () => {},
): WebhookRegistry {
  const byId = new Map<string, WebhookRecord>();
  return {
    add(record) {
      const key = secretSource();
      const full = { ...record, secret: `whsec_${key}` };
      onSecret(key);
      byId.set(full.id, full);
      return full;
    },
    list: (agentId) => [...byId.values()].filter((w) => w.agentId === agentId),
    all: () => [...byId.values()],
    remove(agentId, id) {
      const found = byId.get(id);
      if (!found || found.agentId !== agentId) return false;
      return byId.delete(id);
    },
    clear: () => byId.clear(),
    restore(records) {
      byId.clear();
      for (const r of records) {
        byId.set(r.id, { ...r, events: [...r.events] });
        onSecret(r.secret.startsWith('whsec_') ? r.secret.slice('whsec_'.length) : r.secret);
      }
    },
  };
}
