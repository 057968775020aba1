// The ten slowest test files of a run, from vitest's JSON report (.ci/run writes .ci-results.json
// and prints this after the run): where to look first when the suite gets slow.
//   node --import tsx test/support/slowest-files.ts .ci-results.json
// vitest's JSON gives each file the span from its first test's start to its last test's end, so
// module import, collection and beforeAll hooks are not in the figure.
import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

interface JsonReport {
  testResults: { name: string; startTime: number; endTime: number; assertionResults: unknown[] }[];
}

export interface FileTime {
  file: string;
  ms: number;
  tests: number;
}

export function slowestFiles(report: JsonReport, count = 10, root = process.cwd()): FileTime[] {
  return report.testResults
    .map((r) => ({ file: relative(root, r.name), ms: Math.max(0, r.endTime - r.startTime), tests: r.assertionResults.length }))
    .sort((a, b) => b.ms - a.ms || a.file.localeCompare(b.file))
    .slice(0, count);
}

export function formatSlowest(rows: readonly FileTime[]): string {
  const lines = rows.map((r) => `${(r.ms / 1000).toFixed(1).padStart(7)} s  ${String(r.tests).padStart(4)} tests  ${r.file}`);
  return [`The ${rows.length} slowest test files (first test's start to last test's end; imports and beforeAll not included):`, ...lines].join('\n');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const path = process.argv[2] ?? '.ci-results.json';
  console.log(formatSlowest(slowestFiles(JSON.parse(readFileSync(path, 'utf8')) as JsonReport)));
}
