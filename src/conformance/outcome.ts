// The one outcome type every check returns: server checks, client checks and webhook-receiver
// checks alike. The run loop (run-loop.ts) turns it into a Finding by adding the check's
// identity, mode, duration, and (for failures) evidence and reproduction where the check gave none.
import type { Evidence } from './findings.js';

export type AgentMode = 'sandbox' | 'live';

export type Outcome =
  | { status: 'pass'; message: string; form?: string }
  /** Only part of the claim could be tested here: not a pass. */
  | { status: 'partial'; message: string; untested: string; howToTest: string; form?: string }
  | { status: 'skip'; message: string; blockedBy?: string }
  | {
      status: 'fail';
      message: string;
      expected: string;
      actual: string;
      /** Filled by the run loop from the check's recorded exchanges when the check gives none. */
      evidence?: Evidence[];
      reproduce?: string;
      form?: string;
    };

export function pass(message: string, form?: string): Outcome {
  return form === undefined ? { status: 'pass', message } : { status: 'pass', message, form };
}

/**
 * A check that tested only part of its claim. `untested` says what was left out, `howToTest`
 * what would test it (e.g. "run against a server with the control API, or with --slow").
 */
export function partial(message: string, untested: string, howToTest: string, form?: string): Outcome {
  const outcome: Outcome = { status: 'partial', message, untested, howToTest };
  if (form !== undefined) outcome.form = form;
  return outcome;
}

export function skip(message: string, blockedBy?: string): Outcome {
  return blockedBy === undefined ? { status: 'skip', message } : { status: 'skip', message, blockedBy };
}

export function fail(message: string, expected: string, actual: string, extra: { evidence?: Evidence[]; reproduce?: string } = {}): Outcome {
  return { status: 'fail', message, expected, actual, ...extra };
}

/** Thrown by a server check's ctx.fail(): the check found the server breaking the rule. */
export class CheckFailure extends Error {
  constructor(
    message: string,
    readonly expected: string,
    readonly actual: string,
  ) {
    super(message);
    this.name = 'CheckFailure';
  }
}

/** Thrown by ctx.skip(): the check cannot run here (reason in the message). */
export class CheckSkipped extends Error {
  constructor(
    message: string,
    readonly blockedBy?: string,
  ) {
    super(message);
    this.name = 'CheckSkipped';
  }
}
