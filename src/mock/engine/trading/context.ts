// The state and collaborators every engine operation works on. Kept as one plain object so the
// operations are free functions (small files, easy to test) and engine.ts stays a thin facade.
import type { AgentRecord } from '../agents/types.js';
import type { EngineStrategies } from '../strategies.js';
import type { Clock, EpochMs, MarketSource, Rng } from '../types.js';
import type { ChangeJournal } from '../state/change-journal.js';
import type { ArchivedState, OrderRef } from '../state/order-archive.js';
import type { AccountState } from './account.js';
import type { EventBus } from './events.js';
import { RestingIndex } from './resting-index.js';

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
  /** Every order by id; finished orders restored from a state file may be archived (state/order-archive.ts). */
  orders: Map<string, OrderRef>;
  /** The finished orders a state file holds until they are needed (only a restored state has them). */
  archived?: ArchivedState;
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
