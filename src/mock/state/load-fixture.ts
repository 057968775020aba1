// Loading a fixture into a running mock (PUT /__nx/state, --state-from, startTestMock({ state })):
// convert and check it completely, then replace the state in one step.
import type { MockContext } from '../http/mock-context.js';
import { fixtureEnv } from './fixture/fixture-env.js';
import { fixtureToState } from './fixture/import-fixture.js';
import { StateFixtureError } from './fixture/problems.js';
import { applyState, stateProblems } from './mock-state.js';

/** Replaces the mock's state with the fixture's; throws StateFixtureError and changes nothing when it cannot. */
export function loadFixture(ctx: MockContext, fixture: unknown): void {
  const state = fixtureToState(fixture, fixtureEnv(ctx));
  const problems = stateProblems(ctx, state);
  if (problems.length > 0) throw new StateFixtureError('state', problems.map((message) => ({ pointer: '', message })));
  applyState(ctx, state);
  ctx.persistence?.replaceAll();
}
