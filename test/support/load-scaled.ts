// Wall-clock bounds that stretch with the machine's measured load. A test that must bound real
// time (a child process's start-up, a shutdown, "answered before the time-out") states what the
// work costs on an idle machine; the bound it asserts is that times the CPU overload seen while
// the work ran. On a machine shared with other jobs (CI runners, other suites, CPU hogs) the
// same work takes several times longer, and a fixed bound turns that into a false failure.
// Prefer the injected clock or fake timers; use this only where real time is the point.
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';

const cores = availableParallelism();

/** Runnable tasks right now, from /proc/loadavg ("0.50 0.40 0.30 3/120 4567"); 0 off Linux. */
function runnableNow(): number {
  try {
    return Number(/ (\d+)\//.exec(readFileSync('/proc/loadavg', 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/**
 * How many times slower than on an idle machine work runs now (at least 1): runnable tasks per
 * core, from both the instantaneous count (reacts at once to a burst) and the 1-minute load
 * average (covers the moments between samples).
 */
export function cpuOverload(): number {
  return Math.max(1, runnableNow() / cores, (loadavg()[0] ?? 0) / cores);
}

export interface LoadScaledTimer {
  /** Real time since the timer started. */
  elapsedMs(): number;
  /** `idleMs` times the highest overload seen at the start and now. */
  budgetMs(idleMs: number): number;
}

/** A stopwatch whose budgets stretch with the load: expect(t.elapsedMs()).toBeLessThan(t.budgetMs(5_000)). */
export function loadScaledTimer(): LoadScaledTimer {
  const started = performance.now();
  const atStart = cpuOverload();
  return {
    elapsedMs: () => performance.now() - started,
    budgetMs: (idleMs) => idleMs * Math.max(atStart, cpuOverload()),
  };
}
