// The proxy reports like every runner: its rules as findings (pass, fail with evidence and a
// curl that re-sends the offending request, skip without traffic), in the same json and junit.
import { XMLValidator } from 'fast-xml-parser';
import { afterAll, describe, expect, it } from 'vitest';
import { createAgentClient } from '../../src/client/index.js';
import { startProxy } from '../../src/conformance/proxy/index.js';
import { ConformanceReport, renderJson, renderJunit } from '../../src/conformance/report/index.js';
import { startMock, type RunningMock } from '../../src/mock/http/start-mock.js';

const running: { close(): Promise<void> }[] = [];
afterAll(async () => {
  await Promise.all(running.splice(0).map((r) => r.close()));
});

async function setUp(defects: string[] = []) {
  const mock: RunningMock = await startMock({ port: 0, defects });
  const proxy = await startProxy({ target: mock.url });
  running.push(mock, proxy);
  const demo = mock.ctx.demoAgents.find((d) => d.mode === 'live');
  if (!demo) throw new Error('no live demo agent');
  const client = createAgentClient({ baseUrl: proxy.baseUrl, credentials: { apiKey: demo.apiKey, apiSecret: demo.apiSecret } });
  return { proxy, client, secret: demo.apiSecret };
}

describe('the proxy report', () => {
  it('without traffic, skips every rule', async () => {
    const { proxy } = await setUp();
    const report = proxy.report();
    expect(report).toMatchObject({ kind: 'proxy', verdict: 'pass', counts: { pass: 0, fail: 0, partial: 0, skip: 4 } });
    expect(proxy.report({ strict: true }).verdict).toBe('fail');
  });

  it('passes the rules clean traffic kept, fails the broken one with evidence, and renders json and junit', async () => {
    const { proxy, client, secret } = await setUp(['renamed-field']);
    expect((await client.me()).status).toBe(200);
    await client.market('bitcoin');
    await client.send('GET', '/me', { timestamp: String(Date.now() - 60_000) });
    const report = proxy.report();
    const byId = Object.fromEntries(report.findings.map((f) => [f.checkId, f]));
    expect(byId['proxy.request-conforms']?.status).toBe('pass');
    expect(byId['proxy.request-authenticated']?.status).toBe('pass');
    const timestamp = byId['proxy.request-timestamp'];
    const response = byId['proxy.response-conforms'];
    if (timestamp?.status !== 'fail' || response?.status !== 'fail') throw new Error(`expected two failures: ${JSON.stringify(report.findings)}`);
    expect(timestamp.message).toMatch(/^1 of 3 exchanges broke it; the first: GET \/v1\/agent\/me: timestamp_out_of_window: /);
    expect(timestamp.evidence).toHaveLength(1);
    expect(timestamp.reproduce).toContain("TS='"); // the stale timestamp, re-signed in the shell
    expect(response.message).toContain('getMarket 200');
    expect(response.evidence[0]?.response?.status).toBe(200);
    expect(report.verdict).toBe('fail');
    const json = ConformanceReport.parse(JSON.parse(renderJson(report, { toolVersion: '0.0.0' })));
    expect(json.kind).toBe('proxy');
    expect(XMLValidator.validate(renderJunit(report, { suiteName: 'nx-conformance' }))).toBe(true);
    expect(JSON.stringify(report)).not.toContain(secret);
  });
});
