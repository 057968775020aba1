// Runs a command to completion (or starts it in the background) for the package tests, with an
// environment free of the test runner's own variables, so a consumer's vitest or npm does not
// believe it runs inside this repository's vitest worker or npm script.
import { spawn, type ChildProcess } from 'node:child_process';

export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^(VITEST|npm_(lifecycle|package|config_(?!cache$)))/i.test(k) || k === 'NODE_OPTIONS' || k === 'TEST') continue;
    env[k] = v;
  }
  // Children never see a TTY here; a stray FORCE_COLOR from the caller would still colour them.
  delete env.FORCE_COLOR;
  return { ...env, NO_UPDATE_NOTIFIER: '1', npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false', ...extra };
}

export interface Started {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  exited: Promise<Finished>;
}

/** Starts `command` in its own process group, so stop() reaches npx's child as well. */
export function start(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = cleanEnv()): Started {
  const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: process.platform !== 'win32' });
  let out = '';
  let err = '';
  child.stdout?.on('data', (c: Buffer) => (out += c.toString('utf8')));
  child.stderr?.on('data', (c: Buffer) => (err += c.toString('utf8')));
  const exited = new Promise<Finished>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout: out, stderr: err }));
  });
  return { child, stdout: () => out, stderr: () => err, exited };
}

export function run(command: string, args: readonly string[], cwd: string, env?: NodeJS.ProcessEnv): Promise<Finished> {
  return start(command, args, cwd, env).exited;
}

/** Signals the whole process group that start() created. */
export function stop(started: Started, signal: NodeJS.Signals = 'SIGTERM'): void {
  const pid = started.child.pid;
  if (pid === undefined || started.child.exitCode !== null || started.child.signalCode !== null) return;
  try {
    process.kill(-pid, signal);
  } catch {
    started.child.kill(signal);
  }
}

/** Resolves with the first match of `pattern` in stdout; rejects with both streams if the process ends first. */
export async function waitForOutput(started: Started, pattern: RegExp, limitMs: number): Promise<RegExpExecArray> {
  const deadline = performance.now() + limitMs;
  for (;;) {
    const match = pattern.exec(started.stdout());
    if (match) return match;
    if (started.child.exitCode !== null || performance.now() > deadline) {
      throw new Error(`no ${pattern} (exit ${started.child.exitCode}); stdout: ${started.stdout()} stderr: ${started.stderr()}`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}
