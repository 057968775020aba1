// The load-scaled bound helper: at least the idle budget, and stretched by the load it measures
// (both the kernel's runnable count and the 1-minute average), never shrunk below idle.
import { afterEach, describe, expect, it, vi } from 'vitest';

const machine = { cores: 2, load1: 0, loadavgFile: '0.00 0.00 0.00 1/100 42\n' };

vi.mock('node:os', async (actual) => ({
  ...(await actual<typeof import('node:os')>()),
  availableParallelism: () => machine.cores,
  loadavg: () => [machine.load1, 0, 0],
}));
vi.mock('node:fs', async (actual) => {
  const fs = await actual<typeof import('node:fs')>();
  return { ...fs, readFileSync: (path: string, ...rest: never[]) => (path === '/proc/loadavg' ? machine.loadavgFile : fs.readFileSync(path, ...rest)) };
});

const { cpuOverload, loadScaledTimer } = await import('./load-scaled.js');

afterEach(() => Object.assign(machine, { load1: 0, loadavgFile: '0.00 0.00 0.00 1/100 42\n' }));

describe('load-scaled bounds', () => {
  it('an idle machine keeps the idle budget (never less)', () => {
    expect(cpuOverload()).toBe(1);
    expect(loadScaledTimer().budgetMs(5_000)).toBe(5_000);
  });

  it('stretches with the runnable tasks per core, or the 1-minute load, whichever is higher', () => {
    machine.loadavgFile = '1.00 1.00 1.00 8/100 42\n';
    expect(cpuOverload()).toBe(4);
    machine.load1 = 12;
    expect(cpuOverload()).toBe(6);
  });

  it('a timer budgets by the highest load seen at its start or when read', () => {
    machine.load1 = 10;
    const timer = loadScaledTimer();
    machine.load1 = 0;
    expect(timer.budgetMs(1_000)).toBe(5_000);
    machine.load1 = 14;
    expect(timer.budgetMs(1_000)).toBe(7_000);
    expect(timer.elapsedMs()).toBeGreaterThanOrEqual(0);
  });
});
