// startProxy(): a validating proxy in front of any Agent Connect server. Every request and answer
// is forwarded byte for byte and judged against the spec and SIGNING.md; violations are logged
// (secrets scrubbed), counted and announced in X-NX-Violations. With `errors`, a bad request is
// stopped with a 4xx problem and a bad answer replaced by a 502 problem naming the violation.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { problemTemplates } from '../../mock/http/problem.js';
import { closeGracefully, listen } from '../../net/listen.js';
import { redactTarget, redactText, SecretIndex } from '../../redact.js';
import { SIGNING_BASE_PATH } from '../../signing/index.js';
import { forward, isHopByHop, type Upstream } from './forward.js';
import { requestViolations, responseViolations } from './judge.js';
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
  summary(): string;
  close(): Promise<void>;
}

const PROBLEM_BASE = 'https://docs.next.exchange/problems/';

function sendProblem(res: ServerResponse, status: number, code: string, detail: string, header: string): void {
  const body = JSON.stringify({ type: PROBLEM_BASE + code, title: code.replace(/_/g, ' '), status, code, detail });
  res.writeHead(status, { 'content-type': 'application/problem+json', 'content-length': Buffer.byteLength(body), 'x-nx-violations': header });
  res.end(body);
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= limit) chunks.push(c);
    });
    req.on('end', () => resolve(size > limit ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
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
  let count = 0;

  const note = (v: Omit<Violation, 'seq' | 'at'>): Violation => {
    const violation = { seq: found.length + 1, at: new Date(now()).toISOString(), ...v, path: scrub(v.path), message: scrub(v.message) };
    found.push(violation);
    log(violationLine(violation));
    return violation;
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    count += 1;
    const method = req.method ?? 'GET';
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q === -1 ? url : url.slice(0, q);
    const shown = redactTarget(url, hidden);
    const body = await readBody(req, options.bodyLimit ?? 1024 * 1024);
    if (body === null) return sendProblem(res, 413, 'payload_too_large', 'The body is over the proxy limit.', '0; ');
    const mine: Violation[] = [];
    // The control API (/__nx) is the mock's own, not part of the spec: passed through unjudged.
    const judged = !path.startsWith('/__nx');
    if (judged) {
      const raw = { method, path, query: q === -1 ? '' : url.slice(q + 1), headers: req.headers, body };
      for (const v of requestViolations(raw, now(), secrets)) mine.push(note({ direction: 'request', method, path: shown, status: null, code: v.code, message: v.message }));
      const first = mine[0];
      if (options.errors && first) {
        const status = problemTemplates[first.code as keyof typeof problemTemplates]?.status ?? 400;
        return sendProblem(res, status, first.code, `The nx-conformance proxy stopped this request: ${first.message}`, violationsHeader(mine));
      }
    }
    let upstream: Upstream;
    try {
      upstream = await forward(new URL(targetBase + url), method, req.rawHeaders, body);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      log(scrub(`upstream ${method} ${shown} failed: ${reason}`));
      return sendProblem(res, 502, 'upstream_unreachable', `The target did not answer: ${reason}`, violationsHeader(mine));
    }
    learnSecrets(upstream, hidden);
    if (judged) {
      for (const message of responseViolations(method, path, upstream)) {
        mine.push(note({ direction: 'response', method, path: shown, status: upstream.status, code: 'nonconformant_response', message }));
      }
      const bad = mine.find((v) => v.direction === 'response');
      if (options.errors && bad) return sendProblem(res, 502, 'nonconformant_response', `The target's answer breaks the spec: ${bad.message}`, violationsHeader(mine));
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
      if (!res.headersSent) sendProblem(res, 502, 'proxy_error', 'The proxy failed on this request.', '0; ');
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
