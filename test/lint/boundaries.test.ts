// The layer boundaries of docs/architecture.md are lint rules: each forbidden import is reported,
// and the same import is fine where the layer allows it. Linted as text (nothing is written), with
// the type-aware rule off, since a probe file is in no TypeScript project.
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const eslint = new ESLint({
  cwd: ROOT,
  overrideConfig: { files: ['**/*.ts'], languageOptions: { parserOptions: { projectService: false } }, rules: { '@typescript-eslint/no-floating-promises': 'off' } },
});

async function restricted(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${ROOT}${file}` });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layer boundaries', () => {
  const cases: { file: string; code: string; forbidden: boolean }[] = [
    { file: 'src/mock/engine/probe.ts', code: "import express from 'express';\nexport const x = express;\n", forbidden: true },
    { file: 'src/mock/engine/probe.ts', code: "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n", forbidden: true },
    { file: 'src/mock/engine/probe.ts', code: "import { createHash } from 'node:crypto';\nexport const x = createHash;\n", forbidden: false },
    { file: 'src/mock/engine/probe.ts', code: "import { x } from '../http/journal.js';\nexport const y = x;\n", forbidden: true },
    { file: 'src/rules/probe.ts', code: "import express from 'express';\nexport const x = express;\n", forbidden: true },
    { file: 'src/rules/probe.ts', code: "import { createServer } from 'node:http';\nexport const x = createServer;\n", forbidden: true },
    { file: 'src/rules/probe.ts', code: "import { x } from '../mock/engine/index.js';\nexport const y = x;\n", forbidden: true },
    { file: 'src/conformance/probe.ts', code: "import { x } from '../mock/http/journal.js';\nexport const y = x;\n", forbidden: true },
    { file: 'src/conformance/probe.ts', code: "import { startMock } from '../mock/index.js';\nexport const y = startMock;\n", forbidden: false },
    { file: 'src/mock/http/probe.ts', code: "import express from 'express';\nexport const x = express;\n", forbidden: false },
  ];
  for (const { file, code, forbidden } of cases) {
    const what = code.split('\n')[0];
    it(`${file}: ${what} is ${forbidden ? 'reported' : 'allowed'}`, async () => {
      const found = await restricted(file, code);
      if (forbidden) expect(found, what).toHaveLength(1);
      else expect(found, what).toEqual([]);
    }, 60_000);
  }
});
