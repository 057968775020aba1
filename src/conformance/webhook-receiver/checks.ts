// The receiver checks. Each sends its own deliveries (fresh webhook-ids, so a receiver that
// refuses replays cannot pass a negative check by accident) and judges the HTTP answers only:
// a receiver is a black box. A negative check passes on an HTTP non-2xx answer; no answer at
// all is a failure (a receiver should refuse promptly, not hang).
//
// Replays ("refused or ignored"): Standard Webhooks lets a receiver either refuse a repeated
// webhook-id or acknowledge it without processing it again. The second cannot be told from
// processing it twice from outside, so by default the replay check requires a refusal (non-2xx);
// with --replay-acknowledged a 2xx is reported as a skip that says it was not verifiable.
import { randomBytes } from 'node:crypto';
import type { Outcome } from '../outcome.js';
import { describeAnswer, freshDelivery, is2xx, send, toCurl, toEvidence, type Delivery, type Sent } from './deliveries.js';

export interface ReceiverCheckContext {
  url: string;
  secret: string;
  timeoutMs: number;
  /** Wall clock in ms: the receiver judges timestamps by its own clock. */
  now(): number;
  replayAcknowledged: boolean;
  /** The check's signal: aborted when it overruns its time or the run is interrupted. */
  signal?: AbortSignal;
  /** The valid delivery the receiver accepted (the replay check repeats it). */
  accepted?: Sent;
}

export interface ReceiverCheck {
  id: string;
  title: string;
  spec: string;
  /** Ids of the requirements it covers (requirements/requirements.yaml). */
  requirements?: readonly string[];
  run(ctx: ReceiverCheckContext): Promise<Outcome>;
}

const SPEC = 'Standard Webhooks (standardwebhooks.com): ';

/** Sends each delivery; passes when every answer is an HTTP non-2xx. */
async function expectRefused(ctx: ReceiverCheckContext, deliveries: Delivery[], what: string, ageSec?: number): Promise<Outcome> {
  const sent: Sent[] = [];
  for (const d of deliveries) sent.push(await send(ctx.url, d, ctx.timeoutMs, ctx.signal));
  const bad = sent.filter((s) => is2xx(s) || s.response === null);
  if (bad.length === 0) return { status: 'pass', message: `refused ${what}: ${sent.map(describeAnswer).join(', ')}` };
  return {
    status: 'fail',
    message: `The receiver did not refuse ${what}.`,
    expected: 'an HTTP non-2xx answer (4xx), promptly',
    actual: sent.map(describeAnswer).join(', '),
    evidence: sent.map(toEvidence),
    reproduce: bad.map((s) => toCurl(s, `${what}: expect a 4xx`, { ageSec })).join('\n\n'),
  };
}

export const receiverChecks: readonly ReceiverCheck[] = [
  {
    id: 'webhook-receiver.accepts-valid',
    title: 'A correctly signed delivery is acknowledged with 2xx',
    spec: `${SPEC}any 2xx acknowledges a delivery; anything else is retried.`,
    async run(ctx) {
      const s = await send(ctx.url, freshDelivery(ctx.secret, ctx.now()), ctx.timeoutMs, ctx.signal);
      if (is2xx(s)) {
        ctx.accepted = s;
        return { status: 'pass', message: `acknowledged: ${describeAnswer(s)}` };
      }
      const hint = s.response?.status === 401 ? ' Is --secret the whsec_ secret this receiver was configured with?' : '';
      return {
        status: 'fail', message: `A valid delivery was not acknowledged.${hint}`, expected: '2xx', actual: describeAnswer(s), evidence: [toEvidence(s)],
        reproduce: toCurl(s, 'a valid delivery: expect 2xx'),
      };
    },
  },
  {
    id: 'webhook-receiver.rejects-tampered-body',
    title: 'A body changed after signing is refused (a changed value, and the same JSON re-formatted)',
    spec: `${SPEC}the signature covers the raw body bytes; verify those, never a re-serialisation of the parsed JSON.`,
    run(ctx) {
      const changed = freshDelivery(ctx.secret, ctx.now());
      const payload = JSON.parse(changed.body) as { data: { order: { avgFillPrice: number } } };
      payload.data.order.avgFillPrice = 1;
      const reformatted = freshDelivery(ctx.secret, ctx.now());
      return expectRefused(ctx, [
        { ...changed, body: JSON.stringify(payload) },
        { ...reformatted, body: JSON.stringify(JSON.parse(reformatted.body), null, 2) },
      ], 'a tampered body');
    },
  },
  {
    id: 'webhook-receiver.rejects-wrong-signature',
    title: 'A signature made with another key is refused',
    spec: `${SPEC}compute HMAC-SHA256 over "id.timestamp.body" with the base64-decoded secret and compare in constant time.`,
    run(ctx) {
      const d = freshDelivery(ctx.secret, ctx.now());
      return expectRefused(ctx, [{ ...d, key: randomBytes(24), keyIsSecret: false }], 'a wrong signature');
    },
  },
  {
    id: 'webhook-receiver.rejects-stale-timestamp',
    title: 'A correctly signed delivery with a timestamp 6 minutes old is refused',
    spec: `${SPEC}refuse a webhook-timestamp more than 5 minutes from your clock (replay protection).`,
    run(ctx) {
      const d = freshDelivery(ctx.secret, ctx.now());
      return expectRefused(ctx, [{ ...d, timestampSec: d.timestampSec - 360 }], 'a stale timestamp', 360);
    },
  },
  {
    id: 'webhook-receiver.rejects-replay',
    title: 'The accepted delivery sent again (same webhook-id, timestamp and signature) is refused',
    spec: `${SPEC}webhook-id is unique per message; remember processed ids (at least for the 5 minute window) and do not process one twice.`,
    async run(ctx) {
      if (!ctx.accepted) return { status: 'skip', message: 'The valid delivery was not acknowledged, so there is nothing to replay.' };
      const s = await send(ctx.url, ctx.accepted.delivery, ctx.timeoutMs, ctx.signal);
      if (s.response !== null && !is2xx(s)) return { status: 'pass', message: `refused the replay: ${describeAnswer(s)}` };
      if (is2xx(s) && ctx.replayAcknowledged) {
        return { status: 'skip', message: `The replay was acknowledged (${describeAnswer(s)}); whether it was processed twice is not visible from outside (--replay-acknowledged).` };
      }
      return {
        status: 'fail',
        message: 'The receiver acknowledged a replayed webhook-id. If it acknowledges duplicates without processing them, say so with --replay-acknowledged.',
        expected: 'an HTTP non-2xx answer (the id was already processed)', actual: describeAnswer(s), evidence: [ctx.accepted, s].map(toEvidence),
        reproduce: toCurl(s, 'the same delivery twice: expect 2xx, then a 4xx', { times: 2 }),
      };
    },
  },
];
