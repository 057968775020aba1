// A seeded defect: a realistic bug an Agent Connect implementer could ship, as an override of the
// mock's parts (a rule, a stage, a handler, the problem renderer or an engine policy). Switching it
// on (`--defect NAME`) builds the mock from `apply(defaultParts)`; nothing else changes.
import type { Stage, StageName } from '../../rules/judging.js';
import type { Gcra, RateDecision } from '../../rules/gcra.js';
import { replaceStage } from '../../rules/pipeline.js';
import type { RawRequest } from '../../rules/raw-request.js';
import type { KnownAgent } from '../../rules/rule-state.js';
import { applyDecision } from '../../rules/stages/rate-limit.js';
import { authenticateStage } from '../../rules/stages/authenticate.js';
import { signingRules, type SigningRules } from '../../rules/stages/signing-rules.js';
import type { OperationId } from '../../generated/operations.js';
import type { Handler } from '../http/handlers/handler.js';
import type { MockParts } from '../http/mock-parts.js';

export interface Defect {
  readonly name: string;
  /** The bug, in one sentence. */
  readonly description: string;
  /**
   * The checks of the conformance catalogue that must fail while this defect is on: the
   * self-test's proof that the catalogue catches it.
   */
  readonly caughtBy: readonly string[];
  apply(parts: MockParts): MockParts;
}

/** Keeps the defect's name as a literal type, so DefectName lists the real names. */
export function defineDefect<const N extends string>(defect: Defect & { name: N }): Defect & { name: N } {
  return defect;
}

/** Parts with one request-rule stage replaced. */
export function withStage(parts: MockParts, name: StageName, replace: (current: Stage) => Stage): MockParts {
  return { ...parts, pipeline: replaceStage(parts.pipeline, name, replace) };
}

/**
 * Parts whose per-agent quota is decided differently (registrations, and agents the judge does
 * not know, keep the rule); the decision is applied as the rule applies its own.
 */
export function withAgentQuota(parts: MockParts, decide: (quota: Gcra, agent: KnownAgent, raw: RawRequest) => RateDecision): MockParts {
  return withStage(parts, 'rate-limit', (limit) => ({
    ...limit,
    run(j) {
      const quotas = j.state.quotas;
      if (j.op?.security === 'none' || !j.agent || !quotas) return limit.run(j);
      return applyDecision(j, decide(quotas.agent(j.agent), j.agent, j.raw), quotas.windowSeconds, 'this agent');
    },
  }));
}

/** Parts whose authentication follows different signing rules (SIGNING.md misread one way). */
export function withSigning(parts: MockParts, override: Partial<SigningRules>): MockParts {
  return withStage(parts, 'authenticate', () => authenticateStage({ ...signingRules, ...override }));
}

/** Parts with one operation's handler wrapped. */
export function withHandler<K extends OperationId>(parts: MockParts, operationId: K, wrap: (current: Handler<K>) => Handler<K>): MockParts {
  return { ...parts, handlers: { ...parts.handlers, [operationId]: wrap(parts.handlers[operationId]) } };
}
