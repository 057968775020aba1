// What the validating proxy answers by itself and reads off each exchange: its own problem+json
// answers (as the spec documents them: a ProblemCode, a requestId matching X-Request-Id), the
// request body within its limit, and the rate-limit headers a stopped request should carry.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { problemBody, type Problem } from '../../rules/problems.js';
import { isHopByHop } from './forward.js';

export interface OwnProblem {
  status: number;
  headers: Record<string, string>;
  text: string;
}

/** A problem+json answer of the proxy itself, from the shared templates (code, requestId, X-Request-Id). */
export function ownProblem(requestId: string, found: Problem, violations: string): OwnProblem {
  const text = JSON.stringify(problemBody(found, requestId));
  return { status: found.status, text, headers: { ...found.headers, 'content-type': 'application/problem+json', 'x-request-id': requestId, 'x-nx-violations': violations } };
}

export function send(res: ServerResponse, problem: OwnProblem): void {
  res.writeHead(problem.status, { ...problem.headers, 'content-length': Buffer.byteLength(problem.text) });
  res.end(problem.text);
}

export function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
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

export const RATE_LIMIT_HEADERS = new Set(['ratelimit', 'ratelimit-policy', 'x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset']);

export const keyOf = (req: IncomingMessage): string => String(req.headers['x-nx-key'] ?? '');

export function flat(headers: IncomingMessage['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !isHopByHop(name)) out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}
