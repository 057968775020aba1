// The mutation harness's instrumenter: with no mutant active the code behaves as written and
// reports which mutants it reached; with one active, exactly that mutant's change applies.
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { instrument } from '../../scripts/mutation/instrument.js';

const SOURCE = `
export function allowed(used: number, limit: number, strict: boolean): boolean {
  if (strict) {
    return used < limit;
  }
  let left = limit - used;
  left += 1;
  return left > 0 && Math.max(left, 0) > 0;
}
`;

function load(code: string): (used: number, limit: number, strict: boolean) => boolean {
  const js = ts.transpileModule(code, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
  const module = { exports: {} as Record<string, unknown> };
  new Function('module', 'exports', js)(module, module.exports);
  return module.exports.allowed as (used: number, limit: number, strict: boolean) => boolean;
}

describe('instrument', () => {
  const { code, mutants } = instrument('demo.ts', SOURCE, 1);
  const allowed = load(code);
  const g = globalThis as unknown as { __nxMutant: number; __nxHit: (...ids: number[]) => void };
  const hits = new Set<number>();
  g.__nxHit = (...ids) => ids.forEach((id) => hits.add(id));

  it('finds the mutants of each kind, with stable keys', () => {
    const kinds = new Set(mutants.map((m) => m.mutator));
    expect([...kinds].sort()).toEqual(['ArithmeticOperator', 'AssignmentOperator', 'BlockStatement', 'ConditionalExpression', 'EqualityOperator', 'LogicalOperator', 'MethodExpression']);
    expect(mutants.find((m) => m.original === 'used < limit')?.key).toMatch(/^demo\.ts:4:12 EqualityOperator used <= limit$/);
  });

  it('behaves as written with no mutant active, and records what it reached', () => {
    g.__nxMutant = -1;
    hits.clear();
    expect(allowed(1, 2, true)).toBe(true);
    expect(allowed(2, 2, true)).toBe(false);
    const reached = mutants.filter((m) => hits.has(m.id)).map((m) => m.original);
    expect(reached).toContain('used < limit');
    expect(reached).not.toContain('limit - used');
  });

  it('applies exactly the active mutant', () => {
    const boundary = mutants.find((m) => m.original === 'used < limit' && m.replacement === 'used <= limit');
    g.__nxMutant = boundary?.id ?? 0;
    expect(allowed(2, 2, true)).toBe(true);
    const branch = mutants.find((m) => m.mutator === 'BlockStatement');
    g.__nxMutant = branch?.id ?? 0;
    expect(allowed(5, 2, true)).toBe(false); // falls through to the other path: left = -2
    const assign = mutants.find((m) => m.mutator === 'AssignmentOperator');
    g.__nxMutant = assign?.id ?? 0;
    expect(allowed(2, 2, false)).toBe(false); // left -= 1
    g.__nxMutant = -1;
    expect(allowed(2, 2, false)).toBe(true);
  });
});
