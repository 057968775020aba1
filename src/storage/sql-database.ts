// The small interface the state store needs from SQLite, so that better-sqlite3 (Node 20+) and
// node:sqlite (Node 22.13+) are interchangeable: both adapters implement it and one shared suite
// (test/storage/storage-suite.ts) runs over both.

export type SqlValue = string | number | bigint | null | Uint8Array;
export type SqlRow = Record<string, unknown>;

export interface SqlStatement {
  run(...params: SqlValue[]): void;
  get(...params: SqlValue[]): SqlRow | undefined;
  all(...params: SqlValue[]): SqlRow[];
  /** Rows as arrays of column values: no object per row, for reading many rows fast. */
  rows(...params: SqlValue[]): unknown[][];
}

export type SqlDriverName = 'better-sqlite3' | 'node:sqlite';

export interface SqlDatabase {
  readonly driver: SqlDriverName;
  exec(sql: string): void;
  prepare(sql: string): SqlStatement;
  /** Runs fn inside BEGIN IMMEDIATE … COMMIT, or rolls back and rethrows when fn throws. */
  transaction<T>(fn: () => T): T;
  close(): void;
}

/**
 * The transaction wrapper both adapters share. Statements are prepared once: BEGIN/COMMIT run for
 * every write-ahead commit, so re-parsing them each time would show in the throughput figures.
 */
export function transactionRunner(prepare: (sql: string) => SqlStatement): <T>(fn: () => T) => T {
  const begin = prepare('BEGIN IMMEDIATE');
  const commit = prepare('COMMIT');
  const rollback = prepare('ROLLBACK');
  let depth = 0;
  return <T>(fn: () => T): T => {
    // A nested call joins the outer transaction: the outer one commits or rolls back the lot.
    if (depth > 0) return fn();
    begin.run();
    depth = 1;
    try {
      const result = fn();
      commit.run();
      return result;
    } catch (error) {
      rollback.run();
      throw error;
    } finally {
      depth = 0;
    }
  };
}
