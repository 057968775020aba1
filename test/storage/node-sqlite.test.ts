// The state store over node:sqlite (Node 22.13+). On Node 20 the whole suite is skipped with the
// reason; `npx -p node@22 node node_modules/vitest/vitest.mjs run test/storage` runs it.
import { probeDriver } from './probe-driver.js';
import { runStorageSuite } from './storage-suite.js';

runStorageSuite({ driver: 'node:sqlite', unavailable: probeDriver('node:sqlite') });
