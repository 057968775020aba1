// The ready-made demo agents printed at start: their keys and secrets are derived from the seed
// (never from a random source), so `--seed 42` always gives the same curl-able credentials.
// They are the only agents whose secrets are not cryptographically random: documented as such.
import { createHash } from 'node:crypto';
import type { Engine } from '../engine/index.js';
import type { Mode } from '../engine/types.js';
import { ALL_PERMISSIONS } from '../../rules/permission.js';

export interface DemoAgent {
  agentId: string;
  mode: Mode;
  apiKey: string;
  apiSecret: string;
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

function derive(seed: number, label: string, length: number): string {
  const bytes = createHash('sha256').update(`nx-conformance demo ${label} ${seed}`).digest();
  let out = '';
  for (let i = 0; out.length < length; i++) out += BASE62[(bytes[i % bytes.length] ?? 0) % 62];
  return out;
}

/** The demo agents' credentials for a seed (no agent is registered). */
export function demoCredentials(seed: number): Array<Omit<DemoAgent, 'agentId'>> {
  return (['sandbox', 'live'] as const).map((mode) => ({
    mode,
    apiKey: `nx_${mode === 'live' ? 'live' : 'test'}_demo${derive(seed, `${mode} key`, 28)}`,
    apiSecret: `demo_${derive(seed, `${mode} secret`, 40)}`,
  }));
}

export function createDemoAgents(engine: Engine, seed: number): DemoAgent[] {
  return restoreDemoAgents(engine, seed, true);
}

/**
 * The demo agents after a state was loaded: those the state has are kept as they are, missing
 * ones are registered (unless `register` is false), so `--seed N`'s printed keys always work.
 */
export function restoreDemoAgents(engine: Engine, seed: number, register: boolean): DemoAgent[] {
  const out: DemoAgent[] = [];
  for (const { mode, apiKey, apiSecret } of demoCredentials(seed)) {
    const existing = engine.agentByKey(apiKey);
    if (existing) out.push({ agentId: existing.agentId, mode, apiKey, apiSecret: engine.secretOf(existing.agentId) });
    else if (register) {
      const { agent } = engine.registerDemoAgent({ name: `Demo ${mode} agent`, permissions: ALL_PERMISSIONS, mode }, apiKey, apiSecret);
      out.push({ agentId: agent.agentId, mode, apiKey, apiSecret });
    }
  }
  return out;
}
