// Live requests (and sandbox requests that carry signature headers) must be signed over the
// exact bytes sent. The diagnosis names the usual mistake, so the finding says what to fix.
import { mustSign, signatureViolation } from '../request-rules.js';
import { failEach, skip, type ClientCheck } from '../client-check.js';

export const signatureCheck: ClientCheck = {
  id: 'client.signature',
  title: 'Signs every request per SIGNING.md, over the exact bytes sent',
  category: 'client',
  spec: 'signature = lowercase_hex(HMAC-SHA256(apiSecret, timestamp + METHOD + path + body)); path relative to /v1/agent without the query string; body = the exact bytes sent (SIGNING.md).',
  run(run) {
    const signed = run.requests.filter(mustSign);
    if (signed.length === 0) return skip(run.mode === 'live' ? 'the client sent no authenticated requests' : 'sandbox: the client signed no requests (signing is optional there)');
    const bad = signed.flatMap((rec) => {
      const v = signatureViolation(rec, run.agent.apiSecret);
      return v ? [{ rec, problem: v.message }] : [];
    });
    return failEach(run, bad, signed.length, 'every signed request to carry the lowercase hex HMAC of timestamp + METHOD + path + body', { literalSignature: true });
  },
};
