// GET /__nx/state and PUT /__nx/state: a mock that loads another's export (secrets included)
// answers every later request byte for byte like the original; a redacted export holds no secret
// and is refused; a refused PUT leaves the state as it was.
import { describe, expect, it } from 'vitest';
import { appTarget, countingSecrets } from './support/targets.js';
import { Traffic } from './support/traffic.js';

describe('export and import of the whole state', () => {
  it.each([1, 2, 3])('a mock restored from an export continues exactly like the original (traffic seed %i)', async (seed) => {
    const original = appTarget();
    const traffic = new Traffic(seed);
    for (let i = 0; i < 60; i++) await traffic.step([original]);
    const exported = await original.control('GET', '/state?secrets=include');
    expect(exported.status).toBe(200);
    const copy = appTarget({ secretSource: countingSecrets(traffic.agents.length) });
    const put = await copy.control('PUT', '/state', JSON.parse(exported.text));
    expect(put.status, put.text).toBe(200);
    for (let i = 0; i < 80; i++) await traffic.step([original, copy]);
    original.mock.ctx.webhookDelivery.stop();
    copy.mock.ctx.webhookDelivery.stop();
  });

  it('a redacted export holds no API or webhook secret, says so, and is refused by PUT', async () => {
    const mock = appTarget();
    const traffic = new Traffic(7);
    for (let i = 0; i < 40; i++) await traffic.step([mock]);
    const secrets = [
      ...mock.mock.ctx.engine.exportData().agents.map((a) => a.secret),
      ...mock.mock.ctx.webhooks.all().map((w) => w.secret),
    ];
    expect(secrets.length).toBeGreaterThan(2);
    const redacted = await mock.control('GET', '/state');
    for (const secret of secrets) expect(redacted.text).not.toContain(secret);
    expect(JSON.parse(redacted.text).secrets).toBe('redacted');
    const included = await mock.control('GET', '/state?secrets=include');
    for (const secret of secrets) expect(included.text).toContain(secret);
    const before = await mock.control('GET', '/state?secrets=include');
    const put = await mock.control('PUT', '/state', JSON.parse(redacted.text));
    expect(put.status).toBe(422);
    expect(JSON.parse(put.text).errors).toContainEqual(expect.objectContaining({ pointer: '/secrets', code: 'impossible_state' }));
    const after = await mock.control('GET', '/state?secrets=include');
    // The exports are control calls themselves: only the control id counter may differ.
    const withoutCounter = (text: string) => ({ ...JSON.parse(text), internal: { ...JSON.parse(text).internal, controlRequestCount: 0 } });
    expect(withoutCounter(after.text)).toEqual(withoutCounter(before.text));
    mock.mock.ctx.webhookDelivery.stop();
  });
});
