// Stage 4: the quota. Per agent for authenticated operations, per client address for registration
// (GCRA: an honest Retry-After, a request sent that many seconds later is accepted). The decision is
// kept for the RateLimit headers of whatever answer follows, refusal or not.
import type { RateDecision } from '../gcra.js';
import type { Judging, Stage } from '../judging.js';
import { problem, type Problem } from '../problems.js';
import type { KnownAgent } from '../rule-state.js';
import { addressKey } from './address-key.js';

export function rateLimitedProblem(decision: RateDecision, who: string): Problem {
  const retryAfter = Math.ceil(decision.retryAfterMs / 1000);
  return problem('rate_limited', `${decision.limit} requests per minute are allowed for ${who}; retry in ${retryAfter} s.`, {
    extras: { retryAfter },
    headers: { 'Retry-After': String(retryAfter) },
  });
}

/** Records the decision on the judging and answers 429 when it refuses. */
export function applyDecision<A extends KnownAgent>(j: Judging<A>, decision: RateDecision, windowSeconds: number, who: string): Problem | undefined {
  j.rate = { decision, windowSeconds };
  return decision.allowed ? undefined : rateLimitedProblem(decision, who);
}

export const rateLimitStage: Stage = {
  name: 'rate-limit',
  needsBody: true,
  run(j) {
    const quotas = j.state.quotas;
    if (!quotas) {
      j.undecided.push({ stage: 'rate-limit', reason: 'the judge keeps no quota' });
      return undefined;
    }
    const now = j.raw.receivedAt;
    if (j.op?.security === 'none') {
      if (j.raw.clientAddress === undefined) {
        j.undecided.push({ stage: 'rate-limit', reason: "the judge does not know the client's address" });
        return undefined;
      }
      return applyDecision(j, quotas.registration.take(addressKey(j.raw.clientAddress), now), quotas.windowSeconds, 'registrations from this address');
    }
    if (!j.agent) {
      j.undecided.push({ stage: 'rate-limit', reason: 'the agent is not known to the judge' });
      return undefined;
    }
    return applyDecision(j, quotas.agent(j.agent).take(j.agent.agentId, now), quotas.windowSeconds, 'this agent');
  },
};
