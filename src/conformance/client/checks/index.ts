// The client-side catalogue: every check runs over every recorded run, in this order.
import type { ClientCheck } from '../client-check.js';
import { exitCheck } from './exit.js';
import { noSecretCheck } from './no-secret.js';
import { permissionsCheck } from './permissions.js';
import { rateLimitCheck } from './rate-limit.js';
import { sendsRequestsCheck } from './sends-requests.js';
import { signatureCheck } from './signature.js';
import { specValidCheck } from './spec-valid.js';
import { timestampCheck } from './timestamp.js';

export const clientChecks: readonly ClientCheck[] = [
  exitCheck,
  sendsRequestsCheck,
  signatureCheck,
  timestampCheck,
  specValidCheck,
  permissionsCheck,
  noSecretCheck,
  rateLimitCheck,
];
