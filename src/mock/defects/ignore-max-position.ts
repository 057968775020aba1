import { defineDefect } from './defect.js';

export const ignoreMaxPosition = defineDefect({
  name: 'ignore-max-position',
  description: 'maxPositionSize is ignored.',
  caughtBy: ['breaker.max-position-enforced'],
  apply: (parts) => ({ ...parts, engine: { ...parts.engine, positionLimit: () => {} } }),
});
