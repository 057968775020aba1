// The receiver checker against the reference receiver: all checks pass against the correct one,
// each seeded defect fails exactly the checks that target it, and verify.ts agrees with the
// standardwebhooks library (the package is a dev dependency, so runtime code re-implements it).
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { Webhook } from 'standardwebhooks';
import { afterEach, describe, expect, it } from 'vitest';
import type { FailFinding } from '../../src/conformance/findings.js';
import { webhookEvents } from '../../src/generated/webhooks.js';
import { freshDelivery } from '../../src/conformance/webhook-receiver/deliveries.js';
import {
  RECEIVER_DEFECTS, runReceiverChecks, startReferenceReceiver, verifyWebhook, type ReceiverDefect, type ReferenceReceiver,
} from '../../src/conformance/webhook-receiver/index.js';
import { signWebhook, webhookKey } from '../../src/mock/webhooks/sign.js';
import { verifyAt } from './support.js';
import { refusedUrl } from '../support/refused-port.js';

const SECRET = `whsec_${Buffer.from('reference receiver secret, 32 by').toString('base64')}`;
let receivers: ReferenceReceiver[] = [];
async function receiver(defects: ReceiverDefect[] = []) {
  const r = await startReferenceReceiver({ secret: SECRET, defects });
  receivers.push(r);
  return r;
}
afterEach(async () => {
  await Promise.all(receivers.map((r) => r.close()));
  receivers = [];
});

const failing = (summary: Awaited<ReturnType<typeof runReceiverChecks>>) => summary.findings.filter((f) => f.status === 'fail').map((f) => f.checkId);

describe('verify.ts against the standardwebhooks library', () => {
  it('signs exactly like Webhook.sign and accepts what the library accepts', () => {
    for (let i = 0; i < 50; i++) {
      const secret = `whsec_${randomBytes(1 + (i % 40)).toString('base64')}`;
      const id = `msg_${randomBytes(8).toString('hex')}`;
      const ts = 1_700_000_000 + i * 977;
      const body = JSON.stringify({ i, text: randomBytes(i).toString('latin1') });
      const library = new Webhook(secret).sign(id, new Date(ts * 1000), body);
      expect(signWebhook(webhookKey(secret), id, ts, body)).toBe(library);
      const headers = { 'webhook-id': id, 'webhook-timestamp': String(ts), 'webhook-signature': `v1,bm90IGl0 ${library}` };
      expect(verifyWebhook({ secret, headers, body, nowSec: ts })).toEqual({ ok: true });
      expect(verifyAt(secret, { headers, body }, ts * 1000)).toEqual(JSON.parse(body));
      expect(verifyWebhook({ secret, headers, body: `${body} `, nowSec: ts })).toEqual({ ok: false, reason: 'bad_signature' });
    }
  });

  it('uses the same ±5 min window as the library', () => {
    const id = 'msg_window';
    const ts = 1_700_000_000;
    const headers = { 'webhook-id': id, 'webhook-timestamp': String(ts), 'webhook-signature': signWebhook(webhookKey(SECRET), id, ts, '{}') };
    for (const skew of [-301, -300, 0, 300, 301]) {
      const ours = verifyWebhook({ secret: SECRET, headers, body: '{}', nowSec: ts + skew }).ok;
      let theirs = true;
      try {
        verifyAt(SECRET, { headers, body: '{}' }, (ts + skew) * 1000);
      } catch {
        theirs = false;
      }
      expect(ours, `skew ${skew}`).toBe(theirs);
    }
    expect(verifyWebhook({ secret: SECRET, headers: { 'webhook-id': id }, body: '{}', nowSec: ts })).toEqual({ ok: false, reason: 'missing_headers' });
  });

  it('sends a spec-valid order.filled payload', () => {
    const d = freshDelivery(SECRET, Date.parse('2026-01-05T12:00:00Z'));
    expect(webhookEvents['order.filled'].schema.safeParse(JSON.parse(d.body)).error?.issues ?? []).toEqual([]);
  });
});

describe('receiver checks', () => {
  it('all pass against the correct reference receiver, which processed only the valid delivery', async () => {
    const r = await receiver();
    const summary = await runReceiverChecks({ url: r.url, secret: SECRET });
    expect(summary.findings.map((f) => [f.checkId, f.status])).toEqual([
      ['webhook-receiver.accepts-valid', 'pass'],
      ['webhook-receiver.rejects-tampered-body', 'pass'],
      ['webhook-receiver.rejects-wrong-signature', 'pass'],
      ['webhook-receiver.rejects-stale-timestamp', 'pass'],
      ['webhook-receiver.rejects-replay', 'pass'],
    ]);
    expect(summary).toMatchObject({ kind: 'webhook-receiver', modes: [], target: r.url, counts: { pass: 5, fail: 0, partial: 0, skip: 0 }, verdict: 'pass' });
    expect(r.processed).toHaveLength(1);
  });

  const expectedFailures: Record<ReceiverDefect, string[]> = {
    'no-signature-check': ['webhook-receiver.rejects-tampered-body', 'webhook-receiver.rejects-wrong-signature'],
    'no-timestamp-check': ['webhook-receiver.rejects-stale-timestamp'],
    'no-replay-check': ['webhook-receiver.rejects-replay'],
    'accepts-tampered-body': ['webhook-receiver.rejects-tampered-body'],
  };

  it.each(RECEIVER_DEFECTS)('catches the %s defect with the matching check', async (defect) => {
    const r = await receiver([defect]);
    const summary = await runReceiverChecks({ url: r.url, secret: SECRET });
    expect(failing(summary)).toEqual(expectedFailures[defect]);
  });

  it('reports a replay that was acknowledged as a skip with --replay-acknowledged', async () => {
    const r = await receiver(['no-replay-check']);
    const summary = await runReceiverChecks({ url: r.url, secret: SECRET, replayAcknowledged: true });
    expect(summary.findings.at(-1)).toMatchObject({ checkId: 'webhook-receiver.rejects-replay', status: 'skip' });
    expect(summary.counts.fail).toBe(0);
  });

  it.each(RECEIVER_DEFECTS)('keeps secrets out of the %s failures, whose curl scripts reproduce them', async (defect) => {
    const r = await receiver([defect]);
    const fails = (await runReceiverChecks({ url: r.url, secret: SECRET })).findings.filter((f): f is FailFinding => f.status === 'fail');
    for (const fail of fails) {
      expect(JSON.stringify(fail)).not.toContain(SECRET.slice(6));
      expect(fail.evidence[0]?.request.headers['webhook-signature']).toBe('[redacted]');
      const { stdout } = await promisify(execFile)('bash', ['-c', fail.reproduce], { env: { ...process.env, WEBHOOK_SECRET: SECRET } });
      const statuses = [...stdout.matchAll(/^HTTP\/1\.1 (\d+)/gm)].map((m) => Number(m[1]));
      expect(statuses.length, fail.reproduce).toBeGreaterThan(0);
      expect(statuses.every((s) => s === 204), `${fail.checkId}: ${statuses.join(', ')}`).toBe(true);
    }
  });

  it('refuses bad input and an unreachable receiver before judging anything', async () => {
    const r = await receiver();
    await expect(runReceiverChecks({ url: 'ftp://x', secret: SECRET })).rejects.toThrow(/http or https/);
    await expect(runReceiverChecks({ url: r.url, secret: 'not-a-secret' })).rejects.toThrow(/whsec_/);
    // Not a closed receiver's port: another test's server may be given it meanwhile, and answer.
    await expect(runReceiverChecks({ url: await refusedUrl('/hook'), secret: SECRET })).rejects.toThrow(/No receiver answers .*ECONNREFUSED/);
  });
});
