// Broken on purpose: sends X-NX-Timestamp in milliseconds but signs the time in seconds.
// Expected finding: client.signature (mistake seconds_timestamp).
import { run } from './broken-client.js';

await run({ timestamp: (ms) => ({ header: String(ms), signed: String(Math.floor(ms / 1000)) }) });
