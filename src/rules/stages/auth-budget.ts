// Stage 2: the budget of failed authentications, checked before the body is read or a signature
// computed, so that failing is cheap for the server and does not pay for the attacker. Failures
// count against the agent when the key is known (bad signature, timestamp, …), and against the
// client address when it is not (a missing, malformed or unknown key). Over budget → 429 with an
// honest Retry-After. A client with a valid key is never held back by other clients' failures.
import type { Judging, Stage } from '../judging.js';
import { problem, type Problem } from '../problems.js';
import { presentHeader } from '../raw-request.js';
import type { KnownAgent } from '../rule-state.js';
import { addressKey } from './address-key.js';
import { KEY_PATTERN } from './api-key.js';

/** Failed authentications allowed per minute (GCRA, burst = limit), unless the judge sets others. */
export const FAILED_AUTH_DEFAULTS = { perKey: 30, perAddress: 60 } as const;

type Budgeted = { gcra: 'perKey' | 'perAddress'; key: string; who: string };

/** Whose budget this request spends when it fails: its agent's, or its address's; null when unknown. */
function budgetOf<A extends KnownAgent>(j: Judging<A>): Budgeted | null | 'undecided' {
  const key = presentHeader(j.raw, 'x-nx-key');
  const agent = j.agent ?? (key !== undefined && KEY_PATTERN.test(key) ? j.state.agentByKey(key) : null);
  if (agent === undefined) return 'undecided';
  if (agent) return { gcra: 'perKey', key: agent.agentId, who: 'this API key' };
  if (j.raw.clientAddress === undefined) return 'undecided';
  return { gcra: 'perAddress', key: addressKey(j.raw.clientAddress), who: 'requests from this address without a known API key' };
}

/** Counts one failed authentication (the authenticate stage calls it with each refusal). */
export function recordFailedAuth<A extends KnownAgent>(j: Judging<A>): void {
  const budget = j.state.quotas?.failedAuth;
  const spent = budgetOf(j);
  if (!budget || spent === null || spent === 'undecided') return;
  budget[spent.gcra].take(spent.key, j.raw.receivedAt);
}

export const authBudgetStage: Stage = {
  name: 'auth-budget',
  needsBody: false,
  run(j): Problem | undefined {
    if (j.op?.security === 'none') return undefined;
    const quotas = j.state.quotas;
    const spent = budgetOf(j);
    if (!quotas?.failedAuth || spent === 'undecided') {
      j.undecided.push({ stage: 'auth-budget', reason: 'the judge keeps no budget of failed authentications' });
      return undefined;
    }
    if (spent === null) return undefined;
    const decision = quotas.failedAuth[spent.gcra].peek(spent.key, j.raw.receivedAt);
    if (decision.allowed) return undefined;
    j.rate = { decision, windowSeconds: quotas.windowSeconds, policy: 'failed-auth' };
    const retryAfter = Math.ceil(decision.retryAfterMs / 1000);
    return problem(
      'rate_limited',
      `Too many failed authentications for ${spent.who}: ${decision.limit} per minute are allowed; retry in ${retryAfter} s. ` +
        'The earlier 401 answers say what to fix (the key, the signature or X-NX-Timestamp); see SIGNING.md.',
      { extras: { retryAfter }, headers: { 'Retry-After': String(retryAfter) } },
    );
  },
};
