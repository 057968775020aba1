// The node:sqlite adapter (Node 22.13 and later, no native build needed). Loaded on first use:
// Node 20 has no node:sqlite, and on 22 merely importing it prints an ExperimentalWarning.
import { createRequire } from 'node:module';
import { transactionRunner, type SqlDatabase, type SqlRow, type SqlStatement, type SqlValue } from './sql-database.js';
import { StorageUnavailableError } from './storage-errors.js';

interface NodeStatement {
  run(...params: SqlValue[]): unknown;
  get(...params: SqlValue[]): SqlRow | undefined;
  all(...params: SqlValue[]): SqlRow[];
  /** Node 22.16+/24; older 22.x return objects only. */
  setReturnArrays?(on: boolean): void;
}
interface NodeDatabase {
  exec(sql: string): void;
  prepare(sql: string): NodeStatement;
  close(): void;
}
type NodeSqliteModule = { DatabaseSync: new (file: string, options?: { timeout?: number }) => NodeDatabase };

/** Whether this runtime has node:sqlite (Node 22.13+ without a flag). */
export function hasNodeSqlite(): boolean {
  const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
  return major > 22 || (major === 22 && minor >= 13);
}

export function openNodeSqlite(file: string): SqlDatabase {
  if (!hasNodeSqlite()) {
    throw new StorageUnavailableError(`node:sqlite needs Node 22.13 or later (this is ${process.version}); install better-sqlite3@12 instead.`);
  }
  const { DatabaseSync } = createRequire(import.meta.url)('node:sqlite') as NodeSqliteModule;
  const db = new DatabaseSync(file, { timeout: 0 });
  const prepare = (sql: string): SqlStatement => {
    const statement = db.prepare(sql);
    return {
      run: (...params) => void statement.run(...params),
      // Rows come with a null prototype; spread them so callers get ordinary objects.
      get: (...params) => {
        const row = statement.get(...params);
        return row === undefined ? undefined : { ...row };
      },
      all: (...params) => statement.all(...params).map((row) => ({ ...row })),
      rows: (...params) => {
        const arrays = db.prepare(sql);
        if (!arrays.setReturnArrays) return arrays.all(...params).map((row) => Object.values(row));
        arrays.setReturnArrays(true);
        return arrays.all(...params) as unknown as unknown[][];
      },
    };
  };
  return {
    driver: 'node:sqlite',
    exec: (sql) => db.exec(sql),
    prepare,
    transaction: transactionRunner(prepare),
    close: () => db.close(),
  };
}
