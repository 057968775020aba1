// Order and fill ids. Collisions are astronomically unlikely with 80 random bits, but ids are
// map keys, so order ids are re-drawn on collision rather than trusting luck.
import { randomHex } from '../agents/make-key.js';
import { orderIdTaken } from '../state/order-archive.js';
import type { EngineContext } from './context.js';

export function newOrderId(ctx: EngineContext): string {
  for (;;) {
    const id = randomHex(ctx.rng, 20, 'ord_');
    if (!orderIdTaken(ctx.state, id)) return id;
  }
}

/** Fill ids are only referenced inside their order, so uniqueness per draw is enough. */
export function newFillId(ctx: EngineContext): string {
  return randomHex(ctx.rng, 20, 'fill_');
}
