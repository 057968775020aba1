// Seeded API traffic for the state tests: registrations (sandbox and signed live), orders of every
// kind with clientOrderId retries, changes and cancels, reads (order lists with filters, paged
// with the cursors the mock hands out, and lookups by id, old orders' too), webhooks, and clock
// and price moves.
// The same step goes to every target and their answers must be byte-identical; the script learns
// ids from the first target's answer, so it can be run on one mock, then on two (one restored).
import { expect } from 'vitest';
import { createRng } from '../../../src/mock/engine/random.js';
import { signRequest } from '../../../src/signing/index.js';

export interface Answer {
  status: number;
  headers: Record<string, string>;
  text: string;
}

export interface Target {
  api(method: string, path: string, headers: Record<string, string>, body: string): Promise<Answer>;
  control(method: string, path: string, body?: unknown): Promise<Answer>;
  now(): number;
}

interface Agent {
  apiKey: string;
  apiSecret: string;
  orders: string[];
  hooks: string[];
  /** The nextCursor of the agent's last list, followed by its next list. */
  cursor: string | null;
}

const STATUS_FILTERS = ['filled', 'canceled,rejected', 'open,partially_filled', 'filled,canceled,rejected,expired'];

const PERMISSIONS = ['read:market', 'read:portfolio', 'write:orders', 'read:sentiment', 'read:social', 'write:webhook'];

/** Headers that belong to the connection, not to the mock's answer. */
const TRANSPORT = new Set(['connection', 'keep-alive', 'transfer-encoding']);

export function answerOf(status: number, headers: Record<string, unknown>, text: string): Answer {
  const kept = Object.entries(headers)
    .filter(([k]) => !TRANSPORT.has(k.toLowerCase()))
    .map(([k, v]) => [k.toLowerCase(), Array.isArray(v) ? v.join(', ') : String(v)] as const)
    .sort(([a], [b]) => (a < b ? -1 : 1));
  return { status, headers: Object.fromEntries(kept), text };
}

/**
 * A new webhook's secret is random (node:crypto) on every mock; everything else must match, the
 * request ids of API (req_…) and control calls (ctl_…) included: a restored mock continues both.
 */
const comparable = (a: Answer): Answer => ({ ...a, text: a.text.replace(/whsec_[A-Za-z0-9+/=]+/g, 'whsec_(random)') });

export class Traffic {
  private readonly rng;
  readonly agents: Agent[] = [];
  readonly log: string[] = [];

  constructor(seed: number | string) {
    this.rng = createRng(`traffic:${seed}`);
  }

  private pick<T>(xs: readonly T[]): T | undefined {
    return xs.length === 0 ? undefined : xs[this.rng.int(0, xs.length - 1)];
  }

  /** Sends one step to every target, expects identical answers, and returns the first. */
  async step(targets: readonly Target[]): Promise<Answer> {
    const r = this.rng.next();
    const agent = this.pick(this.agents);
    if (!agent || r < 0.06) return this.register(targets);
    // Values are drawn before sending: the same request must go to every target.
    if (r < 0.1) {
      const move = { advanceMs: this.rng.int(0, 4) * 900_000 + this.rng.int(0, 59_000) };
      return this.all(targets, (t) => t.control('POST', '/clock', move));
    }
    if (r < 0.13) {
      const body = this.rng.next() < 0.5 ? { shiftPercent: this.rng.int(-15, 8) } : { pin: this.rng.int(55_000, 75_000) };
      const symbol = this.pick(['BTC', 'ETH']) ?? 'BTC';
      return this.all(targets, (t) => t.control('POST', `/market/${symbol}`, body));
    }
    if (r < 0.15) return this.webhook(targets, agent);
    if (r < 0.17) return this.api(targets, agent, 'GET', this.pick(['/portfolio', '/me', '/webhooks']) ?? '/me');
    if (r < 0.2) return this.list(targets, agent);
    const order = this.pick(agent.orders);
    if (order && r < 0.3) return this.api(targets, agent, 'DELETE', `/orders/${order}`);
    if (order && r < 0.4) return this.api(targets, agent, 'PATCH', `/orders/${order}`, { price: this.rng.int(40_000, 80_000) });
    // The oldest orders too: after a restart those are the ones most likely left on disk.
    if (order && r < 0.45) return this.api(targets, agent, 'GET', `/orders/${this.rng.next() < 0.5 ? order : agent.orders[0]}`);
    return this.order(targets, agent);
  }

  private async register(targets: readonly Target[]): Promise<Answer> {
    const live = this.rng.next() < 0.5;
    const body = { name: `bot ${this.agents.length}`, permissions: PERMISSIONS, mode: live ? 'live' : 'sandbox', dailyLossLimit: this.rng.next() < 0.5 ? 500 : null };
    const answer = await this.all(targets, (t) => t.api('POST', '/register', { 'content-type': 'application/json' }, JSON.stringify(body)));
    if (answer.status === 201) {
      const { agent } = JSON.parse(answer.text) as { agent: { apiKey: string; apiSecret: string } };
      this.agents.push({ apiKey: agent.apiKey, apiSecret: agent.apiSecret, orders: [], hooks: [], cursor: null });
    }
    return answer;
  }

  private async order(targets: readonly Target[], agent: Agent): Promise<Answer> {
    const limit = this.rng.next() < 0.6;
    const symbol = this.pick(['BTC', 'ETH']) ?? 'BTC';
    const quantity = symbol === 'BTC' ? this.rng.int(1, 30) / 1000 : this.rng.int(1, 30) / 100;
    const reference = symbol === 'BTC' ? 65_000 : 3_300;
    const body = {
      symbol,
      side: this.rng.next() < 0.6 ? 'buy' : 'sell',
      type: limit ? 'limit' : 'market',
      quantity,
      price: limit ? Math.round(reference * (0.9 + this.rng.next() * 0.2)) : null,
      // A small pool of ids: retries replay, another body with a used id conflicts.
      ...(this.rng.next() < 0.4 ? { clientOrderId: `c-${this.rng.int(0, 5)}` } : {}),
    };
    const answer = await this.api(targets, agent, 'POST', '/orders', body);
    if (answer.status === 201) agent.orders.push((JSON.parse(answer.text) as { order: { orderId: string } }).order.orderId);
    return answer;
  }

  /** A page of the agent's orders: the next one after its last list, or a first one with filters. */
  private async list(targets: readonly Target[], agent: Agent): Promise<Answer> {
    const query = new URLSearchParams({ limit: String(this.rng.int(1, 4)) });
    if (agent.cursor !== null && this.rng.next() < 0.7) query.set('cursor', agent.cursor);
    else {
      if (this.rng.next() < 0.5) query.set('status', this.pick(STATUS_FILTERS) ?? 'filled');
      if (this.rng.next() < 0.3) query.set('symbol', this.pick(['BTC', 'ETH']) ?? 'BTC');
    }
    const answer = await this.api(targets, agent, 'GET', `/orders?${query.toString().replaceAll('%2C', ',')}`);
    agent.cursor = answer.status === 200 ? (JSON.parse(answer.text) as { nextCursor: string | null }).nextCursor : null;
    return answer;
  }

  private async webhook(targets: readonly Target[], agent: Agent): Promise<Answer> {
    const hook = this.pick(agent.hooks);
    if (hook && this.rng.next() < 0.3) return this.api(targets, agent, 'DELETE', `/webhooks/${hook}`);
    // Port 9 (discard) on loopback refuses at once: every attempt fails and is retried later.
    const answer = await this.api(targets, agent, 'POST', '/webhooks', { url: 'http://127.0.0.1:9/hook', events: ['order.created', 'order.filled', 'circuit_breaker.tripped'] });
    if (answer.status === 201) agent.hooks.push((JSON.parse(answer.text) as { webhook: { id: string } }).webhook.id);
    return answer;
  }

  private api(targets: readonly Target[], agent: Agent, method: string, path: string, body?: unknown): Promise<Answer> {
    const text = body === undefined ? '' : JSON.stringify(body);
    return this.all(targets, (t) => {
      const headers: Record<string, string> = { 'x-nx-key': agent.apiKey };
      if (text !== '') headers['content-type'] = 'application/json';
      if (agent.apiKey.startsWith('nx_live_')) {
        const timestamp = String(t.now());
        headers['x-nx-timestamp'] = timestamp;
        headers['x-nx-signature'] = signRequest({ secret: agent.apiSecret, timestamp, method, path: path.split('?')[0] ?? path, body: text });
      }
      return t.api(method, path, headers, text);
    });
  }

  private async all(targets: readonly Target[], send: (t: Target) => Promise<Answer>): Promise<Answer> {
    const answers: Answer[] = [];
    for (const t of targets) answers.push(await send(t));
    const [first, ...rest] = answers as [Answer, ...Answer[]];
    this.log.push(`${first.status} ${/"code":"(\w+)"/.exec(first.text)?.[1] ?? ''}`);
    for (const other of rest) expect(comparable(other), `step ${this.log.length}`).toEqual(comparable(first));
    return first;
  }
}
