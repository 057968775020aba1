// Broken on purpose: signs the path with its query string ('/market?coins=bitcoin').
// Expected finding: client.signature (mistake query_signed).
import { run } from './broken-client.js';

await run({ signedPath: (path, query) => (query ? `${path}?${query}` : path) });
