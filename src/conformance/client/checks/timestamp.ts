// X-NX-Timestamp must be the signing time in milliseconds, taken per request: a value in
// seconds, a stale one (taken once at start) or a skewed clock falls outside the ±30 s window.
import { SIGNATURE_WINDOW_MS } from '../../../signing/index.js';
import { mustSign, timestampViolation } from '../request-rules.js';
import { failEach, skip, type ClientCheck } from '../client-check.js';

export const timestampCheck: ClientCheck = {
  id: 'client.timestamp',
  title: 'Sends a fresh millisecond X-NX-Timestamp with every signed request',
  category: 'client',
  spec: `X-NX-Timestamp: milliseconds since the Unix epoch (1–16 digits), the value that was signed, within ±${SIGNATURE_WINDOW_MS} ms of the server clock; take it when sending (SIGNING.md).`,
  run(run) {
    const signed = run.requests.filter(mustSign);
    if (signed.length === 0) return skip(run.mode === 'live' ? 'the client sent no authenticated requests' : 'sandbox: the client signed no requests');
    // Judged against the mock's clock when the request arrived, as a server would.
    const bad = signed.flatMap((rec) => {
      const v = timestampViolation(rec, rec.receivedAt);
      return v ? [{ rec, problem: `${v.message} [${v.code}]` }] : [];
    });
    return failEach(run, bad, signed.length, `X-NX-Timestamp in milliseconds, within ${SIGNATURE_WINDOW_MS / 1000} s of the server clock`);
  },
};
