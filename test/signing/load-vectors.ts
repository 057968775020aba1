// Reads the committed vectors in fixtures/signing/ (see fixtures/signing/README.md).
import type { Buffer } from 'node:buffer';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES_DIR, type CaseJson } from './make-vectors.js';

export interface Vector {
  name: string;
  dir: string;
  case: CaseJson;
  body: Buffer;
  request: Buffer;
  stringToSign: Buffer;
  signature: string;
  /** Negative vectors only. */
  clientStringToSign?: Buffer;
}

export function loadVectors(): Vector[] {
  return readdirSync(FIXTURES_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const dir = join(FIXTURES_DIR, name);
      const read = (file: string): Buffer => readFileSync(join(dir, file));
      const caseJson = JSON.parse(read('case.json').toString('utf8')) as CaseJson;
      return {
        name,
        dir,
        case: caseJson,
        body: read('body.bin'),
        request: read('request.http'),
        stringToSign: read('string-to-sign.txt'),
        signature: read('signature.txt').toString('utf8'),
        ...(caseJson.expect === 'invalid' ? { clientStringToSign: read('client-string-to-sign.txt') } : {}),
      };
    });
}
