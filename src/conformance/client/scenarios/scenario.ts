// A scenario puts the mock in a bad state before the client starts (through the fault table,
// the clock, the market overrides and the engine, as the control API does) and judges how the
// client coped with one check of its own.
import type { RunningMock, StartMockOptions } from '../../../mock/index.js';
import type { ClientCheck, ClientRun } from '../client-check.js';

export interface Scenario {
  name: string;
  /** One line for --help and the docs. */
  description: string;
  /** Mock options the condition needs (e.g. a skewed clock). */
  mockOptions?: () => Partial<StartMockOptions>;
  /** Registration overrides (e.g. a small daily-loss limit). */
  agentOptions?: { dailyLossLimit?: number | null; maxPositionSize?: number | null };
  /** Creates the condition; runs after registration, before the client starts. */
  setup?(mock: RunningMock, agent: ClientRun['agent']): void;
  check: ClientCheck;
}
