// Which checks must fail for each seeded defect: the proof that the catalogue catches it. Each
// defect names its checks itself (`caughtBy` in src/mock/defects/<name>.ts), so adding a defect
// touches its own file and the mock's list only.
import { defects, type DefectName } from '../../mock/defects.js';

export const defectExpectations = Object.fromEntries(defects.map((d) => [d.name, d.caughtBy])) as Record<DefectName, readonly string[]>;
