// Stage 5: may this agent call this operation? The permission is the operation's `x-permission`
// in the spec, through the generated table; nothing here names an operation.
import type { Stage } from '../judging.js';
import { problem } from '../problems.js';

export const authorizeStage: Stage = {
  name: 'authorize',
  needsBody: true,
  run(j) {
    const required = j.op?.permission ?? null;
    if (required === null || j.op?.security === 'none') return undefined;
    const granted = j.agent?.permissions;
    if (granted === undefined) {
      j.undecided.push({ stage: 'authorize', reason: "the judge does not know the agent's permissions" });
      return undefined;
    }
    if ((granted as readonly string[]).includes(required)) return undefined;
    const list = granted.length > 0 ? granted.join(', ') : 'none';
    return problem('permission_denied', `This operation needs the '${required}' permission; the agent has ${list}. Register an agent with it.`, {
      extras: { requiredPermission: required, grantedPermissions: [...granted] },
    });
  },
};
