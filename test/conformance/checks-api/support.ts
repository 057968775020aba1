// Helpers for the API-check tests: run checks against any base URL, and a "broken server": an
// Express app in front of the mock that forwards every request (fetching the mock from inside the
// handler) and lets a test corrupt one thing in the answer, to prove a check can fail.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { AgentMode, Check } from '../../../src/conformance/check.js';
import type { Finding, RunSummary } from '../../../src/conformance/findings.js';
import { runChecks } from '../../../src/conformance/run-checks.js';
import { startMock, type RunningMock } from '../../../src/mock/http/start-mock.js';
import { createCredentialLog, expectFailuresReproduce, type CredentialLog } from '../support/reproduce.js';

export interface SeenRequest {
  method: string;
  /** Path and query, e.g. /v1/agent/orders?limit=5 */
  url: string;
  body: string;
}

export interface ProxiedResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Returns the response to send (changed or not). */
export type Tamper = (req: SeenRequest, res: ProxiedResponse) => ProxiedResponse;

export interface BrokenServer {
  baseUrl: string;
  credentials: CredentialLog;
  mock: RunningMock;
  close(): Promise<void>;
}

const HOP_BY_HOP = ['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'content-encoding', 'host'];

export async function startBrokenServer(tamper: Tamper): Promise<BrokenServer> {
  const mock = await startMock({ port: 0, clock: 'virtual:2026-01-05T12:00:00Z' });
  const credentials = createCredentialLog();
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  app.use(express.raw({ type: () => true, limit: '4mb' }));
  app.use(async (req, res) => {
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (!HOP_BY_HOP.includes(name) && typeof value === 'string') headers[name] = value;
    }
    const upstream = await fetch(`${mock.url}${req.originalUrl}`, { method: req.method, headers, body: body.length > 0 ? body : undefined, redirect: 'manual' });
    const seen: ProxiedResponse = { status: upstream.status, headers: {}, body: await upstream.text() };
    upstream.headers.forEach((value, name) => {
      if (!HOP_BY_HOP.includes(name)) seen.headers[name] = value;
    });
    const out = tamper({ method: req.method, url: req.originalUrl, body: body.toString('utf8') }, seen);
    if (req.originalUrl.endsWith('/register')) credentials.registered(out.body);
    res.status(out.status);
    for (const [name, value] of Object.entries(out.headers)) res.setHeader(name, value);
    res.end(out.body);
  });
  const server: Server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1/agent`,
    credentials,
    mock,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await mock.close();
    },
  };
}

export function runOn(baseUrl: string, checks: readonly Check[], modes: readonly AgentMode[] = ['sandbox', 'live']): Promise<RunSummary> {
  return runChecks({ baseUrl, checks, modes, allowLiveOrders: true, slow: false, timeoutMs: 10_000, seed: 42 });
}

/** Runs checks against a broken server and closes it. */
export async function runBroken(tamper: Tamper, checks: readonly Check[], modes: readonly AgentMode[] = ['sandbox']): Promise<RunSummary> {
  const server = await startBrokenServer(tamper);
  try {
    const summary = await runOn(server.baseUrl, checks, modes);
    // Every failure's curl script, run against the same broken server, reproduces the failure.
    await expectFailuresReproduce(summary, server.credentials);
    return summary;
  } finally {
    await server.close();
  }
}

export const failures = (summary: RunSummary): Array<Extract<Finding, { status: 'fail' }>> =>
  summary.findings.filter((f): f is Extract<Finding, { status: 'fail' }> => f.status === 'fail');

export const json = (text: string): Record<string, unknown> => JSON.parse(text) as Record<string, unknown>;

/** Path of a proxied request relative to the API base, without the query. */
export const apiPath = (req: SeenRequest): string => req.url.replace(/^\/v1\/agent/, '').replace(/\?.*$/, '');
