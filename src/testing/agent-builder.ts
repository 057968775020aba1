// One agent of a stateBuilder() fixture: what it filled (which makes its positions and moves its
// cash), what rests, which positions the test expects (checked against the fills), its breaker
// and its webhooks.
import type { Mode, Permission } from '../mock/engine/types.js';
import type { FixtureAgent, FixtureOrder, FixtureWebhook } from '../mock/state/fixture-schema.js';

export interface AgentOptions {
  mode?: Mode;
  /** Default: all six. */
  permissions?: Permission[];
  /** Cash now, after the fills (default: the mock's starting cash less what the fills cost). */
  cash?: number;
  /** Or: cash before the fills (default: the mock's starting cash). */
  startingCash?: number;
  /** USD; live agents get the mock's default limits when left out. */
  dailyLossLimit?: number | null;
  maxPositionSize?: number | null;
  /** Default: derived from the seed and the agent's name (stable across runs). */
  apiKey?: string;
  apiSecret?: string;
}

export interface FillOptions {
  price: number;
  /** When it filled (default: the fixture's clock). */
  at?: string;
  /** USD (default: the mock's fee on price × quantity). */
  fee?: number;
  clientOrderId?: string;
}

export interface RestingOrderOptions {
  symbol: string;
  side: 'buy' | 'sell';
  quantity: number;
  price: number;
  clientOrderId?: string;
  /** When it was placed (default: the fixture's clock). */
  at?: string;
}

export interface WebhookOptions {
  url: string;
  events: FixtureWebhook['events'];
  secret?: string;
  description?: string;
}

export class AgentBuilder {
  private readonly orders: FixtureOrder[] = [];
  private readonly positions: Array<{ symbol: string; quantity: number }> = [];
  private readonly webhooks: FixtureWebhook[] = [];
  private trippedAt: string | null | undefined;

  constructor(
    readonly name: string,
    private readonly options: AgentOptions & Required<Pick<AgentOptions, 'mode' | 'apiKey' | 'apiSecret'>>,
  ) {}

  /** A market buy that filled completely at `price`. */
  bought(symbol: string, quantity: number, fill: FillOptions): this {
    return this.filled(symbol, 'buy', quantity, fill);
  }

  /** A market sell that filled completely at `price` (the agent must hold what it sells). */
  sold(symbol: string, quantity: number, fill: FillOptions): this {
    return this.filled(symbol, 'sell', quantity, fill);
  }

  private filled(symbol: string, side: 'buy' | 'sell', quantity: number, f: FillOptions): this {
    const fill = { price: f.price, quantity, ...(f.at === undefined ? {} : { timestamp: f.at }), ...(f.fee === undefined ? {} : { fee: f.fee }) };
    this.orders.push({ symbol, side, type: 'market', quantity, fills: [fill], ...(f.clientOrderId === undefined ? {} : { clientOrderId: f.clientOrderId }), ...(f.at === undefined ? {} : { createdAt: f.at }) });
    return this;
  }

  /** A limit order resting on the book (its buy cash is reserved). */
  resting(order: RestingOrderOptions): this {
    const { at, ...rest } = order;
    this.orders.push({ ...rest, type: 'limit', ...(at === undefined ? {} : { createdAt: at }) });
    return this;
  }

  /** The position the test expects the fills to make; build() refuses a position without them. */
  position(symbol: string, quantity: number): this {
    this.positions.push({ symbol, quantity });
    return this;
  }

  /** The daily-loss breaker tripped at `at` (default: the fixture's clock); it needs a dailyLossLimit. */
  breakerTripped(at?: string): this {
    this.trippedAt = at ?? null;
    return this;
  }

  webhook(options: WebhookOptions): this {
    this.webhooks.push({ ...options });
    return this;
  }

  toFixture(): FixtureAgent {
    const o = this.options;
    return {
      name: this.name,
      mode: o.mode,
      apiKey: o.apiKey,
      apiSecret: o.apiSecret,
      ...(o.permissions === undefined ? {} : { permissions: [...o.permissions] }),
      ...(o.cash === undefined ? {} : { cash: o.cash }),
      ...(o.startingCash === undefined ? {} : { startingCash: o.startingCash }),
      ...(o.dailyLossLimit === undefined ? {} : { dailyLossLimit: o.dailyLossLimit }),
      ...(o.maxPositionSize === undefined ? {} : { maxPositionSize: o.maxPositionSize }),
      ...(this.positions.length > 0 ? { positions: [...this.positions] } : {}),
      ...(this.trippedAt === undefined ? {} : { breaker: { tripped: true, ...(this.trippedAt === null ? {} : { trippedAt: this.trippedAt }) } }),
      orders: this.orders.map((order) => ({ ...order })),
      ...(this.webhooks.length > 0 ? { webhooks: this.webhooks } : {}),
    };
  }
}
