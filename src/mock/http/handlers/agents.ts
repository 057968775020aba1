// POST /register and GET /me.
import { serializeAgentProfile, serializeBreakers, serializeRegisteredAgent } from '../serialize.js';
import type { Handler } from './handler.js';

export const registerAgent: Handler<'registerAgent'> = (ctx, { body }) => {
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
