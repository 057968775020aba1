// The requirements matrix's rows: every normative statement of the spec and SIGNING.md, with a
// stable id, from openapi/requirements.yaml (shipped with the package).
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import { shippedFile } from '../../package-files.js';

export const Requirement = z
  .object({
    /** `area.subject[.rule]`, lower case: stable, never reused for another rule. */
    id: z.string().regex(/^[a-z][a-z0-9-]*(\.[a-z0-9-]+)+$/),
    /** Where the statement is: `spec#/json/pointer` or `SIGNING.md#section`. */
    source: z.string().min(1),
    text: z.string().min(1),
    /** Why a black box cannot check it; absent for checkable requirements. */
    uncheckable: z.string().min(20).optional(),
  })
  .strict();
export type Requirement = z.infer<typeof Requirement>;

const RequirementsFile = z.object({ requirements: z.array(Requirement).min(1) }).strict();

export const REQUIREMENTS_FILE = 'openapi/requirements.yaml';

let cached: Requirement[] | undefined;

/** The requirements, validated (well-formed, ids unique). */
export function loadRequirements(file: string | undefined = shippedFile(REQUIREMENTS_FILE)): Requirement[] {
  if (file === undefined) throw new Error(`nx-conformance: ${REQUIREMENTS_FILE} is missing from the package; reinstall nx-conformance.`);
  if (cached && file === shippedFile(REQUIREMENTS_FILE)) return cached;
  const parsed = RequirementsFile.safeParse(parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const seen = new Set<string>();
  for (const r of parsed.data.requirements) {
    if (seen.has(r.id)) throw new Error(`${file}: requirement id ${r.id} is listed twice`);
    seen.add(r.id);
  }
  if (file === shippedFile(REQUIREMENTS_FILE)) cached = parsed.data.requirements;
  return parsed.data.requirements;
}
