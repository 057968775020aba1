// The state file's schema, as a list of migrations: migration i takes a file from version i to
// i + 1, and the file's version is SQLite's user_version. A new file runs them all; an older file
// runs the ones it lacks, in one transaction; a newer file is refused (this code cannot know what
// the newer fields mean, and writing to it would lose them).
import type { SqlDatabase } from './sql-database.js';

export type Migration = (db: SqlDatabase) => void;

export const MIGRATIONS: readonly Migration[] = [
  // 1: documents by kind and id (agents, orders, webhooks, messages, rate-limit state) and meta
  // values (clock, seed, counters, generator states). Each document is JSON in the format of
  // src/mock/state/; WITHOUT ROWID keeps each row in its primary-key b-tree (one lookup per write).
  (db) =>
    db.exec(`
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
      CREATE TABLE docs (kind TEXT NOT NULL, id TEXT NOT NULL, data TEXT NOT NULL, PRIMARY KEY (kind, id)) WITHOUT ROWID;
    `),
];

/** "NXCF": marks a SQLite file as an nx-conformance state file (PRAGMA application_id). */
export const APPLICATION_ID = 0x4e584346;
