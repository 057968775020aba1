import { SIGNING_BASE_PATH } from '../../signing/constants.js';
import { defineDefect, withSigning } from './defect.js';

export const fullPathInSignature = defineDefect({
  name: 'full-path-in-signature',
  description: 'The server signs the full /v1/agent path.',
  caughtBy: ['signature.canonical-accepted', 'signature.full-path-rejected'],
  apply: (parts) => withSigning(parts, { signedPath: (path) => SIGNING_BASE_PATH + path }),
});
