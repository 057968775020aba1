// Cost of in-process work as this process's CPU time (user + system), not wall time: other jobs
// sharing the machine delay the work but barely change the CPU it burns, so a bound on it holds
// on a loaded machine too.
export function cpuMs(work: () => void): number {
  const from = process.cpuUsage();
  work();
  const { user, system } = process.cpuUsage(from);
  return (user + system) / 1000;
}
