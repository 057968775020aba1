// The scenarios `--scenario NAME` can pick, each run with its own mock and agent.
import { breakerTripped } from './breaker-tripped.js';
import { clockSkew } from './clock-skew.js';
import { latency } from './latency.js';
import { rateLimitStorm } from './rate-limit-storm.js';
import type { Scenario } from './scenario.js';
import { transient503 } from './transient-503.js';

export type { Scenario } from './scenario.js';

export const scenarios: readonly Scenario[] = [rateLimitStorm, transient503, latency, clockSkew, breakerTripped];

export const scenarioNames = scenarios.map((s) => s.name);

export function scenarioByName(name: string): Scenario | undefined {
  return scenarios.find((s) => s.name === name);
}
