// The limiter under load, over real sockets: 20 agents each fire 80 requests at once with the
// default 60 requests/minute on a virtual clock (so no refill happens meanwhile): each agent gets
// exactly 60 answers and 20 × 429, whatever the interleaving; every 429 conforms to the spec.
// All 1,600 requests are issued together but travel over at most MAX_CONNECTIONS connections, as
// a real client pool would: more connections than the server can queue get reset under load.
import { afterEach, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../../src/mock/http/start-mock.js';
import { specProblems } from '../helpers/spec-check.js';
import { registerAgent, T0 } from './support/mock.js';
import { MAX_CONNECTIONS, call, trackConnections } from './support/sockets.js';

let mock: RunningMock | undefined;
afterEach(async () => {
  await mock?.close(1_000);
  mock = undefined;
});

describe('rate limiting under load', () => {
  it('20 agents × 80 concurrent requests at 60/min: exactly 60 successes and 20 × 429 each', async () => {
    mock = await startMock({ port: 0, clock: `virtual:${T0}` });
    const m = mock;
    const connections = trackConnections(m.server);
    expect(m.ctx.options.rateLimit).toBe(60);
    const agents = Array.from({ length: 20 }, (_, i) => registerAgent(m.ctx, i % 4 === 0 ? 'live' : 'sandbox'));
    const paths = ['/market?coins=bitcoin', '/me', '/portfolio', '/orders?limit=5'];
    const answers = await Promise.all(
      agents.flatMap((agent, a) => Array.from({ length: 80 }, (_, i) => {
        const path = paths[i % paths.length] as string;
        return call(m, agent, 'GET', path).then((res) => ({ a, path, res }));
      })),
    );
    for (const a of agents.keys()) {
      const mine = answers.filter((x) => x.a === a);
      const statuses = mine.map((x) => x.res.status);
      expect(statuses.filter((s) => s === 200), `agent ${a}`).toHaveLength(60);
      expect(statuses.filter((s) => s === 429), `agent ${a}`).toHaveLength(20);
    }
    for (const { path, res } of answers) {
      const headers = Object.fromEntries(res.headers);
      expect(specProblems('GET', path, { status: res.status, headers, text: res.text }), `${path} ${res.status}`).toEqual([]);
      if (res.status === 429) {
        expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
        expect(res.headers.get('x-ratelimit-remaining')).toBe('0');
      }
    }
    // One more second of the virtual clock refills exactly one request per agent.
    m.ctx.clock.advance(1_000);
    const next = await Promise.all(agents.map((agent) => Promise.all([call(m, agent, 'GET', '/me'), call(m, agent, 'GET', '/me')])));
    for (const [first, second] of next) {
      expect(first.status).toBe(200);
      expect(second.status).toBe(429);
    }
    // Many requests raced each other, yet the server's accept queue was never at risk.
    expect(connections.peak()).toBeGreaterThan(1);
    expect(connections.peak()).toBeLessThanOrEqual(MAX_CONNECTIONS);
  });
});
