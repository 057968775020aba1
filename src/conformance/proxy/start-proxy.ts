// startProxy(): a validating proxy in front of any Agent Connect server. Every request and answer
// is forwarded byte for byte and judged against the spec and SIGNING.md; violations are logged
// (secrets scrubbed), counted and announced in X-NX-Violations. With `errors`, a bad request is
// stopped with a 4xx problem and a bad answer replaced by a 502 problem naming the violation.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { ProblemCode } from '../../generated/schemas.js';
import { problem, problemBody, type Problem } from '../../rules/problems.js';
import { closeGracefully, listen } from '../../net/listen.js';
import { redactKey } from '../../redact.js';
import { SIGNING_BASE_PATH } from '../../signing/index.js';
import { payloadTooLarge } from '../../rules/stages/body-size.js';
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

/** The proxy's own answers are spec-conformant problems: a documented code, status and requestId. */
function sendProblem(res: ServerResponse, found: Problem, requestId: string, header: string): void {
  const body = JSON.stringify(problemBody(found, requestId));
  res.writeHead(found.status, {
    ...found.headers,
    'content-type': 'application/problem+json',
    'content-length': Buffer.byteLength(body),
    'x-request-id': requestId,
    'x-nx-violations': header,
  });
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
  const hidden = [...secrets.values()].filter((s) => s.length > 0);
  const scrub = (text: string): string => hidden.reduce((t, s) => t.split(s).join('[redacted]'), text);
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

  async function handle(req: IncomingMessage, res: ServerResponse, requestId: string): Promise<void> {
    const method = req.method ?? 'GET';
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q === -1 ? url : url.slice(0, q);
    const shown = redactKeysIn(url);
    const body = await readBody(req, options.bodyLimit ?? 1024 * 1024);
    const receivedAt = now();
    const limit = options.bodyLimit ?? 1024 * 1024;
    if (body === null) return sendProblem(res, payloadTooLarge(limit), requestId, '0; ');
    const mine: Violation[] = [];
    // The control API (/__nx) is the mock's own, not part of the spec: passed through unjudged.
    const judged = !path.startsWith('/__nx');
    if (judged) {
      const raw = { method, path, query: q === -1 ? '' : url.slice(q + 1), headers: req.headers, body, receivedAt, clientAddress: req.socket.remoteAddress };
      for (const v of requestViolations(raw, secrets)) mine.push(note({ direction: 'request', method, path: shown, status: null, code: v.code, message: v.message }));
      const first = mine[0];
      if (options.errors && first) {
        const stopped = problem(first.code as ProblemCode, `The nx-conformance proxy stopped this request: ${first.message}`);
        return sendProblem(res, stopped, requestId, violationsHeader(mine));
      }
    }
    let upstream: Upstream;
    try {
      upstream = await forward(new URL(targetBase + url), method, req.rawHeaders, body);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      log(`upstream ${method} ${shown} failed: ${reason}`);
      return sendProblem(res, problem('service_unavailable', `The nx-conformance proxy could not reach the target: ${reason}. Check that it runs at ${targetBase}.`), requestId, violationsHeader(mine));
    }
    if (judged) {
      for (const message of responseViolations(method, path, upstream)) {
        mine.push(note({ direction: 'response', method, path: shown, status: upstream.status, code: 'nonconformant_response', message }));
      }
      const bad = mine.find((v) => v.direction === 'response');
      if (options.errors && bad) {
        // Replaced by the spec's own answer for a server fault; X-NX-Violations names the breach.
        return sendProblem(res, problem('internal_error', `The target's answer breaks the spec (replaced by the nx-conformance proxy): ${bad.message}`), requestId, violationsHeader(mine));
      }
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
    count += 1;
    const requestId = `req_proxy_${count.toString(16).padStart(10, '0')}`;
    handle(req, res, requestId).catch((error: unknown) => {
      log(`proxy error: ${error instanceof Error ? error.message : String(error)}`);
      if (!res.headersSent) sendProblem(res, problem('internal_error', 'The nx-conformance proxy failed on this request; its log has the details.'), requestId, '0; ');
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

/** API keys can appear in paths only by mistake; keep their prefix as the journal does. */
function redactKeysIn(text: string): string {
  return text.replace(/nx_(test|live)_[A-Za-z0-9]+/g, (key) => redactKey(key));
}
