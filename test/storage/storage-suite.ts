// One suite for every SQLite driver behind src/storage (hono's runTest({ newRouter, skip }) style):
// each driver file calls runStorageSuite with its driver, and every test it cannot run is listed
// in `skip` with the reason, so an exemption is visible in the test output instead of silent.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStateStore, type SqlDriverName, type StateStoreOptions } from '../../src/storage/index.js';
import type { Migration } from '../../src/storage/migrations.js';
import { MIGRATIONS } from '../../src/storage/migrations.js';

export interface StorageSuiteOptions {
  driver: SqlDriverName;
  /** Why the driver cannot run on this runtime at all (the whole suite is skipped with it), or null. */
  unavailable: string | null;
  /** Test name → why this driver is exempt from it. */
  skip?: Record<string, string>;
}

export function runStorageSuite({ driver, unavailable, skip = {} }: StorageSuiteOptions): void {
  describe.skipIf(unavailable !== null)(`state store on ${driver}${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
    let dir: string;
    const open = (name = 'state.db', options: StateStoreOptions = {}) => openStateStore(join(dir, name), { driver, ...options });
    const test = (name: string, fn: () => void | Promise<void>) => (skip[name] ? it.skip(`${name} (skipped: ${skip[name]})`, fn) : it(name, fn));

    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'nx-storage-'));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    test('a new file is fresh, at the latest schema version, and reports its driver', () => {
      const store = open();
      expect([store.fresh, store.version, store.driver]).toEqual([true, MIGRATIONS.length, driver]);
      store.close();
    });

    test('documents and meta values written in one batch come back after a reopen, ordered by id per kind', () => {
      const store = open();
      store.write({
        meta: [['clock', '{"nowMs":1}'], ['seed', '42']],
        put: [['order', '0002', '{"b":2}'], ['order', '0001', '{"a":1}'], ['agent', 'agent_x', '{"ü":"✓ \\u0000"}']],
      });
      store.close();
      const again = open();
      const loaded = again.load();
      expect(again.fresh).toBe(false);
      expect(Object.fromEntries(loaded.meta)).toEqual({ clock: '{"nowMs":1}', seed: '42' });
      expect(loaded.docs.get('order')).toEqual([['0001', '{"a":1}'], ['0002', '{"b":2}']]);
      expect(loaded.docs.get('agent')).toEqual([['agent_x', '{"ü":"✓ \\u0000"}']]);
      again.close();
    });

    test('load() of named kinds reads only those, in id order', () => {
      const store = open();
      store.write({ meta: [['m', '1']], put: [['order', '2', 'b'], ['agent', 'x', 'y'], ['order', '1', 'a']] });
      const loaded = store.load(['order', 'webhook']);
      expect([...loaded.docs]).toEqual([['order', [['1', 'a'], ['2', 'b']]]]);
      store.close();
    });

    test('get() reads one document by kind and id, undefined when there is none, and refuses after close', () => {
      const store = open();
      store.write({ meta: [['m', '1']], put: [['done', '0001', 'a'], ['order', '0001', 'b']] });
      expect([store.get('done', '0001'), store.get('order', '0001'), store.get('done', '0002'), store.get('agent', '0001')]).toEqual(['a', 'b', undefined, undefined]);
      store.close();
      expect(() => store.get('done', '0001')).toThrow(/is closed/);
    });

    test('put replaces a document with the same kind and id; remove deletes it', () => {
      const store = open();
      store.write({ meta: [['m', '1']], put: [['order', '1', 'old'], ['order', '2', 'keep']] });
      store.write({ put: [['order', '1', 'new']] });
      expect(store.load().docs.get('order')).toEqual([['1', 'new'], ['2', 'keep']]);
      store.write({ remove: [['order', '1']] });
      expect(store.load().docs.get('order')).toEqual([['2', 'keep']]);
      store.close();
    });

    test('a batch that fails part-way leaves nothing of itself behind', () => {
      const store = open();
      store.write({ meta: [['m', 'before']] });
      const bad = [['order', '1', 'x'], ['order', null as unknown as string, 'violates NOT NULL']] as const;
      expect(() => store.write({ meta: [['m', 'after']], put: bad })).toThrow();
      const loaded = store.load();
      expect([loaded.meta.get('m'), loaded.docs.get('order')]).toEqual(['before', undefined]);
      store.close();
    });

    test('replace drops every document and meta value before writing the batch', () => {
      const store = open();
      store.write({ meta: [['a', '1'], ['b', '2']], put: [['order', '1', 'x'], ['agent', 'y', 'z']] });
      store.write({ replace: true, meta: [['a', '3']], put: [['agent', 'w', 'v']] });
      const loaded = store.load();
      expect([Object.fromEntries(loaded.meta), [...loaded.docs.keys()]]).toEqual([{ a: '3' }, ['agent']]);
      store.close();
    });

    test('numbers in JSON documents round-trip bit for bit, and a 1 MB document is stored whole', () => {
      const values = [0.1 + 0.2, 1e-8, 123456789.12345678, -0, Number.MAX_SAFE_INTEGER, 5e-324];
      const big = 'x'.repeat(1024 * 1024);
      const store = open();
      store.write({ meta: [['n', JSON.stringify(values)]], put: [['blob', 'b', big]] });
      store.close();
      const loaded = open().load();
      expect(JSON.parse(loaded.meta.get('n') ?? '[]')).toEqual(values.map((v) => (Object.is(v, -0) ? 0 : v)));
      expect(loaded.docs.get('blob')?.[0]?.[1]).toHaveLength(big.length);
    });

    test('the file is created with mode 0600 and runs in WAL mode, its -wal file 0600 too', () => {
      const file = join(dir, 'state.db');
      const store = open();
      store.write({ meta: [['m', '1']] });
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(existsSync(`${file}-wal`)).toBe(true);
      expect(statSync(`${file}-wal`).mode & 0o777).toBe(0o600);
      store.close();
    });

    test('close checkpoints the WAL, so a stopped mock leaves a single self-contained file', () => {
      const file = join(dir, 'state.db');
      const store = open();
      store.write({ meta: [['m', '1']], put: [['order', '1', 'x'.repeat(100_000)]] });
      store.close();
      expect(!existsSync(`${file}-wal`) || statSync(`${file}-wal`).size === 0).toBe(true);
    });

    test('a second opener of a file in use is refused, naming the cause', () => {
      const store = open();
      expect(() => open()).toThrow(/in use by another process/);
      store.close();
      open().close(); // free again once the first one closed
    });

    test('a file written by a newer version is refused with what to do', () => {
      const newer: Migration[] = [...MIGRATIONS, (db) => db.exec('CREATE TABLE later (x)')];
      open('state.db', { migrations: newer }).close();
      expect(() => open()).toThrow(/written by a newer nx-conformance \(state format 2; this version reads formats up to 1\)\. Upgrade/);
    });

    test('an older file is migrated forward and keeps its data', () => {
      const v1 = open();
      v1.write({ meta: [['m', 'kept']] });
      v1.close();
      const v2: Migration[] = [...MIGRATIONS, (db) => db.exec("INSERT INTO meta (key, value) VALUES ('migrated', 'yes')")];
      const store = open('state.db', { migrations: v2 });
      expect([store.version, Object.fromEntries(store.load().meta)]).toEqual([2, { m: 'kept', migrated: 'yes' }]);
      store.close();
    });

    test('a file that is not a state file is refused and left untouched', () => {
      const text = join(dir, 'notes.txt');
      writeFileSync(text, 'hello, this is not SQLite at all, just some bytes long enough to have a header\n'.repeat(10));
      expect(() => openStateStore(text, { driver })).toThrow(/not an nx-conformance state file/);
      const foreign = join(dir, 'foreign.db');
      const other = spawnSync(process.execPath, ['-e', foreignDbScript(driver, foreign)], { encoding: 'utf8' });
      expect(other.status, other.stderr).toBe(0);
      expect(() => openStateStore(foreign, { driver })).toThrow(/not an nx-conformance state file/);
    });

    test('a directory that does not exist gives an error naming the file', () => {
      expect(() => openStateStore(join(dir, 'missing', 'state.db'), { driver })).toThrow(/state\.db/);
    });
  });
}

/** Another program's SQLite file, written by a child process with the same driver. */
function foreignDbScript(driver: SqlDriverName, file: string): string {
  const open =
    driver === 'node:sqlite'
      ? `new (require('node:sqlite').DatabaseSync)(${JSON.stringify(file)})`
      : `new (require('better-sqlite3'))(${JSON.stringify(file)})`;
  return `const db = ${open}; db.exec('CREATE TABLE customers (id INTEGER)'); db.close();`;
}
