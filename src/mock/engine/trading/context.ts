// The state and collaborators every engine operation works on. Kept as one plain object so the
// operations are free functions (small files, easy to test) and engine.ts stays a thin facade.
import type { AgentRecord } from '../agents/types.js';
import type { EngineStrategies } from '../strategies.js';
import type { Clock, EpochMs, MarketSource, Rng } from '../types.js';
import type { ChangeJournal } from '../state/change-journal.js';
import type { AccountState } from './account.js';
import type { EventBus } from './events.js';
import { RestingIndex } from './resting-index.js';
import type { OrderState } from './types.js';

export interface EngineConfig {
  startingCash: number;
  feeBps: number;
  allowShort: boolean;
  liveDefaults: { dailyLossLimit: number; maxPositionSize: number };
  defaultRateLimit: number;
}

export interface EngineState {
  agents: Map<string, AgentRecord>;
  agentIdByKey: Map<string, string>;
  secrets: Map<string, string>;
  accounts: Map<string, AccountState>;
  orders: Map<string, OrderState>;
  resting: RestingIndex;
  /** Next global order sequence number (creation order). */
  nextSeq: number;
  /** Resting orders and day rolls are settled up to here. Never moves backwards. */
  lastSettledAt: EpochMs;
}

export interface EngineContext {
  clock: Clock;
  market: MarketSource;
  rng: Rng;
  secretSource: () => string;
  keySource: () => string;
  /** Told every credential the engine hands out (secret, key body), so printers can redact it. */
  onCredential?: (credential: string) => void;
  config: EngineConfig;
  strategies: EngineStrategies;
  state: EngineState;
  events: EventBus;
  /** Notes what operations change while a change listener is attached (state/change-journal.ts). */
  changes?: ChangeJournal;
}

export function createState(now: EpochMs): EngineState {
  return {
    agents: new Map(),
    agentIdByKey: new Map(),
    secrets: new Map(),
    accounts: new Map(),
    orders: new Map(),
    resting: new RestingIndex(),
    nextSeq: 1,
    lastSettledAt: now,
  };
}
