// The world of the shared verdict suite: one mock exchange in-process on an ephemeral port, on a
// virtual clock, with agents whose keys and secrets are fixed, and a sender that puts one raw
// request on the wire byte for byte and returns what the mock recorded of it.
import { request } from 'node:http';
import type { RawRequestRecord } from '../../../src/mock/http/journal.js';
import { startMock, type RunningMock } from '../../../src/mock/http/start-mock.js';
import { ALL_PERMISSIONS, type Mode, type Permission } from '../../../src/rules/permission.js';

export interface WorldAgent {
  agentId: string;
  apiKey: string;
  apiSecret: string;
  mode: Mode;
  permissions: readonly Permission[];
}

/** One request as the suite sends it: what goes on the wire, and the mock clock when it does. */
export interface WireRequest {
  at: number;
  method: string;
  /** Full path, percent-encoding kept, without the query. */
  path: string;
  query: string;
  /** Sent as given; an array value is sent as repeated header lines. */
  headers: Record<string, string | string[]>;
  body: Buffer;
}

const AGENTS: Omit<WorldAgent, 'agentId'>[] = [
  { apiKey: 'nx_test_VerdictSandboxAll000000000000', apiSecret: 'verdict-sandbox-all-secret-0123456789', mode: 'sandbox', permissions: ALL_PERMISSIONS },
  { apiKey: 'nx_test_VerdictSandboxMarket000000000', apiSecret: 'verdict-sandbox-market-secret-012345', mode: 'sandbox', permissions: ['read:market'] },
  { apiKey: 'nx_live_VerdictLiveAll00000000000000000', apiSecret: 'verdict-live-all-secret-0123456789ab', mode: 'live', permissions: ALL_PERMISSIONS },
  { apiKey: 'nx_live_VerdictLiveMarket0000000000000', apiSecret: 'verdict-live-market-secret-01234567', mode: 'live', permissions: ['read:market'] },
  // The signing vectors' agents (fixtures/signing), a live and a sandbox key of one person.
  { apiKey: 'nx_live_VectorLiveKey0123456789abcdef', apiSecret: 'vector_live_secret_7d1c0a9e4b2f4e6a8c3d5b7f9a1e2c4d', mode: 'live', permissions: ALL_PERMISSIONS },
  { apiKey: 'nx_test_VectorTestKey0123456789abcdef', apiSecret: 'vector_test_secret_0b8e6f4d2a1c3e5f7a9b8d6c4e2f0a1b', mode: 'sandbox', permissions: ALL_PERMISSIONS },
];

export const BODY_LIMIT = 1024 * 1024;

export interface VerdictWorld {
  mock: RunningMock;
  agents: readonly WorldAgent[];
  /** Sends one request at its `at` and returns the mock's unredacted record of it. */
  send(req: WireRequest): Promise<RawRequestRecord>;
  close(): Promise<void>;
}

/** `defects` plant a divergence in the mock (the suite must then report it). */
export async function startVerdictWorld(options: { defects?: string[] } = {}): Promise<VerdictWorld> {
  const records: RawRequestRecord[] = [];
  // No real-time pause before a 429 for failed authentications: the verdict is the same, and the
  // suite's requests go over that budget on purpose, one after the other.
  const mock = await startMock({ port: 0, clock: 'virtual:2025-11-25T12:00:00Z', demoAgents: false, defects: options.defects, failedAuthPauseMs: 0, onRequest: (rec) => records.push(rec) });
  const agents = AGENTS.map((a, i) => {
    const { agent } = mock.ctx.engine.registerDemoAgent({ name: `verdict agent ${i}`, permissions: a.permissions, mode: a.mode }, a.apiKey, a.apiSecret);
    return { ...a, agentId: agent.agentId };
  });
  const { hostname, port } = new URL(mock.url);
  const send = (req: WireRequest): Promise<RawRequestRecord> =>
    new Promise((resolve, reject) => {
      mock.ctx.clock.set(req.at);
      const before = records.length;
      const headers: Record<string, string | string[]> = { ...req.headers };
      if (req.body.length > 0 || req.method === 'POST' || req.method === 'PATCH') headers['content-length'] = String(req.body.length);
      const target = `${req.path}${req.query === '' ? '' : `?${req.query}`}`;
      const out = request({ hostname, port, method: req.method, path: target, headers, agent: false }, (res) => {
        res.resume();
        res.on('end', () => {
          // The record is written when the answer has gone out, before the client sees its end.
          const rec = records[before];
          if (rec) resolve(rec);
          else reject(new Error(`the mock recorded nothing for ${req.method} ${target}`));
        });
      });
      out.on('error', reject);
      // An oversized body is refused on its Content-Length before a byte is read: sending it
      // would only race the mock's Connection: close.
      out.end(req.body.length > BODY_LIMIT ? undefined : req.body);
    });
  return { mock, agents, send, close: () => mock.close() };
}
