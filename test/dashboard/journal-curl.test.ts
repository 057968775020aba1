// "Copy as curl" in the Requests view: the script built from a (redacted) journal entry holds no
// secret, yet run with $NX_API_KEY and $NX_API_SECRET it sends the same request again, signed.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestMock, type TestMock } from '../../src/testing/index.js';
import { journalCurl } from '../../src/ui/journal-curl.js';
import type { JournalEntry } from '../../src/ui/types.js';

let mock: TestMock;
beforeAll(async () => {
  mock = await startTestMock();
});
afterAll(() => mock.close());

const lastEntry = () => mock.mock.ctx.journal.list({ limit: 1 })[0] as JournalEntry;

async function run(script: string, agent: { apiKey: string; apiSecret: string }): Promise<string> {
  const { stdout } = await promisify(execFile)('bash', ['-c', script], { env: { ...process.env, NX_API_KEY: agent.apiKey, NX_API_SECRET: agent.apiSecret } });
  return stdout;
}

describe('journalCurl', () => {
  it('replays a signed live order, with the signature recomputed from $NX_API_SECRET', async () => {
    await mock.liveAgent.client.placeOrder({ symbol: 'BTC', side: 'buy', type: 'market', quantity: 0.001 });
    const entry = lastEntry();
    const script = journalCurl(entry, mock.url);
    expect(script).not.toContain(mock.liveAgent.apiSecret);
    expect(script).not.toContain(mock.liveAgent.apiKey);
    expect(script).not.toMatch(/^\s*-H 'host:/im);
    const before = mock.mock.ctx.engine.orderCounts(mock.liveAgent.agentId).total;
    expect(await run(script, mock.liveAgent)).toMatch(/^HTTP\/1\.1 201/);
    expect(mock.mock.ctx.engine.orderCounts(mock.liveAgent.agentId).total).toBe(before + 1);
  });

  it('replays a sandbox GET with its query string', async () => {
    await mock.agent.client.send('GET', '/market?coins=bitcoin,ethereum');
    const script = journalCurl(lastEntry(), mock.url);
    const out = await run(script, mock.agent);
    expect(out).toMatch(/^HTTP\/1\.1 200/);
    expect(out).toContain('"ethereum"');
  });

  it('says so when the journal cut the body short', () => {
    const entry = { ...lastEntry(), requestBody: `{"a":"${'x'.repeat(10)}…[5000 more chars]` };
    expect(journalCurl(entry, mock.url)).toMatch(/^# the journal keeps the first 4096 characters/);
  });
});
