// The verdict suite is only worth its agreement if it notices disagreement: plant a divergence in
// the judge's rules (or in the mock) and the suite must report it, naming the request.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { judgeRecorded, recordingState } from '../../src/conformance/client/request-rules.js';
import { MOCK_DEFAULTS } from '../../src/mock/http/mock-options.js';
import { judgeRequest } from '../../src/rules/judge-request.js';
import { apiPipeline, replaceStage } from '../../src/rules/pipeline.js';
import { problem } from '../../src/rules/problems.js';
import { headerOf } from '../../src/rules/raw-request.js';
import { authenticateStage } from '../../src/rules/stages/authenticate.js';
import { signingRules } from '../../src/rules/stages/signing-rules.js';
import { checkTimestamp } from '../../src/signing/check-timestamp.js';
import type { Pipeline } from '../../src/rules/pipeline.js';
import { collectMismatches, suiteRequests, type Judge } from './support/verdict-suite.js';
import { startVerdictWorld, type VerdictWorld, type WorldAgent } from './support/verdict-world.js';

const stateFor = (agents: readonly WorldAgent[]) =>
  recordingState({ agents, complete: true, quotas: { perAgentPerMinute: MOCK_DEFAULTS.rateLimit, registrationsPerMinute: MOCK_DEFAULTS.registerRateLimit } });

function judgeWith(agents: readonly WorldAgent[], pipeline: Pipeline): Judge {
  const state = stateFor(agents);
  return { judge: (raw) => judgeRequest(raw, state, pipeline) };
}

describe('the verdict suite catches a planted divergence', () => {
  // A fresh mock per plant: its quotas must start where the fresh judge's do.
  let world: VerdictWorld;
  beforeEach(async () => {
    world = await startVerdictWorld();
  });
  afterEach(() => world.close());

  it('a judge whose window is one second wider: the requests 31 s ahead are reported', async () => {
    const wider = replaceStage(apiPipeline, 'authenticate', () => authenticateStage({ ...signingRules, checkTimestamp: (h, now) => checkTimestamp(h, now, 31_000) }));
    const { mismatches } = await collectMismatches(world, judgeWith(world.agents, wider), {}, suiteRequests(world.agents));
    expect(mismatches.length).toBeGreaterThan(0);
    for (const m of mismatches) {
      expect(m.mock.code).toBe('timestamp_out_of_window');
      expect(m.judge.code).not.toBe('timestamp_out_of_window');
    }
  }, 120_000);

  it("the old client-runner rule (a sandbox request with an empty X-NX-Signature must be signed) is reported", async () => {
    // What request-rules.ts did before the rules were shared: an empty header counted as present.
    const old = replaceStage(apiPipeline, 'authenticate', (authenticate) => ({
      ...authenticate,
      run(j) {
        const key = headerOf(j.raw, 'x-nx-key') ?? '';
        if (key.startsWith('nx_test_') && headerOf(j.raw, 'x-nx-signature') === '' && j.op?.security === 'agent') {
          return problem('missing_signature', 'X-NX-Signature is missing (live keys sign every request)');
        }
        return authenticate.run(j);
      },
    }));
    const { mismatches } = await collectMismatches(world, judgeWith(world.agents, old), {}, suiteRequests(world.agents));
    expect(mismatches.length).toBeGreaterThan(0);
    expect(mismatches.every((m) => m.judge.code === 'missing_signature' && m.request.includes('x-nx-signature: ""'))).toBe(true);
  }, 120_000);

  it('a mock whose stage diverges (the wide-window defect) is reported against the shared rules', async () => {
    await world.close();
    world = await startVerdictWorld({ defects: ['wide-window'] });
    const { mismatches } = await collectMismatches(world, judgeWith(world.agents, apiPipeline), {}, suiteRequests(world.agents));
    expect(mismatches.length).toBeGreaterThan(0);
    expect(mismatches.every((m) => m.judge.code === 'timestamp_out_of_window' && m.mock.code !== 'timestamp_out_of_window')).toBe(true);
  }, 120_000);

  it('a judge that leaves a rule undecided without an exemption is reported, with the rule named', async () => {
    const full = stateFor(world.agents);
    const knowsNoPermissions = { ...full, agentByKey: (key: string) => {
      const agent = full.agentByKey(key);
      return agent ? { ...agent, permissions: undefined } : agent;
    } };
    const judge: Judge = { judge: (raw) => judgeRecorded(raw, knowsNoPermissions) };
    const { mismatches } = await collectMismatches(world, judge, {}, suiteRequests(world.agents, 60));
    expect(mismatches.some((m) => m.why === 'left authorize undecided without an exemption')).toBe(true);
  }, 120_000);
});
