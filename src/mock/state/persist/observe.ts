// Where the mock's state changes outside the engine, wrapped so that the persistence hears of it:
// webhook registrations, price overrides, clock moves and resets. Each wrapper calls through
// first and reports after, so a refused call (a real clock cannot be set) reports nothing.
import type { MockContext } from '../../http/mock-context.js';
import type { WebhookRecord } from '../../http/webhook-registry.js';

export interface StateObserver {
  webhookAdded(record: WebhookRecord): void;
  webhookRemoved(id: string): void;
  pricesChanged(): void;
  clockMoved(): void;
  wasReset(): void;
}

/** Replaces target[name] with a function that calls the original, then reports its result and arguments. */
function after(target: object, name: string, report: (result: unknown, args: unknown[]) => void): void {
  const host = target as Record<string, (...args: unknown[]) => unknown>;
  const original = host[name] as (...args: unknown[]) => unknown;
  host[name] = (...args: unknown[]) => {
    const result = original.apply(target, args);
    report(result, args);
    return result;
  };
}

export function observe(ctx: MockContext, o: StateObserver): void {
  after(ctx.webhooks, 'add', (record) => o.webhookAdded(record as WebhookRecord));
  after(ctx.webhooks, 'remove', (removed, [, id]) => removed === true && o.webhookRemoved(id as string));
  for (const name of ['pin', 'shift', 'clearOverrides']) after(ctx.market, name, () => o.pricesChanged());
  for (const name of ['set', 'advance']) after(ctx.clock, name, () => o.clockMoved());
  after(ctx, 'reset', () => o.wasReset());
}
