// Requests and errors per wall-clock minute, driven by an injected monotonic clock.
import { describe, expect, it } from 'vitest';
import { createRequestRate } from '../../src/mock/ui/request-rate.js';

describe('createRequestRate', () => {
  it('counts the last 60 seconds, dropping what fell out of the window', () => {
    let now = 1_000_000;
    const rate = createRequestRate(() => now);
    rate.record(200);
    rate.record(401);
    now += 30_000;
    rate.record(503);
    expect(rate.snapshot()).toMatchObject({ windowSeconds: 60, requests: 3, errors: 2 });
    now += 30_500; // the first two are now 60.5 s old
    expect(rate.snapshot()).toMatchObject({ requests: 1, errors: 1 });
    now += 60_000;
    expect(rate.snapshot()).toMatchObject({ requests: 0, errors: 0 });
  });

  it('keeps 30 per-minute buckets, oldest first, forgetting older minutes', () => {
    let now = 0;
    const rate = createRequestRate(() => now);
    rate.record(200);
    now = 2 * 60_000;
    rate.record(500);
    rate.record(200);
    const { perMinute } = rate.snapshot();
    expect(perMinute).toHaveLength(30);
    expect(perMinute.at(-1)).toEqual({ minutesAgo: 0, requests: 2, errors: 1 });
    expect(perMinute.at(-3)).toEqual({ minutesAgo: 2, requests: 1, errors: 0 });
    now = 40 * 60_000; // everything is older than 30 minutes
    expect(rate.snapshot().perMinute.every((m) => m.requests === 0)).toBe(true);
  });
});
