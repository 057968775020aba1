// What the request rules know inside the mock: every agent and secret of the engine, and the
// limiters. Read through the context each time, so a reset (new engine) is seen at once.
import type { RuleState } from '../../rules/rule-state.js';
import type { AgentRecord } from '../engine/index.js';
import type { MockContext } from './mock-context.js';

export function mockRuleState(ctx: MockContext): RuleState<AgentRecord> {
  return {
    agentByKey: (key) => ctx.engine.agentByKey(key) ?? null,
    secretOf: (agent) => ctx.engine.secretOf(agent.agentId),
    linkedSecretsOf: (agent) => {
      const linked = ctx.linkedAgentOf(agent.agentId);
      return linked === undefined || ctx.engine.agent(linked) === undefined ? [] : [ctx.engine.secretOf(linked)];
    },
    quotas: {
      agent: (agent) => ctx.agentLimiterFor(agent),
      registration: ctx.registerLimiter,
      failedAuth: ctx.failedAuthLimiters,
      windowSeconds: 60,
    },
    bodyLimit: ctx.options.bodyLimit,
  };
}
