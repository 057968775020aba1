// The state fixture: a JSON description of the mock's state that people write by hand, build
// with nx-conformance/testing's stateBuilder(), or get from GET /__nx/state. Published as a JSON
// Schema in schemas/state-fixture.schema.json (see fixture-json-schema.ts). Everything that
// follows from other fields (cash from the fills, reservations, the day's starting equity, ids)
// may be left out and is derived; when given, it must agree with what it follows from, so an
// impossible state (a position without the fills that made it) is refused, not loaded.
import { z } from 'zod';
import { ClientOrderId, Permission, WebhookEventType } from '../../generated/schemas.js';

const Instant = z.iso.datetime({ offset: true }).describe('An ISO-8601 instant with a zone, at most millisecond precision, e.g. 2026-01-05T12:00:00Z.');
const Usd = z.number().min(-1e12).max(1e12);
const Positive = z.number().positive().max(1e12);

const Fill = z.strictObject({
  fillId: z.string().regex(/^fill_[0-9a-f]{20}$/).optional().describe('Derived when left out.'),
  price: Positive,
  quantity: Positive,
  fee: z.number().min(0).max(1e12).optional().describe("USD; default: the mock's --fee-bps of price × quantity."),
  liquidity: z.enum(['taker', 'maker']).optional().describe('Default taker.'),
  timestamp: Instant.optional().describe("When it filled; default: the fixture's clock."),
});

const OrderStatus = z.enum(['open', 'partially_filled', 'filled', 'canceled', 'rejected', 'expired']);

const Order = z.strictObject({
  orderId: z.string().regex(/^ord_[0-9a-f]{20}$/).optional().describe('Derived when left out.'),
  clientOrderId: ClientOrderId.nullable().optional(),
  symbol: z.string().min(1),
  side: z.enum(['buy', 'sell']),
  type: z.enum(['market', 'limit']),
  quantity: Positive,
  price: Positive.nullable().optional().describe('Limit orders only.'),
  status: OrderStatus.optional().describe('Default: filled when the fills add up to the quantity, else open (limit) or expired (market).'),
  fills: z.array(Fill).optional().describe('Oldest first; they make the positions and move the cash.'),
  rejectReason: z.string().nullable().optional(),
  createdAt: Instant.optional().describe('Default: the first fill, else the clock.'),
  updatedAt: Instant.optional().describe('Default: the last fill, else createdAt.'),
  seq: z.number().int().positive().optional().describe('Creation order across all agents (exports carry it).'),
  placed: z
    .strictObject({ quantity: Positive, price: Positive.nullable() })
    .optional()
    .describe('What an order that was changed since was placed with: a retry with its clientOrderId is compared with this.'),
});

const Position = z.strictObject({
  symbol: z.string().min(1),
  quantity: z.number().describe('Must be what the fills of this agent add up to.'),
  avgPrice: Positive.optional(),
  realizedPnl: Usd.optional(),
});

const Attempt = z.strictObject({
  number: z.number().int().positive(),
  at: Instant,
  status: z.number().int().nullable(),
  error: z.string().nullable(),
  latencyMs: z.number().min(0),
});

const Message = z.strictObject({
  messageId: z.string().regex(/^msg_[A-Za-z0-9]+$/),
  eventType: WebhookEventType,
  createdAt: Instant,
  body: z.string().describe('The exact bytes every attempt sends.'),
  state: z.enum(['pending', 'delivered', 'failed']),
  attempts: z.array(Attempt),
  roundStart: z.number().int().min(0),
  nextAttemptAt: Instant.nullable(),
  note: z.string().optional(),
});

const Webhook = z.strictObject({
  id: z.string().regex(/^wh_[0-9a-f]{20}$/).optional().describe('Derived when left out.'),
  url: z.url({ protocol: /^https?$/ }).max(2048),
  events: z.array(WebhookEventType).min(1),
  description: z.string().max(200).nullable().optional(),
  createdAt: Instant.optional(),
  secret: z.string().regex(/^whsec_[A-Za-z0-9+/]+={0,2}$/).optional().describe('Standard Webhooks secret; random when left out.'),
  messages: z.array(Message).optional().describe('The delivery log, oldest first (exports carry it).'),
  queue: z.array(z.string()).optional().describe('Pending message ids in delivery order.'),
});

const Agent = z.strictObject({
  agentId: z.string().regex(/^agent_[0-9a-f]{24}$/).optional().describe('Derived from the API key when left out.'),
  name: z.string().min(1).max(100),
  mode: z.enum(['sandbox', 'live']),
  permissions: z.array(Permission).optional().describe('Default: all.'),
  apiKey: z.string().regex(/^nx_(test|live)_[A-Za-z0-9]{32}$/).optional().describe('Derived from the seed when left out.'),
  apiSecret: z.string().min(8).max(200).optional().describe('Needed for live agents (they sign); random for sandbox agents when left out.'),
  createdAt: Instant.optional(),
  rateLimitPerMinute: z.number().int().positive().optional(),
  dailyLossLimit: Positive.nullable().optional().describe('USD. Live agents get the mock default when null or left out.'),
  maxPositionSize: Positive.nullable().optional().describe('USD. Live agents get the mock default when null or left out.'),
  startingCash: Usd.optional().describe('Cash before the fills; default: the mock default, or what `cash` and the fills imply.'),
  cash: Usd.optional().describe('Cash after the fills; must equal startingCash plus what the fills moved.'),
  reservedCash: Usd.optional(),
  realizedPnl: Usd.optional(),
  positions: z.array(Position).optional().describe('When given, must list exactly what the fills add up to.'),
  day: z.strictObject({ start: Instant, startEquity: Usd }).optional().describe("The current UTC day and the equity marked at its start (derived when left out)."),
  breaker: z
    .strictObject({ tripped: z.boolean(), trippedAt: Instant.nullable().optional() })
    .optional()
    .describe('The daily-loss breaker; a tripped one stays tripped until the next 00:00 UTC.'),
  orders: z.array(Order).optional(),
  webhooks: z.array(Webhook).optional(),
});

const PricePin = z.strictObject({ symbol: z.string().min(1), pin: Positive, from: Instant.optional() });
const PriceShift = z.strictObject({ symbol: z.string().min(1), shiftPercent: z.number().gt(-100).max(10_000), from: Instant.optional() });

const RngState = z.strictObject({ words: z.tuple([z.number().int(), z.number().int(), z.number().int(), z.number().int()]), spare: z.number().nullable() });

const Internal = z
  .strictObject({
    nextSeq: z.number().int().positive(),
    settledThrough: Instant,
    generators: z.strictObject({ engine: RngState.nullable(), http: RngState.nullable(), webhooks: RngState.nullable(), keys: RngState.nullable().optional() }),
    requestCount: z.number().int().min(0),
    controlRequestCount: z.number().int().min(0).optional(),
    rateLimits: z.array(z.strictObject({ limiter: z.string(), entries: z.array(z.tuple([z.string(), z.number()])) })),
  })
  .describe('Written by exports so that an import continues exactly where the export was taken; leave it out in fixtures you write.');

export const StateFixture = z.strictObject({
  $schema: z.string().optional(),
  format: z.literal('nx-conformance/state'),
  version: z.literal(1),
  seed: z.number().int().optional().describe('The seed the state was made with; a mock with another seed refuses it.'),
  secrets: z.enum(['included', 'redacted']).optional().describe('Exports say whether secrets are in; a redacted export cannot be imported.'),
  clock: Instant.optional().describe("The mock's time; a virtual clock is set to it. Default: the mock's clock."),
  agents: z.array(Agent).optional(),
  prices: z.array(z.union([PricePin, PriceShift])).optional().describe('Price overrides in the order they were made (as POST /__nx/market/{symbol}).'),
  internal: Internal.optional(),
});

export type StateFixture = z.infer<typeof StateFixture>;
/** What may be written: the same, with every defaulted field optional. */
export type StateFixtureInput = z.input<typeof StateFixture>;
export type FixtureAgent = z.infer<typeof Agent>;
export type FixtureOrder = z.infer<typeof Order>;
export type FixtureFill = z.infer<typeof Fill>;
export type FixtureWebhook = z.infer<typeof Webhook>;
export type FixtureMessage = z.infer<typeof Message>;
export type FixturePrice = z.infer<typeof PricePin> | z.infer<typeof PriceShift>;
