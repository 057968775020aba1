// The crash test of issue 15: signed orders from several agents, SIGKILL mid-run, a restart on
// the same state file, again and again. After every restart: every order acknowledged so far
// (201) is there exactly as acknowledged, a retry of its clientOrderId gets the original order,
// orders in flight at the kill are placed at most once, and every ledger agrees with its orders
// and fills. `npm test` kills 3 times; `npm run test:crash` 20 times (CI runs both).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allOrders, CrashChain, ledgerProblems, signed } from './support/crash-run.js';

const RUNS = Number(process.env.NX_CRASH_RUNS ?? 3);
// Kill points: after 1, 8, 15, … more acknowledged orders, so each kill lands elsewhere in a run.
const killPoints = Array.from({ length: RUNS }, (_, i) => 1 + ((i * 7) % 40));
const dir = mkdtempSync(join(tmpdir(), 'nx-crash-'));
let chain: CrashChain;

beforeAll(async () => {
  chain = await CrashChain.start(join(dir, 'crash.db'));
});
afterAll(async () => {
  await chain?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe(`crash test (${RUNS} kills)`, () => {
  it.each(killPoints.map((count, i) => [i + 1, count]))('kill %i, after %i more acknowledged orders: nothing acknowledged lost, nothing placed twice, ledgers hold', async (_run, count) => {
    const before = chain.sent.filter((s) => s.acknowledged).length;
    await chain.kill(count);
    const acknowledged = chain.sent.filter((s) => s.acknowledged);
    expect(acknowledged.length).toBeGreaterThanOrEqual(before + count);
    for (const sent of acknowledged) {
      const { order } = JSON.parse(sent.acknowledged as string) as { order: { orderId: string } };
      const read = await signed(chain.url, sent.agent, 'GET', `/orders/${order.orderId}`);
      expect(read.status, `acknowledged order ${order.orderId} after the restart`).toBe(200);
      expect(JSON.parse(read.text)).toEqual(JSON.parse(sent.acknowledged as string));
      const retry = await signed(chain.url, sent.agent, 'POST', '/orders', sent.body);
      expect([retry.status, retry.headers.get('idempotent-replayed'), JSON.parse(retry.text).order.orderId]).toEqual([200, 'true', order.orderId]);
    }
    for (const status of await chain.retryUnacknowledged()) expect([200, 201, 422]).toContain(status);
    for (const agent of chain.agents) {
      const ids = (await allOrders(chain.url, agent)).map((o) => o.clientOrderId).filter((id) => id !== null);
      expect(new Set(ids).size, `${agent.name}: a clientOrderId placed twice`).toBe(ids.length);
      expect(await ledgerProblems(chain.url, agent)).toEqual([]);
    }
  });
});
