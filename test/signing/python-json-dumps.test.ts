// The diagnostics' json.dumps imitation against the real thing.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { pythonJsonDumps } from '../../src/signing/python-json-dumps.js';

const HAVE_PYTHON = (() => {
  try {
    execFileSync('python3', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

const SAMPLES = [
  '{"symbol":"BTC","side":"buy","type":"market","quantity":0.01,"price":null}',
  '{"name":"Ünïcødé 🚀 cafe\u0301","tabs":"a\\tb","ctl":"\\u0001\\u007f","q":"\\"\\\\/"}',
  '[1,-2.5,1e-7,1e21,true,false,null,[],{},{"nested":[{"a":[]}]}]',
  '{"price":64250.5,"quantity":0.02,"tiny":0.000001}',
  '[1.5e-5,0.0001,1000000000000000.5,2.5e-300,1.7976931348623157e308,-0.5]',
];

describe('pythonJsonDumps', () => {
  it.skipIf(!HAVE_PYTHON).each(SAMPLES)(
    `matches Python json.dumps (ensure_ascii on and off) for %s${HAVE_PYTHON ? '' : ' (skipped: python3 binary not found on PATH)'}`,
    (sample) => {
      const py = (ensureAscii: boolean): string =>
        execFileSync(
          'python3',
          ['-c', 'import json,sys; sys.stdout.write(json.dumps(json.loads(sys.argv[1]), ensure_ascii=sys.argv[2]=="1"))', sample, ensureAscii ? '1' : '0'],
          { encoding: 'utf8' },
        );
      const parsed: unknown = JSON.parse(sample);
      expect(pythonJsonDumps(parsed)).toBe(py(true));
      expect(pythonJsonDumps(parsed, { ensureAscii: false })).toBe(py(false));
    },
  );
});
