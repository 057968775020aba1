// Public surface of the client-side conformance runner.
export { runClientChecks, ENV_NAMES, UnknownScenarioError, type ClientRunOptions } from './run-client.js';
export { clientChecks } from './checks/index.js';
export { scenarios, scenarioNames, scenarioByName, type Scenario } from './scenarios/index.js';
export type { ClientCheck, ClientRun, ClientExit } from './client-check.js';
export { shellJoin } from './shell-join.js';
export {
  specViolations,
  authViolations,
  keyViolation,
  timestampViolation,
  signatureViolation,
  mustSign,
  operationOf,
  type RawRequest,
  type RuleViolation,
} from './request-rules.js';
