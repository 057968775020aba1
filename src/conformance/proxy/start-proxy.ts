// startProxy(): a validating proxy in front of any Agent Connect server. Every request and answer
// is forwarded byte for byte and judged against the spec and SIGNING.md; violations are logged
// (secrets scrubbed), counted and announced in X-NX-Violations, and reported as the same findings
// (json, junit) as every other runner. With `errors`, a bad request is stopped with the 4xx problem
// a strict server would give, and a bad answer replaced by a 500 internal_error naming the
// violation; the proxy's own problems conform to the spec (documented codes, requestId).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Exchange } from '../../client/agent-client.js';
import type { ProblemCode } from '../../generated/schemas.js';
import { problem } from '../../rules/problems.js';
import { payloadTooLarge } from '../../rules/stages/body-size.js';
import { closeGracefully, listen } from '../../net/listen.js';
import { redactTarget, redactText, SecretIndex } from '../../redact.js';
import { SIGNING_BASE_PATH } from '../../signing/index.js';
import { summarize as summarizeRun, type RunSummary } from '../findings.js';
import { forward, isHopByHop, type Upstream } from './forward.js';
import { flat, keyOf, ownProblem, RATE_LIMIT_HEADERS, readBody, send } from './own-answers.js';
import { requestViolations, responseViolations } from './judge.js';
import { proxyFindings, wantsEvidence, type Observed } from './proxy-findings.js';
import { summarize, violationLine, violationsHeader, type Violation } from './violations.js';

export interface ProxyOptions {
  /** The server, e.g. http://127.0.0.1:4010 or https://api.next.exchange/v1/agent. */
  target: string;
  port?: number;
  host?: string;
  /** Stop bad requests (4xx) and replace bad answers (502). */
  errors?: boolean;
  /** API key → secret, to verify signatures fully. Never printed. */
  secrets?: Record<string, string> | ReadonlyMap<string, string>;
  /** One line per violation or upstream failure, secrets scrubbed (default: none). */
  log?: (line: string) => void;
  /** The proxy's clock for the ±30 s window (default Date.now). */
  now?: () => number;
  bodyLimit?: number;
}

export interface RunningProxy {
  /** e.g. http://127.0.0.1:4011 */
  url: string;
  /** e.g. http://127.0.0.1:4011/v1/agent */
  baseUrl: string;
  violations(): Violation[];
  /** Requests proxied so far. */
  exchanges(): number;
  /** One line per violation group, for the terminal. */
  summary(): string;
  /** The traffic so far as the findings every runner reports (kind 'proxy'). */
  report(options?: { strict?: boolean }): RunSummary;
  close(): Promise<void>;
}

export async function startProxy(options: ProxyOptions): Promise<RunningProxy> {
  const targetBase = options.target.replace(/\/+$/, '').replace(new RegExp(`${SIGNING_BASE_PATH}$`), '');
  const secrets = options.secrets instanceof Map ? options.secrets : new Map(Object.entries(options.secrets ?? {}));
  // The secrets it was given, and those it sees the target hand out, are redacted from all output.
  const hidden = new SecretIndex();
  for (const secret of secrets.values()) hidden.add(secret);
  const scrub = (text: string): string => redactText(text, hidden);
  const now = options.now ?? (() => Date.now());
  const log = options.log ?? (() => {});
  const found: Violation[] = [];
  const observed: Observed[] = [];
  // The upstream's last rate-limit headers per API key: a request the proxy stops never reached the
  // upstream, so its quota is as last reported, and the stopped request's problem carries them as
  // the spec requires of every answer to an identified agent. (Before the key's first answer the
  // proxy knows none, and leaves them out.)
  const rateHeaders = new Map<string, Record<string, string>>();
  const startedAt = now();
  let count = 0;

  const note = (v: Omit<Violation, 'seq' | 'at'>): Violation => {
    const violation = { seq: found.length + 1, at: new Date(now()).toISOString(), ...v, path: scrub(v.path), message: scrub(v.message) };
    found.push(violation);
    log(violationLine(violation));
    return violation;
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    count += 1;
    const requestId = `req_proxy_${String(count).padStart(8, '0')}`;
    const method = req.method ?? 'GET';
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q === -1 ? url : url.slice(0, q);
    const shown = redactTarget(url, hidden);
    const body = await readBody(req, options.bodyLimit ?? 1024 * 1024);
    if (body === null) return send(res, ownProblem(requestId, payloadTooLarge(options.bodyLimit ?? 1024 * 1024), '0; '));
    const receivedAt = now();
    const mine: Violation[] = [];
    // Evidence for the report: the request as received (the scrubbed body), and what went back.
    const keep = (answer: { status: number; headers: Record<string, string>; text: string }): void => {
      const exchange: Exchange = {
        request: { method, url: `http://${req.headers.host ?? 'proxy'}${shown}`, headers: flat(req.headers), body: scrub(body.toString('utf8')) },
        response: { ...answer, text: scrub(answer.text), durationMs: 0 },
      };
      for (const violation of mine) observed.push(wantsEvidence(observed, violation) ? { violation, exchange } : { violation });
    };
    // The control API (/__nx) is the mock's own, not part of the spec: passed through unjudged.
    const judged = !path.startsWith('/__nx');
    if (judged) {
      const raw = { method, path, query: q === -1 ? '' : url.slice(q + 1), headers: req.headers, body, receivedAt, clientAddress: req.socket.remoteAddress };
      for (const v of requestViolations(raw, secrets)) mine.push(note({ direction: 'request', method, path: shown, status: null, code: v.code, message: v.message }));
      const first = mine[0];
      if (options.errors && first) {
        // Request violations carry the rules' problem codes: the answer a strict server would give.
        const stopped = ownProblem(requestId, problem(first.code as ProblemCode, `The nx-conformance proxy stopped this request: ${first.message}`), violationsHeader(mine));
        if (stopped.status !== 401) Object.assign(stopped.headers, rateHeaders.get(keyOf(req)) ?? {});
        keep(stopped);
        return send(res, stopped);
      }
    }
    let upstream: Upstream;
    try {
      upstream = await forward(new URL(targetBase + url), method, req.rawHeaders, body);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      log(scrub(`upstream ${method} ${shown} failed: ${reason}`));
      const down = ownProblem(requestId, problem('service_unavailable', `The nx-conformance proxy could not reach the target: ${reason}`), violationsHeader(mine));
      keep(down);
      return send(res, down);
    }
    learnSecrets(upstream, hidden);
    const answer = { status: upstream.status, headers: upstream.headers, text: upstream.body.toString('utf8') };
    const limits = Object.fromEntries(Object.entries(upstream.headers).filter(([name]) => RATE_LIMIT_HEADERS.has(name)));
    if (Object.keys(limits).length > 0) rateHeaders.set(keyOf(req), limits);
    if (judged) {
      for (const message of responseViolations(method, path, upstream)) {
        mine.push(note({ direction: 'response', method, path: shown, status: upstream.status, code: 'nonconformant_response', message }));
      }
      const bad = mine.find((v) => v.direction === 'response');
      keep(answer);
      if (options.errors && bad) return send(res, ownProblem(requestId, problem('internal_error', `The target's answer breaks the spec (nonconformant_response): ${bad.message}`), violationsHeader(mine)));
    }
    const headers: string[] = [];
    for (let i = 0; i + 1 < upstream.rawHeaders.length; i += 2) {
      const name = upstream.rawHeaders[i] ?? '';
      if (!isHopByHop(name)) headers.push(name, upstream.rawHeaders[i + 1] ?? '');
    }
    headers.push('Content-Length', String(upstream.body.length));
    if (mine.length > 0) headers.push('X-NX-Violations', violationsHeader(mine));
    res.writeHead(upstream.status, headers);
    res.end(upstream.body);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      log(scrub(`proxy error: ${error instanceof Error ? error.message : String(error)}`));
      if (!res.headersSent) send(res, ownProblem(`req_proxy_error_${count}`, problem('internal_error', 'The nx-conformance proxy failed on this request; its log says why.'), '0; '));
      else res.destroy();
    });
  });
  const url = await listen(server, options.port ?? 0, options.host ?? '127.0.0.1');
  let closing: Promise<void> | undefined;
  return {
    url,
    baseUrl: `${url}${SIGNING_BASE_PATH}`,
    violations: () => found.map((v) => ({ ...v })),
    exchanges: () => count,
    summary: () => summarize(found, count),
    report: (opts = {}) =>
      summarizeRun({
        kind: 'proxy',
        target: options.target,
        modes: [],
        startedAt: new Date(startedAt).toISOString(),
        durationMs: Math.max(0, now() - startedAt),
        findings: proxyFindings(observed, count, startedAt, now()),
        strict: opts.strict,
      }),
    close() {
      closing ??= closeGracefully(server, 2_000);
      return closing;
    },
  };
}

/** Credentials in a 2xx JSON answer (registerAgent's apiSecret and apiKey, createWebhook's secret). */
function learnSecrets(upstream: Upstream, into: SecretIndex): void {
  if (upstream.status < 200 || upstream.status > 299 || (!upstream.body.includes('"apiSecret"') && !upstream.body.includes('"secret"'))) return;
  const found = (value: unknown): void => {
    if (value === null || typeof value !== 'object') return;
    for (const [name, v] of Object.entries(value)) {
      if (typeof v === 'string' && (name === 'apiSecret' || name === 'secret')) into.add(v);
      else if (typeof v === 'string' && name === 'apiKey') into.add(v.replace(/^nx_(test|live)_/, ''));
      else found(v);
    }
  };
  try {
    found(JSON.parse(upstream.body.toString('utf8')));
  } catch {
    // Not JSON: nothing to learn; the answer is judged (and reported) as it is.
  }
}
