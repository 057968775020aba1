// The machine-readable report (`--reporter json`) as a zod schema. It is the contract for tools
// that consume nx-conformance output, so it is versioned (`schemaVersion`) and published as a
// JSON Schema in schemas/conformance-report.schema.json (see write-report-schema.ts).
import { z } from 'zod';
import type { CheckCategory, Finding, RunSummary } from '../findings.js';

// Listed here rather than derived from findings.ts, because a TS union has no runtime value.
// The type assertions at the bottom of the file fail to compile if the two drift apart.
const CATEGORIES = [
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

const findingBase = {
  checkId: z.string().min(1),
  title: z.string(),
  category: z.enum(CATEGORIES),
  durationMs: z.number().nonnegative().describe('Milliseconds the check took.'),
  form: z.string().optional().describe("Which form of the check ran, e.g. 'control-clock' or 'wall-clock'."),
};

export const ReportFinding = z.discriminatedUnion('status', [
  z.object({ ...findingBase, status: z.literal('pass'), message: z.string() }),
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
  z.object({ ...findingBase, status: z.literal('skip'), message: z.string().describe('Why the check did not run.') }),
]);
export type ReportFinding = z.infer<typeof ReportFinding>;

export const ConformanceReport = z
  .object({
    schemaVersion: z.literal(1),
    tool: z.object({ name: z.literal('nx-conformance'), version: z.string().min(1) }),
    target: z.string().describe('The server URL (or client command) the checks ran against.'),
    mode: z.string(),
    startedAt: z.iso.datetime({ offset: true }),
    durationMs: z.number().nonnegative(),
    counts: z.object({ pass: nonNegativeInt, fail: nonNegativeInt, skip: nonNegativeInt }),
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
    for (const status of ['pass', 'fail', 'skip'] as const) {
      const actual = report.findings.filter((f) => f.status === status).length;
      if (report.counts[status] !== actual) {
        ctx.addIssue({
          code: 'custom',
          path: ['counts', status],
          message: `counts.${status} is ${report.counts[status]} but ${actual} findings have status '${status}'`,
        });
      }
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
