// Stateful fuzzing: seeded sequences of trading (orders that fill, rest, partially fill, get
// modified and canceled; prices that move; days that roll), reads and junk requests against one
// mock, by a sandbox and a live (signed) agent. After every step every answer must conform and the
// engine's invariants must hold: cash ≥ 0, positions ≥ 0, reservedCash = Σ open buy reservations,
// Σ fills = filledQuantity, cash = starting cash ± fills, totalValue = cash + Σ qty × mark.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { operationList } from '../../src/generated/operations.js';
import { describeRequest, responseProblems, seedFor } from './support/checks.js';
import { invariantProblems } from './support/invariants.js';
import { fuzzMock, registerAgent, send, signFor, type RawRequest } from './support/mock.js';
import { learn, materialize, requestPlan, type Known, type RequestPlan } from './support/requests.js';
import request from 'supertest';

// RELIABILITY_RUNS=300 for a longer hunt; RELIABILITY_DEBUG=1 prints what the sequences produced.
const RUNS = Number(process.env.RELIABILITY_RUNS ?? 30);
/** `kind status` → count, for RELIABILITY_DEBUG. */
const stats = new Map<string, number>();

const SIZES = { BTC: [0.0001, 0.001, 0.01, 0.05], ETH: [0.001, 0.01, 0.1, 2], DOGE: [10, 100, 1000, 20_000] } as const;
const TICK_DECIMALS = { BTC: 2, ETH: 2, DOGE: 5 } as const;
type Sym = keyof typeof SIZES;

type Command =
  | { kind: 'order'; who: 0 | 1; symbol: Sym; side: 'buy' | 'sell'; type: 'market' | 'limit'; size: number; offsetPct: number; clientOrderId: string | null }
  | { kind: 'modify'; who: 0 | 1; pick: number; size: number; offsetPct: number }
  | { kind: 'cancel'; who: 0 | 1; pick: number }
  | { kind: 'read'; who: 0 | 1; what: 'portfolio' | 'orders' | 'order'; pick: number }
  | { kind: 'advance'; ms: number }
  | { kind: 'shift'; symbol: Sym; percent: number }
  | { kind: 'junk'; plan: RequestPlan };

const who = fc.constantFrom<0 | 1>(0, 1);
const symbol = fc.constantFrom<Sym>('BTC', 'ETH', 'DOGE');
const command: fc.Arbitrary<Command> = fc.oneof(
  { weight: 8, arbitrary: fc.record({ kind: fc.constant('order' as const), who, symbol, side: fc.constantFrom<'buy' | 'sell'>('buy', 'sell'), type: fc.constantFrom<'market' | 'limit'>('market', 'limit'), size: fc.nat({ max: 3 }), offsetPct: fc.integer({ min: -8, max: 8 }), clientOrderId: fc.option(fc.constantFrom('a', 'b', 'c'), { freq: 3 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('modify' as const), who, pick: fc.nat(), size: fc.nat({ max: 3 }), offsetPct: fc.integer({ min: -8, max: 8 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('cancel' as const), who, pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('read' as const), who, what: fc.constantFrom<'portfolio' | 'orders' | 'order'>('portfolio', 'orders', 'order'), pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('advance' as const), ms: fc.constantFrom(1_000, 60_000, 15 * 60_000, 6 * 3_600_000) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('shift' as const), symbol, percent: fc.integer({ min: -12, max: 12 }) }) },
  { weight: 2, arbitrary: fc.constantFrom(...operationList).chain((op) => requestPlan(op)).map((plan) => ({ kind: 'junk' as const, plan })) },
);

describe('stateful fuzzing keeps the engine consistent', () => {
  it('cash, reservations, positions, fills and marks stay consistent after every step', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 10, maxLength: 40, size: 'max' }), async (commands) => {
        const m = fuzzMock({ rateLimit: 100_000, startingCash: 20_000, webhookTargets: 'loopback', webhookTimeoutMs: 200 });
        const { ctx, app } = m;
        const agents = { sandbox: registerAgent(ctx, 'sandbox'), live: registerAgent(ctx, 'live') };
        const creds = [agents.sandbox, agents.live] as const;
        const known: Known = { orders: [], webhooks: [] };
        const mine: [string[], string[]] = [[], []];
        const json = (method: string, path: string, w: 0 | 1, body?: unknown): RawRequest => {
          const bytes = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
          const auth = w === 1 ? signFor(ctx, creds[1], method, path, bytes) : { 'x-nx-key': creds[0].apiKey };
          return { method, path, headers: bytes ? { ...auth, 'content-type': 'application/json' } : auth, body: bytes };
        };
        const limitPrice = (sym: Sym, offsetPct: number) => Number((ctx.market.price(sym, ctx.clock.now()) * (1 + offsetPct / 100)).toFixed(TICK_DECIMALS[sym]));
        const pick = (w: 0 | 1, n: number) => mine[w][n % Math.max(1, mine[w].length)] ?? 'ord_none';
        /** Mostly an open order of the agent's (so modify and cancel do something), else any of its orders. */
        const pickOpen = (w: 0 | 1, n: number) => {
          const open = new Set(ctx.engine.snapshot().resting.map((r) => r.orderId));
          const candidates = mine[w].filter((id) => open.has(id));
          return n % 4 !== 0 && candidates.length > 0 ? (candidates[n % candidates.length] as string) : pick(w, n);
        };

        for (const [step, c] of commands.entries()) {
          let req: RawRequest | null = null;
          switch (c.kind) {
            case 'order': {
              const body: Record<string, unknown> = { symbol: c.symbol, side: c.side, type: c.type, quantity: SIZES[c.symbol][c.size] };
              body.price = c.type === 'limit' ? limitPrice(c.symbol, c.offsetPct) : null;
              if (c.clientOrderId) body.clientOrderId = c.clientOrderId;
              req = json('POST', '/orders', c.who, body);
              break;
            }
            case 'modify': {
              const id = pickOpen(c.who, c.pick);
              const order = ctx.engine.snapshot().orders.find((o) => o.orderId === id);
              const sym = (order?.symbol ?? 'BTC') as Sym;
              req = json('PATCH', `/orders/${id}`, c.who, { quantity: SIZES[sym][c.size], price: limitPrice(sym, c.offsetPct) });
              break;
            }
            case 'cancel':
              req = json('DELETE', `/orders/${pickOpen(c.who, c.pick)}`, c.who);
              break;
            case 'read':
              req = json('GET', c.what === 'portfolio' ? '/portfolio' : c.what === 'orders' ? '/orders?status=open,partially_filled&limit=100' : `/orders/${pick(c.who, c.pick)}`, c.who);
              break;
            case 'advance':
            case 'shift': {
              const res = await request(app)
                .post(c.kind === 'advance' ? '/__nx/clock' : `/__nx/market/${c.symbol}`)
                .set('content-type', 'application/json')
                .send(JSON.stringify(c.kind === 'advance' ? { advanceMs: c.ms } : { shiftPercent: c.percent }));
              expect(res.status, res.text).toBe(200);
              break;
            }
            case 'junk': {
              const op = operationList.find((o) => o.operationId === c.plan.operationId);
              if (op) req = materialize(ctx, op, c.plan, known, agents);
              break;
            }
          }
          if (req) {
            const res = await send(app, req);
            stats.set(`${c.kind} ${res.status}`, (stats.get(`${c.kind} ${res.status}`) ?? 0) + 1);
            const problems = responseProblems(req, res);
            if (problems.length > 0) throw new Error(`step ${step}: ${describeRequest(req)}\n→ ${res.status} ${res.text.slice(0, 400)}\n${problems.join('\n')}`);
            if (c.kind === 'order' && res.status === 201) mine[c.who].push((JSON.parse(res.text) as { order: { orderId: string } }).order.orderId);
            learn(known, res.status, res.text);
          }
          const broken = invariantProblems(ctx);
          if (broken.length > 0) throw new Error(`step ${step} (${c.kind}) broke the invariants:\n${broken.join('\n')}`);
          ctx.clock.advance(100);
        }
      }),
      { seed: seedFor('stateful'), numRuns: RUNS },
    );
    if (process.env.RELIABILITY_DEBUG) console.log([...stats].sort().map(([k, n]) => `${k}: ${n}`).join('\n'));
  }, 600_000);
});
