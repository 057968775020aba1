// Seeded defects: realistic bugs an Agent Connect implementer could ship. `--defect NAME`
// switches one on in the mock, and the conformance runner's self-test proves that the check
// meant for each one fails. Each entry names the check(s) expected to catch it.

export const defectCatalogue = {
  'no-signature-check': 'Live requests are not signature-checked at all.',
  'wide-window': 'The timestamp window is ±300 s instead of ±30 s.',
  'timestamp-seconds': 'The server reads X-NX-Timestamp as seconds, comparing it with its clock in ms/1000.',
  'query-in-signature': 'The server signs the path with its query string.',
  'full-path-in-signature': 'The server signs the full /v1/agent path.',
  'permission-unchecked-orders': 'POST /orders does not check write:orders.',
  'no-rate-limit': 'The rate limit is not enforced.',
  'rate-limit-per-address': 'The rate limit is counted per client address instead of per agent.',
  'no-retry-after': '429 responses carry no Retry-After.',
  'ignore-max-position': 'maxPositionSize is ignored.',
  'unlatched-daily-loss': 'The daily-loss breaker resets as soon as the loss recovers.',
  'renamed-field': 'GET /market answers with `last` instead of `price`.',
  'plain-json-errors': 'Errors are sent as application/json {error: …} instead of problem+json.',
  'me-leaks-secret': 'GET /me returns the agent\'s apiSecret.',
  'cross-agent-read': 'One agent can read another agent\'s order.',
  'cancel-canceled': 'A cancelled order can be cancelled again (200).',
} as const;

export type DefectName = keyof typeof defectCatalogue;

export const defectNames = Object.keys(defectCatalogue) as DefectName[];

export function isDefectName(name: string): name is DefectName {
  return Object.hasOwn(defectCatalogue, name);
}

/** Parses `--defect` values; an unknown name fails with the list of valid ones. */
export function parseDefects(names: readonly string[]): Set<DefectName> {
  const unknown = names.filter((n) => !isDefectName(n));
  if (unknown.length > 0) {
    throw new Error(`Unknown defect ${unknown.map((n) => `'${n}'`).join(', ')}. Valid defects: ${defectNames.join(', ')}.`);
  }
  return new Set(names as DefectName[]);
}
