// Stage 5: may this agent call this operation? The permission comes from the operation's
// `x-permission` in the spec, through the generated table; nothing here names an operation
// except the one seeded defect.
import type { RequestHandler } from 'express';
import type { MockContext } from './mock-context.js';
import { HttpProblem } from './problem.js';
import { requestState } from './request-state.js';

export function authorize(ctx: MockContext): RequestHandler {
  return (_req, res, next) => {
    const { op, agent } = requestState(res);
    if (!op || !agent || op.permission === null) return next();
    if (ctx.defects.has('permission-unchecked-orders') && op.operationId === 'placeOrder') return next();
    if (agent.permissions.includes(op.permission as (typeof agent.permissions)[number])) return next();
    const granted = agent.permissions.length > 0 ? agent.permissions.join(', ') : 'none';
    throw new HttpProblem('permission_denied', `This operation needs the '${op.permission}' permission; the agent has ${granted}. Register an agent with it.`, {
      extras: { requiredPermission: op.permission, grantedPermissions: [...agent.permissions] },
    });
  };
}
