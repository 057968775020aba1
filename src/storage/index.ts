// The state file behind `nx-conformance mock --state FILE`: SQLite through better-sqlite3 or
// node:sqlite, one small interface over both.
export { openStateStore, type LoadedState, type StateBatch, type StateStore, type StateStoreOptions } from './state-store.js';
export { MIGRATIONS, type Migration } from './migrations.js';
export type { DriverChoice, SyncMode } from './open-database.js';
export type { SqlDatabase, SqlDriverName } from './sql-database.js';
export { StateFileError, StorageUnavailableError } from './storage-errors.js';
export { hasNodeSqlite } from './node-sqlite.js';
