// Runs mutation workers (worker.ts, in the sandbox) and watches them: one JSON line per result,
// and a worker that prints nothing for `stallMs` is killed, its current mutant a time-out.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Line {
  type: 'coverage' | 'start' | 'result';
  check?: string;
  failures?: string[];
  hits?: number[];
  id?: number;
  status?: 'killed' | 'survived';
  killedBy?: string;
}

/** Runs a worker on a job, `onLine` per result line; resolves with the mutant it was on if it hung or died. */
export function runWorker(dir: string, job: unknown, onLine: (line: Line) => void, stallMs: number): Promise<{ stalledOn?: number; diedOn?: number }> {
  const jobFile = join(dir, `job-${process.pid}-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(jobFile, JSON.stringify(job));
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(dir, 'worker.ts'), jobFile], { cwd: dir, stdio: ['ignore', 'pipe', 'inherit'] });
    let current: number | undefined;
    let timer: NodeJS.Timeout | undefined;
    let stalled = false;
    const arm = (): void => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        stalled = true;
        child.kill('SIGKILL');
      }, stallMs);
    };
    arm();
    let buffer = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n')) {
        const text = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        if (!text.startsWith('{')) continue;
        const line = JSON.parse(text) as Line;
        if (line.type === 'start') current = line.id;
        if (line.type === 'result') current = undefined;
        arm();
        onLine(line);
      }
    });
    child.on('exit', () => {
      clearTimeout(timer);
      resolve(stalled ? { stalledOn: current } : current !== undefined ? { diedOn: current } : {});
    });
  });
}
