// Broken on purpose: sends `timeInForce`, a field the spec does not define (orders are
// additionalProperties: false). Expected finding: client.spec-valid.
import { run } from './broken-client.js';

await run({ orderExtras: { timeInForce: 'gtc' } });
