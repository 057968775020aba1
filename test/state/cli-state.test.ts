// `nx-conformance mock --state FILE` as a process: a clean stop and a restart resume the sandbox
// (its banner says so); a second mock on a file in use, and a restart with another seed, exit 2
// with a message that says what to do.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { spawnMock, type SpawnedMock } from './support/spawn-mock.js';

/** Runs the CLI in this process, capturing what it writes to stderr. */
async function inProcess(argv: string[]): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const write = process.stderr.write;
  process.stderr.write = ((chunk: string) => ((stderr += String(chunk)), true)) as typeof process.stderr.write;
  try {
    return { code: await main(argv), stderr };
  } finally {
    process.stderr.write = write;
  }
}

let dir: string;
const running: SpawnedMock[] = [];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'nx-cli-state-'));
});
afterEach(async () => {
  for (const m of running.splice(0)) await m.stop('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

async function started(args: string[]): Promise<SpawnedMock> {
  const mock = await spawnMock(args);
  running.push(mock);
  return mock;
}

describe('nx-conformance mock --state', () => {
  it('resumes the sandbox after a clean stop; a second mock on the same file, or another seed, is refused', async () => {
    const file = join(dir, 'sandbox.db');
    const args = ['--state', file, '--clock', 'virtual:2026-01-05T12:00:00Z'];
    const first = await started(args);
    expect(first.stdout()).toMatch(new RegExp(`state: +${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(new; SQLite WAL, synchronous=normal, (better-sqlite3|node:sqlite)\\)`));
    const key = /demo sandbox agent: key (\S+)/.exec(first.stdout())?.[1] as string;
    const placed = await fetch(`${first.url}/v1/agent/orders`, {
      method: 'POST',
      headers: { 'x-nx-key': key, 'content-type': 'application/json' },
      body: JSON.stringify({ symbol: 'BTC', side: 'buy', type: 'limit', quantity: 0.01, price: 50_000 }),
    });
    expect(placed.status).toBe(201);
    const { order } = (await placed.json()) as { order: { orderId: string } };
    await fetch(`${first.url}/__nx/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ advanceMs: 3_600_000 }) });

    // The refusals happen before listening, so they run in-process (SQLite's lock holds against
    // another connection of this process as against another process).
    const inUse = await inProcess(['mock', '--port', '0', ...args]);
    expect(inUse.code).toBe(2);
    expect(inUse.stderr).toMatch(/is in use by another process \(another mock\?\)/);

    expect((await first.stop('SIGTERM')).code).toBe(0);
    const wrongSeed = await inProcess(['mock', '--port', '0', '--seed', '7', ...args]);
    expect(wrongSeed.code).toBe(2);
    expect(wrongSeed.stderr).toMatch(/was made with --seed 42; start the mock with --seed 42/);

    const again = await started(args);
    expect(again.stdout()).toMatch(/\(resumed: 2 agents, 1 orders, clock at 2026-01-05T13:00:00\.000Z;/);
    const read = await fetch(`${again.url}/v1/agent/orders/${order.orderId}`, { headers: { 'x-nx-key': key } });
    expect(read.status).toBe(200);
    expect((await again.stop('SIGTERM')).code).toBe(0);
  });
});
