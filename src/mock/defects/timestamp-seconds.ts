import { checkTimestamp } from '../../signing/check-timestamp.js';
import { defineDefect, withSigning } from './defect.js';

export const timestampSeconds = defineDefect({
  name: 'timestamp-seconds',
  description: 'The server reads X-NX-Timestamp as seconds, comparing it with its clock in ms/1000.',
  caughtBy: ['signature.canonical-accepted', 'timestamp.seconds-rejected'],
  // Seconds × 1000 compared with the ms clock: a value in seconds passes, a correct one in ms is centuries ahead.
  apply: (parts) => withSigning(parts, { checkTimestamp: (header, now) => checkTimestamp(header === undefined ? undefined : String(Number(header) * 1000), now) }),
});
