import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  REPLAY_FORMAT, ReplayFileError, createReplayMarket, formatReplayFile, loadReplayFile, parseReplayFile, type ReplayFile,
} from '../../src/market-sources/index.js';

const coin = (id: string, symbol: string, points: unknown[]) => ({ id, symbol, name: id, tickSize: 0.01, lotSize: 0.001, supply: 1e6, points });
const good = (): ReplayFile => ({
  format: REPLAY_FORMAT,
  coins: [coin('bitcoin', 'BTC', [[1000, 100], [2000, 110, 5e6]]) as ReplayFile['coins'][number], coin('ethereum', 'ETH', [[1000, 10]]) as ReplayFile['coins'][number]],
});
const errorOf = (data: unknown): ReplayFileError => {
  try {
    parseReplayFile(data, 'bad.json');
  } catch (error) {
    expect(error).toBeInstanceOf(ReplayFileError);
    return error as ReplayFileError;
  }
  throw new Error('expected a ReplayFileError');
};
const tmp = mkdtempSync(join(tmpdir(), 'replay-file-'));

describe('replay file validation', () => {
  it('accepts a minimal file, volumes optional, and a one-point coin is a flat market', () => {
    const m = createReplayMarket({ series: parseReplayFile(good()), seed: 1 });
    expect(m.price('ETH', 0)).toBe(10);
    expect(m.price('ETH', 1e12)).toBe(10);
    expect(m.ticker('ETH', 5000).high24h).toBe(10);
  });

  it('names the coin and the point index of an unsorted or duplicate time', () => {
    const data = good();
    data.coins[1]!.points = [[1000, 10], [3000, 11], [3000, 12]];
    const e = errorOf(data);
    expect(e.problems).toEqual([expect.stringMatching(/^coin "ethereum" \(coins\[1\]\) point 2 time: time 3000 is not after the previous point's 3000/)]);
    expect(e.message).toMatch(/^bad\.json is not a valid market replay file/);
  });

  it('names the coin, index and field of a bad price or volume', () => {
    const data = good() as unknown as { coins: { points: unknown[] }[] };
    data.coins[0]!.points[1] = [2000, -5];
    data.coins[1]!.points[0] = [1000, 10, 'lots'];
    const e = errorOf(data);
    expect(e.problems).toContainEqual(expect.stringMatching(/^coin "bitcoin" \(coins\[0\]\) point 1 price: /));
    expect(e.problems).toContainEqual(expect.stringMatching(/^coin "ethereum" \(coins\[1\]\) point 0 volume: /));
  });

  it('reports missing fields, empty point lists, duplicate coins and a wrong format', () => {
    const noTick = good() as unknown as { coins: Record<string, unknown>[] };
    delete noTick.coins[0]!.tickSize;
    expect(errorOf(noTick).problems[0]).toMatch(/^coin "bitcoin" \(coins\[0\]\) tickSize: /);
    const empty = good();
    empty.coins[0]!.points = [];
    expect(errorOf(empty).problems[0]).toMatch(/^coin "bitcoin" \(coins\[0\]\) points: /);
    const dup = good();
    dup.coins[1]!.symbol = 'btc';
    expect(errorOf(dup).problems[0]).toMatch(/^coin "ethereum" \(coins\[1\]\) id: "btc" is already used by coins\[0\]/);
    expect(errorOf({ ...good(), format: 'v0' }).problems[0]).toMatch(/^format: /);
    expect(errorOf([]).problems[0]).toMatch(/^\(file\): /);
  });

  it('createReplayMarket validates hand-built objects with the same errors', () => {
    const data = good();
    data.coins[0]!.points = [[5, 1], [4, 1]];
    expect(() => createReplayMarket({ series: data, seed: 1 })).toThrow(/coin "bitcoin" \(coins\[0\]\) point 1 time/);
  });

  it('loadReplayFile names the path for unreadable, non-JSON and invalid files, and round-trips formatReplayFile', async () => {
    await expect(loadReplayFile(join(tmp, 'missing.json'))).rejects.toThrow(/missing\.json is not a valid market replay file:\n {2}cannot read it/);
    writeFileSync(join(tmp, 'broken.json'), '{"format": ');
    await expect(loadReplayFile(join(tmp, 'broken.json'))).rejects.toThrow(/broken\.json .*\n {2}not JSON/);
    writeFileSync(join(tmp, 'ok.json'), formatReplayFile(good()));
    expect(await loadReplayFile(join(tmp, 'ok.json'))).toEqual(good());
  });
});
