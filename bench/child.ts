// Child processes for the bench: servers run in their own process (so the load generator and the
// server each have an event loop), and report readiness with one `READY {json}` line on stdout.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';

export interface ReadyChild<T> {
  child: ChildProcess;
  info: T;
  /** SIGTERM, then wait for the exit (SIGKILL after `graceMs`). */
  stop(graceMs?: number): Promise<number | null>;
  /** Sends `message` over the IPC channel and resolves with the first reply `accept` takes. */
  ask<R>(message: object, accept: (reply: unknown) => reply is R, timeoutMs?: number): Promise<R>;
}

export interface SpawnOptions {
  nodeArgs?: readonly string[];
  /** Open an IPC channel (for ask()). */
  ipc?: boolean;
  timeoutMs?: number;
}

/** Spawns `node [nodeArgs] [--import tsx] <script> [args]` (tsx for .ts only) and resolves with its READY payload. */
export async function spawnReady<T>(script: string, args: readonly string[], options: SpawnOptions = {}): Promise<ReadyChild<T>> {
  const { nodeArgs = [], ipc = false, timeoutMs = 30_000 } = options;
  const loader = script.endsWith('.ts') ? ['--import', 'tsx'] : [];
  const child = spawn(process.execPath, [...nodeArgs, ...loader, script, ...args], { stdio: ipc ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
  });
  const info = await new Promise<T>((resolve, reject) => {
    let buffered = '';
    const timer = setTimeout(() => reject(new Error(`${script} was not ready within ${timeoutMs} ms\n${stderr}`)), timeoutMs);
    child.stdout?.on('data', (d: Buffer) => {
      buffered += d.toString();
      const line = buffered.split('\n').find((l) => l.startsWith('READY '));
      if (line) {
        clearTimeout(timer);
        resolve(JSON.parse(line.slice('READY '.length)) as T);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited with ${String(code)} before it was ready\n${stderr}`));
    });
  });
  return {
    child,
    info,
    async stop(graceMs = 10_000) {
      if (child.exitCode !== null) return child.exitCode;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      const [code] = (await exited) as [number | null];
      clearTimeout(timer);
      return code;
    },
    ask<R>(message: object, accept: (reply: unknown) => reply is R, askTimeoutMs = 60_000) {
      return new Promise<R>((resolve, reject) => {
        if (!child.send) return reject(new Error(`${script} was spawned without an IPC channel`));
        const timer = setTimeout(() => {
          child.off('message', onMessage);
          reject(new Error(`${script} did not answer ${JSON.stringify(message)} within ${askTimeoutMs} ms`));
        }, askTimeoutMs);
        const onMessage = (reply: unknown) => {
          if (!accept(reply)) return;
          clearTimeout(timer);
          child.off('message', onMessage);
          resolve(reply);
        };
        child.on('message', onMessage);
        child.send(message);
      });
    },
  };
}

/** Runs a child to completion and returns its stdout (rejects on a non-zero exit). */
export async function runToEnd(command: string, args: readonly string[], timeoutMs = 120_000): Promise<string> {
  const child = spawn(command, [...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const [code] = (await once(child, 'exit')) as [number | null];
  clearTimeout(timer);
  if (code !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${String(code)}\n${stderr}`);
  return stdout;
}
