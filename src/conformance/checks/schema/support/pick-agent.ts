// Which agent a check uses. The runner pools agents by their permissions, and registrations are
// rate-limited per client address, so these checks share a small set: one agent per permission
// that holds every permission except that one (the set permission.each-operation needs anyway).
// A check that needs some permissions takes one of those that has them, so its requests spread
// over agents that exist already instead of registering more. With --key (one given agent) the
// fallback asks for exactly the permissions needed.
import type { Permission } from '../../../../rules/permission.js';
import type { TestAgent } from '../../../agent-pool.js';
import { ALL_PERMISSIONS, CheckSkipped } from '../../../check.js';
import type { CheckContext } from '../../../check-context.js';

export const allExcept = (permission: string): Permission[] => ALL_PERMISSIONS.filter((p) => p !== permission);

/** The pooled agent with every permission but `permission`. */
export function agentWithout(ctx: CheckContext, permission: string, budget: number): Promise<TestAgent> {
  return ctx.agent({ permissions: allExcept(permission), budget });
}

/**
 * An agent holding `needs`: the first pooled agent (lacking one permission not needed, the ones in
 * `preferLacking` first, so different checks spread their requests) that still has quota for the
 * budget; else a new agent lacking the first of them; else (with --key) exactly `needs`.
 */
export async function agentFor(ctx: CheckContext, needs: readonly string[], budget: number, preferLacking: readonly Permission[] = []): Promise<TestAgent> {
  const spare = [...new Set([...preferLacking, ...ALL_PERMISSIONS])].filter((p) => !needs.includes(p));
  for (const lacking of spare) {
    const reusable = ctx.pooledAgent({ permissions: allExcept(lacking), budget });
    if (reusable) return reusable;
  }
  const lacking = spare[0];
  if (lacking === undefined) return ctx.agent({ budget });
  try {
    return await agentWithout(ctx, lacking, budget);
  } catch (error) {
    if (!(error instanceof CheckSkipped)) throw error;
    return ctx.agent({ permissions: ALL_PERMISSIONS.filter((p) => needs.includes(p)), budget });
  }
}
