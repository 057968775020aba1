// Runs the steps of action.yml (a composite action) as GitHub's runner would: each `run:` script
// with `bash --noprofile --norc -eo pipefail`, its `env:` with `${{ inputs.* }}` filled in from
// the inputs (or their defaults), GITHUB_ACTION_PATH, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY set,
// stopping at the first step that fails. Other expressions are not supported and throw.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { cleanEnv, run } from './run.js';

interface ActionStep {
  name: string;
  id?: string;
  shell: string;
  run: string;
  env?: Record<string, string>;
}

export interface Action {
  inputs: Record<string, { required?: boolean; default?: string }>;
  runs: { using: string; steps: ActionStep[] };
}

export interface StepResult {
  name: string;
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface ActionRun {
  steps: StepResult[];
  /** The lines the steps wrote to $GITHUB_OUTPUT, as name → value. */
  outputs: Record<string, string>;
  /** What the steps appended to $GITHUB_STEP_SUMMARY. */
  summary: string;
}

export function loadAction(file: string): Action {
  return parse(readFileSync(file, 'utf8')) as Action;
}

function fill(value: string, inputs: Record<string, string>): string {
  return value.replace(/\$\{\{\s*([^}]*?)\s*\}\}/g, (_, expr: string) => {
    const input = /^inputs\.([\w-]+)$/.exec(expr);
    if (!input || !(input[1]! in inputs)) throw new Error(`action.yml: unsupported expression \${{ ${expr} }}`);
    return inputs[input[1]!]!;
  });
}

export async function runAction(action: Action, actionPath: string, given: Record<string, string>, cwd: string): Promise<ActionRun> {
  const inputs: Record<string, string> = {};
  for (const [name, spec] of Object.entries(action.inputs)) {
    const value = given[name] ?? spec.default;
    if (value === undefined && spec.required) throw new Error(`input ${name} is required`);
    inputs[name] = value ?? '';
  }
  const dir = mkdtempSync(join(tmpdir(), 'nx-action-'));
  const files = { GITHUB_OUTPUT: join(dir, 'output'), GITHUB_STEP_SUMMARY: join(dir, 'summary.md') };
  for (const f of Object.values(files)) writeFileSync(f, '');
  const steps: StepResult[] = [];
  for (const [i, step] of action.runs.steps.entries()) {
    if (step.shell !== 'bash') throw new Error(`step ${step.name}: only shell: bash is supported here`);
    const script = join(dir, `step-${i}.sh`);
    writeFileSync(script, step.run);
    const env = Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, fill(String(v), inputs)]));
    const result = await run('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], cwd, cleanEnv({ ...env, ...files, GITHUB_ACTION_PATH: actionPath, GITHUB_ACTIONS: 'true', CI: 'true' }));
    steps.push({ name: step.name, ...result });
    if (result.code !== 0) break;
  }
  const outputs = Object.fromEntries(
    readFileSync(files.GITHUB_OUTPUT, 'utf8').split('\n').filter(Boolean).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
  return { steps, outputs, summary: readFileSync(files.GITHUB_STEP_SUMMARY, 'utf8') };
}
