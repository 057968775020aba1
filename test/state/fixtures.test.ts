// Hand-written state fixtures through PUT /__nx/state: what they start the exchange in, what they
// may leave out, and every impossible state refused with the pointer at fault (one rule each).
import { afterEach, describe, expect, it } from 'vitest';
import { signRequest } from '../../src/signing/index.js';
import { appTarget } from './support/targets.js';

const key = (mode: 'test' | 'live', name: string) => `nx_${mode}_${name.padEnd(32, '0')}`;
const HOLDER = { apiKey: key('live', 'Holder'), apiSecret: 'holder-secret-0123456789' };

/** An agent holding 0.5 BTC whose daily-loss breaker tripped an hour ago (the example). */
const holder = () => ({
  format: 'nx-conformance/state',
  version: 1,
  clock: '2026-01-05T12:00:00Z',
  agents: [
    {
      name: 'Holder',
      mode: 'live',
      ...HOLDER,
      dailyLossLimit: 1000,
      cash: 70_000,
      orders: [{ symbol: 'BTC', side: 'buy', type: 'market', quantity: 0.5, fills: [{ price: 60_000, quantity: 0.5, timestamp: '2026-01-05T09:00:00Z' }] }],
      breaker: { tripped: true, trippedAt: '2026-01-05T11:00:00Z' },
    },
  ],
});

type Fixture = ReturnType<typeof holder> & Record<string, unknown>;

let target: ReturnType<typeof appTarget>;
afterEach(() => target?.mock.ctx.webhookDelivery.stop());

async function signed(method: string, path: string, body?: unknown) {
  const text = body === undefined ? '' : JSON.stringify(body);
  const timestamp = String(target.now());
  const headers: Record<string, string> = { 'x-nx-key': HOLDER.apiKey, 'x-nx-timestamp': timestamp, 'x-nx-signature': signRequest({ secret: HOLDER.apiSecret, timestamp, method, path, body: text }) };
  if (text) headers['content-type'] = 'application/json';
  const answer = await target.api(method, path, headers, text);
  return { status: answer.status, body: JSON.parse(answer.text || 'null') };
}

describe('a hand-written fixture', () => {
  it('starts the exchange in the state it describes: the position, the cash, the tripped breaker', async () => {
    target = appTarget();
    const put = await target.control('PUT', '/state', holder());
    expect(put.status, put.text).toBe(200);
    expect(JSON.parse(put.text)).toMatchObject({ agents: 3, orders: 1, restingOrders: 0, webhooks: 0, clock: { now: '2026-01-05T12:00:00.000Z' } });
    const portfolio = await signed('GET', '/portfolio');
    expect(portfolio.status).toBe(200);
    expect(portfolio.body.data.cash).toBe(70_000);
    expect(portfolio.body.data.positions).toMatchObject([{ symbol: 'BTC', quantity: 0.5, avgPrice: 60_000 }]);
    expect(portfolio.body.data.breakers.dailyLoss).toMatchObject({ limit: 1000, tripped: true, trippedAt: '2026-01-05T11:00:00.000Z', resetsAt: '2026-01-06T00:00:00.000Z' });
  });

  it('behaves as a tripped breaker does: new risk refused, reducing passes, midnight releases it', async () => {
    target = appTarget();
    await target.control('PUT', '/state', holder());
    expect((await signed('POST', '/orders', { symbol: 'BTC', side: 'buy', type: 'market', quantity: 0.01, price: null })).body.code).toBe('daily_loss_limit_reached');
    expect((await signed('POST', '/orders', { symbol: 'BTC', side: 'sell', type: 'market', quantity: 0.1, price: null })).status).toBe(201);
    await target.control('POST', '/clock', { set: '2026-01-06T00:00:01Z' });
    expect((await signed('GET', '/portfolio')).body.data.breakers.dailyLoss.tripped).toBe(false);
    expect((await signed('POST', '/orders', { symbol: 'BTC', side: 'buy', type: 'market', quantity: 0.01, price: null })).status).toBe(201);
  });

  it('derives what it leaves out: the start of day equity, ids, keys, secrets of sandbox agents, fees at the mock rate', async () => {
    target = appTarget({ feeBps: 20 });
    const fixture = { format: 'nx-conformance/state', version: 1, agents: [{ name: 'Plain', mode: 'sandbox', orders: [{ symbol: 'ETH', side: 'buy', type: 'limit', quantity: 1, price: 1000 }] }] };
    expect((await target.control('PUT', '/state', fixture)).status).toBe(200);
    const exported = JSON.parse((await target.control('GET', '/state?secrets=include')).text);
    const agent = exported.agents.find((a: { name: string }) => a.name === 'Plain');
    expect(agent.apiKey).toMatch(/^nx_test_[A-Za-z0-9]{32}$/);
    expect(agent.apiSecret.length).toBeGreaterThan(20);
    expect(agent.agentId).toMatch(/^agent_[0-9a-f]{24}$/);
    // A resting buy reserves price × quantity plus the mock's fee (20 bps): 1000 + 2.
    expect([agent.cash, agent.reservedCash, agent.day.startEquity]).toEqual([100_000, 1002, 100_000]);
    expect(agent.orders[0]).toMatchObject({ status: 'open', seq: 1, orderId: expect.stringMatching(/^ord_[0-9a-f]{20}$/) });
  });

  it('keeps the demo agents: they are added unless the fixture has them', async () => {
    target = appTarget();
    const info = JSON.parse((await target.control('GET', '/info')).text);
    await target.control('PUT', '/state', holder());
    const exported = JSON.parse((await target.control('GET', '/state')).text);
    const keys = exported.agents.map((a: { apiKey: string }) => a.apiKey);
    expect(keys).toEqual([HOLDER.apiKey, ...info.demoAgents.map((d: { apiKey: string }) => d.apiKey)]);
  });
});

describe('impossible states are refused, all problems at once, each with its pointer', () => {
  const cases: Array<[string, (f: Fixture) => void, string, RegExp]> = [
    ['a position without the fills that made it', (f) => Object.assign(f.agents[0]!, { orders: [], positions: [{ symbol: 'BTC', quantity: 0.5 }] }), '/agents/0/positions/0/quantity', /needs the filled orders that made it/],
    ['a position the fills make but the fixture does not list', (f) => Object.assign(f.agents[0]!, { positions: [] }), '/agents/0/positions', /fills make a BTC position of 0.5/],
    ['cash the fills do not explain', (f) => Object.assign(f.agents[0]!, { startingCash: 100_000 }), '/agents/0/cash', /is not what startingCash 100000 and the fills make/],
    ['selling more than is held', (f) => f.agents[0]!.orders.push({ symbol: 'BTC', side: 'sell', type: 'market', quantity: 0.6, fills: [{ price: 60_000, quantity: 0.6, timestamp: '2026-01-05T10:00:00Z' }] }), '/agents/0/orders/1/fills/0', /short selling is off/],
    ['a breaker tripped on another day', (f) => Object.assign(f.agents[0]!, { breaker: { tripped: true, trippedAt: '2026-01-04T23:00:00Z' } }), '/agents/0/breaker/trippedAt', /would have reset at midnight/],
    ['a tripped breaker without a limit on a sandbox agent', (f) => Object.assign(f.agents[0]!, { mode: 'sandbox', apiKey: key('test', 'Holder'), dailyLossLimit: null }), '/agents/0/breaker', /needs a dailyLossLimit/],
    ['a resting order the tripped breaker would have rejected', (f) => f.agents[0]!.orders.push({ symbol: 'BTC', side: 'buy', type: 'limit', quantity: 0.1, price: 50_000 } as never), '/agents/0/orders/1', /would have been rejected when the breaker tripped/],
    ['resting sells of more than is held', (f) => f.agents[0]!.orders.push({ symbol: 'ETH', side: 'sell', type: 'limit', quantity: 50, price: 90_000 } as never), '/agents/0/orders', /resting sells of 50 ETH exceed the position of 0/],
    ['resting buys that reserve more cash than there is', (f) => f.agents[0]!.orders.push({ symbol: 'BTC', side: 'buy', type: 'limit', quantity: 2, price: 60_000 } as never), '/agents/0/orders', /reserve 120120 USD but the agent has only 70000/],
    ['a filled status without the fills', (f) => Object.assign(f.agents[0]!.orders[0]!, { fills: [], status: 'filled' }), '/agents/0/orders/0/status', /needs fills that add up to the quantity/],
    ['a fill above the limit of a buy', (f) => Object.assign(f.agents[0]!.orders[0]!, { type: 'limit', price: 59_000 }), '/agents/0/orders/0/fills/0/price', /a limit buy at 59000 cannot fill at 60000/],
    ['a fill after the clock', (f) => Object.assign(f.agents[0]!.orders[0]!.fills[0]!, { timestamp: '2026-01-05T13:00:00Z' }), '/agents/0/orders/0/fills/0/timestamp', /after the mock's clock/],
    ['a quantity off the lot grid', (f) => Object.assign(f.agents[0]!.orders[0]!, { quantity: 0.50000001 }), '/agents/0/orders/0/quantity', /lot size/],
    ['an unknown coin', (f) => Object.assign(f.agents[0]!.orders[0]!, { symbol: 'NOPE' }), '/agents/0/orders/0/symbol', /Unknown symbol/],
    ['one clientOrderId on two orders', (f) => { (f.agents[0]!.orders[0] as Record<string, unknown>).clientOrderId = 'a'; f.agents[0]!.orders.push({ symbol: 'BTC', side: 'sell', type: 'limit', quantity: 0.1, price: 90_000, clientOrderId: 'a' } as never); Object.assign(f.agents[0]!, { breaker: undefined }); }, '/agents/0/orders', /clientOrderId is used twice/],
    ['a live agent without its secret', (f) => delete (f.agents[0] as Record<string, unknown>).apiSecret, '/agents/0/apiSecret', /needs its apiSecret/],
    ['a key of the other mode', (f) => Object.assign(f.agents[0]!, { apiKey: key('test', 'Holder') }), '/agents/0/apiKey', /starts with nx_live_/],
    ['a state made with another seed', (f) => Object.assign(f, { seed: 7 }), '/seed', /start the mock with --seed 7/],
    ['a webhook to a target the mock may not call', (f) => Object.assign(f.agents[0]!, { webhooks: [{ url: 'http://10.0.0.1/hook', events: ['order.filled'] }] }), '/agents/0/webhooks/0/url', /only delivers webhooks to public addresses/],
  ];

  it.each(cases)('%s', async (_name, mutate, pointer, message) => {
    target = appTarget(pointer.includes('webhooks') ? { webhookTargets: 'public' } : {});
    const before = JSON.parse((await target.control('GET', '/state?secrets=include')).text);
    const fixture = holder() as Fixture;
    mutate(fixture);
    const put = await target.control('PUT', '/state', fixture);
    expect(put.status, put.text).toBe(422);
    const body = JSON.parse(put.text);
    expect(body).toMatchObject({ code: 'validation_failed', status: 422 });
    expect(body.errors).toContainEqual(expect.objectContaining({ location: 'body', pointer, code: 'impossible_state', message: expect.stringMatching(message) }));
    const after = JSON.parse((await target.control('GET', '/state?secrets=include')).text);
    expect({ ...after, internal: { ...after.internal, controlRequestCount: 0 } }).toEqual({ ...before, internal: { ...before.internal, controlRequestCount: 0 } });
  });

  it('the holder fixture itself is possible (the cases above each break one thing)', async () => {
    target = appTarget();
    expect((await target.control('PUT', '/state', holder())).status).toBe(200);
  });

  it('a malformed fixture is a 400 naming each unknown or mistyped field', async () => {
    target = appTarget();
    const fixture = holder() as Fixture;
    Object.assign(fixture.agents[0]!, { qty: 1, cash: 'lots' });
    const put = await target.control('PUT', '/state', fixture);
    expect(put.status).toBe(400);
    const pointers = JSON.parse(put.text).errors.map((e: { pointer: string }) => e.pointer);
    expect(pointers).toEqual(expect.arrayContaining(['/agents/0/cash', '/agents/0']));
    expect(put.text).toContain('qty');
  });
});
