import type { ApiResponse } from '../../../client/agent-client.js';
import type { OperationDef } from '../../../rules/runtime.js';
import { operationList } from '../../../generated/operations.js';
import { ALL_PERMISSIONS, type Check } from '../../check.js';
import { pass } from '../expect.js';
import { invalidVariants, takesInput, type InvalidVariant } from './support/invalid-variants.js';
import { callOperation, createFixtures, describeCall, inputRecipes, permissionsFor, type InputRecipe } from './support/operation-inputs.js';
import { showAsEvidence } from './support/evidence.js';
import { agentFor } from './support/pick-agent.js';
import { asRecord, problemCode, problemIssues } from './support/problem-shape.js';
import { seededRandom } from './support/seeded-random.js';

/**
 * Operations without authentication (registration) are rate-limited per client address, and the
 * runner registers its agents through the same quota: one invalid variant per mode (a different
 * one in each mode) instead of all of them.
 */
const ANONYMOUS_PER_MODE = 1;

/** What is wrong with the server's answer to an invalid request (null when it rejected it properly). */
function rejectionProblem(res: ApiResponse<unknown>, variant: InvalidVariant): string | null {
  if (res.status >= 200 && res.status < 300) return `accepted it with ${res.status}`;
  if (res.status >= 500) return `failed with ${res.status} instead of rejecting it with a 4xx`;
  if (res.status < 400) return `answered ${res.status} instead of a 4xx`;
  if (res.status === 401) return 'answered 401: it rejected the (valid) credentials instead of the input';
  const issues = problemIssues(res);
  if (issues.length > 0) return `rejected it with ${res.status}, but ${issues.join('; ')}`;
  if (problemCode(res) === 'validation_failed') {
    const errors = asRecord(res.json)?.errors;
    const locations = Array.isArray(errors) ? errors.map((e) => asRecord(e)?.location) : [];
    if (!locations.includes(variant.location)) {
      return `answered validation_failed, but its errors list ${Array.isArray(errors) ? `names the locations [${locations.join(', ')}]` : 'is missing'}, not '${variant.location}'`;
    }
  }
  return null;
}

export function makeInvalidInputRejected(operations: readonly OperationDef[], recipes: Readonly<Record<string, InputRecipe>> = inputRecipes): Check {
  return {
    id: 'schema.invalid-input-rejected',
    title: 'Invalid input (missing or mistyped fields, unknown values, out-of-range numbers, malformed JSON) gets a 4xx problem',
    category: 'schema',
    spec: 'The request is malformed or invalid: 400 `validation_failed` (with `errors`, every problem found, each naming its location), `malformed_json`, … Unknown fields in request bodies are rejected (`validation_failed`). Never a 2xx, never a 5xx.',
    requirements: ['errors.validation', 'errors.unknown-fields', 'spec.request.valid'],
    modes: ['sandbox', 'live'],
    needs: { register: true, usesGivenAgent: true, budget: 16 },
    async run(ctx) {
      const fx = createFixtures(ctx);
      const failures: string[] = [];
      const wrong: Array<ApiResponse<unknown>> = [];
      const missing: string[] = [];
      let sent = 0;
      let tested = 0;
      for (const [index, op] of operations.entries()) {
        const recipe = recipes[op.operationId];
        if (!takesInput(op)) continue;
        if (!recipe) {
          missing.push(op.operationId);
          continue;
        }
        const anonymous = op.security === 'none';
        const rng = seededRandom(ctx.options.seed, `${ctx.check.id}:${anonymous ? '' : ctx.mode}:${op.operationId}`);
        // Spread the operations over the pooled agents (each lacks one permission it does not need).
        const prefer = [...ALL_PERMISSIONS.slice(index % ALL_PERMISSIONS.length), ...ALL_PERMISSIONS];
        const agent = anonymous ? null : await agentFor(ctx, permissionsFor(op, recipe), 14, prefer);
        const base = await recipe.build(fx, agent);
        let variants = invalidVariants(op, base, rng);
        if (anonymous) {
          // Generated and shuffled without the mode, then split, so the two modes send different variants.
          const offset = ctx.mode === 'live' ? ANONYMOUS_PER_MODE : 0;
          variants = rng.shuffle(variants).slice(offset, offset + ANONYMOUS_PER_MODE);
        }
        if (variants.length === 0) continue;
        tested++;
        for (const variant of variants) {
          const res = await callOperation(agent ? agent.client : ctx.anonymous, op, variant.call);
          sent++;
          const problem = rejectionProblem(res, variant);
          if (problem) {
            failures.push(`${op.operationId}: ${describeCall(op, variant.call)} with ${variant.label}: the server ${problem}`);
            wrong.push(res);
          }
        }
      }
      if (failures.length > 0) {
        showAsEvidence(ctx, wrong);
        ctx.fail(
          `${failures.length} of ${sent} invalid requests were not rejected properly: ${failures[0]}`,
          'a 4xx application/problem+json for each invalid request (never 2xx or 5xx); with validation_failed, an errors list naming the location (body, query or path)',
          failures.join('\n'),
        );
      }
      if (missing.length > 0) {
        ctx.fail(
          `No input recipe for ${missing.join(', ')}: the check cannot derive invalid inputs for ${missing.length === 1 ? 'it' : 'them'}`,
          'a valid example request for every operation in src/conformance/checks/schema/support/operation-inputs.ts',
          `no recipe for ${missing.join(', ')}`,
        );
      }
      return pass(`${sent} invalid requests over ${tested} operations were all rejected with a 4xx problem+json naming the location (seed ${ctx.options.seed})`);
    },
  };
}

export const invalidInputRejected: Check = makeInvalidInputRejected(operationList);
