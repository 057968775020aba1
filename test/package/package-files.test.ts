// Files that ship with the package resolve from the package, not from the current directory: a
// consumer's `--market replay:fixtures/market/sample-2025-11.json` (as the error messages
// suggest) must find the shipped sample wherever the command runs.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { loadReplayFile } from '../../src/market-sources/replay-file.js';
import { packageRoot, shippedFile } from '../../src/package-files.js';

const before = process.cwd();
let elsewhere: string;
beforeEach(() => {
  elsewhere = mkdtempSync(join(tmpdir(), 'nx-cwd-'));
  process.chdir(elsewhere);
});
afterEach(() => {
  process.chdir(before);
  rmSync(elsewhere, { recursive: true, force: true });
});

it('finds its own package root and the files it ships', () => {
  expect(shippedFile('openapi/agent-connect.yaml')).toBe(join(packageRoot(), 'openapi/agent-connect.yaml'));
  expect(shippedFile('no/such/file.json')).toBeUndefined();
});

it('a relative replay path missing from the current directory falls back to the shipped sample', async () => {
  const file = await loadReplayFile('fixtures/market/sample-2025-11.json');
  expect(file.coins.map((c) => c.symbol)).toEqual(['BTC', 'ETH', 'SOL', 'DOGE']);
});

it('a file in the current directory wins over the shipped one, and a missing file still says so', async () => {
  mkdirSync(join(elsewhere, 'fixtures/market'), { recursive: true });
  writeFileSync(join(elsewhere, 'fixtures/market/sample-2025-11.json'), '{}');
  await expect(loadReplayFile('fixtures/market/sample-2025-11.json')).rejects.toThrow(/sample-2025-11\.json is not a valid market replay file/);
  await expect(loadReplayFile('fixtures/market/none.json')).rejects.toThrow(/cannot read it: ENOENT/);
});
