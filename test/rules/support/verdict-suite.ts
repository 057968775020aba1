// The shared verdict suite, hono-style: runVerdictSuite({ name, newJudge, skip }) feeds the same
// raw requests (every signing vector, and hundreds generated with fast-check) to the mock over HTTP
// and to a judge, and requires the judge's verdict to be the mock's. A judge may leave a rule
// undecided only where `skip` exempts that stage, with the reason; it may never refuse what the
// mock accepts, nor refuse with another code.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RawRequestRecord } from '../../../src/mock/http/journal.js';
import type { Judgement } from '../../../src/rules/judge-request.js';
import type { StageName } from '../../../src/rules/judging.js';
import type { RawRequest } from '../../../src/rules/raw-request.js';
import { generatedRequests, vectorRequests } from './request-cases.js';
import { startVerdictWorld, type VerdictWorld, type WireRequest, type WorldAgent } from './verdict-world.js';

export interface Judge {
  judge(raw: RawRequest): Judgement;
}

/** Stages a judge may leave undecided, each with the reason it cannot decide them. */
export type Exemptions = Partial<Record<StageName, string>>;

export interface VerdictSuite {
  name: string;
  /** A fresh judge for the world's agents (called once per suite run, before the first request). */
  newJudge(agents: readonly WorldAgent[]): Judge;
  skip?: Exemptions;
}

interface Verdict {
  /** null: every rule passed (whatever the operation then answered). */
  code: string | null;
  status: number | null;
  stage: string | null;
}

export interface Mismatch {
  request: string;
  mock: Verdict;
  judge: Verdict & { undecided: string[] };
  why: string;
}

export const GENERATED = 300;
const ALL_STAGES: readonly StageName[] = ['route', 'auth-budget', 'body-size', 'authenticate', 'rate-limit', 'authorize', 'parse-body', 'validate-input'];
const GENERATED_START = Date.parse('2026-01-05T12:00:00Z');

/** What the mock's answer says of its rules: refused by a stage (with code), or passed them. */
function mockVerdict(rec: RawRequestRecord): Verdict {
  const byRule = rec.refusedBy !== null && rec.refusedBy !== undefined && rec.refusedBy !== 'handler';
  return byRule ? { code: rec.problemCode, status: rec.status, stage: rec.refusedBy ?? null } : { code: null, status: null, stage: null };
}

function describeRequest(req: WireRequest): string {
  const headers = Object.entries(req.headers).map(([k, v]) => `${k}: ${JSON.stringify(v)}`).join('; ');
  const body = req.body.length > 200 ? `${req.body.length} bytes` : JSON.stringify(req.body.toString('latin1'));
  return `${req.method} ${req.path}${req.query ? `?${req.query}` : ''} at ${req.at} [${headers}] body ${body}`;
}

/** One comparison; null when the judge agrees (or is exempt where it could not decide). */
export function compare(req: WireRequest, rec: RawRequestRecord, judgement: Judgement, skip: Exemptions): Mismatch | null {
  const mock = mockVerdict(rec);
  const undecided = judgement.undecided.map((u) => u.stage);
  const judge = { code: judgement.problem?.code ?? null, status: judgement.problem?.status ?? null, stage: judgement.stage, undecided };
  const unexempt = undecided.filter((s) => skip[s] === undefined);
  const mismatch = (why: string): Mismatch => ({ request: describeRequest(req), mock, judge, why });
  if (unexempt.length > 0) return mismatch(`left ${unexempt.join(', ')} undecided without an exemption`);
  if (mock.code === judge.code && mock.status === judge.status) return null;
  // The mock refused by a rule this judge could not decide: exempt (the reason is in `skip`).
  if (mock.stage !== null && undecided.includes(mock.stage as StageName)) return null;
  return mismatch(judge.code === null ? `passed what the mock refused at ${mock.stage}` : `answered ${judge.status} ${judge.code} where the mock answered ${mock.status ?? 'past the rules'} ${mock.code ?? ''}`);
}

/** The raw request as the judges get it: the bytes sent, the headers as the mock parsed them. */
export function rawOf(req: WireRequest, rec: RawRequestRecord): RawRequest {
  return { method: req.method, path: req.path, query: req.query, headers: rec.headers, body: req.body, receivedAt: rec.receivedAt, clientAddress: rec.clientAddress };
}

export interface SuiteResult {
  mismatches: Mismatch[];
  /** How often each rule (stage) refused in the mock: the suite's coverage. */
  refusedBy: Record<string, number>;
}

/** Sends every request through the world, in order, and compares the judge's verdict with the mock's. */
export async function collectMismatches(world: VerdictWorld, judge: Judge, skip: Exemptions, requests: readonly WireRequest[]): Promise<SuiteResult> {
  const mismatches: Mismatch[] = [];
  const refusedBy: Record<string, number> = {};
  for (const req of requests) {
    const rec = await world.send(req);
    const stage = mockVerdict(rec).stage ?? 'none';
    refusedBy[stage] = (refusedBy[stage] ?? 0) + 1;
    const found = compare(req, rec, judge.judge(rawOf(req, rec)), skip);
    if (found) mismatches.push(found);
  }
  return { mismatches, refusedBy };
}

export function suiteRequests(agents: readonly WorldAgent[], generated = GENERATED): WireRequest[] {
  return [...vectorRequests(), ...generatedRequests(generated, GENERATED_START, agents)];
}

export function runVerdictSuite(suite: VerdictSuite): void {
  describe(`verdicts: ${suite.name} against the mock over HTTP`, () => {
    let world: VerdictWorld;
    beforeAll(async () => {
      world = await startVerdictWorld();
    });
    afterAll(() => world.close());

    it(`gives the mock's verdict on every signing vector and ${GENERATED} generated requests`, async () => {
      const requests = suiteRequests(world.agents);
      const { mismatches, refusedBy } = await collectMismatches(world, suite.newJudge(world.agents), suite.skip ?? {}, requests);
      expect(mismatches.slice(0, 5), `${mismatches.length} of ${requests.length} requests judged differently`).toEqual([]);
      // The requests must reach every rule, or agreement would prove little.
      for (const stage of ALL_STAGES) expect(refusedBy[stage] ?? 0, `requests refused by ${stage}`).toBeGreaterThan(0);
      expect(refusedBy.none ?? 0, 'requests that passed every rule').toBeGreaterThan(0);
    }, 120_000);
  });
}
