import { defineDefect, withSigning } from './defect.js';

export const queryInSignature = defineDefect({
  name: 'query-in-signature',
  description: 'The server signs the path with its query string.',
  caughtBy: ['signature.canonical-accepted', 'signature.query-not-signed'],
  apply: (parts) => withSigning(parts, { signedPath: (path, query) => (query === '' ? path : `${path}?${query}`) }),
});
