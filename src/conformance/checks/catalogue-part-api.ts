// The API part of the catalogue: schema conformance, permissions and the order life cycle.
// permission.each-operation runs early: it registers the pooled agents (one per permission, with
// every permission but that one) that the later checks reuse (see schema/support/pick-agent.ts).
import type { Check } from '../check.js';
import { clientOrderIdIdempotent } from './orders/client-order-id-idempotent.js';
import { crossingFills } from './orders/crossing-fills.js';
import { bookWalk } from './orders/book-walk.js';
import { gridRefused } from './orders/grid-refused.js';
import { modifyFunds } from './orders/modify-funds.js';
import { pagination } from './orders/pagination.js';
import { portfolioConsistent } from './orders/portfolio-consistent.js';
import { refusals } from './orders/refusals.js';
import { finishedNotModifiable } from './orders/finished-not-modifiable.js';
import { orderLifecycle } from './orders/order-lifecycle.js';
import { crossAgentLists } from './permissions/cross-agent-lists.js';
import { crossAgentOrders } from './permissions/cross-agent-orders.js';
import { eachOperationChecked } from './permissions/each-operation-checked.js';
import { secretNeverReturned } from './permissions/secret-never-returned.js';
import { errorsAreProblemJson } from './schema/errors-are-problem-json.js';
import { strictBodies } from './schema/strict-bodies.js';
import { everyOperationSuccess } from './schema/every-operation-success.js';
import { invalidInputRejected } from './schema/invalid-input-rejected.js';
import { marketConforms } from './schema/market-conforms.js';
import { marketDataOrdered } from './schema/market-data-ordered.js';
import { rateLimitHeaders } from './schema/rate-limit-headers.js';

export const apiChecks: readonly Check[] = [
  marketConforms,
  marketDataOrdered,
  eachOperationChecked,
  everyOperationSuccess,
  errorsAreProblemJson,
  strictBodies,
  invalidInputRejected,
  rateLimitHeaders,
  secretNeverReturned,
  crossAgentOrders,
  crossAgentLists,
  orderLifecycle,
  crossingFills,
  pagination,
  refusals,
  gridRefused,
  bookWalk,
  modifyFunds,
  portfolioConsistent,
  finishedNotModifiable,
  clientOrderIdIdempotent,
];
