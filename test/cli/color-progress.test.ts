// Colour by the conventions (NO_COLOR wins, FORCE_COLOR forces, else a terminal), and progress
// that rewrites one status line on a terminal but writes each thing once into a log.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { colorEnabled, colorsFor } from '../../src/cli/color.js';
import { createStatus } from '../../src/cli/progress.js';

const tty = { isTTY: true };
const pipe = { isTTY: false };

describe('colorEnabled', () => {
  it.each([
    [tty, {}, true],
    [pipe, {}, false],
    [tty, { NO_COLOR: '1' }, false],
    [tty, { NO_COLOR: '1', FORCE_COLOR: '1' }, false],
    [pipe, { FORCE_COLOR: '1' }, true],
    [pipe, { FORCE_COLOR: '3' }, true],
    [tty, { FORCE_COLOR: '0' }, false],
    [tty, { FORCE_COLOR: 'false' }, false],
    [tty, { TERM: 'dumb' }, false],
    [tty, { NO_COLOR: '' }, true],
  ])('%o with %o → %s', (stream, env, expected) => {
    expect(colorEnabled(stream, env as NodeJS.ProcessEnv)).toBe(expected);
  });

  it('colorsFor paints only when enabled', () => {
    expect(colorsFor(pipe, { FORCE_COLOR: '1' }).red('x')).toBe('\x1b[31mx\x1b[39m');
    expect(colorsFor(tty, { NO_COLOR: '1' }).red('x')).toBe('x');
  });
});

function stream(isTTY: boolean) {
  const chunks: string[] = [];
  return { isTTY, chunks, write: (s: string) => void chunks.push(s) };
}

describe('createStatus', () => {
  afterEach(() => vi.useRealTimers());

  it('in a log: a long wait is announced once, a short one and status lines not at all', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    const log = stream(false);
    const status = createStatus(log, {});
    status.show('self-test: 3/16…');
    const long = status.wait(45_000, 'rate-limit recovery');
    await vi.advanceTimersByTimeAsync(45_000);
    await long;
    const short = status.wait(500, 'a breath');
    await vi.advanceTimersByTimeAsync(500);
    await short;
    expect(log.chunks).toEqual(['waiting 45 s: rate-limit recovery\n']);
  });

  it('on a terminal: a countdown rewritten in place each second, erased at the end', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    const term = stream(true);
    const status = createStatus(term, { NO_COLOR: '1' });
    const waiting = status.wait(3_000, 'recovery');
    await vi.advanceTimersByTimeAsync(3_000);
    await waiting;
    expect(term.chunks).toEqual(['\r\x1b[2Kwaiting 3 s: recovery', '\r\x1b[2Kwaiting 2 s: recovery', '\r\x1b[2Kwaiting 1 s: recovery', '\r\x1b[2K']);
  });

  it('an abort (Ctrl-C) ends a wait with its reason and clears the line', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    const term = stream(true);
    const abort = new AbortController();
    const waiting = createStatus(term, {}).wait(60_000, 'recovery', abort.signal);
    await vi.advanceTimersByTimeAsync(1_500);
    abort.abort(new Error('interrupted'));
    await expect(waiting).rejects.toThrow('interrupted');
    expect(term.chunks.at(-1)).toBe('\r\x1b[2K');
  });
});
