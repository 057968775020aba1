// The better-sqlite3 adapter. better-sqlite3 is an optional dependency (a native module built at
// install time), so it is loaded on first use and every way it can be missing gets a message
// that says how to fix it.
import { createRequire } from 'node:module';
import { transactionRunner, type SqlDatabase, type SqlStatement, type SqlValue } from './sql-database.js';
import { StorageUnavailableError } from './storage-errors.js';

/** The part of better-sqlite3's API the adapter uses (its own types are not a dependency). */
interface BetterStatement {
  run(...params: SqlValue[]): unknown;
  get(...params: SqlValue[]): Record<string, unknown> | undefined;
  all(...params: SqlValue[]): Record<string, unknown>[];
  raw(on: boolean): BetterStatement;
}
interface BetterDatabase {
  exec(sql: string): unknown;
  prepare(sql: string): BetterStatement;
  close(): unknown;
}
type BetterConstructor = new (file: string, options?: { timeout?: number }) => BetterDatabase;

const INSTALL = 'npm install better-sqlite3@12';

/** Turns a load or open failure into the one line a user needs. */
export function explainLoadError(error: unknown): StorageUnavailableError {
  const text = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: string } | null)?.code;
  if (code === 'MODULE_NOT_FOUND' || code === 'ERR_MODULE_NOT_FOUND') {
    return new StorageUnavailableError(`--state needs the optional dependency better-sqlite3: run \`${INSTALL}\` (or use Node 22.13+, which has node:sqlite).`);
  }
  // "did not self-register" is what a second load in the same process says after the first one
  // failed on the ABI (tests sharing a worker, or a retry): the same cause, so the same answer.
  if (/NODE_MODULE_VERSION|bindings file|invalid ELF|wrong ELF|was compiled against|did not self-register/i.test(text)) {
    const abi = /NODE_MODULE_VERSION (\d+)[^]*?requires\s+NODE_MODULE_VERSION (\d+)/.exec(text);
    const why = abi ? `it was built for another Node (ABI ${abi[1]}; this one needs ${abi[2]})` : 'its native module was never built';
    return new StorageUnavailableError(
      `better-sqlite3 is installed but does not load on Node ${process.versions.node}: ${why}. ` +
        'Run `npm rebuild better-sqlite3` (npm 11 runs its build only when package.json allowScripts lists better-sqlite3).',
    );
  }
  return new StorageUnavailableError(`better-sqlite3 failed to load: ${text}`);
}

let cached: BetterConstructor | undefined;

function loadConstructor(): BetterConstructor {
  if (cached) return cached;
  try {
    // createRequire: better-sqlite3 is CommonJS, and a static import would make it mandatory.
    cached = createRequire(import.meta.url)('better-sqlite3') as BetterConstructor;
    return cached;
  } catch (error) {
    throw explainLoadError(error);
  }
}

export function openBetterSqlite(file: string): SqlDatabase {
  const Database = loadConstructor();
  let db: BetterDatabase;
  try {
    // timeout 0: a file another mock holds is refused at once instead of after 5 s of retries.
    db = new Database(file, { timeout: 0 });
  } catch (error) {
    // The native addon is only loaded by the first `new Database`, so ABI problems show here.
    const explained = explainLoadError(error);
    if (/better-sqlite3 failed to load/.test(explained.message)) throw error;
    throw explained;
  }
  const prepare = (sql: string): SqlStatement => {
    const statement = db.prepare(sql);
    let raw: BetterStatement | undefined;
    return {
      run: (...params) => void statement.run(...params),
      get: (...params) => statement.get(...params),
      all: (...params) => statement.all(...params),
      rows: (...params) => (raw ??= db.prepare(sql).raw(true)).all(...params) as unknown as unknown[][],
    };
  };
  return {
    driver: 'better-sqlite3',
    exec: (sql) => void db.exec(sql),
    prepare,
    transaction: transactionRunner(prepare),
    close: () => void db.close(),
  };
}
