// The fixture format's published JSON Schema, the example fixtures, and --state-from.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { createMockApp } from '../../src/mock/http/create-mock-app.js';
import { fixtureJsonSchema } from '../../src/mock/state/fixture-json-schema.js';
import { StateFixture } from '../../src/mock/state/fixture-schema.js';
import { spawnMock } from './support/spawn-mock.js';

const root = new URL('../../', import.meta.url);
const examples = readdirSync(new URL('fixtures/state/', root)).filter((f) => f.endsWith('.json'));

describe('schemas/state-fixture.schema.json', () => {
  it('is what z.toJSONSchema produces from the fixture schema now', () => {
    const committed = readFileSync(new URL('schemas/state-fixture.schema.json', root), 'utf8');
    expect(committed, 'stale; regenerate it with: npx tsx src/mock/state/write-fixture-schema.ts').toBe(fixtureJsonSchema());
  });

  it('refuses unknown fields everywhere a person writes one (a typo never passes silently)', () => {
    const schema = JSON.parse(fixtureJsonSchema());
    const closed = (node: { additionalProperties?: unknown }) => node.additionalProperties === false;
    expect(closed(schema)).toBe(true);
    const defs = Object.values(schema.$defs ?? {}) as Array<{ type?: string; additionalProperties?: unknown }>;
    const objects = defs.filter((d) => d.type === 'object');
    expect(objects.length).toBeGreaterThan(3);
    for (const d of objects) expect(closed(d)).toBe(true);
  });
});

describe('the example fixtures in fixtures/state/', () => {
  it.each(examples)('%s is a valid fixture and loads into a mock', (file) => {
    const fixture = JSON.parse(readFileSync(new URL(`fixtures/state/${file}`, root), 'utf8'));
    expect(StateFixture.safeParse(fixture).success).toBe(true);
    const { ctx } = createMockApp({ clock: 'virtual:2026-01-05T12:00:00Z', state: fixture });
    expect(ctx.engine.stats().agents).toBe(fixture.agents.length + 2); // and the two demo agents
    ctx.webhookDelivery.stop();
  });
});

describe('nx-conformance mock --state-from', () => {
  it('a fixture that cannot be loaded stops the mock with exit 2 and names the problem', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nx-fixture-'));
    const file = join(dir, 'bad.json');
    const fixture = JSON.parse(readFileSync(new URL('fixtures/state/holder.json', root), 'utf8'));
    fixture.agents[0].positions = [{ symbol: 'BTC', quantity: 2 }];
    writeFileSync(file, JSON.stringify(fixture));
    const errors: string[] = [];
    const write = process.stderr.write;
    process.stderr.write = ((chunk: string) => (errors.push(String(chunk)), true)) as typeof process.stderr.write;
    try {
      expect(await main(['mock', '--port', '0', '--state-from', file])).toBe(2);
      expect(await main(['mock', '--port', '0', '--state-from', join(dir, 'missing.json')])).toBe(2);
    } finally {
      process.stderr.write = write;
    }
    expect(errors.join('')).toMatch(/\/agents\/0\/positions\/0\/quantity: a position of 2 BTC needs the filled orders that made it/);
    expect(errors.join('')).toMatch(/--state-from .*missing\.json: no such file/);
  });
});

describe('nx-conformance mock --state-from, as a process', () => {
  it('serves the fixture: its agents sign in with their keys, on a virtual clock at the fixture time', async () => {
    const mock = await spawnMock(['--state-from', 'fixtures/state/holder.json']);
    try {
      const clock = await (await fetch(`${mock.url}/__nx/clock`)).json();
      expect(clock).toMatchObject({ kind: 'virtual', now: '2026-01-05T12:00:00.000Z' });
      const res = await fetch(`${mock.url}/v1/agent/orders?status=open`, { headers: { 'x-nx-key': 'nx_test_Watcher0000000000000000000000000' } });
      expect(res.status).toBe(200);
      expect(((await res.json()) as { data: unknown }).data).toMatchObject([{ symbol: 'ETH', side: 'buy', price: 2500, status: 'open' }]);
    } finally {
      expect((await mock.stop()).code).toBe(0);
    }
  });
});
