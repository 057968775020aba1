// `nx-conformance mock …` as a child process (node over the compiled src/cli/main.ts), for the tests that need a
// real process: --state-from and --state end to end, restarts, and SIGKILL in the crash test.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { cliArgs } from '../../support/spawn-node.js';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

export interface SpawnedMock {
  child: ChildProcess;
  url: string;
  stdout(): string;
  stderr(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGTERM (a clean stop) or SIGKILL (a crash); resolves when the process is gone. */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export interface SpawnResult {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function spawnCli(args: readonly string[]): SpawnResult {
  const child = spawn(process.execPath, cliArgs(['mock', ...args]), {
    cwd: ROOT,
    env: { ...process.env, PORT: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (c: Buffer) => (out += c.toString('utf8')));
  child.stderr?.on('data', (c: Buffer) => (err += c.toString('utf8')));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return { child, stdout: () => out, stderr: () => err, exited };
}

/** Starts the mock on an ephemeral port and waits for its banner (generously: the machine may be loaded). */
export async function spawnMock(args: readonly string[], timeoutMs = 45_000): Promise<SpawnedMock> {
  const run = spawnCli(['--port', '0', ...args]);
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const url = /listening on (http:\/\/\S+)/.exec(run.stdout())?.[1];
    if (url && /Ctrl-C stops it/.test(run.stdout())) {
      return { ...run, url, stop: (signal = 'SIGTERM') => (run.child.exitCode !== null || run.child.signalCode !== null ? run.exited : (run.child.kill(signal), run.exited)) };
    }
    if (run.child.exitCode !== null) throw new Error(`the mock exited (${run.child.exitCode}) before it listened: ${run.stderr()}`);
    if (performance.now() > deadline) {
      run.child.kill('SIGKILL');
      throw new Error(`no banner within ${timeoutMs} ms; stdout: ${run.stdout()} stderr: ${run.stderr()}`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}
