// The catalogue: every check, in the order the runner runs them. One list for the mock, for the
// seeded defects and for anyone's server.
import type { Check } from './check.js';
import { authChecks } from './checks/catalogue-part-auth.js';
import { apiChecks } from './checks/catalogue-part-api.js';
import { missingSignatureRejected } from './checks/signatures/missing-signature-rejected.js';

export const catalogue: readonly Check[] = [missingSignatureRejected, ...authChecks, ...apiChecks];
