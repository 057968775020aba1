// The request rules as an ordered list of named stages (Prism's pipeline): route, body size,
// authentication, quota, permission, body parsing, input validation. A stage can be replaced by
// name, which is how a seeded defect swaps one rule and keeps the rest.
import { operationList } from '../generated/operations.js';
import { SIGNING_BASE_PATH } from '../signing/constants.js';
import type { Stage, StageName } from './judging.js';
import { createRouter, type Router } from './match-route.js';
import { authBudgetStage } from './stages/auth-budget.js';
import { authenticateStage } from './stages/authenticate.js';
import { authorizeStage } from './stages/authorize.js';
import { bodySizeStage } from './stages/body-size.js';
import { parseBodyStage } from './stages/parse-body.js';
import { rateLimitStage } from './stages/rate-limit.js';
import { routeStage } from './stages/route.js';
import { validateInputStage } from './stages/validate-input.js';

export type Pipeline = readonly Stage[];

/** The router of the Agent Connect API, from the generated operation table. */
export const apiRouter: Router = createRouter(operationList);

/** Every rule of the Agent Connect API, in the order a server applies them. */
export const apiPipeline: Pipeline = [
  routeStage(apiRouter, SIGNING_BASE_PATH),
  authBudgetStage,
  bodySizeStage,
  authenticateStage(),
  rateLimitStage,
  authorizeStage,
  parseBodyStage,
  validateInputStage,
];

/** An unauthenticated API (the mock's control API): routing and input only. */
export function inputOnlyPipeline(router: Router, basePath: string): Pipeline {
  return [routeStage(router, basePath), bodySizeStage, parseBodyStage, validateInputStage];
}

/** The pipeline with the stage `name` replaced; the stage must exist (a typo would silently do nothing). */
export function replaceStage(pipeline: Pipeline, name: StageName, replace: (current: Stage) => Stage): Pipeline {
  if (!pipeline.some((s) => s.name === name)) throw new Error(`No stage '${name}' in the pipeline (${pipeline.map((s) => s.name).join(', ')}).`);
  return pipeline.map((s) => (s.name === name ? replace(s) : s));
}
