// Runs the client under test as a child process: the credentials in its environment, its output
// passed through line by line (the caller prefixes and scrubs it), a time-out that stops the
// whole process group (npx → tsx → node leaves grandchildren otherwise).
import { spawn } from 'node:child_process';
import type { ClientExit } from './client-check.js';

export interface SpawnClientOptions {
  /** argv; a single argument with spaces runs through the shell (`"python3 bot.py --once"`). */
  command: readonly string[];
  env: Record<string, string>;
  timeoutMs: number;
  cwd?: string;
  onLine?: (line: string, stream: 'stdout' | 'stderr') => void;
  signal?: AbortSignal;
}

const KILL_GRACE_MS = 2_000;

export function spawnClient(options: SpawnClientOptions): Promise<ClientExit> {
  const started = performance.now();
  const [file, ...args] = options.command;
  if (file === undefined) return Promise.resolve({ code: null, signal: null, timedOut: false, durationMs: 0, error: 'no command given' });
  const group = process.platform !== 'win32';
  const child = spawn(file, args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: group,
    shell: args.length === 0 && /\s/.test(file),
  });
  for (const stream of ['stdout', 'stderr'] as const) {
    let pending = '';
    child[stream].setEncoding('utf8');
    child[stream].on('data', (chunk: string) => {
      const lines = (pending + chunk).split(/\r?\n/);
      pending = lines.pop() ?? '';
      for (const line of lines) options.onLine?.(line, stream);
    });
    child[stream].on('end', () => pending && options.onLine?.(pending, stream));
  }
  const kill = (sig: NodeJS.Signals): void => {
    if (child.pid === undefined || child.exitCode !== null) return;
    try {
      if (group) process.kill(-child.pid, sig);
      else child.kill(sig);
    } catch {
      // already gone
    }
  };
  let timedOut = false;
  const stop = (): void => {
    kill('SIGTERM');
    setTimeout(() => kill('SIGKILL'), KILL_GRACE_MS).unref();
  };
  const timer = setTimeout(() => {
    timedOut = true;
    stop();
  }, options.timeoutMs);
  options.signal?.addEventListener('abort', stop, { once: true });
  return new Promise((resolve) => {
    const done = (exit: Omit<ClientExit, 'durationMs' | 'timedOut'>): void => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', stop);
      resolve({ ...exit, timedOut, durationMs: performance.now() - started });
    };
    child.once('error', (error) => done({ code: null, signal: null, error: error.message }));
    // 'close' waits for the pipes; a grandchild holding them open must not hang the run, so an
    // 'exit' also settles the run shortly after.
    child.once('exit', (code, sig) => setTimeout(() => done({ code, signal: sig }), 500).unref());
    child.once('close', (code, sig) => done({ code, signal: sig }));
  });
}
