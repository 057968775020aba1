// The proxy's verdicts as the same Findings every runner produces: one finding per rule the proxy
// judges traffic by (request conformance, authentication, timestamps, response conformance).
// A rule some traffic broke fails, with the first offending exchanges as evidence and a curl that
// sends the first one through the proxy again; a rule all traffic kept passes; a rule no
// traffic exercised is skipped. So `--reporter json,junit` writes the reports the other runners do.
import type { Exchange } from '../../client/agent-client.js';
import { toCurl, toEvidence } from '../evidence.js';
import type { CheckCategory, Evidence, Finding } from '../findings.js';
import type { Violation } from './violations.js';

export interface ProxyRule {
  id: string;
  title: string;
  category: CheckCategory;
  spec: string;
  requirements: readonly string[];
  /** Does this violation break the rule? */
  covers(v: Pick<Violation, 'direction' | 'code'>): boolean;
}

const AUTH = new Set(['missing_api_key', 'invalid_api_key', 'missing_signature', 'invalid_signature']);
const TIMESTAMP = new Set(['missing_timestamp', 'invalid_timestamp', 'timestamp_out_of_window']);

export const PROXY_RULES: readonly ProxyRule[] = [
  {
    id: 'proxy.request-conforms',
    title: 'Every request is an operation of the spec with valid parameters and body',
    category: 'schema',
    spec: 'openapi/agent-connect.yaml: each operation\'s parameters and requestBody schema; unknown fields are rejected (validation_failed).',
    requirements: ['spec.request.valid', 'errors.unknown-fields'],
    covers: (v) => v.direction === 'request' && !AUTH.has(v.code) && !TIMESTAMP.has(v.code),
  },
  {
    id: 'proxy.request-authenticated',
    title: 'Every request carries a key, and live requests a signature as SIGNING.md says',
    category: 'signatures',
    spec: 'SIGNING.md, "The scheme" and "How the server checks a request": X-NX-Key on every request; live keys sign timestamp + METHOD + path + body.',
    requirements: ['auth.key.missing', 'signing.live.signed', 'signing.canonical'],
    covers: (v) => v.direction === 'request' && AUTH.has(v.code),
  },
  {
    id: 'proxy.request-timestamp',
    title: 'Signed requests carry an X-NX-Timestamp in milliseconds within ±30 s',
    category: 'timestamp',
    spec: 'SIGNING.md, "Time window": |serverNow − timestamp| ≤ 30 000 ms; the timestamp is base-10 milliseconds.',
    requirements: ['signing.timestamp.required', 'signing.timestamp.format', 'signing.window.edges'],
    covers: (v) => v.direction === 'request' && TIMESTAMP.has(v.code),
  },
  {
    id: 'proxy.response-conforms',
    title: 'Every answer has a documented status, content type, headers and a body valid against the spec',
    category: 'schema',
    spec: 'openapi/agent-connect.yaml: each operation\'s documented responses (status, content type, headers, schema).',
    requirements: ['spec.response.documented'],
    covers: (v) => v.direction === 'response',
  },
];

/** A violation with the exchange that showed it (kept for the first few of each rule only). */
export interface Observed {
  violation: Violation;
  exchange?: Exchange;
}

const EVIDENCE_PER_RULE = 3;

/** Whether one more exchange should be kept as evidence for the rule this violation breaks. */
export function wantsEvidence(observed: readonly Observed[], v: Violation): boolean {
  const rule = PROXY_RULES.find((r) => r.covers(v));
  return observed.filter((o) => o.exchange && rule?.covers(o.violation)).length < EVIDENCE_PER_RULE;
}

export function proxyFindings(observed: readonly Observed[], exchanges: number, startedAt: number, now: number): Finding[] {
  return PROXY_RULES.map((rule): Finding => {
    const base = { checkId: rule.id, title: rule.title, category: rule.category, durationMs: Math.max(0, now - startedAt), requirements: [...rule.requirements] };
    const broken = observed.filter((o) => rule.covers(o.violation));
    const first = broken[0];
    if (!first) {
      if (exchanges === 0) return { ...base, status: 'skip', message: 'no traffic went through the proxy' };
      return { ...base, status: 'pass', message: `${exchanges} request${exchanges === 1 ? '' : 's'} proxied; none broke this rule` };
    }
    const kept = broken.filter((o): o is Required<Observed> => o.exchange !== undefined);
    const evidence: Evidence[] = kept.map((o) => toEvidence(o.exchange));
    const v = first.violation;
    const where = `${v.method} ${v.path}${v.status === null ? '' : ` → ${v.status}`}`;
    const firstExchange = kept[0]?.exchange;
    return {
      ...base,
      status: 'fail',
      message: `${broken.length} of ${exchanges} exchanges broke it; the first: ${where}: ${v.code}: ${v.message}`,
      expected: rule.title,
      actual: broken
        .slice(0, 5)
        .map((o) => `${o.violation.method} ${o.violation.path}: ${o.violation.code}: ${o.violation.message}`)
        .join('\n'),
      evidence,
      reproduce: firstExchange
        ? toCurl(firstExchange, `the first offending request, sent through the proxy again: its answer carries X-NX-Violations (${v.code})`, {
            literalSignature: v.code === 'invalid_signature',
          })
        : '(the offending exchange was not kept)',
      spec: rule.spec,
    };
  });
}
