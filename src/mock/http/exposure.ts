// A mock bound beyond loopback (--host 0.0.0.0, a LAN address, a name) is reachable by others,
// so what is harmless on a laptop is not: the unauthenticated control API (reset, clock, faults,
// journal), demo agents whose credentials follow from the seed, and webhooks that may point at
// the mock's own network (a port-scan oracle through /__nx/webhooks). Off loopback each is off
// unless asked for by name, and start-up says what is exposed.
import type { MockOptions, ResolvedMockOptions } from './mock-options.js';

/** The options a mock reachable by others runs with: anything risky only when given explicitly. */
export function exposedDefaults(options: MockOptions): MockOptions {
  return {
    ...options,
    control: options.control ?? false,
    demoAgents: options.demoAgents ?? false,
    webhookTargets: options.webhookTargets ?? 'public',
  };
}

/** Lines for the start-up log of a mock reachable by others: what is exposed, and how to change it. */
export function exposureWarning(url: string, o: ResolvedMockOptions): string[] {
  const lines = [`WARNING: ${url} is not a loopback address: whoever can reach it can use this mock.`];
  lines.push(
    o.control
      ? '  control API /__nx: ON (--control): anyone can reset it, move its clock, inject faults and read its journal, without authentication.'
      : '  control API /__nx: off (--control mounts it; it has no authentication).',
  );
  lines.push(
    o.demoAgents
      ? '  demo agents: ON (--demo-agents): their keys and secrets follow from the seed, so anyone who knows it can act as them.'
      : '  demo agents: off (--demo-agents creates them; their credentials follow from the seed).',
  );
  lines.push(
    o.webhookTargets === 'public'
      ? '  webhook targets: public only (no loopback, private or link-local addresses).'
      : `  webhook targets: ${o.webhookTargets} (--webhook-targets): agents can make this mock call addresses on its own network, and /__nx/webhooks reports each attempt.`,
  );
  lines.push('  API keys and secrets: random (node:crypto); --deterministic-keys is refused here.');
  return lines;
}
