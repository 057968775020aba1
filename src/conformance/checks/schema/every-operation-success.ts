import type { ApiResponse } from '../../../client/agent-client.js';
import type { OperationDef } from '../../../rules/runtime.js';
import { operationList } from '../../../generated/operations.js';
import type { Permission } from '../../../rules/permission.js';
import { CheckFailure, type Check } from '../../check.js';
import { operationFor } from '../../spec-problems.js';
import { pass } from '../expect.js';
import { callOperation, createFixtures, describeCall, inputRecipes, permissionsFor, type InputRecipe } from './support/operation-inputs.js';
import { showAsEvidence } from './support/evidence.js';
import { agentFor } from './support/pick-agent.js';

// Spread over the agents that lack these (see pick-agent.ts).
const PREFER: Permission[] = ['read:sentiment', 'read:social', 'write:webhook'];

/** The check over a given operation table and recipe set (the catalogue uses the spec's). */
export function makeEveryOperationSuccess(operations: readonly OperationDef[], recipes: Readonly<Record<string, InputRecipe>> = inputRecipes): Check {
  return {
    id: 'schema.every-operation-success',
    title: 'Every operation of the spec answers a valid request with a documented 2xx that conforms',
    category: 'schema',
    spec: 'Each operation in openapi/agent-connect.yaml documents its success response: status, Content-Type, body schema and required headers (X-Request-Id and the rate-limit headers).',
    requirements: ['spec.response.documented', 'ratelimit.headers.present'],
    modes: ['sandbox', 'live'],
    needs: { register: true, usesGivenAgent: true, budget: 24 },
    async run(ctx) {
      const fx = createFixtures(ctx);
      const missing = operations.filter((op) => !recipes[op.operationId]).map((op) => `${op.operationId} (${op.method.toUpperCase()} ${op.path})`);
      const problems: string[] = [];
      const wrong: Array<ApiResponse<unknown>> = [];
      const notes: string[] = [];
      let passed = 0;
      const first = await agentFor(ctx, [], 4, PREFER);
      for (const op of operations) {
        const recipe = recipes[op.operationId];
        if (!recipe) continue;
        try {
          let res: ApiResponse<unknown>;
          let what: string;
          let agent = null;
          const registration = first.registration;
          if (op.security === 'none' && registration && operationFor(registration.exchange.request.method, registration.exchange.request.url)?.operationId === op.operationId) {
            // Every agent the runner registers is a call of this operation: check that answer
            // instead of registering one more (registrations are rate-limited per address).
            res = registration;
            what = `${op.method.toUpperCase()} ${op.path} (the runner's registration of ${first.id})`;
          } else if (op.security === 'none') {
            if (!registration) {
              notes.push(`${op.operationId} not exercised (the agent was given with --key)`);
              continue;
            }
            const c = await recipe.build(fx, null);
            what = describeCall(op, c);
            res = await callOperation(ctx.anonymous, op, c);
          } else {
            agent = await agentFor(ctx, permissionsFor(op, recipe), 4, PREFER);
            const c = await recipe.build(fx, agent);
            what = describeCall(op, c);
            ctx.reproducePrelude = fx.preludeFor(recipe, c);
            res = await callOperation(agent.client, op, c);
          }
          if (res.status < 200 || res.status > 299) {
            problems.push(`${op.operationId}: ${what} answered ${res.status} instead of a 2xx: ${res.text.slice(0, 200)}`);
            wrong.push(res);
            continue;
          }
          const specProblems = ctx.specProblems(res);
          if (specProblems.length > 0) {
            problems.push(`${op.operationId}: ${what} answered ${res.status}, which does not match the spec:\n  ${specProblems.join('\n  ')}`);
            wrong.push(res);
            continue;
          }
          fx.record(op, recipe, agent, res);
          passed++;
        } catch (error) {
          if (!(error instanceof CheckFailure)) throw error;
          problems.push(`${op.operationId}: ${error.message} (${error.actual.slice(0, 200)})`);
        }
      }
      if (problems.length > 0) {
        showAsEvidence(ctx, wrong);
        ctx.fail(
          `${problems.length} of ${operations.length} operations did not answer a valid request with a documented, conforming 2xx${missing.length > 0 ? ` (and ${missing.length} have no input recipe)` : ''}: ${(problems[0] ?? '').split('\n').join(' ')}`,
          'every operation: a documented 2xx whose Content-Type, body and required headers match the spec',
          [...problems, ...missing.map((m) => `${m}: no input recipe`)].join('\n'),
        );
      }
      if (missing.length > 0) {
        ctx.fail(
          `The spec has ${missing.length} operation${missing.length === 1 ? '' : 's'} the runner has no input recipe for, so ${missing.length === 1 ? 'it goes' : 'they go'} untested: ${missing.join(', ')}`,
          'a recipe (a valid example request) for every operation in src/conformance/checks/schema/support/operation-inputs.ts',
          `no recipe for ${missing.join(', ')}`,
        );
      }
      return pass(`${passed} operations answered a documented 2xx that conforms (body, Content-Type, X-Request-Id and rate-limit headers)${notes.length ? `; ${notes.join('; ')}` : ''}`);
    },
  };
}

export const everyOperationSuccess: Check = makeEveryOperationSuccess(operationList);
