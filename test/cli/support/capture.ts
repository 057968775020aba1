// Runs the CLI's main(argv) in-process and captures what it writes to stdout and stderr.
import { vi } from 'vitest';
import { main } from '../../../src/cli/main.js';

export interface Captured {
  code: number;
  out: string;
  err: string;
}

export async function runMain(argv: string[]): Promise<Captured> {
  let out = '';
  let err = '';
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((out += String(chunk)), true));
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => ((err += String(chunk)), true));
  try {
    const code = await main(argv);
    return { code, out, err };
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
  }
}

/** An error the user reads: one line, no stack frames. */
export function expectOneLine(text: string): void {
  const lines = text.trim().split('\n');
  if (lines.length !== 1 || /\n\s+at /.test(text)) throw new Error(`expected one line without a stack, got:\n${text}`);
}
