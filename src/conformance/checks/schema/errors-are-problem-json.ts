import type { ApiResponse } from '../../../client/agent-client.js';
import { Problem } from '../../../generated/schemas.js';
import type { Check } from '../../check.js';
import { operationFor, responseSpecFor } from '../../spec-problems.js';
import { pass } from '../expect.js';
import { EXAMPLE_SYMBOL } from './support/market-info.js';
import { problemCode, problemIssues } from './support/problem-shape.js';
import { showAsEvidence } from './support/evidence.js';
import { agentFor, agentWithout } from './support/pick-agent.js';

interface ErrorCase {
  what: string;
  status: number;
  codes: readonly string[];
  send(): Promise<ApiResponse<unknown>>;
}

const MIB = 1024 * 1024;

export const errorsAreProblemJson: Check = {
  id: 'schema.errors-are-problem-json',
  title: 'Every error the runner can provoke safely is RFC 9457 problem+json with the documented status',
  category: 'schema',
  spec: 'Every error is an RFC 9457 `application/problem+json` document with a stable `code` and a `requestId` (Problem: type, title, status, detail, code, requestId required; status is the HTTP status).',
  requirements: ['errors.problem-json', 'errors.request-id', 'errors.status-documented', 'errors.malformed-json', 'errors.media-type', 'errors.payload-too-large', 'errors.not-found', 'auth.key.missing', 'auth.key.unknown'],
  modes: ['sandbox', 'live'],
  needs: { register: true, budget: 12 },
  async run(ctx) {
    const agent = await agentFor(ctx, ['read:portfolio', 'write:orders'], 11, ['write:webhook', 'read:social', 'read:sentiment']);
    const denied = await agentWithout(ctx, 'read:portfolio', 1);
    const c = agent.client;
    const unknownKey = `nx_${ctx.mode === 'live' ? 'live' : 'test'}_NxConformanceNoSuchKey000000000`;
    const order = { symbol: EXAMPLE_SYMBOL, side: 'buy', type: 'market', quantity: 0 };
    const cases: ErrorCase[] = [
      { what: 'GET /me without X-NX-Key', status: 401, codes: ['missing_api_key'], send: () => ctx.anonymous.send('GET', '/me') },
      {
        what: 'GET /me with an unknown X-NX-Key',
        status: 401,
        codes: ['invalid_api_key'],
        send: () => ctx.anonymous.send('GET', '/me', { credentials: { apiKey: unknownKey, apiSecret: 'nx-conformance-not-a-secret' } }),
      },
      { what: 'GET /portfolio by an agent without read:portfolio', status: 403, codes: ['permission_denied'], send: () => denied.client.portfolio() },
      { what: 'GET /orders/ord_nxConformanceUnknown (no such order)', status: 404, codes: ['order_not_found', 'not_found'], send: () => c.getOrder('ord_nxConformanceUnknown') },
      { what: 'POST /orders with quantity 0', status: 400, codes: ['validation_failed', 'invalid_quantity'], send: () => c.send('POST', '/orders', { body: JSON.stringify(order) }) },
      { what: 'POST /orders with malformed JSON', status: 400, codes: ['malformed_json'], send: () => c.send('POST', '/orders', { body: '{"symbol": "BTC", "side": ' }) },
      { what: 'GET /nx-conformance-no-such-path (unknown path)', status: 404, codes: ['not_found'], send: () => c.send('GET', '/nx-conformance-no-such-path') },
      { what: 'PUT /orders (wrong method)', status: 405, codes: ['method_not_allowed'], send: () => c.send('PUT', '/orders') },
      {
        what: 'POST /orders with Content-Type text/plain',
        status: 415,
        codes: ['unsupported_media_type'],
        send: () => c.send('POST', '/orders', { body: JSON.stringify({ ...order, quantity: 0.001 }), headers: { 'content-type': 'text/plain' } }),
      },
      {
        // Exactly 1 MiB is not over it: judged on its content (an unknown field), not refused for its size.
        what: 'POST /orders with a body of exactly 1 MiB (not over the limit)',
        status: 400,
        codes: ['validation_failed'],
        send: () => c.send('POST', '/orders', { body: `{"pad": "${'x'.repeat(MIB - '{"pad": ""}'.length)}"}` }),
      },
      {
        what: 'POST /orders with a body over 1 MiB',
        status: 413,
        codes: ['payload_too_large'],
        send: () => c.send('POST', '/orders', { body: `{"pad": "${'x'.repeat(MIB)}"}` }),
      },
    ];
    const failures: string[] = [];
    const wrong: Array<ApiResponse<unknown>> = [];
    for (const kase of cases) {
      const res = await kase.send();
      const issues: string[] = [];
      if (res.status !== kase.status) issues.push(`answered ${res.status}, expected ${kase.status}`);
      issues.push(...problemIssues(res));
      const code = problemCode(res);
      if (issues.length === 0 && code !== undefined && !kase.codes.includes(code)) issues.push(`code '${code}', expected ${kase.codes.join(' or ')}`);
      const parsed = Problem.safeParse(res.json);
      if (issues.length === 0 && !parsed.success) {
        issues.push(...parsed.error.issues.slice(0, 3).map((i) => `/${i.path.join('/')}: ${i.message}`));
      }
      // Where the spec documents this status for the operation, the whole response must conform.
      const op = operationFor(res.exchange.request.method, res.exchange.request.url);
      if (issues.length === 0 && op && responseSpecFor(op, res.status)) issues.push(...ctx.specProblems(res));
      if (issues.length > 0) {
        failures.push(`${kase.what}: ${issues.join('; ')}`);
        wrong.push(res);
      }
    }
    if (failures.length > 0) {
      showAsEvidence(ctx, wrong);
      ctx.fail(
        `${failures.length} of ${cases.length} error responses are not conforming RFC 9457 problem+json: ${failures[0]}`,
        'Content-Type: application/problem+json; a body with type, title, status (= the HTTP status), detail, code and requestId; the documented status',
        failures.join('\n'),
      );
    }
    return pass(`${cases.length} errors (401 ×2, 403, 404 ×2, 400 ×2, 405, 415, 413) are problem+json with the right status`);
  },
};
