// Public surface of the request-signing module (scheme: SIGNING.md).
export { stringToSign } from './string-to-sign.js';
export { signRequest } from './sign-request.js';
export { signedHeaders } from './signed-headers.js';
export { verifySignature } from './verify-signature.js';
export { checkTimestamp, type TimestampCheck } from './check-timestamp.js';
export { diagnoseSignature, type SignatureDiagnosis, type SignatureMistakeCode } from './diagnose-signature.js';
export {
  SIGNING_BASE_PATH,
  SIGNATURE_WINDOW_MS,
  KEY_HEADER,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
} from './constants.js';
