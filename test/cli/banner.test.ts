// The mock's start-up banner says what a user needs to send a first signed request: where the
// virtual clock starts (live clients must sign with its time) and whether responses are checked.
import { afterEach, expect, it } from 'vitest';
import { banner } from '../../src/cli/mock-command.js';
import { startMock, type RunningMock } from '../../src/mock/http/start-mock.js';

const running: RunningMock[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((m) => m.close()));
});

async function bannerOf(options: Parameters<typeof startMock>[0]): Promise<string> {
  const mock = await startMock({ port: 0, ...options });
  running.push(mock);
  return banner(mock);
}

it('a virtual clock: its start time and how it moves; response validation on', async () => {
  const text = await bannerOf({ clock: 'virtual:2026-01-05T12:00:00Z', validateResponses: true });
  expect(text).toContain('  clock:   virtual, starting at 2026-01-05T12:00:00.000Z; it moves only through POST /__nx/clock');
  expect(text).toContain('response validation on: every response is checked against the spec');
});

it('the real clock and a fixed one; response validation off, with the flag that turns it on', async () => {
  const real = await bannerOf({});
  expect(real).toContain("  clock:   real (this machine's time)");
  expect(real).toContain('response validation off (--validate-responses turns it on)');
  expect(await bannerOf({ clock: 'fixed:2025-11-01T00:00:00Z' })).toContain('  clock:   fixed at 2025-11-01T00:00:00.000Z');
});
