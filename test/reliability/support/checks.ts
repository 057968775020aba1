// What every answer of the mock must satisfy, whatever was sent: not a 5xx, a status the spec
// documents for the operation, a body valid against the spec, the required headers, a request id.
import { specProblems } from '../../helpers/spec-check.js';
import type { RawRequest, SeenResponse } from './mock.js';

export function responseProblems(req: RawRequest, res: SeenResponse): string[] {
  const problems: string[] = [];
  if (res.status >= 500) problems.push(`answered ${res.status}: ${res.text.slice(0, 300)}`);
  problems.push(...specProblems(req.method, req.path, res));
  if (res.headers['x-request-id'] === undefined) problems.push('no X-Request-Id');
  if (Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted') || ({} as Record<string, unknown>).polluted !== undefined) {
    problems.push('Object.prototype was polluted');
  }
  return problems;
}

/** A readable one-line description of a request, for failure messages. */
export function describeRequest(req: RawRequest): string {
  const body = req.body === undefined ? '' : ` body(${req.body.length} B)=${JSON.stringify(req.body.subarray(0, 160).toString('latin1'))}`;
  const headers = Object.entries(req.headers)
    .map(([k, v]) => `${k}: ${JSON.stringify(v).slice(0, 80)}`)
    .join('; ');
  return `${req.method} ${req.path.slice(0, 200)} [${headers}]${body}`;
}

/** Seeds are fixed (override with RELIABILITY_SEED=n); fast-check prints seed and path on failure. */
export const BASE_SEED = Number(process.env.RELIABILITY_SEED ?? 20_260_105);
export const seedFor = (label: string): number => {
  let h = BASE_SEED | 0;
  for (let i = 0; i < label.length; i++) h = (Math.imul(h, 31) + label.charCodeAt(i)) | 0;
  return h;
};
