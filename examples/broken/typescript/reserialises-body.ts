// Broken on purpose: signs JSON.stringify(order) but sends the order pretty-printed, so the
// bytes signed are not the bytes sent. Expected finding: client.signature (reserialised_body).
import { run } from './broken-client.js';

await run({ body: (value) => ({ sent: JSON.stringify(value, null, 2), signed: JSON.stringify(value) }) });
