// The one run loop: a timed-out check is aborted (it sends nothing into the next check), Ctrl-C
// ends the run as "interrupted", and every outcome becomes a finding with its mode as a field.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Check } from '../../src/conformance/check.js';
import { partial, pass } from '../../src/conformance/outcome.js';
import { runChecks } from '../../src/conformance/run-checks.js';
import { runLoop } from '../../src/conformance/run-loop.js';

/** What happened, in order: requests as they arrived at the server, and checks as they started. */
let events: string[] = [];
let server: Server;
let baseUrl = '';

beforeAll(async () => {
  // Answers like an Agent Connect API to anyone without a key (401 problem+json), and logs arrivals.
  server = createServer((req, res) => {
    events.push(`request ${new URL(req.url ?? '/', 'http://x').searchParams.get('tag') ?? 'preflight'}`);
    res.writeHead(401, { 'content-type': 'application/problem+json' }).end('{"type":"about:blank","title":"Unauthorized","status":401,"code":"missing_api_key","detail":"no key","requestId":"req_1"}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/agent`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const base = { category: 'schema', spec: 'test', requirements: [], modes: ['sandbox'], needs: {} } as const;

/** Sends requests tagged `one` for ever, one after the other: it only stops when aborted. */
const endless: Check = {
  ...base,
  id: 'test.endless',
  title: 'sends until stopped',
  async run(ctx) {
    for (;;) await ctx.anonymous.send('GET', '/market', { query: { tag: 'one' } });
  },
};

const next: Check = {
  ...base,
  id: 'test.next',
  title: 'runs after the endless one',
  async run(ctx) {
    events.push('next started');
    await ctx.anonymous.send('GET', '/market', { query: { tag: 'two' } });
    return pass('done');
  },
};

const run = (checks: Check[], extra: { checkTimeoutMs?: number; signal?: AbortSignal } = {}) =>
  runChecks({ baseUrl, checks, modes: ['sandbox'], allowLiveOrders: false, slow: false, timeoutMs: 5_000, seed: 1, ...extra });

describe('the run loop', () => {
  it('aborts a check that overruns its time: it fails, and sends nothing into the next check', async () => {
    events = [];
    const summary = await run([endless, next], { checkTimeoutMs: 1_000 });
    expect(summary.findings.map((f) => [f.checkId, f.mode, f.status])).toEqual([
      ['test.endless', 'sandbox', 'fail'],
      ['test.next', 'sandbox', 'pass'],
    ]);
    const timedOut = summary.findings[0];
    expect(timedOut?.status === 'fail' && timedOut.message).toBe('test.endless did not finish within 1000 ms; it was stopped and its requests aborted');
    expect(events.filter((e) => e === 'request one').length).toBeGreaterThan(1);
    // At most the one request already on the wire when the abort came may land after the next check started.
    const after = events.slice(events.indexOf('next started'));
    expect(after.filter((e) => e === 'request one').length).toBeLessThanOrEqual(1);
    // Long enough for a check left running to send several more requests.
    const count = events.length;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(events.length, 'requests arrived after the run ended').toBe(count);
  });

  it('stops at Ctrl-C: the checks that finished are reported, and the run says it was interrupted', async () => {
    events = [];
    const abort = new AbortController();
    const first: Check = { ...base, id: 'test.first', title: 'first', run: async () => pass('ok') };
    const slow: Check = {
      ...base,
      id: 'test.slow',
      title: 'interrupted',
      async run(ctx) {
        abort.abort(new Error('interrupted'));
        await ctx.anonymous.send('GET', '/market', { query: { tag: 'after-ctrl-c' } });
        return pass('never');
      },
    };
    const summary = await run([first, slow, next], { signal: abort.signal });
    expect(summary.findings.map((f) => f.checkId)).toEqual(['test.first']);
    expect(summary).toMatchObject({ interrupted: true, verdict: 'interrupted', counts: { pass: 1, fail: 0, partial: 0, skip: 0 } });
    expect(events).not.toContain('next started');
    expect(events).not.toContain('request after-ctrl-c');
  });

  it('turns each outcome into one finding, partial included, with requirements and the mode as fields', async () => {
    const { findings, interrupted } = await runLoop([
      { check: { id: 'a.b', title: 'A', category: 'schema', spec: 's', requirements: ['r.1'] }, mode: 'live', run: async () => partial('half', 'the other half', 'the control API', 'round-trip') },
      { check: { id: 'a.c', title: 'C', category: 'schema', spec: 's' }, run: async () => Promise.reject(new Error('socket hang up')) },
    ]);
    expect(interrupted).toBe(false);
    expect(findings[0]).toMatchObject({ checkId: 'a.b', mode: 'live', status: 'partial', untested: 'the other half', howToTest: 'the control API', form: 'round-trip', requirements: ['r.1'] });
    expect(findings[1]).toMatchObject({ checkId: 'a.c', status: 'fail', message: 'The check could not complete: socket hang up', reproduce: '(no request was sent)', spec: 's' });
    expect(findings[1]).not.toHaveProperty('mode');
  });
});
