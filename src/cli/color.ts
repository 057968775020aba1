// Whether the CLI colours a stream, by the conventions people set: NO_COLOR (no-color.org)
// turns colour off, FORCE_COLOR (force-color.org) turns it on ("0" or "false" off), and
// otherwise a terminal that is not TERM=dumb gets colour and a pipe or a file does not.
// picocolors paints; its own detection runs once at import, so the decision is made here, per
// stream, where tests and NO_COLOR set later are honoured.
import pc from 'picocolors';

export function colorEnabled(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR) return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '') return force !== '0' && force.toLowerCase() !== 'false';
  return Boolean(stream.isTTY) && env.TERM !== 'dumb';
}

/** picocolors' formatters, switched on or off for this stream. */
export type Colors = ReturnType<typeof pc.createColors>;

export function colorsFor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): Colors {
  return pc.createColors(colorEnabled(stream, env));
}

/** Formatters that leave text as it is. */
export const noColors: Colors = pc.createColors(false);
