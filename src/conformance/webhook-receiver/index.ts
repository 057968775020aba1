// Checks a webhook receiver (someone's endpoint) the way the exchange's deliveries will test it,
// plus a reference receiver with seeded defects that proves the checks catch what they claim.
export { receiverChecks, type ReceiverCheck } from './checks.js';
export { RECEIVER_DEFECTS, receiverDefectCatalogue, startReferenceReceiver, type ReceiverDefect, type ReferenceReceiver } from './reference-receiver.js';
export { ReceiverUnreachableError, ReceiverUsageError, runReceiverChecks, type RunReceiverChecksOptions } from './run-receiver-checks.js';
export { TOLERANCE_SEC, verifyWebhook, type VerifyInput, type VerifyResult } from './verify.js';
