// The request rules: one pure implementation of how the Agent Connect API judges a request, shared
// by the mock exchange, the validating proxy and the client runner (docs/architecture.md).
export { judgeRequest, runStages, type Judgement } from './judge-request.js';
export { newJudging, type Judging, type Stage, type StageName, type Undecided } from './judging.js';
export { apiPipeline, apiRouter, inputOnlyPipeline, replaceStage, type Pipeline } from './pipeline.js';
export type { RawRequest } from './raw-request.js';
export { headerOf, presentHeader } from './raw-request.js';
export { DEFAULT_BODY_LIMIT, type KnownAgent, type Quotas, type RuleState } from './rule-state.js';
export { HttpProblem, problem, problemBody, problemTemplates, PROBLEM_TYPE_BASE, type Problem, type ProblemOptions } from './problems.js';
export { createRouter, isRouteMatch, type RouteMatch, type Router } from './match-route.js';
export { createGcra, type Gcra, type RateDecision } from './gcra.js';
export { ALL_PERMISSIONS, MODES, isPermission, type Mode, type Permission } from './permission.js';
export { issueLine, issueLines, validationIssues, type ValidationIssue } from './zod-issues.js';
export { signingRules, type SigningRules } from './stages/signing-rules.js';
export { apiKeyProblem, authenticateStage, KEY_PATTERN, missingSignature, modeOfKey, needsSigning, signatureProblem, timestampProblem } from './stages/authenticate.js';
export { rateLimitStage, rateLimitedProblem, applyDecision } from './stages/rate-limit.js';
export { addressKey } from './stages/address-key.js';
export { payloadTooLarge } from './stages/body-size.js';
export { validationProblem } from './stages/validate-input.js';
