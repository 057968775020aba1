// A client should call only what its permissions allow: a 403 permission_denied in production
// means a feature silently not working. The permission comes from the spec's x-permission.
import { operationOf } from '../request-rules.js';
import { failEach, skip, type ClientCheck } from '../client-check.js';

export const permissionsCheck: ClientCheck = {
  id: 'client.permissions',
  title: 'Calls only operations its permissions allow',
  category: 'client',
  spec: "Each operation's x-permission must be among the agent's permissions, else 403 permission_denied.",
  run(run) {
    const routed = run.requests.flatMap((rec) => {
      const op = operationOf(rec);
      return op ? [{ rec, op }] : [];
    });
    if (routed.length === 0) return skip('the client called no operation of the spec');
    const granted = run.agent.permissions as readonly string[];
    const bad = routed
      .filter(({ op }) => op.permission !== null && !granted.includes(op.permission))
      .map(({ rec, op }) => ({ rec, problem: `${op.operationId} needs '${op.permission}'; the agent has ${granted.join(', ') || 'none'}` }));
    return failEach(run, bad, routed.length, `only operations allowed by ${granted.join(', ') || 'no permissions'}`);
  },
};
