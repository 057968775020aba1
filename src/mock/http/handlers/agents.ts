// POST /register and GET /me.
import type { Mode, Permission } from '../../engine/types.js';
import { HttpProblem } from '../problem.js';
import { serializeAgentProfile, serializeBreakers, serializeRegisteredAgent } from '../serialize.js';
import { requireAgent, type Handler } from './handler.js';

interface RegisterBody {
  name: string;
  permissions: Permission[];
  mode: Mode;
  dailyLossLimit?: number | null;
  maxPositionSize?: number | null;
}

export const registerAgent: Handler = (ctx, input) => {
  const body = input.body as RegisterBody;
  const limit = ctx.options.maxAgents; // a cap, so registrations cannot exhaust the mock's memory
  if (ctx.engine.stats().agents >= limit) {
    const detail = `This mock holds at most ${limit} agents (--max-agents) and has that many; reuse an agent you registered before, or ask its operator to reset it (POST /__nx/reset) or raise --max-agents.`;
    throw new HttpProblem('agent_limit_reached', detail, { extras: { limit } });
  }
  const { agent, apiSecret } = ctx.engine.registerAgent(body);
  return { status: 201, body: { agent: serializeRegisteredAgent(agent, apiSecret) } };
};

export const getMe: Handler = (ctx, input) => {
  const agent = requireAgent(input);
  const decision = ctx.agentLimiterFor(agent).peek(agent.agentId, ctx.clock.now());
  const profile: Record<string, unknown> = serializeAgentProfile(agent);
  if (ctx.defects.has('me-leaks-secret')) profile.apiSecret = ctx.engine.secretOf(agent.agentId);
  return {
    status: 200,
    body: {
      agent: profile,
      limits: { rateLimit: { limit: decision.limit, windowSeconds: 60, remaining: decision.remaining, algorithm: 'gcra' } },
      breakers: serializeBreakers(ctx.engine.breakers(agent.agentId)),
    },
  };
};
