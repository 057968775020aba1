// The machine-readable report (`--reporter json`) as a zod schema. It is the contract for tools
// that consume nx-conformance output, so it is versioned (`schemaVersion`) and published as a
// JSON Schema in schemas/conformance-report.schema.json (see write-report-schema.ts).
import { z } from 'zod';
import { FINDING_STATUSES, verdictOf, type CheckCategory, type Finding, type RunKind, type RunSummary, type Verdict } from '../findings.js';

// Listed here rather than derived from findings.ts, because a TS union has no runtime value.
// The type assertions at the bottom of the file fail to compile if the two drift apart.
const CATEGORIES = [
  'preflight',
  'schema',
  'signatures',
  'timestamp',
  'permissions',
  'rate-limits',
  'circuit-breakers',
  'orders',
  'client',
  'webhooks',
] as const satisfies readonly CheckCategory[];

const nonNegativeInt = z.number().int().nonnegative();

const ReportEvidence = z
  .object({
    request: z.object({
      method: z.string(),
      url: z.string(),
      headers: z.record(z.string(), z.string()),
      body: z.string(),
    }),
    response: z
      .object({
        status: z.number().int(),
        headers: z.record(z.string(), z.string()),
        body: z.string(),
      })
      .nullable()
      .describe('null when no response arrived (connection refused, timeout).'),
  })
  .describe('One HTTP exchange kept as evidence; secrets are redacted.');

const KINDS = ['server', 'client', 'webhook-receiver', 'proxy', 'self-test'] as const satisfies readonly RunKind[];
const VERDICTS = ['pass', 'fail', 'interrupted'] as const satisfies readonly Verdict[];
const Mode = z.enum(['sandbox', 'live']);

const findingBase = {
  checkId: z.string().min(1).describe('The check, e.g. signature.missing-rejected; the same id in every mode.'),
  title: z.string(),
  category: z.enum(CATEGORIES),
  mode: Mode.optional().describe('The agent mode the check ran in (server and client checks).'),
  scenario: z.string().optional().describe('The client-runner scenario the run was under.'),
  durationMs: z.number().nonnegative().describe('Milliseconds the check took.'),
  form: z.string().optional().describe("Which form of the check ran, e.g. 'control-clock' or 'wall-clock'."),
  requirements: z.array(z.string()).optional().describe('Ids of the requirements the check covers (requirements/requirements.yaml).'),
};

export const ReportFinding = z.discriminatedUnion('status', [
  z.object({ ...findingBase, status: z.literal('pass'), message: z.string() }),
  z.object({
    ...findingBase,
    status: z.literal('partial'),
    message: z.string().describe('What was tested and found right.'),
    untested: z.string().describe('What was left out.'),
    howToTest: z.string().describe('What would test it (the control API, --slow, …).'),
  }),
  z.object({
    ...findingBase,
    status: z.literal('fail'),
    message: z.string(),
    expected: z.string(),
    actual: z.string(),
    evidence: z.array(ReportEvidence),
    reproduce: z.string().describe('A curl command that shows the failure (secrets redacted or replaced by variables).'),
    spec: z.string().describe('The spec text the check enforces.'),
  }),
  z.object({
    ...findingBase,
    status: z.literal('skip'),
    message: z.string().describe('Why the check did not run.'),
    blockedBy: z.string().optional().describe('The finding that made the check pointless (e.g. preflight.clock-offset).'),
  }),
]);
export type ReportFinding = z.infer<typeof ReportFinding>;

export const ConformanceReport = z
  .object({
    schemaVersion: z.literal(2),
    tool: z.object({ name: z.literal('nx-conformance'), version: z.string().min(1) }),
    kind: z.enum(KINDS).describe('What was checked: a server, a client, a webhook receiver, traffic through the proxy, or the self-test.'),
    target: z.string().describe('The server URL (or client command) the checks ran against.'),
    modes: z.array(Mode).describe('The agent modes checked; empty where modes do not apply.'),
    startedAt: z.iso.datetime({ offset: true }),
    durationMs: z.number().nonnegative(),
    counts: z.object({ pass: nonNegativeInt, fail: nonNegativeInt, partial: nonNegativeInt, skip: nonNegativeInt }),
    strict: z.boolean().describe('Skips and partials count as failures (--strict).'),
    interrupted: z.boolean().describe('The run was stopped (Ctrl-C) before its end; findings are those of the checks that finished.'),
    verdict: z.enum(VERDICTS).describe("'fail' when a check failed (with strict: or was skipped or partial); 'interrupted' when the run was stopped."),
    defects: z
      .object({ caught: nonNegativeInt, total: nonNegativeInt })
      .optional()
      .describe('Present when the run was a self-test against seeded defects.'),
    findings: z.array(ReportFinding),
  })
  // Counts are redundant with findings; a report where they disagree is a bug in the producer,
  // and consumers (dashboards, CI gates) should be able to trust either. JSON Schema cannot
  // express this, so it is enforced only when parsing with zod.
  .superRefine((report, ctx) => {
    for (const status of FINDING_STATUSES) {
      const actual = report.findings.filter((f) => f.status === status).length;
      if (report.counts[status] !== actual) {
        ctx.addIssue({
          code: 'custom',
          path: ['counts', status],
          message: `counts.${status} is ${report.counts[status]} but ${actual} findings have status '${status}'`,
        });
      }
    }
    const verdict = verdictOf(report.counts, report.strict, report.interrupted);
    if (report.verdict !== verdict) {
      ctx.addIssue({ code: 'custom', path: ['verdict'], message: `verdict is '${report.verdict}' but the counts, strict and interrupted make it '${verdict}'` });
    }
    if (report.defects && report.defects.caught > report.defects.total) {
      ctx.addIssue({ code: 'custom', path: ['defects', 'caught'], message: 'more seeded defects caught than seeded' });
    }
  })
  .meta({
    title: 'nx-conformance report',
    description: 'Findings of one nx-conformance run against an Agent Connect API server or client.',
  });
export type ConformanceReport = z.infer<typeof ConformanceReport>;

// Compile-time guards: the schema must describe exactly the runner's types, both ways.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _findingMatches: Same<ReportFinding, Finding> = true;
const _categoriesMatch: Same<(typeof CATEGORIES)[number], CheckCategory> = true;
const _summaryMatches: Same<Omit<ConformanceReport, 'schemaVersion' | 'tool'>, RunSummary> = true;
