// Progress for long, quiet work (a self-test's defects): on a terminal one transient status
// line, rewritten in place and erased when done; in a log (CI, a pipe) nothing, since the work's
// own result lines follow. It writes to stderr, so that stdout stays the report. (Waits of the
// runner say what they wait for through the reporter's notice().)
import { colorsFor } from './color.js';

export interface Status {
  /** Shows `text` on the status line (a terminal only). */
  show(text: string): void;
  /** Erases the status line. */
  clear(): void;
}

interface StatusStream {
  isTTY?: boolean;
  write(s: string): unknown;
}

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
  };
  return status;
}
