// Which control calls make which data stale: shared by the views, so a new control operation that
// moves the clock or prices (PUT /state replaces both) is taught to every view at once.
import type { LiveEvent } from './live.js';

const CLOCK_MOVES = new Set(['moveClock', 'resetState', 'importState']);
const PRICE_MOVES = new Set([...CLOCK_MOVES, 'overridePrice', 'clearPriceOverrides']);

export const clockMoved = (e: LiveEvent): boolean => e.type === 'control' && CLOCK_MOVES.has(e.data.operationId);
export const pricesMoved = (e: LiveEvent): boolean => e.type === 'control' && PRICE_MOVES.has(e.data.operationId);
