// The journal's redaction remembers what it redacted (src/mock/http/journal-redactor.ts). Its
// answers must be byte-identical to redacting afresh, for every text, whatever secrets were added
// or cleared in between: a text that was clean when remembered may carry a secret added since.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createJournalRedactor } from '../../src/mock/http/journal-redactor.js';
import { bodyWindow, redactBody, redactHeaders, redactPath, redactQuery, SecretIndex } from '../../src/redact.js';

const SECRETS = ['s3cr3t-alpha-0123456789abcdef', 'whsec_bravo0123456789abcdefXYZ', 'charlie-secret-9876543210zyxw'];
const KEY = 'nx_test_abcd1234efgh5678ijkl';
const long = (s: string) => `{"pad":"${'x'.repeat(6_000)}","tail":"${s}"}`; // past the redaction window

// Texts that repeat (so the caches hit) and that carry a secret only once it is known.
const texts = [
  '',
  '/v1/agent/market',
  `/v1/agent/orders/${SECRETS[0]}`,
  'coins=BTC,ETH',
  `token=${SECRETS[1]}&coins=BTC`,
  `q=${encodeURIComponent(SECRETS[2]!)}`,
  '{"symbol":"BTC","side":"buy","type":"market","quantity":0.001,"price":null}',
  `{"agent":{"apiKey":"${KEY}","apiSecret":"${SECRETS[0]}"}}`,
  `{"note":"${SECRETS[2]!.slice(2, 14)}"}`,
  `{"url":"https://user:pw@example.test/hook","k":"${KEY}"}`,
  long(SECRETS[1]!),
  long('nothing here'),
  `plain text with ${SECRETS[0]!.slice(5)} in it`,
];
const anyText = fc.constantFrom(...texts);
const anyHeaders = fc.record({
  'x-nx-key': fc.constantFrom(KEY, 'nx_live_zzzz9999yyyy8888'),
  'x-nx-signature': fc.constant('deadbeef'),
  'user-agent': fc.constantFrom('bot/1.0', `bot/${SECRETS[2]}`),
  'x-note': fc.option(anyText, { nil: undefined }),
  'x-list': fc.option(fc.array(anyText, { minLength: 1, maxLength: 3 }), { nil: undefined }),
});

type Op = { kind: 'add'; secret: string } | { kind: 'clear' } | { kind: 'path'; text: string } | { kind: 'details'; query: string; headers: Record<string, string | string[] | undefined>; req: string; res: string };
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 1, arbitrary: fc.constantFrom(...SECRETS, KEY).map((secret) => ({ kind: 'add' as const, secret })) },
  { weight: 1, arbitrary: fc.constant({ kind: 'clear' as const }) },
  { weight: 4, arbitrary: anyText.map((text) => ({ kind: 'path' as const, text })) },
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('details' as const), query: anyText, headers: anyHeaders, req: anyText, res: anyText }) },
);

describe('the journal redactor', () => {
  it('answers byte-identically to redacting afresh, across added and cleared secrets', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 80 }), (ops) => {
        const secrets = new SecretIndex();
        const redactor = createJournalRedactor(secrets);
        for (const o of ops) {
          if (o.kind === 'add') secrets.add(o.secret);
          else if (o.kind === 'clear') secrets.clear();
          else if (o.kind === 'path') expect(redactor.path(o.text)).toBe(redactPath(o.text, secrets));
          else {
            expect(redactor.details(o.query, o.headers, o.req, o.res)).toStrictEqual({
              query: redactQuery(o.query, secrets),
              requestHeaders: redactHeaders(o.headers, secrets),
              requestBody: redactBody(bodyWindow(o.req), secrets),
              responseBody: redactBody(bodyWindow(o.res), secrets),
            });
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('stops answering from memory once a secret it had seen as clean text becomes known', () => {
    const secrets = new SecretIndex();
    const redactor = createJournalRedactor(secrets);
    const body = `{"note":"${SECRETS[0]}"}`;
    expect(redactor.details('', {}, body, '').requestBody).toBe(body); // not a secret yet: kept as is
    secrets.add(SECRETS[0]!);
    expect(redactor.details('', {}, body, '').requestBody).toBe('{"note":"[redacted]"}');
  });
});
