// vitest.config.ts isolates exactly the files that mock a module or patch Node's networking; a file
// it missed would run in a shared worker where its mock may not apply, or whose networking it
// would change for the files after it (see needs-isolation.ts).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { filesNeedingIsolation } from './needs-isolation.js';

const root = mkdtempSync(join(tmpdir(), 'nx-isolation-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function write(path: string, text: string): void {
  mkdirSync(join(root, path, '..'), { recursive: true });
  writeFileSync(join(root, path), text);
}

describe('filesNeedingIsolation', () => {
  it('finds the test files that call vi.mock or vi.doMock, or use nock, in any subdirectory, and only those', () => {
    write('test/a/mocks.test.ts', "vi.mock('node:os', () => ({}));\n");
    write('test/a/b/does-mock.test.ts', "beforeEach(async () => {\n  vi.doMock('../x.js');\n});\n");
    write('test/c/nock.test.ts', "import nock from 'nock';\n");
    write('test/c/intercepts.test.ts', 'const i = await interceptApi({});\n');
    write('test/plain.test.ts', "import { vi } from 'vitest';\nvi.mocked(f); // vi.mocked() mocks no module\nconst text = \"vi.mock('x')\";\n");
    write('test/helper.ts', "vi.mock('node:fs');\n"); // not a test file
    write('src/x/unit.test.ts', "vi.mock('node:fs');\n");
    write('test/node_modules/dep/y.test.ts', "vi.mock('node:fs');\n");
    // A temporary directory of a running test (test/codegen/.tmp-*): it may vanish mid-walk.
    write('test/codegen/.tmp-abc/gen.test.ts', "vi.mock('node:fs');\n");
    expect(filesNeedingIsolation(['test', 'src', 'missing'], root)).toEqual([
      'src/x/unit.test.ts',
      'test/a/b/does-mock.test.ts',
      'test/a/mocks.test.ts',
      'test/c/intercepts.test.ts',
      'test/c/nock.test.ts',
    ]);
  });

  it('tells the kinds apart: module mocks from network patching (a file with both is a module mock)', () => {
    write('kinds/both.test.ts', "import nock from 'nock';\nvi.mock('node:os');\n");
    write('kinds/mock.test.ts', "vi.mock('node:os');\n");
    write('kinds/nock.test.ts', "import nock from 'nock';\n");
    expect(filesNeedingIsolation(['kinds'], root, ['mocks-module'])).toEqual(['kinds/both.test.ts', 'kinds/mock.test.ts']);
    expect(filesNeedingIsolation(['kinds'], root, ['patches-network'])).toEqual(['kinds/nock.test.ts']);
    expect(filesNeedingIsolation(['kinds'], root)).toEqual(['kinds/both.test.ts', 'kinds/mock.test.ts', 'kinds/nock.test.ts']);
  });

  it("names this repository's module-mocking and nock files (the ones vitest.config.ts isolates)", () => {
    // From the repository's root, not the current directory: a test in a shared worker may move it.
    expect(filesNeedingIsolation(['test', 'src'], resolve(import.meta.dirname, '../..'))).toEqual(
      expect.arrayContaining([
        'test/signing/diagnose-constant-time.test.ts',
        'test/signing/verify-signature.test.ts',
        'test/support/load-scaled.test.ts',
        'test/market-sources/coingecko-market.test.ts',
        'test/testing/testing-helpers.test.ts',
      ]),
    );
  });
});
