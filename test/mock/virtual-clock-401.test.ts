// The trap of a mock on a virtual clock: a client that signs with the real time gets 401
// timestamp_out_of_window, and advice to "sync the client clock (NTP)" would send its author the
// wrong way. The 401 says what happens instead; other skews keep the usual advice.
import { afterAll, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../../src/mock/http/start-mock.js';
import { signRequest } from '../../src/signing/index.js';

const mocks: RunningMock[] = [];
afterAll(async () => {
  await Promise.all(mocks.map((m) => m.close()));
});

async function meSignedAt(mock: RunningMock, timestampMs: number): Promise<{ status: number; body: { code: string; detail: string } }> {
  const live = mock.ctx.demoAgents.find((d) => d.mode === 'live')!;
  const timestamp = String(timestampMs);
  const res = await fetch(`${mock.baseUrl}/me`, {
    headers: { 'X-NX-Key': live.apiKey, 'X-NX-Timestamp': timestamp, 'X-NX-Signature': signRequest({ secret: live.apiSecret, timestamp, method: 'GET', path: '/me', body: '' }) },
  });
  return { status: res.status, body: (await res.json()) as { code: string; detail: string } };
}

async function mockOn(clock: string): Promise<RunningMock> {
  const mock = await startMock({ port: 0, clock });
  mocks.push(mock);
  return mock;
}

describe('a mock on a virtual or fixed clock', () => {
  it('recognises a client signing with the real time, and says how to fix it', async () => {
    const mock = await mockOn('virtual:2026-01-05T12:00:00Z');
    const r = await meSignedAt(mock, Date.now());
    expect(r.status).toBe(401);
    expect(r.body.code).toBe('timestamp_out_of_window');
    expect(r.body.detail).toMatch(/is the real time, but this mock runs a virtual clock, now at 2026-01-05T12:00:00\.000Z \(it moves only through POST \/__nx\/clock\)/);
    expect(r.body.detail).toContain('Sign with the mock\'s time (GET /__nx/clock, or mock.now() with startTestMock), or run the mock on the real clock');
    expect(r.body.detail).not.toContain('NTP');
  });

  it('says "fixed clock" for a fixed one', async () => {
    const mock = await mockOn('fixed:2026-01-05T12:00:00Z');
    expect((await meSignedAt(mock, Date.now())).body.detail).toContain('this mock runs a fixed clock at 2026-01-05T12:00:00.000Z');
  });

  it('a timestamp near neither clock keeps the usual advice; one on the mock’s clock passes', async () => {
    const mock = await mockOn('virtual:2026-01-05T12:00:00Z');
    const far = await meSignedAt(mock, Date.now() - 3_600_000);
    expect(far.body.code).toBe('timestamp_out_of_window');
    expect(far.body.detail).toContain('Sync the client clock (NTP)');
    expect((await meSignedAt(mock, mock.ctx.clock.now())).status).toBe(200);
  });
});

it('a mock on the real clock never blames a virtual clock', async () => {
  const mock = await mockOn('real');
  const late = await meSignedAt(mock, Date.now() - 60_000);
  expect(late.body.code).toBe('timestamp_out_of_window');
  expect(late.body.detail).toContain('Sync the client clock (NTP)');
  expect(late.body.detail).not.toContain('virtual');
});
