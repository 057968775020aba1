// Which checks must fail for each seeded defect: the proof that the catalogue catches it.
// Every defect of the mock is listed (a test keeps this in step with src/mock/defects.ts).
import type { DefectName } from '../../mock/defects.js';

export const defectExpectations: Record<DefectName, readonly string[]> = {
  'no-signature-check': ['signature.missing-rejected', 'signature.wrong-secret-rejected'],
  'wide-window': ['timestamp.outside-window-rejected', 'timestamp.window-edges-exact'],
  'timestamp-seconds': ['signature.canonical-accepted', 'timestamp.seconds-rejected'],
  'query-in-signature': ['signature.canonical-accepted', 'signature.query-not-signed'],
  'full-path-in-signature': ['signature.canonical-accepted', 'signature.full-path-rejected'],
  'permission-unchecked-orders': ['permission.each-operation'],
  'no-rate-limit': ['rate-limit.burst-then-429'],
  'rate-limit-per-address': ['rate-limit.per-agent'],
  'no-retry-after': ['rate-limit.burst-then-429'],
  'ignore-max-position': ['breaker.max-position-enforced'],
  'unlatched-daily-loss': ['breaker.daily-loss-latches'],
  'renamed-field': ['schema.market'],
  'plain-json-errors': ['schema.errors-are-problem-json'],
  'me-leaks-secret': ['permission.secret-never-returned'],
  'cross-agent-read': ['permission.cross-agent-orders'],
  'cancel-canceled': ['orders.finished-not-modifiable'],
};
