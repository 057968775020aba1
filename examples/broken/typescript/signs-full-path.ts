// Broken on purpose: signs '/v1/agent/market' instead of the path relative to /v1/agent.
// Expected finding: client.signature (mistake full_path_signed).
import { run } from './broken-client.js';

await run({ signedPath: (path) => `/v1/agent${path}` });
