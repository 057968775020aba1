// nx-conformance/testing: helpers for people's own test suites.
export { startTestMock, type ReadyAgent, type TestMock } from './start-test-mock.js';
export { interceptApi, type Interception, type InterceptOptions } from './intercept-api.js';
export { stateBuilder, StateBuilder, AgentBuilder, type StateBuilderOptions, type AgentOptions, type FillOptions, type RestingOrderOptions, type WebhookOptions } from './state-builder.js';
export { StateFixtureError, type FixtureProblem } from '../mock/state/fixture/problems.js';
export type { StateFixture, StateFixtureInput } from '../mock/state/fixture-schema.js';
