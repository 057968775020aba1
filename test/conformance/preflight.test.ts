// The pre-flight: one cause, one message. Each wrong input (nothing listening, a base URL that is
// not the API, a wrong key or secret) is one error with a fix and exit 2, before any check runs; a
// server clock far off is one finding, and the checks that need the clock say they are blocked by it.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { catalogue } from '../../src/conformance/catalogue.js';
import { findingLabel } from '../../src/conformance/findings.js';
import { candidateBases } from '../../src/conformance/preflight/locate-api.js';
import { PreflightError, runChecks } from '../../src/conformance/run-checks.js';
import type { ControllableClock } from '../../src/mock/engine/clock.js';
import { startMock, type RunningMock } from '../../src/mock/http/start-mock.js';
import { refusedUrl } from '../support/refused-port.js';

let stderr = '';
let stdout = '';
let mocks: RunningMock[] = [];

beforeEach(() => {
  stderr = '';
  stdout = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((stdout += String(s)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((stderr += String(s)), true));
});

afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(mocks.map((m) => m.close()));
  mocks = [];
});

async function mock(options: Parameters<typeof startMock>[0] = {}): Promise<RunningMock> {
  const m = await startMock({ port: 0, clock: 'virtual:2026-01-05T12:00:00Z', ...options });
  mocks.push(m);
  return m;
}

/** One error: a single `nx-conformance:` line and its fix, and no check ran. */
function expectOneError(what: RegExp, fix: RegExp): void {
  const lines = stderr.trimEnd().split('\n');
  expect(lines, stderr).toHaveLength(2);
  expect(lines[0]).toMatch(/^nx-conformance: /);
  expect(lines[0]).toMatch(what);
  expect(lines[1]).toMatch(/^ {2}fix: /);
  expect(lines[1]).toMatch(fix);
  expect(stdout).not.toMatch(/[✓✗]/);
}

describe('pre-flight, wrong input: one error, exit 2', () => {
  it('nothing listening at the base URL', async () => {
    // Not a closed mock's port: another test's server may be given it meanwhile, and answer.
    const url = await refusedUrl('/v1/agent');
    expect(await main(['server', '--base-url', url])).toBe(2);
    expectOneError(/Nothing answers at .*ECONNREFUSED/, /start the server, or correct the host and port/);
  });

  it('a base URL without /v1/agent: says where the API seems to live', async () => {
    const m = await mock();
    expect(await main(['server', '--base-url', m.url])).toBe(2);
    expectOneError(
      new RegExp(`--base-url ${m.url} does not look like the Agent Connect API: GET ${m.url}/market answered 404 application/problem\\+json\\. The API seems to live at ${m.url}/v1/agent`),
      new RegExp(`use --base-url ${m.url}/v1/agent$`),
    );
  });

  it('a base URL that stops at /v1', async () => {
    const m = await mock();
    expect(await main(['server', '--base-url', `${m.url}/v1`])).toBe(2);
    expectOneError(/GET .*\/v1\/market answered 404 .*The API seems to live at/, new RegExp(`use --base-url ${m.baseUrl}$`));
  });

  it('a wrong --secret', async () => {
    const m = await mock();
    const demo = m.ctx.demoAgents.find((d) => d.mode === 'live');
    expect(await main(['server', '--base-url', m.baseUrl, '--key', demo?.apiKey ?? '', '--secret', 'not-the-secret'])).toBe(2);
    expectOneError(/--secret does not belong to --key: GET \/me signed with it was refused with 401 invalid_signature/, /the apiSecret that POST \/register returned/);
    expect(stderr).not.toContain('not-the-secret');
  });

  it('a sandbox key with a wrong --secret (sandbox requests carrying a signature are verified too)', async () => {
    const m = await mock();
    const demo = m.ctx.demoAgents.find((d) => d.mode === 'sandbox');
    expect(await main(['server', '--base-url', m.baseUrl, '--key', demo?.apiKey ?? '', '--secret', 'wrong'])).toBe(2);
    expectOneError(/--secret does not belong to --key/, /apiSecret/);
  });

  it('a key the server does not know', async () => {
    const m = await mock();
    expect(await main(['server', '--base-url', m.baseUrl, '--key', 'nx_test_unknown0000000000000000', '--secret', 'x'])).toBe(2);
    expectOneError(/The server does not know --key: GET \/me answered 401 invalid_api_key/, /check --key/);
  });

  it('throws PreflightError from runChecks, before any check', async () => {
    const m = await mock();
    const onCheckStart = vi.fn();
    await expect(runChecks({ baseUrl: m.url, checks: catalogue, modes: ['sandbox'], allowLiveOrders: false, slow: false, timeoutMs: 5_000, seed: 1, onCheckStart })).rejects.toBeInstanceOf(
      PreflightError,
    );
    expect(onCheckStart).not.toHaveBeenCalled();
  });
});

describe('candidate bases', () => {
  it('tries the /v1/agent prefix of the path, the origin, the base and its parents, likeliest first', () => {
    expect(candidateBases('http://h:1/api')).toEqual(['http://h:1/v1/agent', 'http://h:1/api/v1/agent']);
    expect(candidateBases('http://h:1/v1/agent/orders')).toEqual(['http://h:1/v1/agent', 'http://h:1/v1/agent/orders/v1/agent', 'http://h:1/v1/agent/v1/agent', 'http://h:1/v1/v1/agent']);
    expect(candidateBases('https://h/')).toEqual(['https://h/v1/agent']);
  });
});

describe('pre-flight, a server clock 45 s ahead', () => {
  it('gives one finding; the window-edge checks are blocked by it; everything else still passes', async () => {
    const ahead: ControllableClock = {
      kind: 'real',
      now: () => Date.now() + 45_000,
      set: () => {
        throw new Error('not movable');
      },
      advance: () => {
        throw new Error('not movable');
      },
    };
    const m = await mock({ clock: ahead, control: false });
    const summary = await runChecks({ baseUrl: m.baseUrl, checks: catalogue, only: ['signatures', 'timestamp'], modes: ['sandbox', 'live'], allowLiveOrders: true, slow: false, timeoutMs: 10_000, seed: 1 });
    const notPassed = summary.findings.filter((f) => f.status !== 'pass').map((f) => `${f.status} ${findingLabel(f)}${f.status === 'skip' ? ` (${f.blockedBy})` : ''}`);
    expect(notPassed).toEqual([
      'fail preflight.clock-offset',
      'skip timestamp.within-window-accepted [live] (preflight.clock-offset)',
      'skip timestamp.outside-window-rejected [live] (preflight.clock-offset)',
      'skip timestamp.window-edges-exact [live] (preflight.clock-offset)',
    ]);
    const offset = summary.findings[0];
    expect(offset?.status === 'fail' && offset.message).toMatch(/^The server's clock is 4\d\.\d s ahead of this machine's \(±\d\.\d s, from the Date header\)/);
    expect(summary.findings.filter((f) => f.status === 'fail')).toHaveLength(1);
  }, 60_000);
});
