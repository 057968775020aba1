// Broken on purpose: signs with a timestamp but never sends X-NX-Timestamp.
// Expected finding: client.timestamp (missing_timestamp).
import { run } from './broken-client.js';

await run({ timestamp: (ms) => ({ header: null, signed: String(ms) }) });
