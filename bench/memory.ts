// The memory part of `npm run bench`: builds dist/ when it is missing or older than src/, then
// measures in a child process of its own (bench/memory-child.mjs) so that neither the load
// generator nor a TypeScript loader is counted.
import { ensureBuilt } from './build.js';
import { runToEnd } from './child.js';

export interface MemoryResult {
  orders: number;
  agents: number;
  /** MB, after a full GC: a fresh process with the mock loaded, then with agents, then with orders. */
  rssBaselineMb: number;
  rssAgentsMb: number;
  rssOrdersMb: number;
  heapOrdersMb: number;
  journal: { capacity: number; sent: number; size: number; capHolds: boolean; heapGrowthMb: number };
  gcExposed: boolean;
}

export async function runMemoryBench(orders: number, agents: number, journalSize: number, log: (line: string) => void): Promise<MemoryResult> {
  await ensureBuilt(log, 'memory');
  const out = await runToEnd(process.execPath, ['--expose-gc', 'bench/memory-child.mjs', String(orders), String(agents), String(journalSize)]);
  const line = out.split('\n').find((l) => l.startsWith('RESULT '));
  if (!line) throw new Error(`bench/memory-child.mjs printed no RESULT line:\n${out}`);
  return JSON.parse(line.slice('RESULT '.length)) as MemoryResult;
}
