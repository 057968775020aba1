// The engine's state as plain data: what exportData() returns and importData() accepts, and
// what a change delta carries. Exact (epoch ms, unrounded internals), so an import of an export
// behaves exactly like the engine it came from. Maps become arrays of entries: their order is
// insertion order, and iteration order feeds into sums (equity) and event order (day rolls).
import type { AgentRecord } from '../agents/types.js';
import type { DailyLossLatch } from '../risk/types.js';
import type { OrderState, PositionState } from '../trading/types.js';
import type { EpochMs, Permission, RngState } from '../types.js';
import type { OrderArchive } from './order-archive.js';

/** An agent's money and risk state: AccountState without what is rebuilt from the orders. */
export interface LedgerData {
  cash: number;
  reservedCash: number;
  realizedPnl: number;
  positions: Array<[symbol: string, position: PositionState]>;
  openBuyQty: Array<[symbol: string, quantity: number]>;
  openSellQty: Array<[symbol: string, quantity: number]>;
  dailyLossLimit: number | null;
  maxPositionSize: number | null;
  dayStart: EpochMs;
  dayStartEquity: number;
  dailyLoss: DailyLossLatch;
}

export type AgentRecordData = Omit<AgentRecord, 'permissions'> & { permissions: Permission[] };

export interface AgentData {
  agent: AgentRecordData;
  /** The HMAC secret: stored so signatures keep verifying after a restart. */
  secret: string;
  ledger: LedgerData;
}

/** An order with its fills; `agentId` names its owner and `seq` its place in creation order. */
export type OrderData = OrderState;

export interface EngineData {
  nextSeq: number;
  lastSettledAt: EpochMs;
  /** The id generator's position (when the engine's Rng can save it). */
  rng: RngState | null;
  /** In registration order. */
  agents: AgentData[];
  /** In creation (seq) order. */
  orders: OrderData[];
  /**
   * Finished orders left in a state file until they are needed, besides `orders` (order-archive.ts).
   * Only a restart sets this; an export reads them all into `orders`.
   */
  archive?: OrderArchive;
}

/** What one engine operation changed; handed to the onChange listener when it ends. */
export interface EngineDelta {
  /** Agents whose ledger (or record) changed, new ones included. */
  agents: AgentData[];
  orders: OrderData[];
  nextSeq: number;
  lastSettledAt: EpochMs;
  rng: RngState | null;
}
