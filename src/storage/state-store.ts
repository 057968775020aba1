// The state file: documents and meta values in SQLite, written in one transaction per commit.
// It knows nothing about agents or orders; src/mock/state/ decides what the documents are.
import { APPLICATION_ID, MIGRATIONS, type Migration } from './migrations.js';
import { openDatabase, type OpenOptions } from './open-database.js';
import type { SqlDatabase, SqlDriverName } from './sql-database.js';
import { StateFileError } from './storage-errors.js';

export interface StateBatch {
  /** Drop every document and meta value first: a reset or an imported fixture replaces it all. */
  replace?: boolean;
  meta?: ReadonlyArray<readonly [key: string, value: string]>;
  put?: ReadonlyArray<readonly [kind: string, id: string, data: string]>;
  remove?: ReadonlyArray<readonly [kind: string, id: string]>;
}

export interface LoadedState {
  meta: Map<string, string>;
  /** Documents per kind, ordered by id. */
  docs: Map<string, Array<[id: string, data: string]>>;
}

export interface StateStore {
  readonly file: string;
  readonly driver: SqlDriverName;
  /** The schema version the file is at (after migrations). */
  readonly version: number;
  /** True when the file held no state when it was opened. */
  readonly fresh: boolean;
  /** Every meta value, and the documents of each kind asked for (all kinds when none are named). */
  load(kinds?: readonly string[]): LoadedState;
  /** One document, or undefined when there is none (documents a start leaves on disk are read so). */
  get(kind: string, id: string): string | undefined;
  write(batch: StateBatch): void;
  close(): void;
}

export interface StateStoreOptions extends OpenOptions {
  /** The schema's migrations (tests pass their own to prove upgrades and refusals). */
  migrations?: readonly Migration[];
}

function pragmaNumber(db: SqlDatabase, name: string): number {
  return Number(Object.values(db.prepare(`PRAGMA ${name}`).get() ?? {})[0] ?? 0);
}

function migrate(db: SqlDatabase, file: string, migrations: readonly Migration[]): { version: number; fresh: boolean } {
  const version = pragmaNumber(db, 'user_version');
  const appId = pragmaNumber(db, 'application_id');
  const tables = Number(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get()?.n ?? 0);
  if (appId !== APPLICATION_ID && (appId !== 0 || tables > 0 || version > 0)) {
    throw new StateFileError(`${file} is a SQLite file but not an nx-conformance state file; pass a new file name (it is created).`);
  }
  if (version > migrations.length) {
    throw new StateFileError(
      `${file} was written by a newer nx-conformance (state format ${version}; this version reads formats up to ${migrations.length}). ` +
        'Upgrade nx-conformance, or start this one with a new --state file.',
    );
  }
  if (version < migrations.length) {
    db.transaction(() => {
      for (let v = version; v < migrations.length; v++) (migrations[v] as Migration)(db);
      db.exec(`PRAGMA application_id = ${APPLICATION_ID}; PRAGMA user_version = ${migrations.length}`);
    });
  }
  const docs = Number(db.prepare('SELECT count(*) AS n FROM meta').get()?.n ?? 0);
  return { version: migrations.length, fresh: docs === 0 };
}

export function openStateStore(file: string, options: StateStoreOptions = {}): StateStore {
  const db = openDatabase(file, options);
  let info: { version: number; fresh: boolean };
  try {
    info = migrate(db, file, options.migrations ?? MIGRATIONS);
  } catch (error) {
    db.close();
    throw error;
  }
  const putMeta = db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)');
  const putDoc = db.prepare('INSERT OR REPLACE INTO docs (kind, id, data) VALUES (?, ?, ?)');
  const removeDoc = db.prepare('DELETE FROM docs WHERE kind = ? AND id = ?');
  const getDoc = db.prepare('SELECT data FROM docs WHERE kind = ? AND id = ?');
  let closed = false;

  return {
    file,
    driver: db.driver,
    version: info.version,
    fresh: info.fresh,
    load(kinds) {
      const meta = new Map<string, string>();
      for (const [key, value] of db.prepare('SELECT key, value FROM meta').rows()) meta.set(String(key), String(value));
      const docs = new Map<string, Array<[string, string]>>();
      // One range scan per kind over the (kind, id) key, rows as arrays: a restart with 100 000
      // orders reads them without an object per row.
      const wanted = kinds ?? db.prepare('SELECT DISTINCT kind FROM docs').rows().map(([kind]) => String(kind));
      const byKind = db.prepare('SELECT id, data FROM docs WHERE kind = ? ORDER BY id');
      for (const kind of wanted) {
        const rows = byKind.rows(kind) as Array<[string, string]>;
        if (rows.length > 0) docs.set(kind, rows);
      }
      return { meta, docs };
    },
    get(kind, id) {
      if (closed) throw new StateFileError(`${file} is closed; the mock was stopped.`);
      const row = getDoc.get(kind, id);
      return row === undefined ? undefined : String(row.data);
    },
    write(batch) {
      if (closed) throw new StateFileError(`${file} is closed; the mock was stopped.`);
      db.transaction(() => {
        if (batch.replace) db.exec('DELETE FROM docs; DELETE FROM meta');
        for (const [key, value] of batch.meta ?? []) putMeta.run(key, value);
        for (const [kind, id] of batch.remove ?? []) removeDoc.run(kind, id);
        for (const [kind, id, data] of batch.put ?? []) putDoc.run(kind, id, data);
      });
    },
    close() {
      if (closed) return;
      closed = true;
      // A checkpoint folds the -wal file back into the database, so a stopped mock leaves one file.
      try {
        db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
      } finally {
        db.close();
      }
    },
  };
}
