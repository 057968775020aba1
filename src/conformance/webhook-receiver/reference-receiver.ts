// A tiny webhook receiver that does everything a receiver should (verify the signature over the
// raw body, refuse timestamps outside ±5 min, refuse a webhook-id it already processed), with
// seeded defects that each override one of those, so the receiver checks can prove they catch each.
// Answers: 204 processed, 400 bad headers/JSON or stale, 401 bad signature, 409 replayed id.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { signatureCheck, timestampCheck, verifyWebhook, WEBHOOK_CHECKS, type WebhookCheck } from './verify.js';

export const RECEIVER_DEFECTS = ['no-signature-check', 'no-timestamp-check', 'no-replay-check', 'accepts-tampered-body'] as const;
export type ReceiverDefect = (typeof RECEIVER_DEFECTS)[number];

export const receiverDefectCatalogue: Record<ReceiverDefect, string> = {
  'no-signature-check': 'accepts any webhook-signature',
  'no-timestamp-check': 'accepts timestamps of any age',
  'no-replay-check': 'processes the same webhook-id again',
  // The classic framework bug: verifying JSON.stringify(parsed body) instead of the bytes received.
  'accepts-tampered-body': 'verifies the re-serialised JSON, not the raw body',
};

/** What the receiver does, step by step; a seeded defect replaces one step. */
interface ReceiverPolicy {
  /** The body the signature is checked over. */
  verifiedBody(raw: string): string;
  checks: readonly WebhookCheck[];
  isReplay(seen: ReadonlySet<string>, id: string): boolean;
}

const correctReceiver: ReceiverPolicy = { verifiedBody: (raw) => raw, checks: WEBHOOK_CHECKS, isReplay: (seen, id) => seen.has(id) };

const receiverDefectOverrides: Record<ReceiverDefect, (policy: ReceiverPolicy) => ReceiverPolicy> = {
  'no-signature-check': (p) => ({ ...p, checks: p.checks.filter((c) => c !== signatureCheck) }),
  'no-timestamp-check': (p) => ({ ...p, checks: p.checks.filter((c) => c !== timestampCheck) }),
  'no-replay-check': (p) => ({ ...p, isReplay: () => false }),
  'accepts-tampered-body': (p) => ({ ...p, verifiedBody: reserialised }),
};

export interface ReferenceReceiverOptions {
  secret: string;
  defects?: readonly ReceiverDefect[];
  /** Wall clock in ms (injectable for tests). */
  now?: () => number;
  host?: string;
}

export interface ReferenceReceiver {
  url: string;
  /** webhook-ids processed, in order (a replay that got through shows up twice). */
  processed: string[];
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function reserialised(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body));
  } catch {
    return body;
  }
}

export async function startReferenceReceiver(options: ReferenceReceiverOptions): Promise<ReferenceReceiver> {
  const policy = (options.defects ?? []).reduce((p, defect) => receiverDefectOverrides[defect](p), correctReceiver);
  const now = options.now ?? (() => Date.now());
  const processed: string[] = [];
  const seen = new Set<string>();
  const server = createServer((req, res) => {
    void readBody(req).then((raw) => {
      const answer = (status: number): void => void res.writeHead(status).end();
      const body = policy.verifiedBody(raw);
      const verdict = verifyWebhook({ secret: options.secret, headers: req.headers, body, nowSec: Math.floor(now() / 1000) }, policy.checks);
      const id = String(req.headers['webhook-id'] ?? '');
      if (!verdict.ok) return answer(verdict.reason === 'bad_signature' ? 401 : 400);
      if (policy.isReplay(seen, id)) return answer(409);
      try {
        JSON.parse(raw);
      } catch {
        return answer(400);
      }
      seen.add(id);
      processed.push(id);
      answer(204);
    }, () => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, options.host ?? '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}/webhooks`,
    processed,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
