// The deliveries the receiver checks send: a realistic order.filled message (spec-valid), signed
// like the exchange signs, sent with fetch, kept as redacted evidence and as a curl script that
// re-signs in the shell from $WEBHOOK_SECRET (no secret or valid signature is ever printed).
import { randomBytes } from 'node:crypto';
import type { OrderView } from '../../mock/engine/index.js';
import { buildEventPayload } from '../../mock/webhooks/payload.js';
import { signWebhook, webhookKey } from '../../mock/webhooks/sign.js';
import { redactBody, redactHeaders } from '../../redact.js';
import type { Evidence } from '../findings.js';

export interface Delivery {
  id: string;
  timestampSec: number;
  /** What is sent. */
  body: string;
  /** What the signature covers (differs from body only when the check tampers). */
  signedBody: string;
  /** The HMAC key; another key for the wrong-signature check. */
  key: Buffer;
  /** True when key is the receiver's secret (then the curl script re-signs from $WEBHOOK_SECRET). */
  keyIsSecret: boolean;
}

export interface Sent {
  delivery: Delivery;
  url: string;
  headers: Record<string, string>;
  response: { status: number; headers: Record<string, string>; body: string } | null;
  /** Why there was no response. */
  error: string | null;
}

const hex = (bytes: number): string => randomBytes(bytes).toString('hex');

/** A fresh order.filled payload: a new message id per delivery, so only the replay check repeats one. */
export function freshDelivery(secret: string, nowMs: number): Delivery {
  const order: OrderView = {
    orderId: `ord_${hex(10)}`, clientOrderId: 'nx-conformance-receiver-check', symbol: 'BTC', side: 'buy', type: 'market',
    quantity: 0.001, price: null, status: 'filled', filledQuantity: 0.001, remainingQuantity: 0, avgFillPrice: 65_000, fees: 0.065,
    fills: [{ fillId: `fill_${hex(10)}`, price: 65_000, quantity: 0.001, fee: 0.065, liquidity: 'taker', timestamp: nowMs }],
    rejectReason: null, createdAt: nowMs, updatedAt: nowMs,
  };
  const body = JSON.stringify(buildEventPayload({ type: 'order.filled', agentId: 'nx_conformance_check', at: nowMs, order }));
  const id = `msg_${randomBytes(18).toString('base64url').replace(/[-_]/g, 'x')}`;
  return { id, timestampSec: Math.floor(nowMs / 1000), body, signedBody: body, key: webhookKey(secret), keyIsSecret: true };
}

export function headersOf(d: Delivery): Record<string, string> {
  return {
    'content-type': 'application/json',
    'webhook-id': d.id,
    'webhook-timestamp': String(d.timestampSec),
    'webhook-signature': signWebhook(d.key, d.id, d.timestampSec, d.signedBody),
  };
}

export async function send(url: string, delivery: Delivery, timeoutMs: number, abort?: AbortSignal): Promise<Sent> {
  const headers = headersOf(delivery);
  // An aborted check (time-out, Ctrl-C) sends nothing more: its abort is its error, not the receiver's.
  abort?.throwIfAborted();
  const signal = abort ? AbortSignal.any([abort, AbortSignal.timeout(timeoutMs)]) : AbortSignal.timeout(timeoutMs);
  try {
    const res = await fetch(url, { method: 'POST', headers, body: delivery.body, redirect: 'manual', signal });
    const body = (await res.text()).slice(0, 8192);
    return { delivery, url, headers, response: { status: res.status, headers: Object.fromEntries(res.headers), body }, error: null };
  } catch (error) {
    if (abort?.aborted) throw abort.reason;
    const cause = error instanceof Error ? (error.cause as { code?: string } | undefined) : undefined;
    const reason = error instanceof Error && error.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : (cause?.code ?? String(error));
    return { delivery, url, headers, response: null, error: reason };
  }
}

export const is2xx = (s: Sent): boolean => s.response !== null && s.response.status >= 200 && s.response.status < 300;

export const describeAnswer = (s: Sent): string => (s.response ? `HTTP ${s.response.status}` : `no answer (${s.error})`);

export function toEvidence(s: Sent): Evidence {
  return {
    request: { method: 'POST', url: s.url, headers: redactHeaders(s.headers), body: redactBody(s.delivery.body) },
    response: s.response && { status: s.response.status, headers: redactHeaders(s.response.headers), body: redactBody(s.response.body) },
  };
}

const q = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

export interface CurlOptions {
  /** Repeat the request (the replay check). */
  times?: number;
  /** Seconds before now the timestamp lies (the stale check); the script computes it when run. */
  ageSec?: number;
}

/** A shell script that sends the same kind of delivery again, signed in the shell when it is run. */
export function toCurl(s: Sent, note: string, options: CurlOptions = {}): string {
  const d = s.delivery;
  const ts = options.ageSec ? `$(( $(date +%s) - ${options.ageSec} ))` : '$(date +%s)';
  // A fresh id: the receiver already saw this one, and a careful receiver refuses it.
  const lines = [`# ${note}`, 'ID="msg_$(openssl rand -hex 12)"', `TS=${d.keyIsSecret ? ts : q(String(d.timestampSec))}`, `BODY=${q(d.body)}`];
  if (d.keyIsSecret) {
    lines.push(`SIGNED=${d.signedBody === d.body ? '"$BODY"' : q(d.signedBody)}`);
    lines.push(`KEY_HEX=$(printf '%s' "\${WEBHOOK_SECRET#whsec_}" | base64 -d | od -An -tx1 | tr -d ' \\n')`);
    lines.push(`SIG="v1,$(printf '%s' "$ID.$TS.$SIGNED" | openssl dgst -sha256 -mac HMAC -macopt "hexkey:$KEY_HEX" -binary | base64)"`);
  } else {
    lines.push(`SIG=${q(headersOf(d)['webhook-signature'] ?? '')}  # made with a key that is not the secret`);
  }
  const curl = [`curl -sS -i -X POST ${q(s.url)}`, `-H 'content-type: application/json'`, `-H "webhook-id: $ID"`, `-H "webhook-timestamp: $TS"`, `-H "webhook-signature: $SIG"`, `--data-binary "$BODY"`].join(' \\\n  ');
  for (let i = 0; i < (options.times ?? 1); i++) lines.push(curl);
  return lines.join('\n');
}
