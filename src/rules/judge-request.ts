// judgeRequest(raw, state): the verdict of the request rules on one request, the same function for
// the mock, the validating proxy and the client runner. Runs the stages in order and stops at the
// first problem, which is the answer a server gives.
import { newJudging, type Judging, type StageName, type Undecided } from './judging.js';
import { apiPipeline, type Pipeline } from './pipeline.js';
import type { Problem } from './problems.js';
import type { RawRequest } from './raw-request.js';
import type { KnownAgent, RuleState } from './rule-state.js';

export interface Judgement<A extends KnownAgent = KnownAgent> {
  /** What a server answers; null when every rule that could be decided passed. */
  problem: Problem | null;
  /** The stage that refused, or null. */
  stage: StageName | null;
  /** Everything the stages found: operation, agent, quota decision, validated input. */
  judging: Judging<A>;
  /** Rules this judge could not decide for lack of knowledge. */
  undecided: readonly Undecided[];
}

/** Runs `stages` over a judging in order; the first problem ends the run. */
export function runStages<A extends KnownAgent>(j: Judging<A>, stages: Pipeline): Judgement<A> {
  for (const stage of stages) {
    const found = stage.run(j);
    if (found) return { problem: found, stage: stage.name, judging: j, undecided: j.undecided };
  }
  return { problem: null, stage: null, judging: j, undecided: j.undecided };
}

export function judgeRequest<A extends KnownAgent>(raw: RawRequest, state: RuleState<A>, pipeline: Pipeline = apiPipeline): Judgement<A> {
  return runStages(newJudging(raw, state), pipeline);
}
