// The seeded defects, one file each. `--defect NAME` switches one on in the mock, and the
// conformance runner's self-test proves that the checks each one names in `caughtBy` fail.
// Adding a defect: write its file in defects/, list it here (docs/architecture.md, "Add a seeded defect").
import type { MockParts } from './http/mock-parts.js';
import { cancelCanceled } from './defects/cancel-canceled.js';
import { crossAgentRead } from './defects/cross-agent-read.js';
import type { Defect } from './defects/defect.js';
import { fullPathInSignature } from './defects/full-path-in-signature.js';
import { ignoreMaxPosition } from './defects/ignore-max-position.js';
import { meLeaksSecret } from './defects/me-leaks-secret.js';
import { noRateLimit } from './defects/no-rate-limit.js';
import { noRetryAfter } from './defects/no-retry-after.js';
import { noSignatureCheck } from './defects/no-signature-check.js';
import { permissionUncheckedOrders } from './defects/permission-unchecked-orders.js';
import { plainJsonErrors } from './defects/plain-json-errors.js';
import { queryInSignature } from './defects/query-in-signature.js';
import { rateLimitPerAddress } from './defects/rate-limit-per-address.js';
import { renamedField } from './defects/renamed-field.js';
import { timestampSeconds } from './defects/timestamp-seconds.js';
import { unlatchedDailyLoss } from './defects/unlatched-daily-loss.js';
import { wideWindow } from './defects/wide-window.js';

export type { Defect } from './defects/defect.js';

export const defects = [
  noSignatureCheck,
  wideWindow,
  timestampSeconds,
  queryInSignature,
  fullPathInSignature,
  permissionUncheckedOrders,
  noRateLimit,
  rateLimitPerAddress,
  noRetryAfter,
  ignoreMaxPosition,
  unlatchedDailyLoss,
  renamedField,
  plainJsonErrors,
  meLeaksSecret,
  crossAgentRead,
  cancelCanceled,
] as const satisfies readonly Defect[];

export type DefectName = (typeof defects)[number]['name'];

export const defectNames: readonly DefectName[] = defects.map((d) => d.name);

/** Name → description, for --list-defects and the docs. */
export const defectCatalogue = Object.fromEntries(defects.map((d) => [d.name, d.description])) as Record<DefectName, string>;

export function isDefectName(name: string): name is DefectName {
  return (defectNames as readonly string[]).includes(name);
}

export function defectNamed(name: DefectName): Defect {
  return defects.find((d) => d.name === name) as Defect;
}

/** Parses `--defect` values; an unknown name fails with the list of valid ones. */
export function parseDefects(names: readonly string[]): DefectName[] {
  const unknown = names.filter((n) => !isDefectName(n));
  if (unknown.length > 0) {
    throw new Error(`Unknown defect ${unknown.map((n) => `'${n}'`).join(', ')}. Valid defects: ${defectNames.join(', ')}.`);
  }
  return [...new Set(names as DefectName[])];
}

/** The mock's parts with each named defect applied, in the order given. */
export function applyDefects(parts: MockParts, names: readonly DefectName[]): MockParts {
  return names.reduce((current, name) => defectNamed(name).apply(current), parts);
}
