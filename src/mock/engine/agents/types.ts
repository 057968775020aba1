import type { EpochMs, Mode, Permission } from '../types.js';

export interface RegisterAgentInput {
  name: string;
  permissions: readonly Permission[];
  mode: Mode;
  /** USD; null/absent = off for sandbox, liveDefaults for live (live agents always have limits). */
  dailyLossLimit?: number | null;
  maxPositionSize?: number | null;
}

/** Public agent data. Frozen; never contains the API secret (see Engine.secretOf). */
export interface AgentRecord {
  readonly agentId: string;
  readonly name: string;
  readonly permissions: readonly Permission[];
  readonly mode: Mode;
  readonly apiKey: string;
  readonly rateLimitPerMinute: number;
  readonly dailyLossLimit: number | null;
  readonly maxPositionSize: number | null;
  readonly createdAt: EpochMs;
}

export interface RegisteredAgent {
  agent: AgentRecord;
  apiSecret: string;
}
