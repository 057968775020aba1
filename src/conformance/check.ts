// The shape of one conformance check. Each check is a small module in checks/<category>/,
// listed once in catalogue.ts, and run against the mock, its seeded defects and anyone's server.
import type { Permission } from '../rules/permission.js';
import type { CheckContext } from './check-context.js';
import type { CheckCategory } from './findings.js';
import type { AgentMode, Outcome } from './outcome.js';

export { CheckFailure, CheckSkipped, type AgentMode, type Outcome } from './outcome.js';

export interface CheckNeeds {
  /** The check registers agents of its own (skipped with --key/--secret unless `usesGivenAgent`). */
  register?: boolean;
  /** It can run with the agent given by --key/--secret (it asks for no special permissions or limits). */
  usesGivenAgent?: boolean;
  /** It places orders; with a live agent that needs --allow-live-orders. */
  orders?: boolean;
  /** Requests it may send with one agent, to plan around rate limits (default 10). */
  budget?: number;
  /** It needs the server's time to the second (window edges): blocked when the pre-flight finds the clock off. */
  clock?: 'precise';
}

export interface Check {
  /** Stable id, `category.what-is-checked`, e.g. `signature.wrong-secret-rejected`. */
  id: string;
  title: string;
  category: CheckCategory;
  /** The spec text the check enforces (quoted from the spec or SIGNING.md). */
  spec: string;
  /** Ids of the requirements it covers (openapi/requirements.yaml); a test holds them to the file. */
  requirements: readonly string[];
  /** The agent modes it applies to. Checks of signing rules apply to live only. */
  modes: readonly AgentMode[];
  needs: CheckNeeds;
  /** Fails by ctx.fail() (which throws), or returns pass, partial or skip. */
  run(ctx: CheckContext): Promise<Outcome>;
}

export interface AgentRequest {
  mode?: AgentMode;
  permissions?: readonly Permission[];
  dailyLossLimit?: number | null;
  maxPositionSize?: number | null;
  /** Never reuse a pooled agent (for checks that spend or change state). */
  fresh?: boolean;
  /** Requests the check will send with this agent. */
  budget?: number;
}

export { ALL_PERMISSIONS } from '../rules/permission.js';
