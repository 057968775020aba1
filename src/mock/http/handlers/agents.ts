// POST /register and GET /me.
import { HttpProblem } from '../../../rules/problems.js';
import { serializeAgentProfile, serializeBreakers, serializeRegisteredAgent } from '../serialize.js';
import type { Handler } from './handler.js';

export const registerAgent: Handler<'registerAgent'> = (ctx, { body }) => {
  const limit = ctx.options.maxAgents; // a cap, so registrations cannot exhaust the mock's memory
  if (ctx.engine.stats().agents >= limit) {
    const detail = `This mock holds at most ${limit} agents (--max-agents) and has that many; reuse an agent you registered before, or ask its operator to reset it (POST /__nx/reset) or raise --max-agents.`;
    throw new HttpProblem('agent_limit_reached', detail, { extras: { limit } });
  }
  const { agent, apiSecret } = ctx.engine.registerAgent(body);
  return { status: 201, body: { agent: serializeRegisteredAgent(agent, apiSecret) } };
};

export const getMe: Handler<'getMe'> = (ctx, { agent }) => {
  const decision = ctx.agentLimiterFor(agent).peek(agent.agentId, ctx.clock.now());
  return {
    status: 200,
    body: {
      agent: serializeAgentProfile(agent),
      limits: { rateLimit: { limit: decision.limit, windowSeconds: 60, remaining: decision.remaining, algorithm: 'gcra' } },
      breakers: serializeBreakers(ctx.engine.breakers(agent.agentId)),
    },
  };
};
