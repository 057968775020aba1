// Errors of the state store, each with a message that says what to do about it.

/** No SQLite driver can be loaded (better-sqlite3 missing or not built, no node:sqlite). */
export class StorageUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StorageUnavailableError';
  }
}

/** The state file cannot be used: written by a newer version, not a state file, or in use. */
export class StateFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StateFileError';
  }
}
