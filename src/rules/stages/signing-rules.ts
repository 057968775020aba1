// The parts of SIGNING.md a server could get wrong, as one replaceable object: when a request must
// be signed, how its timestamp is judged, and which path is signed. The authenticate stage is built
// over it, so a seeded defect replaces one part and keeps the rest.
import { checkTimestamp, type TimestampCheck } from '../../signing/check-timestamp.js';
import { SIGNATURE_WINDOW_MS } from '../../signing/constants.js';
import type { Mode } from '../permission.js';

export interface SigningRules {
  /** Live keys always sign; a sandbox request that carries a (non-empty) signing header is verified too. */
  mustSign(mode: Mode, carriesSigningHeaders: boolean): boolean;
  /** X-NX-Timestamp against the judge's clock. */
  checkTimestamp(header: string | undefined, nowMs: number): TimestampCheck;
  /** What is signed as the path: relative to the API base, without the query string. */
  signedPath(apiPath: string, rawQuery: string): string;
}

export const signingRules: SigningRules = {
  mustSign: (mode, carriesSigningHeaders) => mode === 'live' || carriesSigningHeaders,
  checkTimestamp: (header, nowMs) => checkTimestamp(header, nowMs, SIGNATURE_WINDOW_MS),
  signedPath: (apiPath) => apiPath,
};
