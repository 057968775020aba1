// The pre-flight, run once before the catalogue, so that one cause gives one clear message:
//   reachability and "is this the API?" (locate-api.ts), the control API and the server's clock
//   kind, the clock offset (clock-offset.ts), and the credentials given (credentials.ts).
// Wrong input throws one PreflightError (the CLI exits 2). A server clock far from this
// machine's is a finding, not an input error: the run goes on, signing with the server's time,
// and the checks that need the clock to the second are marked as blocked by that finding.
import { probeControl, type ControlClient } from '../../client/control-client.js';
import { toEvidence } from '../evidence.js';
import type { Finding } from '../findings.js';
import { assumedRealClock, createServerClock, type ServerClock } from '../server-clock.js';
import { describeOffset, offsetFromDates } from './clock-offset.js';
import { checkCredentials, type GivenAgent } from './credentials.js';
import { locateApi, timedGet, type TimedResponse } from './locate-api.js';

export interface PreflightOptions {
  baseUrl: string;
  timeoutMs: number;
  given?: GivenAgent | undefined;
  signal?: AbortSignal;
  /** Offsets up to this are taken as an NTP-synced server (default 5 s). */
  clockToleranceMs?: number;
}

export interface Blocked {
  message: string;
  /** The id of the finding that blocks the check. */
  by: string;
}

export interface Preflight {
  control: ControlClient | null;
  clock: ServerClock;
  /** Findings of the pre-flight itself (e.g. preflight.clock-offset), reported before the checks. */
  findings: Finding[];
  /** Why a check cannot give a verdict here, when a pre-flight finding prevents it. */
  blocks(check: { needs: { clock?: 'precise' } }): Blocked | null;
}

export const CLOCK_OFFSET_ID = 'preflight.clock-offset';

/** What the pre-flight itself checks, for the requirements matrix (its findings cite these). */
export const preflightChecks = [{ id: CLOCK_OFFSET_ID, title: "The server's clock agrees with this machine's", requirements: ['signing.window.server-clock'] }] as const;

export async function preflight(options: PreflightOptions): Promise<Preflight> {
  const tolerance = options.clockToleranceMs ?? 5_000;
  const first = await locateApi(options.baseUrl, options.timeoutMs, options.signal);
  const control = await probeControl(options.baseUrl);
  const findings: Finding[] = [];
  let clock: ServerClock;
  let blockedBy: Blocked | null = null;
  if (control) {
    clock = await createServerClock(control);
  } else {
    // Two more probes narrow the offset's bounds (one-second Date resolution) to well under a second.
    const samples: TimedResponse[] = [first];
    for (let i = 0; i < 2; i++) samples.push(await timedGet(`${options.baseUrl.replace(/\/+$/, '')}/market`, options.timeoutMs, options.signal));
    const estimate = offsetFromDates(samples);
    clock = assumedRealClock();
    if (estimate && Math.abs(estimate.offsetMs) > tolerance) {
      clock = assumedRealClock(estimate.offsetMs);
      const how = `${describeOffset(estimate.offsetMs)} this machine's (±${(estimate.errorMs / 1000).toFixed(1)} s, from the Date header)`;
      findings.push(clockOffsetFinding(estimate.sample, how, tolerance));
      blockedBy = {
        by: CLOCK_OFFSET_ID,
        message: `blocked by ${CLOCK_OFFSET_ID}: the server's clock is ${how}; timestamps at the window's edges cannot be placed to the second`,
      };
    }
  }
  if (options.given) await checkCredentials(options.baseUrl, options.given, () => clock.now(), options.timeoutMs, options.signal);
  return { control, clock, findings, blocks: (check) => (check.needs.clock === 'precise' ? blockedBy : null) };
}

function clockOffsetFinding(sample: TimedResponse, how: string, toleranceMs: number): Finding {
  const exchange = { request: { method: 'GET', url: sample.url, headers: {}, body: '' }, response: sample.res };
  return {
    checkId: CLOCK_OFFSET_ID,
    title: preflightChecks[0].title,
    category: 'preflight',
    status: 'fail',
    durationMs: sample.receivedAt - sample.sentAt,
    requirements: [...preflightChecks[0].requirements],
    message:
      `The server's clock is ${how}. Clients sign with their own NTP-synced clock and the server refuses ` +
      `timestamps more than 30 s from its own, so synced clients would be refused once the offset passes 30 s. ` +
      `The runner signs with the server's time for the rest of this run; the checks of the window's edges are blocked by this finding.`,
    expected: `the server's clock within ±${toleranceMs / 1000} s of this machine's (both NTP-synced)`,
    actual: `Date: ${sample.res.headers.date ?? '(none)'} while this machine's clock read ${new Date(sample.sentAt).toUTCString()}`,
    evidence: [toEvidence(exchange)],
    reproduce: `# compare the server's Date header with this machine's UTC time\ncurl -sS -o /dev/null -D - '${sample.url}' | grep -i '^date:'\ndate -u '+Date: %a, %d %b %Y %H:%M:%S GMT'`,
    spec: 'SIGNING.md, "Time window": "The server accepts a request when |serverNow − timestamp| ≤ 30 000 ms"; clients are expected to sign with an NTP-synced clock.',
  };
}
