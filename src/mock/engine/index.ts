// Public surface of the engine package (the HTTP layer imports from here).
export { createEngine } from './engine.js';
export type { Engine, EngineOptions, EngineStats } from './engine.js';
export { EngineError, ENGINE_ERROR_STATUS, isEngineError } from './errors.js';
export type { EngineErrorCode, EngineErrorDetails } from './errors.js';
export type { AgentRecord, RegisterAgentInput, RegisteredAgent } from './agents/types.js';
export { PERMISSIONS } from './agents/validate-agent.js';
export { defaultStrategies, type EngineStrategies } from './strategies.js';
export type { BreakerState } from './risk/types.js';
export type { EngineEvent, EngineEventListener, EngineEventType } from './trading/events.js';
export type { OrderPage } from './trading/list-orders.js';
export type { PlaceOrderResult } from './trading/place-order.js';
export type { PortfolioView } from './trading/portfolio.js';
export type { EngineSnapshot } from './trading/snapshot.js';
export type { AgentData, EngineData, EngineDelta, LedgerData, OrderData } from './state/engine-data.js';
export { checkEngineData, EngineDataError } from './state/import-data.js';
export type {
  FillView,
  ListOrdersQuery,
  Liquidity,
  ModifyOrderInput,
  OrderSide,
  OrderStatus,
  OrderType,
  OrderView,
  PlaceOrderInput,
  PositionView,
} from './trading/types.js';
export type * from './types.js';
