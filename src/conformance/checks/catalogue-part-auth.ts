// The signing, timestamp, rate-limit and circuit-breaker checks, in the order the runner runs
// them (spread into the catalogue by catalogue.ts; signature.missing-rejected is listed there).
import type { Check } from '../check.js';
import { dailyLossLatches } from './circuit-breakers/daily-loss-latches.js';
import { dailyLossResets } from './circuit-breakers/daily-loss-resets.js';
import { liveDefaults } from './circuit-breakers/live-defaults.js';
import { maxPositionEnforced } from './circuit-breakers/max-position-enforced.js';
import { reduceOnlyPasses } from './circuit-breakers/reduce-only-passes.js';
import { burstThen429 } from './rate-limits/burst-then-429.js';
import { headersAgree } from './rate-limits/headers-agree.js';
import { perAgent } from './rate-limits/per-agent.js';
import { recoversAfterRetryAfter } from './rate-limits/recovers-after-retry-after.js';
import { canonicalAccepted } from './signatures/canonical-accepted.js';
import { checkOrder } from './signatures/check-order.js';
import { diagnosed } from './signatures/diagnosed.js';
import { malformedRejected } from './signatures/malformed-rejected.js';
import { exactBodyBytes } from './signatures/exact-body-bytes.js';
import { fullPathRejected } from './signatures/full-path-rejected.js';
import { queryNotSigned } from './signatures/query-not-signed.js';
import { replayRejected } from './signatures/replay-rejected.js';
import { sandboxVerified } from './signatures/sandbox-verified.js';
import { wrongSecretRejected } from './signatures/wrong-secret-rejected.js';
import { failedAuthBudgeted } from './signatures/failed-auth-budgeted.js';
import { timestampDiagnosed } from './timestamp/diagnosed.js';
import { outsideWindowRejected } from './timestamp/outside-window-rejected.js';
import { secondsRejected } from './timestamp/seconds-rejected.js';
import { timestampMissingRejected } from './timestamp/missing-rejected.js';
import { nonNumericRejected } from './timestamp/non-numeric-rejected.js';
import { windowEdgesExact } from './timestamp/window-edges-exact.js';
import { withinWindowAccepted } from './timestamp/within-window-accepted.js';

/** The checks that count a quota (tests run them under latency faults on a real clock). */
export const rateLimitChecks: readonly Check[] = [headersAgree, burstThen429, recoversAfterRetryAfter, perAgent];

export const authChecks: readonly Check[] = [
  canonicalAccepted,
  wrongSecretRejected,
  replayRejected,
  exactBodyBytes,
  queryNotSigned,
  fullPathRejected,
  sandboxVerified,
  malformedRejected,
  checkOrder,
  diagnosed,
  failedAuthBudgeted,
  withinWindowAccepted,
  outsideWindowRejected,
  timestampDiagnosed,
  windowEdgesExact,
  timestampMissingRejected,
  nonNumericRejected,
  secondsRejected,
  ...rateLimitChecks,
  maxPositionEnforced,
  dailyLossLatches,
  reduceOnlyPasses,
  liveDefaults,
  // Last of its part: it moves a virtual server clock to the next 00:00 UTC.
  dailyLossResets,
];
