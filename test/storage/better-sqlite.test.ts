// The state store over better-sqlite3 (the driver Node 20 uses).
import { probeDriver } from './probe-driver.js';
import { runStorageSuite } from './storage-suite.js';

runStorageSuite({ driver: 'better-sqlite3', unavailable: probeDriver('better-sqlite3') });
