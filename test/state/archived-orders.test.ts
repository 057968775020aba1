// Finished orders after a full write stay in the state file until an answer shows one
// (src/mock/engine/state/order-archive.ts, src/mock/state/persist/done-orders.ts). A restarted
// mock must answer exactly as before: list pages with filters and cursors, lookups by id, an
// idempotent retry of a finished order, the breakers, stats and the state export.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { batchToState, DOC_KINDS } from '../../src/mock/state/persist/state-docs.js';
import { signedCall } from './support/signed-call.js';
import { appTarget } from './support/targets.js';

let dir: string;
let mock: ReturnType<typeof appTarget>;
const agent = { apiKey: '', apiSecret: '' };

const start = () => appTarget({ stateFile: join(dir, 'state.db'), rateLimit: 10_000 });
function stop(rewrite: boolean): void {
  if (rewrite) mock.mock.ctx.persistence?.replaceAll();
  mock.mock.ctx.persistence?.close();
  mock.mock.ctx.webhookDelivery.stop();
}
const call = (method: string, path: string, body?: unknown) => signedCall(mock, agent, method, path, body);

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'nx-archived-'));
  mock = start();
  const answer = await mock.api('POST', '/register', { 'content-type': 'application/json' }, JSON.stringify({ name: 'Archivist', mode: 'live', permissions: ['read:portfolio', 'write:orders'], dailyLossLimit: 100 }));
  Object.assign(agent, JSON.parse(answer.text).agent);
});
afterEach(() => {
  stop(false);
  rmSync(dir, { recursive: true, force: true });
});

/** Filled, canceled and rejected orders (some with a clientOrderId), and two left open. */
async function placeOrders(): Promise<string[]> {
  const ids: string[] = [];
  const place = async (body: object) => ids.push((await call('POST', '/orders', body)).body.order.orderId);
  for (let n = 0; n < 6; n++) await place({ symbol: n % 2 ? 'ETH' : 'BTC', side: 'buy', type: 'market', quantity: n % 2 ? 0.05 : 0.001, price: null, ...(n < 3 ? { clientOrderId: `m-${n}` } : {}) });
  await place({ symbol: 'BTC', side: 'buy', type: 'limit', quantity: 0.001, price: 40_000, clientOrderId: 'c-1' });
  await call('DELETE', `/orders/${ids.at(-1)}`);
  await place({ symbol: 'ETH', side: 'buy', type: 'limit', quantity: 0.01, price: 1_000 }); // stays open
  await place({ symbol: 'BTC', side: 'sell', type: 'market', quantity: 0.001, price: null }); // fills
  await place({ symbol: 'BTC', side: 'buy', type: 'limit', quantity: 0.001, price: 41_000, clientOrderId: 'o-1' }); // stays open
  return ids;
}

/** Every answer that shows orders: each page of every filter (cursors followed), each order by id, replays, breakers. */
async function answers(ids: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const filter of ['', '&status=filled', '&status=canceled,rejected', '&status=open', '&symbol=ETH', '&status=filled&symbol=BTC']) {
    let cursor: string | null = null;
    do {
      const page = await call('GET', `/orders?limit=2${filter}${cursor ? `&cursor=${cursor}` : ''}`);
      out.push(page.text);
      cursor = page.body.nextCursor;
    } while (cursor !== null);
  }
  for (const id of ids) out.push((await call('GET', `/orders/${id}`)).text);
  const replay = await call('POST', '/orders', { symbol: 'BTC', side: 'buy', type: 'market', quantity: 0.001, price: null, clientOrderId: 'm-0' });
  const conflict = await call('POST', '/orders', { symbol: 'BTC', side: 'buy', type: 'limit', quantity: 0.002, price: 40_000, clientOrderId: 'c-1' });
  out.push(`${replay.status} ${replay.headers['idempotent-replayed']} ${replay.text}`, `${conflict.status} ${conflict.text}`);
  out.push(JSON.stringify((await call('GET', '/portfolio')).body.data.breakers));
  // Asked twice of one mock (before and after its restart): only the request ids move on.
  return out.map((text) => text.replace(/"requestId":"req_\d+"/g, '"requestId":"req_…"'));
}

describe('finished orders left in the state file', () => {
  it('are not read at start, and a restarted mock answers every list, lookup and replay as before', async () => {
    const ids = await placeOrders();
    const engineBefore = mock.mock.ctx.engine;
    const stats = engineBefore.stats();
    const before = await answers(ids);
    const exported = (await mock.control('GET', '/state?secrets=include')).text;
    stop(true);

    mock = start();
    // Every order, archived ones read back; only the count of control requests (the export itself) moved on.
    const again = (await mock.control('GET', '/state?secrets=include')).text;
    expect(again.replace('"controlRequestCount":2', '"controlRequestCount":1')).toEqual(exported);
    stop(true); // the export read every archived order back: start again to see them left on disk
    mock = start();
    const store = mock.mock.ctx.persistence!.store;
    const loaded = batchToState(store.load(DOC_KINDS), (count) => ({ size: count, ordersOf: () => [], find: () => undefined, has: () => false }));
    expect(loaded.state.engine.orders.map((o) => o.status)).toEqual(['open', 'open']); // only open orders are decoded at start
    expect(loaded.state.engine.archive?.size).toBe(stats.orders - 2);
    expect(mock.mock.ctx.engine.stats()).toEqual(stats);

    const reads: string[] = [];
    const get = store.get.bind(store);
    store.get = (kind, id) => (reads.push(kind), get(kind, id));
    const lookup = await call('GET', `/orders/${ids[0]}`);
    expect(lookup.status).toBe(200);
    expect(reads).toEqual(['done-index', 'done']); // the agent's index once, then the one order shown

    expect(await answers(ids)).toEqual(before);
  });

  it('the breaker trips after a restart as it does on a mock that never stopped, rejecting the same orders', async () => {
    const memory = appTarget({ rateLimit: 10_000 }); // the same seed, keys and secrets: the same agent registers alike
    const register = { name: 'Archivist', mode: 'live', permissions: ['read:portfolio', 'write:orders'], dailyLossLimit: 100 };
    expect(JSON.parse((await memory.api('POST', '/register', { 'content-type': 'application/json' }, JSON.stringify(register))).text).agent).toMatchObject(agent);
    const onFile = mock;
    const both = async (fn: () => Promise<unknown>) => {
      for (const target of [onFile, memory]) {
        mock = target;
        await fn();
      }
      mock = onFile;
    };
    await both(placeOrders);
    stop(true);
    const restarted = (mock = start());
    const answersOf = async (target: typeof mock) => {
      mock = target;
      await target.control('POST', '/market/ETH', { shiftPercent: -60 });
      const out = [(await call('POST', '/orders', { symbol: 'ETH', side: 'buy', type: 'market', quantity: 0.01, price: null })).text];
      out.push((await call('GET', '/orders?limit=4')).text, (await call('GET', '/portfolio')).text);
      mock = restarted;
      return out;
    };
    const after = await answersOf(restarted);
    expect(after).toEqual(await answersOf(memory));
    expect(after[0]).toMatch(/daily_loss_limit_reached/);
    expect(after[1]).toMatch(/circuit_breaker/); // the open buys were rejected when it tripped
    memory.mock.ctx.webhookDelivery.stop();
  });
});
