// `--state FILE` in-process: a mock on a state file answers exactly as a memory-only one does,
// and after close() and a restart on the same file it goes on answering exactly as the one that
// never stopped would have: resting orders, latched breakers, clientOrderId retries, webhook
// retries and the counters behind request ids and rate limits all survive.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DOC_FORMAT } from '../../src/mock/state/persist/state-docs.js';
import { openStateStore } from '../../src/storage/index.js';
import { appTarget, countingSecrets } from './support/targets.js';
import { Traffic, type Target } from './support/traffic.js';

let dir: string;
const opened: Array<ReturnType<typeof appTarget>> = [];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'nx-restart-'));
});
afterEach(() => {
  for (const t of opened.splice(0)) stop(t);
  rmSync(dir, { recursive: true, force: true });
});

/** `rewrite`: the whole state is written at the stop, so its finished orders are read on demand after the restart. */
function stop(t: ReturnType<typeof appTarget>, rewrite = false): void {
  if (rewrite) t.mock.ctx.persistence?.replaceAll();
  t.mock.ctx.persistence?.close();
  t.mock.ctx.webhookDelivery.stop();
}

function onFile(secretsFrom = 0): ReturnType<typeof appTarget> {
  const t = appTarget({ stateFile: join(dir, 'state.db'), secretSource: countingSecrets(secretsFrom) });
  opened.push(t);
  return t;
}

describe('a mock on a state file', () => {
  it.each([11, 12, 13])('answers like a memory-only mock, and after a restart like one that never stopped (traffic seed %i)', async (seed) => {
    const memory = appTarget();
    opened.push(memory);
    const traffic = new Traffic(seed);
    let persisted: Target & ReturnType<typeof appTarget> = onFile();
    let archived = 0;
    for (let round = 0; round < 4; round++) {
      for (let i = 0; i < 40; i++) await traffic.step([memory, persisted]);
      // Rounds alternate: a stop that rewrites the file (finished orders then stay on disk until
      // an answer shows one) and one that writes only what changed.
      stop(persisted, round % 2 === 0);
      persisted = onFile(traffic.agents.length);
      archived += persisted.mock.ctx.persistence?.store.load(['done-index']).docs.get('done-index')?.length ?? 0;
    }
    for (let i = 0; i < 40; i++) await traffic.step([memory, persisted]);
    expect(archived).toBeGreaterThan(0);
  });

  it('creates the file with mode 0600 and reports what it restored', async () => {
    const first = onFile();
    expect(first.mock.ctx.persistence?.restored).toBeNull();
    expect(statSync(join(dir, 'state.db')).mode & 0o777).toBe(0o600);
    const traffic = new Traffic(5);
    for (let i = 0; i < 30; i++) await traffic.step([first]);
    const stats = first.mock.ctx.engine.stats();
    stop(first);
    const second = onFile(traffic.agents.length);
    expect(second.mock.ctx.persistence?.restored).toEqual({ agents: stats.agents, orders: stats.orders });
  });

  it('refuses a file made with another seed, and a fixture on a file that already holds a sandbox', () => {
    stop(onFile());
    expect(() => appTarget({ stateFile: join(dir, 'state.db'), seed: 7 })).toThrow(/was made with --seed 42; start the mock with --seed 42/);
    expect(() => appTarget({ stateFile: join(dir, 'state.db'), state: { format: 'nx-conformance/state', version: 1 } })).toThrow(/already holds a sandbox: drop --state-from/);
    expect(onFile().mock.ctx.persistence?.restored).not.toBeNull(); // the refusals left it usable
  });

  it('refuses a file whose documents a newer nx-conformance wrote, and leaves it as it was', () => {
    stop(onFile());
    const store = openStateStore(join(dir, 'state.db'));
    store.write({ meta: [['format', String(DOC_FORMAT + 1)]] });
    store.close();
    expect(() => appTarget({ stateFile: join(dir, 'state.db') })).toThrow(new RegExp(`documents of format ${DOC_FORMAT + 1}; this nx-conformance reads up to ${DOC_FORMAT}\\. Upgrade nx-conformance`));
    const again = openStateStore(join(dir, 'state.db'));
    expect(again.load([]).meta.get('format')).toBe(String(DOC_FORMAT + 1));
    again.close();
  });

  it('after a reset, the file holds the fresh state (a restart does not bring the old one back)', async () => {
    const first = onFile();
    const traffic = new Traffic(8);
    for (let i = 0; i < 30; i++) await traffic.step([first]);
    expect((await first.control('POST', '/reset')).status).toBe(204);
    stop(first);
    const second = onFile();
    expect(second.mock.ctx.engine.stats()).toEqual({ agents: 2, orders: 0, restingOrders: 0 });
  });
});
