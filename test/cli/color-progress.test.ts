// Colour by the conventions (NO_COLOR wins, FORCE_COLOR forces, else a terminal), and a status
// line that is rewritten in place on a terminal and stays out of logs.
import { describe, expect, it } from 'vitest';
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
  it('on a terminal: one line rewritten in place, erased by clear()', () => {
    const term = stream(true);
    const status = createStatus(term, { NO_COLOR: '1' });
    status.show('self-test: 1/16 seeded defects checked…');
    status.show('self-test: 2/16 seeded defects checked…');
    status.clear();
    status.clear();
    expect(term.chunks).toEqual(['\r\x1b[2Kself-test: 1/16 seeded defects checked…', '\r\x1b[2Kself-test: 2/16 seeded defects checked…', '\r\x1b[2K']);
  });

  it('in a log (or with TERM=dumb): nothing, since no line can be rewritten there', () => {
    for (const [isTTY, env] of [[false, {}], [true, { TERM: 'dumb' }]] as const) {
      const log = stream(isTTY);
      const status = createStatus(log, env);
      status.show('self-test: 1/16…');
      status.clear();
      expect(log.chunks).toEqual([]);
    }
  });
});
