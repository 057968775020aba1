// A valid request for every operation of the spec, keyed by operationId, and the resources some
// of them need (an order to read, change or cancel; a webhook to delete). The generic checks
// (every operation answers 2xx, every permission is enforced, invalid input is rejected) walk the
// generated operation table and look each operation up here, so an operation added to the spec
// without a recipe is reported rather than silently skipped.
import type { AgentClient, ApiResponse, Exchange } from '../../../../client/agent-client.js';
import type { OperationDef } from '../../../../rules/runtime.js';
import type { Permission } from '../../../../rules/permission.js';
import type { Prelude } from '../../../curl.js';
import type { TestAgent } from '../../../agent-pool.js';
import type { CheckContext } from '../../../check-context.js';
import { coinInfo, EXAMPLE_SYMBOL, farBelow, lots, type CoinInfo } from './market-info.js';
import { asRecord } from './problem-shape.js';

export interface OperationCall {
  path: Record<string, string>;
  query: Record<string, string>;
  /** A JSON value, sent as JSON.stringify(body). */
  body?: unknown;
  /** The exact body text (overrides `body`), e.g. malformed JSON. */
  bodyText?: string;
  headers?: Record<string, string>;
}

export type Resource = 'order' | 'webhook';

export interface InputRecipe {
  /** Permissions the set-up needs besides the operation's own x-permission. */
  setup?: readonly Permission[];
  /** A valid request; may create the resources it refers to through the fixtures. */
  build(fx: Fixtures, agent: TestAgent | null): Promise<OperationCall>;
  /** A 2xx uses the resource up (it is finished or gone afterwards). */
  consumes?: Resource;
  /** A 2xx creates a resource that later requests may use. */
  provides?: { resource: Resource; id(json: unknown): string | undefined };
}

const call = (parts: Partial<OperationCall> = {}): OperationCall => ({ path: {}, query: {}, ...parts });

function need(agent: TestAgent | null, what: string): TestAgent {
  if (!agent) throw new Error(`${what} needs an agent`);
  return agent;
}

const orderIdOf = (json: unknown): string | undefined => {
  const order = asRecord(asRecord(json)?.order);
  return order && typeof order.orderId === 'string' && (order.status === 'open' || order.status === 'partially_filled') ? order.orderId : undefined;
};

export const inputRecipes: Readonly<Record<string, InputRecipe>> = {
  registerAgent: {
    build: async (fx) => call({ body: { name: 'nx-conformance probe', permissions: ['read:market'], mode: fx.ctx.mode } }),
  },
  getMe: { build: async () => call() },
  getMarket: { build: async () => call({ query: { coins: 'bitcoin' } }) },
  getOrderBook: { build: async () => call({ path: { symbol: EXAMPLE_SYMBOL }, query: { depth: '5' } }) },
  getCandles: { build: async () => call({ path: { symbol: EXAMPLE_SYMBOL }, query: { interval: '1h', limit: '3' } }) },
  getPortfolio: { build: async () => call() },
  placeOrder: {
    setup: ['read:market'],
    build: async (fx, agent) => call({ body: await fx.restingOrderBody(need(agent, 'placeOrder')) }),
    provides: { resource: 'order', id: orderIdOf },
  },
  listOrders: { build: async () => call({ query: { status: 'open,filled,canceled', symbol: EXAMPLE_SYMBOL, limit: '10' } }) },
  getOrder: {
    setup: ['read:market', 'write:orders'],
    build: async (fx, agent) => call({ path: { orderId: await fx.order(need(agent, 'getOrder')) } }),
  },
  modifyOrder: {
    setup: ['read:market'],
    build: async (fx, agent) => {
      const a = need(agent, 'modifyOrder');
      const orderId = await fx.order(a);
      return call({ path: { orderId }, body: { price: farBelow(await fx.coin(a), 0.45) } });
    },
  },
  cancelOrder: {
    setup: ['read:market'],
    build: async (fx, agent) => call({ path: { orderId: await fx.order(need(agent, 'cancelOrder')) } }),
    consumes: 'order',
  },
  getSentiment: { build: async () => call({ query: { coins: 'bitcoin' } }) },
  getSocialFeed: { build: async () => call({ query: { limit: '3' } }) },
  createWebhook: {
    build: async () => call({ body: { url: 'https://example.com/nx-conformance/webhook', events: ['order.filled'], description: 'nx-conformance' } }),
    provides: { resource: 'webhook', id: (json) => { const id = asRecord(asRecord(json)?.webhook)?.id; return typeof id === 'string' ? id : undefined; } },
  },
  listWebhooks: { build: async () => call() },
  deleteWebhook: {
    build: async (fx, agent) => call({ path: { webhookId: await fx.webhook(need(agent, 'deleteWebhook')) } }),
    consumes: 'webhook',
  },
};

/** The permissions an agent needs to run an operation's recipe (its own and its set-up's). */
export const permissionsFor = (op: OperationDef, recipe: InputRecipe | undefined): string[] => [
  ...(op.permission ? [op.permission] : []),
  ...(recipe?.setup ?? []),
];

export function operationPath(op: OperationDef, params: Record<string, string>): string {
  return op.path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(params[name] ?? ''));
}

/** `GET /orders?limit=5`, for messages. */
export function describeCall(op: OperationDef, c: OperationCall): string {
  const qs = new URLSearchParams(c.query).toString();
  return `${op.method.toUpperCase()} ${operationPath(op, c.path)}${qs ? `?${qs}` : ''}`;
}

export function bodyTextOf(c: OperationCall): string | undefined {
  return c.bodyText ?? (c.body === undefined ? undefined : JSON.stringify(c.body));
}

export function callOperation(client: AgentClient, op: OperationDef, c: OperationCall): Promise<ApiResponse<unknown>> {
  const bodyText = bodyTextOf(c);
  return client.send(op.method.toUpperCase(), operationPath(op, c.path), {
    query: c.query,
    ...(bodyText === undefined ? {} : { body: bodyText }),
    ...(c.headers ? { headers: c.headers } : {}),
  });
}

/** The resources recipes refer to, created on first use (one per agent) and shared within a check. */
export interface Fixtures {
  readonly ctx: CheckContext;
  coin(agent: TestAgent): Promise<CoinInfo>;
  /** A small limit buy far below the market: it rests as open. */
  restingOrderBody(agent: TestAgent, fraction?: number): Promise<Record<string, unknown>>;
  /** An open order of this agent. */
  order(agent: TestAgent): Promise<string>;
  /** A webhook of this agent. */
  webhook(agent: TestAgent): Promise<string>;
  /** After a request: remember what it created, forget what it used up. */
  record(op: OperationDef, recipe: InputRecipe, agent: TestAgent | null, res: ApiResponse<unknown>): void;
  /** For a call that uses up a resource: the request that created it (its reproduction re-creates one). */
  preludeFor(recipe: InputRecipe, call: OperationCall): Prelude | undefined;
}

export function createFixtures(ctx: CheckContext): Fixtures {
  let coin: CoinInfo | undefined;
  const held = new Map<string, string>();
  const creators = new Map<string, Exchange>();
  const key = (resource: Resource, agent: TestAgent) => `${resource}:${agent.id}`;
  const fx: Fixtures = {
    ctx,
    async coin(agent) {
      coin ??= await coinInfo(ctx, agent);
      return coin;
    },
    async restingOrderBody(agent, fraction = 0.5) {
      const info = await fx.coin(agent);
      return { symbol: info.symbol, side: 'buy', type: 'limit', quantity: lots(info, 10), price: farBelow(info, fraction) };
    },
    async order(agent) {
      const known = held.get(key('order', agent));
      if (known) return known;
      const res = await agent.client.send('POST', '/orders', { body: JSON.stringify(await fx.restingOrderBody(agent)) });
      const id = orderIdOf(res.json);
      if (res.status !== 201 || !id) {
        return ctx.fail(
          'Set-up failed: a small limit buy far below the market was not accepted as an open order',
          '201 with order.status open',
          `${res.status} ${res.text.slice(0, 300)}`,
        );
      }
      held.set(key('order', agent), id);
      creators.set(id, res.exchange);
      return id;
    },
    async webhook(agent) {
      const known = held.get(key('webhook', agent));
      if (known) return known;
      const res = await agent.client.createWebhook({ url: 'https://example.com/nx-conformance/webhook', events: ['order.filled'] });
      const id = res.json?.webhook?.id;
      if (res.status !== 201 || typeof id !== 'string') {
        return ctx.fail('Set-up failed: POST /webhooks did not create a webhook', '201 with webhook.id', `${res.status} ${res.text.slice(0, 300)}`);
      }
      held.set(key('webhook', agent), id);
      creators.set(id, res.exchange);
      return id;
    },
    record(_op, recipe, agent, res) {
      if (!agent || res.status < 200 || res.status > 299) return;
      if (recipe.consumes) held.delete(key(recipe.consumes, agent));
      const id = recipe.provides?.id(res.json);
      if (recipe.provides && id) {
        held.set(key(recipe.provides.resource, agent), id);
        creators.set(id, res.exchange);
      }
    },
    preludeFor(recipe, call) {
      if (!recipe.consumes) return undefined;
      const id = Object.values(call.path).find((v) => creators.has(v));
      const exchange = id === undefined ? undefined : creators.get(id);
      return id === undefined || !exchange ? undefined : { exchange, id, field: recipe.consumes === 'order' ? 'orderId' : 'id' };
    },
  };
  return fx;
}
