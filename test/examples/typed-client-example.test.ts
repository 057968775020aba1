// examples/typescript/typed-client.ts runs against the mock in sandbox and live mode.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../../src/mock/http/start-mock.js';
import { compiledPath } from '../support/spawn-node.js';

const run = promisify(execFile);
let mock: RunningMock;

beforeAll(async () => {
  mock = await startMock({ port: 0 });
});
afterAll(() => mock.close());

describe('examples/typescript/typed-client.ts', () => {
  for (const mode of ['sandbox', 'live'] as const) {
    it(`registers, reads the market, buys and reads the portfolio (${mode})`, async () => {
      const { stdout } = await run(process.execPath, [compiledPath('examples/typescript/typed-client.ts')], {
        env: { ...process.env, NX_BASE_URL: mock.baseUrl, NX_MODE: mode },
        timeout: 30_000,
      });
      expect(stdout).toMatch(/^BTC: \$\d+\.\d{2} \([+-]\d+\.\d{2}%\)$/m);
      expect(stdout).toMatch(/^Order ord_[0-9a-f]+: filled$/m);
      expect(stdout).toMatch(/^Portfolio: \$\d+\.\d{2}$/m);
      const orders = mock.ctx.journal.list({ operationId: 'placeOrder' }).filter((e) => e.status === 201);
      expect(orders.length).toBeGreaterThan(0);
      if (mode === 'live') expect(orders.at(-1)?.requestHeaders['x-nx-signature']).toBe('[redacted]');
    }, 40_000);
  }
});
