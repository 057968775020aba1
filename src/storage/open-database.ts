// Opens a state file with the chosen driver and the settings write-ahead relies on:
//   - created with mode 0600 (it holds API and webhook secrets); SQLite gives its -wal file the
//     database file's mode;
//   - journal_mode=WAL: a commit appends to the -wal file, readers never block the writer;
//   - synchronous=NORMAL by default: a commit is handed to the operating system before the API
//     answers, so it survives the mock being killed (SIGKILL, a crash); on power loss or an OS
//     crash the last commits before the failure can be lost, never the file's consistency.
//     synchronous=FULL also fsyncs the -wal file on every commit: durable across power loss, at
//     the cost of one disk flush per state-changing request;
//   - locking_mode=EXCLUSIVE: one mock per file; a second one is refused instead of two
//     processes writing diverging histories into the same sandbox.
import { closeSync, existsSync, openSync } from 'node:fs';
import { openBetterSqlite } from './better-sqlite.js';
import { hasNodeSqlite, openNodeSqlite } from './node-sqlite.js';
import type { SqlDatabase, SqlDriverName } from './sql-database.js';
import { StateFileError, StorageUnavailableError } from './storage-errors.js';

export type DriverChoice = SqlDriverName | 'auto';
export type SyncMode = 'normal' | 'full';

export interface OpenOptions {
  driver?: DriverChoice;
  sync?: SyncMode;
}

/** better-sqlite3 where it loads (it is the one Node 20 can use), else node:sqlite. */
function openWithDriver(file: string, driver: DriverChoice): SqlDatabase {
  if (driver === 'better-sqlite3') return openBetterSqlite(file);
  if (driver === 'node:sqlite') return openNodeSqlite(file);
  try {
    return openBetterSqlite(file);
  } catch (error) {
    if (error instanceof StorageUnavailableError && hasNodeSqlite()) return openNodeSqlite(file);
    throw error;
  }
}

/** Creates the file with mode 0600 unless it exists; never loosens or follows an existing file's mode. */
function createPrivately(file: string): void {
  if (file === ':memory:' || existsSync(file)) return;
  try {
    closeSync(openSync(file, 'wx', 0o600));
  } catch (error) {
    if ((error as { code?: string }).code !== 'EEXIST') {
      throw new StateFileError(`Cannot create the state file ${file}: ${(error as Error).message}. Check that its directory exists and is writable.`);
    }
  }
}

export function openDatabase(file: string, options: OpenOptions = {}): SqlDatabase {
  createPrivately(file);
  const db = openWithDriver(file, options.driver ?? 'auto');
  try {
    db.exec('PRAGMA locking_mode = EXCLUSIVE');
    const mode = db.prepare('PRAGMA journal_mode = WAL').get()?.journal_mode;
    if (file !== ':memory:' && mode !== 'wal') throw new StateFileError(`${file}: SQLite could not switch to WAL mode (got ${String(mode)}).`);
    db.exec(`PRAGMA synchronous = ${options.sync === 'full' ? 'FULL' : 'NORMAL'}`);
    // Takes the exclusive lock now, so a second mock on the same file fails here and not later.
    db.exec('BEGIN IMMEDIATE; COMMIT');
  } catch (error) {
    db.close();
    throw explainOpenError(file, error);
  }
  return db;
}

function explainOpenError(file: string, error: unknown): Error {
  const message = error instanceof Error ? error.message : String(error);
  if (/database is locked|SQLITE_BUSY/i.test(message)) {
    return new StateFileError(`${file} is in use by another process (another mock?). Stop it, or give this mock its own --state file.`);
  }
  if (/not a database|file is encrypted/i.test(message)) {
    return new StateFileError(`${file} is not an nx-conformance state file (SQLite says: ${message}). Pass a new file name; it is created.`);
  }
  return error instanceof Error ? error : new Error(message);
}
