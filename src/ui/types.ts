// The control API's shapes, generated from openapi/control.yaml (type-only: nothing of zod ships).
export type {
  AgentDetail,
  AgentList,
  AgentOrder,
  AgentSummary,
  ClockState,
  Fault,
  FaultList,
  Info,
  JournalEntry,
  JournalPage,
  MarketDetail,
  MarketList,
  Stats,
  WebhookDeliveryList,
  WebhookMessage,
} from '../generated/control/schemas.js';
