// Broken on purpose: retries a failed POST /orders (5xx) without a clientOrderId, so a 503 that
// hid a placed order makes it buy twice. Expected finding (with --scenario transient-503):
// scenario.transient-503.
import { run } from './broken-client.js';

await run({ retry5xxAfterMs: 300 });
