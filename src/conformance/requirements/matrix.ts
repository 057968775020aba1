// The requirements matrix: which checks cover each requirement, what is left uncovered, and which
// checks cite ids that do not exist. A test holds the catalogue to it (every checkable requirement
// covered, no unknown citation); `server --list --requirements` prints it; the README states it.
import type { Requirement } from './load-requirements.js';

/** Anything that covers requirements: a check of the catalogue, of the pre-flight, of another runner. */
export interface Covering {
  id: string;
  requirements?: readonly string[];
}

export interface MatrixRow {
  requirement: Requirement;
  /** Ids of the checks that cover it. */
  checks: string[];
}

export interface Matrix {
  rows: MatrixRow[];
  /** Checkable requirements no check covers. */
  uncovered: Requirement[];
  /** Requirement ids cited by a check that the requirements do not list. */
  unknown: Array<{ check: string; id: string }>;
  /** Uncheckable requirements a check claims to cover anyway. */
  claimedUncheckable: Array<{ check: string; id: string }>;
}

export function buildMatrix(requirements: readonly Requirement[], checks: readonly Covering[]): Matrix {
  const byId = new Map(requirements.map((r) => [r.id, r]));
  const rows = new Map(requirements.map((r) => [r.id, { requirement: r, checks: [] as string[] }]));
  const unknown: Matrix['unknown'] = [];
  const claimedUncheckable: Matrix['claimedUncheckable'] = [];
  for (const check of checks) {
    for (const id of new Set(check.requirements ?? [])) {
      const row = rows.get(id);
      if (!row) unknown.push({ check: check.id, id });
      else {
        row.checks.push(check.id);
        if (byId.get(id)?.uncheckable) claimedUncheckable.push({ check: check.id, id });
      }
    }
  }
  const all = [...rows.values()];
  return { rows: all, uncovered: all.filter((r) => !r.requirement.uncheckable && r.checks.length === 0).map((r) => r.requirement), unknown, claimedUncheckable };
}

export interface MatrixFigures {
  requirements: number;
  checkable: number;
  covered: number;
  uncheckable: number;
}

export function matrixFigures(matrix: Matrix): MatrixFigures {
  const checkable = matrix.rows.filter((r) => !r.requirement.uncheckable);
  return {
    requirements: matrix.rows.length,
    checkable: checkable.length,
    covered: checkable.filter((r) => r.checks.length > 0).length,
    uncheckable: matrix.rows.length - checkable.length,
  };
}

/** The matrix for people: one block per requirement (id, what covers it or why nothing can), then the figures. */
export function renderMatrix(matrix: Matrix): string {
  const out: string[] = [];
  for (const { requirement: r, checks } of matrix.rows) {
    const covered = r.uncheckable ? `uncheckable: ${r.uncheckable}` : checks.length > 0 ? `checked by ${checks.join(', ')}` : 'NOT COVERED by any check';
    out.push(`${r.id}\t${r.text}\n\t${covered}\n\t(${r.source})`);
  }
  const f = matrixFigures(matrix);
  out.push('', `${f.requirements} requirements: ${f.checkable} checkable, ${f.covered} of them covered by a check; ${f.uncheckable} cannot be checked from outside (the reason is given)`);
  return `${out.join('\n')}\n`;
}
