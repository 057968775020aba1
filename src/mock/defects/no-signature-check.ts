import { defineDefect, withSigning } from './defect.js';

export const noSignatureCheck = defineDefect({
  name: 'no-signature-check',
  description: 'Live requests are not signature-checked at all.',
  caughtBy: ['signature.missing-rejected', 'signature.wrong-secret-rejected'],
  // Sandbox requests that carry signing headers are still verified: only the live rule is lost.
  apply: (parts) => withSigning(parts, { mustSign: (mode, carries) => mode !== 'live' && carries }),
});
