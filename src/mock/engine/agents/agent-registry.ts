// Agent registration and lookups. Records are frozen and kept apart from secrets, so handing a
// record to anyone can never leak the HMAC secret; secretOf() is the only way to read one.
import { noteAccount } from '../state/change-journal.js';
import { createAccount } from '../trading/account.js';
import type { EngineContext } from '../trading/context.js';
import { utcDayStart } from '../risk/utc-day.js';
import { keyPrefix, makeApiKey, randomHex, stableHexId } from './make-key.js';
import type { AgentRecord, RegisterAgentInput, RegisteredAgent } from './types.js';
import { validateAgentInput } from './validate-agent.js';

export function registerAgent(ctx: EngineContext, input: RegisterAgentInput): RegisteredAgent {
  const valid = validateAgentInput(input, ctx.config);
  let apiKey = makeApiKey(valid.mode, ctx.keySource());
  while (ctx.state.agentIdByKey.has(apiKey)) apiKey = makeApiKey(valid.mode, ctx.keySource());
  let agentId = randomHex(ctx.rng, 24, 'agent_');
  while (ctx.state.agents.has(agentId)) agentId = randomHex(ctx.rng, 24, 'agent_');
  return store(ctx, valid, agentId, apiKey, ctx.secretSource());
}

/**
 * The deterministic demo agent: fixed key and secret, and an id derived from the key so it is the
 * same after every reset(). Throws (programming error) if the key is already registered.
 */
export function registerDemoAgent(
  ctx: EngineContext,
  input: RegisterAgentInput,
  apiKey: string,
  apiSecret: string,
): RegisteredAgent {
  const valid = validateAgentInput(input, ctx.config);
  if (typeof apiKey !== 'string' || apiKey.length === 0 || typeof apiSecret !== 'string' || apiSecret.length === 0) {
    throw new TypeError('registerDemoAgent needs a non-empty key and secret');
  }
  if (ctx.state.agentIdByKey.has(apiKey)) throw new Error(`API key ${apiKey} is already registered`);
  const agentId = `agent_${stableHexId(apiKey)}`;
  if (ctx.state.agents.has(agentId)) throw new Error(`agent ${agentId} is already registered`);
  return store(ctx, valid, agentId, apiKey, apiSecret);
}

function store(
  ctx: EngineContext,
  valid: ReturnType<typeof validateAgentInput>,
  agentId: string,
  apiKey: string,
  apiSecret: string,
): RegisteredAgent {
  const now = ctx.clock.now();
  const agent: AgentRecord = Object.freeze({
    agentId,
    name: valid.name,
    permissions: Object.freeze([...valid.permissions]),
    mode: valid.mode,
    apiKey,
    rateLimitPerMinute: ctx.config.defaultRateLimit,
    dailyLossLimit: valid.dailyLossLimit,
    maxPositionSize: valid.maxPositionSize,
    createdAt: now,
  });
  ctx.state.agents.set(agentId, agent);
  ctx.state.agentIdByKey.set(apiKey, agentId);
  ctx.state.secrets.set(agentId, apiSecret);
  announceCredentials(ctx, apiKey, apiSecret);
  const account = createAccount(agentId, ctx.config.startingCash, utcDayStart(now), {
    dailyLossLimit: valid.dailyLossLimit,
    maxPositionSize: valid.maxPositionSize,
  });
  ctx.state.accounts.set(agentId, account);
  noteAccount(ctx, account);
  return { agent, apiSecret };
}

/**
 * Tells the credential listener an agent's secret and key body (every key shares its
 * nx_test_/nx_live_ prefix, which is no secret), so logs and the journal can redact them.
 * Registration calls it, and so does an import of agents from a state file or a fixture.
 */
export function announceCredentials(ctx: EngineContext, apiKey: string, apiSecret: string): void {
  ctx.onCredential?.(apiSecret);
  const prefix = [keyPrefix('sandbox'), keyPrefix('live')].find((p) => apiKey.startsWith(p));
  ctx.onCredential?.(prefix === undefined ? apiKey : apiKey.slice(prefix.length));
}
