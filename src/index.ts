// nx-conformance: the public API. Everything importable is named here explicitly.

// The mock exchange
export { createMockApp, startMock, MOCK_DEFAULTS, defectCatalogue, defectNames } from './mock/index.js';
export type { MockApp, RunningMock, StartMockOptions, MockOptions, MockContext, DefectName } from './mock/index.js';

// Clients
export { createAgentClient, createControlClient, probeControl, rawRequest, RequestFailedError } from './client/index.js';
export type { AgentClient, AgentClientOptions, AgentCredentials, ApiResponse, ControlClient, Exchange, RawResponse, SendOptions } from './client/index.js';

// Signing (SIGNING.md)
export { signRequest, signedHeaders, stringToSign, verifySignature, checkTimestamp, diagnoseSignature } from './signing/index.js';
export type { SignatureDiagnosis, SignatureMistakeCode, TimestampCheck } from './signing/index.js';

// The conformance runner
export { catalogue } from './conformance/catalogue.js';
export { runChecks, ServerUnreachableError, type RunConfig } from './conformance/run-checks.js';
export type { Check } from './conformance/check.js';
export type { Outcome, AgentMode } from './conformance/outcome.js';
export type { Finding, RunSummary, Evidence, CheckCategory, Counts, Verdict, RunKind } from './conformance/findings.js';
export { renderPretty, renderJson, renderJunit, writeReports } from './conformance/report/index.js';

// Generated from the spec
export { operations, operationList } from './generated/operations.js';
export type { OperationId } from './generated/operations.js';
export type { OperationDef } from './rules/runtime.js';
export { TOOL_VERSION } from './version.js';
