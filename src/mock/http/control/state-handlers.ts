// GET /__nx/state (the state as a fixture) and PUT /__nx/state (replace it with one).
import { loadFixture } from '../../state/load-fixture.js';
import { captureState } from '../../state/mock-state.js';
import { stateToFixture } from '../../state/fixture/export-fixture.js';
import { StateFixtureError } from '../../state/fixture/problems.js';
import type { ControlHandler } from './control-handlers.js';
import { HttpProblem } from '../../../rules/problems.js';
import { iso } from '../serialize.js';

export const exportState: ControlHandler<'exportState'> = (ctx, input) => {
  return { status: 200, body: stateToFixture(captureState(ctx), { secrets: input.query.secrets === 'include' }) };
};

export const importState: ControlHandler<'importState'> = (ctx, input) => {
  try {
    loadFixture(ctx, input.body);
  } catch (error) {
    if (!(error instanceof StateFixtureError)) throw error;
    const errors = error.problems.map((p) => ({ location: 'body', pointer: p.pointer, message: p.message, code: error.kind === 'schema' ? 'fixture_schema' : 'impossible_state' }));
    throw new HttpProblem('validation_failed', error.message, { status: error.kind === 'schema' ? 400 : 422, extras: { errors } });
  }
  const stats = ctx.engine.stats();
  const now = ctx.clock.now();
  return {
    status: 200,
    body: { agents: stats.agents, orders: stats.orders, restingOrders: stats.restingOrders, webhooks: ctx.webhooks.all().length, clock: { kind: ctx.clock.kind, now: iso(now), nowMs: now } },
  };
};
