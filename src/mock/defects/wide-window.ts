import { checkTimestamp } from '../../signing/check-timestamp.js';
import { defineDefect, withSigning } from './defect.js';

export const wideWindow = defineDefect({
  name: 'wide-window',
  description: 'The timestamp window is ±300 s instead of ±30 s.',
  caughtBy: ['timestamp.outside-window-rejected', 'timestamp.window-edges-exact'],
  apply: (parts) => withSigning(parts, { checkTimestamp: (header, now) => checkTimestamp(header, now, 300_000) }),
});
