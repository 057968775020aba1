// Progress for long, quiet work (a self-test's defects, a wall-clock wait of a --slow check):
// on a terminal one transient status line, rewritten in place and erased when done; in a log
// (CI, a pipe) no rewriting, only one line for a wait long enough to look like a hang. It
// writes to stderr, so that stdout stays the report (`--reporter json | jq`).
import { colorsFor } from './color.js';

export interface Status {
  /** Shows `text` on the status line (a terminal only). */
  show(text: string): void;
  /** Erases the status line. */
  clear(): void;
  /**
   * Sleeps `ms`, counting down on a terminal, saying so once in a log. An abort (Ctrl-C) rejects
   * with the signal's reason, as the runner's own sleep does: a check must not go on early.
   */
  wait(ms: number, why: string, signal?: AbortSignal): Promise<void>;
}

interface StatusStream {
  isTTY?: boolean;
  write(s: string): unknown;
}

/** Waits shorter than this pass without a word in a log. */
const QUIET_WAIT_MS = 2_000;
const ERASE_LINE = '\r\x1b[2K';

export function createStatus(stream: StatusStream = process.stderr, env: NodeJS.ProcessEnv = process.env): Status {
  const live = Boolean(stream.isTTY) && env.TERM !== 'dumb';
  const c = colorsFor(stream, env);
  let open = false;
  const status: Status = {
    show(text) {
      if (!live) return;
      stream.write(`${ERASE_LINE}${c.dim(text)}`);
      open = true;
    },
    clear() {
      if (open) stream.write(ERASE_LINE);
      open = false;
    },
    async wait(ms, why, signal) {
      const seconds = Math.ceil(ms / 1000);
      if (!live && ms >= QUIET_WAIT_MS) stream.write(`waiting ${seconds} s: ${why}\n`);
      const until = performance.now() + ms;
      try {
        for (let left = ms; left > 0; left = until - performance.now()) {
          status.show(`waiting ${Math.ceil(left / 1000)} s: ${why}`);
          await sleep(Math.min(left, 1_000), signal);
        }
      } finally {
        status.clear();
      }
    },
  };
  return status;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
