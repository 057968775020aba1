// nx-conformance/testing: helpers for people's own test suites.
export { startTestMock, type ReadyAgent, type TestMock } from './start-test-mock.js';
export { interceptApi, type Interception, type InterceptOptions } from './intercept-api.js';
