// The pre-flight's verdicts on the runner's input: each wrong input (an unreachable server, a
// base URL that is not the API, credentials the server refuses) is ONE error with a fix, and the
// CLI exits 2 without running a single check.

export type PreflightProblem = 'unreachable' | 'not-the-api' | 'credentials';

export class PreflightError extends Error {
  constructor(
    readonly problem: PreflightProblem,
    /** What is wrong, in one sentence. */
    what: string,
    /** What to do about it. */
    readonly fix: string,
  ) {
    super(`${what}\n  fix: ${fix}`);
    this.name = 'PreflightError';
  }
}

/** Nothing answers at the base URL (connection refused, DNS, time-out). */
export class ServerUnreachableError extends PreflightError {
  constructor(what: string, fix: string) {
    super('unreachable', what, fix);
    this.name = 'ServerUnreachableError';
  }
}
