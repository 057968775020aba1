// Support for the tests of the signing, timestamp, rate-limit and circuit-breaker checks: run
// them against the mock, and against a deliberately broken server — a proxy in front of the mock
// that bends requests or answers in ways the mock's seeded defects do not cover.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Check } from '../../../src/conformance/check.js';
import { authChecks } from '../../../src/conformance/checks/catalogue-part-auth.js';
import type { Finding, RunSummary } from '../../../src/conformance/findings.js';
import { runChecks } from '../../../src/conformance/run-checks.js';
import { startMock, type StartMockOptions } from '../../../src/mock/http/start-mock.js';
import { createCredentialLog, expectFailuresReproduce } from '../support/reproduce.js';
import { findingLabel } from '../../../src/conformance/findings.js';

export const CLOCK = 'virtual:2026-01-05T12:00:00Z';

export const authIds = new Set(authChecks.map((c) => c.id));

export interface ProxiedRequest {
  method: string;
  /** Path and query, e.g. /v1/agent/market?coins=bitcoin. */
  url: string;
  headers: Record<string, string>;
  body: Buffer;
}

export interface ProxiedResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface Breakage {
  /** Changes the request before the mock sees it. */
  request?(req: ProxiedRequest): void;
  /** Changes the answer before the client sees it. */
  response?(res: ProxiedResponse, req: ProxiedRequest): void;
  /** Answers without asking the mock (return undefined to pass the request on). */
  shortCircuit?(req: ProxiedRequest): ProxiedResponse | undefined;
}

const HOP = new Set(['host', 'connection', 'keep-alive', 'transfer-encoding', 'content-length', 'content-encoding']);

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** A request's Content-Encoding travels on with its bytes (an answer's is dropped: fetch decodes it). */
function flatHeaders(headers: IncomingMessage['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || (HOP.has(name) && name !== 'content-encoding')) continue;
    out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function send(res: ServerResponse, answer: ProxiedResponse): void {
  for (const [name, value] of Object.entries(answer.headers)) if (!HOP.has(name)) res.setHeader(name, value);
  res.statusCode = answer.status;
  res.end(answer.body);
}

/** The mock behind a proxy that applies `breakage`. */
export async function startBrokenServer(breakage: Breakage, options: StartMockOptions = {}) {
  const mock = await startMock({ port: 0, clock: CLOCK, ...options });
  const credentials = createCredentialLog();
  const server = createServer((req, res) => {
    void (async () => {
      const proxied: ProxiedRequest = { method: req.method ?? 'GET', url: req.url ?? '/', headers: flatHeaders(req.headers), body: await readBody(req) };
      const own = breakage.shortCircuit?.(proxied);
      if (own) return send(res, own);
      breakage.request?.(proxied);
      const upstream = await fetch(`${mock.url}${proxied.url}`, {
        method: proxied.method,
        headers: proxied.headers,
        body: proxied.body.length > 0 ? proxied.body : undefined,
        redirect: 'manual',
      });
      const answer: ProxiedResponse = { status: upstream.status, headers: {}, body: await upstream.text() };
      upstream.headers.forEach((value, name) => {
        answer.headers[name] = value;
      });
      breakage.response?.(answer, proxied);
      if (proxied.url.endsWith('/register')) credentials.registered(answer.body);
      send(res, answer);
    })().catch((error: unknown) => {
      res.statusCode = 502;
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1/agent`,
    credentials,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await mock.close();
    },
  };
}

/** Runs the auth checks (or `only` some of them) against a base URL, both modes. */
export function runAuthChecks(baseUrl: string, only?: readonly string[], extra: { slow?: boolean; checks?: readonly Check[] } = {}): Promise<RunSummary> {
  return runChecks({
    baseUrl,
    checks: extra.checks ?? authChecks,
    modes: ['sandbox', 'live'],
    only,
    allowLiveOrders: true,
    slow: extra.slow ?? false,
    timeoutMs: 10_000,
    seed: 42,
  });
}

/** Runs `only` (of the auth checks, or of `checks`) against the mock behind `breakage`, then closes both. */
export async function runAgainstBroken(breakage: Breakage, only: readonly string[], options: StartMockOptions = {}, checks?: readonly Check[]): Promise<RunSummary> {
  const server = await startBrokenServer(breakage, options);
  try {
    const summary = await runAuthChecks(server.baseUrl, only, { checks });
    // Every failure's curl script, run against the same broken server, reproduces the failure.
    await expectFailuresReproduce(summary, server.credentials);
    return summary;
  } finally {
    await server.close();
  }
}

export const baseId = (f: Finding): string => f.checkId;

/** The failures of one check (any mode). */
export const failuresOf = (summary: RunSummary, id: string) =>
  summary.findings.filter((f): f is Extract<Finding, { status: 'fail' }> => f.status === 'fail' && baseId(f) === id);

/** One line per finding, for readable assertion diffs. */
export const lines = (summary: RunSummary): string[] =>
  summary.findings.map((f) => `${f.status} ${findingLabel(f)}: ${f.message}`);
