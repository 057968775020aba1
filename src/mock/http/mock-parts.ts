// The replaceable parts of one mock: its request rules, its operation handlers, how a problem goes
// on the wire, and the engine's policies. A seeded defect (src/mock/defects/) is a function from
// parts to parts; the mock is built from the result, so production code holds no defect branches.
import type { Pipeline } from '../../rules/pipeline.js';
import { apiPipeline } from '../../rules/pipeline.js';
import { problemBody, type Problem } from '../../rules/problems.js';
import type { EngineStrategies } from '../engine/index.js';
import type { Handlers } from './handlers/handler.js';
import { handlers } from './handlers/index.js';

export interface RenderedProblem {
  contentType: string;
  text: string;
}

export interface MockParts {
  /** The public API's request rules (src/rules), stage by stage. */
  readonly pipeline: Pipeline;
  /** One handler per operationId. */
  readonly handlers: Handlers;
  /** A problem as it goes on the wire. */
  renderProblem(problem: Problem, requestId: string): RenderedProblem;
  /** Engine policies replacing the API's rules (none by default). */
  readonly engine: Partial<EngineStrategies>;
}

export const defaultParts: MockParts = {
  pipeline: apiPipeline,
  handlers,
  renderProblem: (problem, requestId) => ({ contentType: 'application/problem+json', text: JSON.stringify(problemBody(problem, requestId)) }),
  engine: {},
};
