// Redaction as a property: a credential placed at any offset of a body (past the 4 096-character
// clip or across it), inside a longer string or bare, escaped in any way (JSON \u00XX, \/, twice,
// percent-encoded, a few characters or all of them), in a header or a query string: no
// 8-character run of it can be read back from what redaction returns.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { redactBody, redactHeaders, redactTarget, redactText, SecretIndex } from '../../src/redact.js';
import { apiSecret, escaped, escaping, glue, keyBody, leakedRun, mask, padding, webhookKey, type Escaping } from './support/leaks.js';

const RUNS = Number(process.env.RELIABILITY_RUNS ?? 300);

type Kind = 'api secret' | 'webhook secret' | 'api key';
const credential = fc.oneof(
  apiSecret.map((s) => ({ kind: 'api secret' as Kind, shown: s, hidden: s })),
  webhookKey.map((k) => ({ kind: 'webhook secret' as Kind, shown: `whsec_${k}`, hidden: k })),
  keyBody.map((b) => ({ kind: 'api key' as Kind, shown: `nx_test_${b}`, hidden: b })),
);
const field = fc.constantFrom('note', 'url', 'secret', 'apiKey', 'description', 'x-y');
const placement = fc.constantFrom('own string', 'inside a string', 'bare text', 'split in two strings');

function indexOf(hidden: string): SecretIndex {
  const index = new SecretIndex();
  index.add(hidden);
  return index;
}

/** A body holding `text` (the credential as written) after `pad`, placed as asked. */
function body(place: string, name: string, pad: string, before: string, text: string, after: string): string {
  const jsonText = text; // already in its JSON-string form
  switch (place) {
    case 'own string': return `{"pad":"${pad}","${name}":"${jsonText}","tail":1}`;
    case 'inside a string': return `{"pad":"${pad}","${name}":"${before}${jsonText}${after}"}`;
    case 'bare text': return `${pad} ${before}${text}${after} end`;
    default: {
      const cut = Math.floor(text.length / 2);
      return `{"pad":"${pad}","a":"${text.slice(0, cut)}","b":"${text.slice(cut)}"}`;
    }
  }
}

describe('no run of a credential survives redaction', () => {
  it('in bodies, at every offset and escaping, known to the index', () => {
    fc.assert(
      fc.property(credential, escaping, mask, padding(1_200), placement, field, glue, glue, (cred, how, m, pad, place, name, before, after) => {
        const text = escaped(cred.shown, how, m);
        const out = redactBody(body(place, name, pad, before, text, after), indexOf(cred.hidden));
        expect(leakedRun(out, cred.hidden), out.slice(0, 300)).toBeNull();
      }),
      { numRuns: RUNS },
    );
  });

  it('in bodies, by shape alone, for the credentials we issue with a prefix (whsec_, nx_test_)', () => {
    const prefixed = credential.filter((c) => c.kind !== 'api secret');
    const whole = placement.filter((p) => p !== 'split in two strings'); // a half without its prefix has no shape
    fc.assert(
      fc.property(prefixed, escaping, mask, padding(1_200), whole, field, glue, glue, (cred, how, m, pad, place, name, before, after) => {
        const out = redactBody(body(place, name, pad, before, escaped(cred.shown, how, m), after));
        expect(leakedRun(out, cred.hidden), out.slice(0, 300)).toBeNull();
      }),
      { numRuns: RUNS },
    );
  });

  it('in header values', () => {
    const headerSafe = escaping.filter((h): h is Escaping => h === 'plain' || h.startsWith('percent'));
    fc.assert(
      fc.property(credential, headerSafe, mask, glue, glue, fc.constantFrom('x-note', 'x-nx-key', 'authorization', 'x-api-secret', 'user-agent'), (cred, how, m, before, after, name) => {
        const out = redactHeaders({ [name]: `${before}${escaped(cred.shown, how, m)}${after}`, host: 'example' }, indexOf(cred.hidden));
        expect(leakedRun(JSON.stringify(out), cred.hidden)).toBeNull();
        expect(out.host).toBe('example');
      }),
      { numRuns: RUNS },
    );
  });

  it('in paths and query strings', () => {
    const urlSafe = escaping.filter((h): h is Escaping => h === 'plain' || h.startsWith('percent'));
    fc.assert(
      fc.property(credential, urlSafe, mask, fc.constantFrom('q', 'secret', 'apiKey', 'note'), fc.boolean(), (cred, how, m, name, inPath) => {
        const text = encodeURIComponent(escaped(cred.shown, how, m)).replace(/%25/g, '%');
        const target = inPath ? `/orders/${text}?coins=BTC` : `/market?coins=BTC&${name}=${text}&limit=5`;
        const out = redactTarget(target, indexOf(cred.hidden));
        expect(leakedRun(out, cred.hidden), out).toBeNull();
        expect(out).toContain('coins=BTC');
      }),
      { numRuns: RUNS },
    );
  });

  it('in free text (log lines), quoted or not', () => {
    fc.assert(
      fc.property(credential, escaping, mask, glue, fc.boolean(), (cred, how, m, before, quoted) => {
        const text = escaped(cred.shown, how, m);
        const line = quoted ? `internal error: bad value "${before}${text}" in body` : `webhook ${before}${text} failed`;
        expect(leakedRun(redactText(line, indexOf(cred.hidden)), cred.hidden)).toBeNull();
      }),
      { numRuns: RUNS },
    );
  });
});

describe('clipping comes after redaction', () => {
  it('a createWebhook answer padded past the clip by escaped control characters keeps its secret', () => {
    // The reported leak: 4 096 characters were kept first, then the cut-off secret no longer
    // matched the "secret":"…" pattern and 31 of its 32 characters were shown.
    const secret = `whsec_${'Q'.repeat(10)}abcdefghij0123456789/+==`;
    for (let pad = 3_000; pad < 4_200; pad += 1) {
      const url = `http://example.com/${'\\u0001'.repeat(Math.floor(pad / 6))}${'a'.repeat(pad % 6)}`;
      const text = `{"webhook":{"id":"wh_1","url":"${url}","events":["order.filled"]},"secret":"${secret}"}`;
      const out = redactBody(text);
      expect(leakedRun(out, secret.slice(6)), `padding ${pad}`).toBeNull();
    }
  });

  it('a long body is clipped to 4 096 characters and says how much was left out', () => {
    const out = redactBody(`{"note":"${'a'.repeat(9_000)}"}`);
    expect(out).toMatch(/^\{"note":"a{4087}…\[4915 more chars\]$/);
  });
});
