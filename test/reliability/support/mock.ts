// The reliability suite's mock: createMockApp on a virtual clock with deterministic secrets (so a
// seed replays byte for byte), driven through supertest with raw bytes and raw headers.
import type { Express } from 'express';
import request from 'supertest';
import { createMockApp } from '../../../src/mock/http/create-mock-app.js';
import type { MockContext } from '../../../src/mock/http/mock-context.js';
import type { MockOptions } from '../../../src/mock/http/mock-options.js';
import { signRequest } from '../../../src/signing/index.js';

export const T0 = '2026-01-05T12:00:00.000Z';

export interface RawRequest {
  method: string;
  /** Path relative to /v1/agent, with the query string exactly as sent. */
  path: string;
  /** An array sends the header once per value (a doubled header). */
  headers: Record<string, string | string[]>;
  body?: Buffer;
}

export interface SeenResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

export interface Credentials {
  agentId: string;
  apiKey: string;
  apiSecret: string;
}

export interface FuzzMock {
  app: Express;
  ctx: MockContext;
}

export function fuzzMock(options: MockOptions = {}): FuzzMock {
  let n = 0;
  const { app, ctx } = createMockApp({
    clock: `virtual:${T0}`,
    secretSource: () => `fuzz-secret-${(++n).toString().padStart(8, '0')}-abcdefghijklmnop`,
    ...options,
  });
  return { app, ctx };
}

type Verb = 'get' | 'post' | 'patch' | 'delete' | 'put';

/** Sends exactly these bytes and headers (supertest adds Host and Content-Length only). */
export async function send(app: Express, r: RawRequest): Promise<SeenResponse> {
  let req = request(app)[r.method.toLowerCase() as Verb](`/v1/agent${r.path}`);
  for (const [name, value] of Object.entries(r.headers)) req = req.set(name, value as string);
  if (r.body !== undefined) req = req.serialize((b: unknown) => b as string).send(r.body as unknown as string);
  const res = await req.buffer(true).parse((response, done) => {
    const chunks: Buffer[] = [];
    response.on('data', (c: Buffer) => chunks.push(c));
    response.on('end', () => done(null, Buffer.concat(chunks).toString('utf8')));
  });
  return { status: res.status, headers: res.headers as SeenResponse['headers'], text: res.body as string };
}

/** X-NX-Key, X-NX-Timestamp and X-NX-Signature for `r` as it will be sent, at the mock's clock. */
export function signFor(ctx: MockContext, who: Credentials, method: string, path: string, body: Buffer | undefined): Record<string, string> {
  const timestamp = String(ctx.clock.now());
  const q = path.indexOf('?');
  return {
    'x-nx-key': who.apiKey,
    'x-nx-timestamp': timestamp,
    'x-nx-signature': signRequest({ secret: who.apiSecret, timestamp, method, path: q === -1 ? path : path.slice(0, q), body: body ?? '' }),
  };
}

/** Registers an agent straight on the engine (no request, so no rate-limit budget spent). */
export function registerAgent(ctx: MockContext, mode: 'sandbox' | 'live', extra: { dailyLossLimit?: number; maxPositionSize?: number } = {}): Credentials {
  const { agent, apiSecret } = ctx.engine.registerAgent({
    name: `fuzz ${mode}`,
    mode,
    permissions: ['read:market', 'read:portfolio', 'write:orders', 'read:sentiment', 'read:social', 'write:webhook'],
    ...extra,
  });
  return { agentId: agent.agentId, apiKey: agent.apiKey, apiSecret };
}
