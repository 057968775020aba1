// Opaque pagination cursors. A cursor names a position in the agent's append-only order list
// (orders listed newest first, the next page continues strictly below it), so new orders arriving
// between pages never shift the next page: nothing repeats and nothing is skipped.
import { EngineError } from '../errors.js';

const PREFIX = 'o1:';

export function encodeCursor(index: number): string {
  return Buffer.from(`${PREFIX}${index}`, 'utf8').toString('base64url');
}

/** @returns the exclusive upper index to continue from; throws invalid_cursor on anything else. */
export function decodeCursor(cursor: string, orderCount: number): number {
  const text = typeof cursor === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(cursor)
    ? Buffer.from(cursor, 'base64url').toString('utf8')
    : '';
  const match = /^o1:(0|[1-9][0-9]{0,15})$/.exec(text);
  const index = match ? Number(match[1]) : NaN;
  if (!Number.isSafeInteger(index) || index > orderCount || encodeCursor(index) !== cursor) {
    throw new EngineError(
      'invalid_cursor',
      'cursor is not valid for this agent; pass back nextCursor exactly as returned, or omit it for the first page.',
    );
  }
  return index;
}
