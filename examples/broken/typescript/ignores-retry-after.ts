// Broken on purpose: after a 429 it retries after 20 ms, whatever Retry-After says.
// Expected finding (with --scenario rate-limit-storm): client.rate-limit and scenario.rate-limit-storm.
import { run } from './broken-client.js';

await run({ retry429AfterMs: 20 });
