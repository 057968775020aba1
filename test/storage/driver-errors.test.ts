// What a user sees when no SQLite driver can be loaded: one line that says what to run.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { explainLoadError } from '../../src/storage/better-sqlite.js';
import { openStateStore } from '../../src/storage/index.js';

function requireError(name: string): unknown {
  try {
    createRequire(import.meta.url)(name);
  } catch (error) {
    return error;
  }
  throw new Error(`${name} unexpectedly loaded`);
}

describe('better-sqlite3 load errors', () => {
  it('a missing package gives the install command, on one line', () => {
    const message = explainLoadError(requireError('better-sqlite3-not-installed-anywhere')).message;
    expect(message).toContain('npm install better-sqlite3@12');
    expect(message).not.toContain('\n');
  });

  it('a native module built for another Node names both ABIs and the rebuild command', () => {
    const error = new Error(
      "The module '/x/better_sqlite3.node'\nwas compiled against a different Node.js version using\nNODE_MODULE_VERSION 115. This version of Node.js requires\nNODE_MODULE_VERSION 137. Please try re-compiling",
    );
    const message = explainLoadError(error).message;
    expect(message).toMatch(/ABI 115; this one needs 137/);
    expect(message).toContain('npm rebuild better-sqlite3');
    expect(message).not.toContain('\n');
  });

  it('a second load after an ABI failure in the same process ("did not self-register") is the same cause', () => {
    const error = new Error("Module did not self-register: '/x/node_modules/better-sqlite3/build/Release/better_sqlite3.node'.");
    const message = explainLoadError(error).message;
    expect(message).toContain('npm rebuild better-sqlite3');
    expect(message).not.toContain('failed to load');
  });

  it('an install whose build script never ran (npm 11 without allowScripts) says so', () => {
    const message = explainLoadError(new Error('Could not locate the bindings file. Tried:\n → /x/build/better_sqlite3.node')).message;
    expect(message).toMatch(/never built.*allowScripts/);
  });
});

describe('driver choice', () => {
  it('auto picks better-sqlite3 where it loads (the driver Node 20 has)', () => {
    const store = openStateStore(':memory:');
    // Requiring the package is not enough: its native binding loads when a database opens, and on
    // a Node whose ABI it was not built for (Node 22/24 in CI, with a Node 20 build) only then fails.
    let loads = true;
    try {
      const Database = createRequire(import.meta.url)('better-sqlite3') as new (file: string) => { close(): void };
      new Database(':memory:').close();
    } catch {
      loads = false;
    }
    expect(store.driver).toBe(loads ? 'better-sqlite3' : 'node:sqlite');
    store.close();
  });

  it('auto picks the same driver on every open in one process (a second native load says "did not self-register")', () => {
    const drivers = [0, 1, 2].map(() => {
      const store = openStateStore(':memory:');
      store.close();
      return store.driver;
    });
    expect(new Set(drivers).size).toBe(1);
  });
});
