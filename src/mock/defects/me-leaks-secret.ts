import { defineDefect, withHandler } from './defect.js';

export const meLeaksSecret = defineDefect({
  name: 'me-leaks-secret',
  description: "GET /me returns the agent's apiSecret.",
  caughtBy: ['permission.secret-never-returned'],
  apply: (parts) =>
    withHandler(parts, 'getMe', (getMe) => (ctx, input) => {
      const answer = getMe(ctx, input);
      const agent = { ...answer.body.agent, apiSecret: ctx.engine.secretOf(input.agent.agentId) };
      return { ...answer, body: { ...answer.body, agent } };
    }),
});
