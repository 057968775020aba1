// A run with every kind of finding (a partial in live mode among them), in six categories, and a failure whose evidence carries the
// characters that break naive reporters: markup, entities, quotes, CDATA terminators (twice, and
// one hidden behind a NUL), C0 controls, a terminal escape, a lone surrogate and emoji.
import { summarize, type Finding, type RunSummary } from '../../../src/conformance/findings.js';

export const NASTY_BODY =
  '{"error":"<script>alert(\'x\')</script> & &amp; \\"quoted\\" ]]> twice ]]> hidden ]]\u0000> nul:\u0000 bell:\u0007 esc:\u001b[31mred lone:\ud800 nonchar:\uffff emoji:🚀💥"}';

/** What XML can carry of NASTY_BODY: the same text without the characters XML 1.0 forbids. */
export const NASTY_BODY_XML_SAFE =
  '{"error":"<script>alert(\'x\')</script> & &amp; \\"quoted\\" ]]> twice ]]> hidden ]]> nul: bell: esc:[31mred lone: nonchar: emoji:🚀💥"}';

export const findings: Finding[] = [
  { status: 'pass', checkId: 'schema.orders-list', title: 'Order list matches the schema', category: 'schema', durationMs: 12, message: 'ok' },
  { status: 'pass', checkId: 'schema.account', title: 'Account matches the schema', category: 'schema', durationMs: 8.4, message: 'ok', form: 'strict' },
  {
    status: 'fail',
    checkId: 'signatures.rejects-bad-signature',
    title: 'Rejects a request with a bad signature',
    category: 'signatures',
    durationMs: 31,
    message: 'The server accepted a request signed with the wrong key.',
    expected: '401 with error.code "invalid_signature"',
    actual: '200 with body <script>… & "quoted"\u001b[2J',
    evidence: [
      {
        request: {
          method: 'POST',
          url: 'http://127.0.0.1:8080/v1/orders',
          headers: { 'content-type': 'application/json', 'x-nx-signature': '[redacted]' },
          body: '{"symbol":"BTC-USD","side":"buy","note":"a < b && c > d"}',
        },
        response: { status: 200, headers: { 'content-type': 'application/json' }, body: NASTY_BODY },
      },
      {
        request: { method: 'GET', url: 'http://127.0.0.1:8080/v1/orders/o-1', headers: {}, body: '' },
        response: { status: 200, headers: {}, body: '{"id":"o-1"}' },
      },
    ],
    reproduce:
      "curl -sS -X POST 'http://127.0.0.1:8080/v1/orders' -H 'x-nx-signature: $BAD_SIG' --data '{\"symbol\":\"BTC-USD\",\"note\":\"a < b && c > d\"}'",
    spec: 'Requests with an invalid signature MUST be rejected with 401.',
  },
  { status: 'pass', checkId: 'signatures.replay', title: 'Rejects a replayed nonce', category: 'signatures', durationMs: 1500, message: 'ok' },
  {
    status: 'skip',
    checkId: 'timestamp.skew',
    title: 'Rejects stale timestamps',
    category: 'timestamp',
    durationMs: 0,
    message: 'needs the control clock (--control-url)',
    form: 'control-clock',
  },
  {
    status: 'partial',
    checkId: 'breaker.daily-loss-latches',
    title: 'The daily-loss breaker trips and stays tripped',
    category: 'circuit-breakers',
    mode: 'live',
    durationMs: 900,
    message: 'the breaker tripped after round trips',
    untested: 'that it stays tripped when the price recovers',
    howToTest: 'run against a server with the control API',
    form: 'round-trip',
    requirements: ['orders.breaker.daily-loss.latches'],
  },
  {
    status: 'fail',
    checkId: 'orders.idempotency',
    title: 'Repeated Idempotency-Key returns the first result',
    category: 'orders',
    durationMs: 2400,
    message: 'The second request timed out.',
    expected: 'status 201\nsame order id',
    actual: 'no response after 2000 ms',
    evidence: [
      {
        request: { method: 'POST', url: 'http://127.0.0.1:8080/v1/orders', headers: { 'idempotency-key': 'k-1' }, body: '{}' },
        response: null,
      },
    ],
    reproduce: "curl -sS -X POST 'http://127.0.0.1:8080/v1/orders' -H 'idempotency-key: k-1' --data '{}'",
    spec: 'A repeated Idempotency-Key MUST return the original response.',
  },
  { status: 'skip', checkId: 'webhooks.retry', title: 'Retries failed webhooks', category: 'webhooks', durationMs: 0, message: 'no webhook receiver configured' },
];

export const summary: RunSummary = summarize({
  kind: 'server',
  target: 'http://127.0.0.1:8080',
  modes: ['sandbox', 'live'],
  startedAt: '2025-01-02T03:04:05.678Z',
  durationMs: 4212,
  findings,
});

export const selfTestSummary: RunSummary = { ...summary, kind: 'self-test', defects: { caught: 3, total: 4 } };

/** The same run under --strict: its skips and the partial count as failures. */
export const strictSummary: RunSummary = summarize({ ...summary, strict: true });

/** The run stopped by Ctrl-C after its first three checks. */
export const interruptedSummary: RunSummary = summarize({ ...summary, findings: findings.slice(0, 3), interrupted: true });
