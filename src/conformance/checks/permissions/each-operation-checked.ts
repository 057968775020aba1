import type { ApiResponse } from '../../../client/agent-client.js';
import type { OperationDef } from '../../../rules/runtime.js';
import { operationList } from '../../../generated/operations.js';
import type { Permission } from '../../../rules/permission.js';
import type { Check } from '../../check.js';
import { pass } from '../expect.js';
import { callOperation, createFixtures, describeCall, inputRecipes, permissionsFor, type InputRecipe } from '../schema/support/operation-inputs.js';
import { showAsEvidence } from '../schema/support/evidence.js';
import { agentFor, agentWithout } from '../schema/support/pick-agent.js';
import { asRecord, problemCode, problemIssues } from '../schema/support/problem-shape.js';

// The agents that hold a permission are taken from those lacking one of these (see pick-agent.ts).
const HOLDER_LACKS: Permission[] = ['read:social', 'read:sentiment', 'write:webhook', 'read:market', 'read:portfolio', 'write:orders'];

export function makeEachOperationChecked(operations: readonly OperationDef[], recipes: Readonly<Record<string, InputRecipe>> = inputRecipes): Check {
  return {
    id: 'permission.each-operation',
    title: "Every operation refuses an agent without its x-permission (403 permission_denied) and serves one with it",
    category: 'permissions',
    spec: "Permissions come from each operation's `x-permission`; an agent without it gets 403 `permission_denied` (with `requiredPermission` and `grantedPermissions`).",
    requirements: ['permissions.enforced', 'permissions.granted', 'agents.me-any-key'],
    modes: ['sandbox', 'live'],
    needs: { register: true, budget: 6 },
    async run(ctx) {
      const fx = createFixtures(ctx);
      const guarded = operations.filter((op) => op.permission !== null);
      const missing = guarded.filter((op) => !recipes[op.operationId]).map((op) => op.operationId);
      const failures: string[] = [];
      const wrong: Array<ApiResponse<unknown>> = [];
      const agents = new Set<string>();
      let checked = 0;
      for (const op of guarded) {
        const recipe = recipes[op.operationId];
        const permission = op.permission as string;
        if (!recipe) continue;
        const holder = await agentFor(ctx, permissionsFor(op, recipe), 5, HOLDER_LACKS);
        const denied = await agentWithout(ctx, permission, 2);
        agents.add(holder.id).add(denied.id);
        // The same valid request from both; the refused one first, so it cannot use up the resource.
        const c = await recipe.build(fx, holder);
        const what = describeCall(op, c);
        const refused = await callOperation(denied.client, op, c);
        const code = problemCode(refused);
        if (refused.status !== 403 || code !== 'permission_denied') {
          failures.push(
            `${op.operationId}: ${what} by an agent without ${permission} answered ${refused.status}${code ? ` ${code}` : ''} instead of 403 permission_denied` +
              (refused.status >= 200 && refused.status < 300 ? ` (the server does not check ${permission} for this operation)` : ''),
          );
          wrong.push(refused);
        } else {
          const issues = [...problemIssues(refused), ...ctx.specProblems(refused)];
          const required = asRecord(refused.json)?.requiredPermission;
          if (required !== permission) issues.push(`requiredPermission is ${JSON.stringify(required)}, expected '${permission}'`);
          if (issues.length > 0) {
            failures.push(`${op.operationId}: the 403 for an agent without ${permission} is malformed: ${issues.join('; ')}`);
            wrong.push(refused);
          }
        }
        const allowed = await callOperation(holder.client, op, c);
        if (allowed.status === 403) {
          failures.push(`${op.operationId}: ${what} by an agent holding ${permission} was refused with 403 ${problemCode(allowed) ?? ''}: ${allowed.text.slice(0, 200)}`);
          wrong.push(allowed);
        }
        fx.record(op, recipe, holder, allowed);
        checked++;
      }
      if (failures.length > 0) {
        showAsEvidence(ctx, wrong);
        ctx.fail(
          `${failures.length} permission rule${failures.length === 1 ? ' is' : 's are'} broken: ${failures[0]}`,
          "for each operation: 403 permission_denied (requiredPermission = its x-permission) without the permission, no 403 with it",
          failures.join('\n'),
        );
      }
      if (missing.length > 0) {
        ctx.fail(
          `No input recipe for ${missing.join(', ')}: the check cannot test ${missing.length === 1 ? 'its' : 'their'} permission`,
          'a valid example request for every operation in src/conformance/checks/schema/support/operation-inputs.ts',
          `no recipe for ${missing.join(', ')}`,
        );
      }
      return pass(`${checked} operations refuse an agent without their permission (403 permission_denied) and serve one with it (${agents.size} agents)`);
    },
  };
}

export const eachOperationChecked: Check = makeEachOperationChecked(operationList);
