// Stage 2: the body's size, before anything reads it. An HTTP adapter enforces the same limit
// while streaming (and so never reaches this with a larger body); judges given a whole body use this.
import { problem, type Problem } from '../problems.js';
import { DEFAULT_BODY_LIMIT } from '../rule-state.js';
import type { Stage } from '../judging.js';

export function payloadTooLarge(limitBytes: number): Problem {
  const readable = limitBytes % (1024 * 1024) === 0 ? `${limitBytes / (1024 * 1024)} MiB` : `${limitBytes} bytes`;
  return problem('payload_too_large', `The body is over ${limitBytes} bytes; send at most ${readable}.`);
}

export const bodySizeStage: Stage = {
  name: 'body-size',
  needsBody: true,
  run(j) {
    const limit = j.state.bodyLimit ?? DEFAULT_BODY_LIMIT;
    return j.raw.body.length > limit ? payloadTooLarge(limit) : undefined;
  },
};
