// What a judge knows besides the request itself. The mock knows everything (engine, limiters);
// the client runner knows what its recording mock knew; the proxy may know only the secrets it was
// given. A judge that cannot tell leaves the rule undecided instead of guessing: an unknown must
// never turn into a verdict the server would not give.
import type { Gcra } from './gcra.js';
import type { Mode, Permission } from './permission.js';

export interface KnownAgent {
  readonly agentId: string;
  readonly mode: Mode;
  /** Undefined when the judge does not know them: authorization is then left undecided. */
  readonly permissions?: readonly Permission[];
}

export interface Quotas<A extends KnownAgent = KnownAgent> {
  /** The limiter of this agent's quota; the rules key it by agentId. */
  agent(agent: A): Gcra;
  /** Registrations per client address (the rules key it by addressKey()). */
  readonly registration: Gcra;
  /**
   * Failed authentications (src/rules/stages/auth-budget.ts): per agent when the key is known
   * (keyed by agentId), per client address otherwise (keyed by addressKey()).
   */
  readonly failedAuth?: { readonly perKey: Gcra; readonly perAddress: Gcra };
  /** The policy window of all of them, in seconds, as the RateLimit headers announce it. */
  readonly windowSeconds: number;
}

export interface RuleState<A extends KnownAgent = KnownAgent> {
  /** Who holds this API key: the agent; null when no agent does; undefined when the judge cannot tell. */
  agentByKey(apiKey: string): A | null | undefined;
  /** The agent's API secret when the judge knows it; then signatures are verified in full. */
  secretOf(agent: A): string | undefined;
  /**
   * Secrets explicitly linked to this agent (its counterpart in the other mode), tried only to
   * name the `wrong_secret_mode` mistake of a signature that already failed.
   */
  linkedSecretsOf?(agent: A): readonly string[];
  /** The quotas, when the judge keeps them; without them rate limits are left undecided. */
  readonly quotas?: Quotas<A>;
  /** Largest body in bytes (default 1 MiB). */
  readonly bodyLimit?: number;
}

export const DEFAULT_BODY_LIMIT = 1024 * 1024;
