// Reads a V8 CPU profile (.cpuprofile, as written by the inspector or --cpu-prof) and names the
// functions that used the most CPU themselves (self time), so the next person knows where to look.
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}

export interface CpuProfile {
  nodes: ProfileNode[];
  samples?: number[];
  timeDeltas?: number[];
  startTime: number;
  endTime: number;
}

export interface HotFunction {
  /** "name file:line", or a V8 pseudo-frame such as "(garbage collector)". */
  name: string;
  /** Share of the busy samples (everything but "(idle)"), 0..1. */
  share: number;
  selfMs: number;
}

export interface ProfileSummary {
  file: string;
  /** Sampled time the process was not idle. */
  busyMs: number;
  /** Share of all sampled time the process was idle (waiting for the network). */
  idleShare: number;
  top: HotFunction[];
}

function labelOf(node: ProfileNode, cwd: string): string {
  const { functionName, url, lineNumber } = node.callFrame;
  if (url === '') return functionName || '(anonymous)';
  const path = url.startsWith('file://') ? relative(cwd, new URL(url).pathname) : url;
  return `${functionName || '(anonymous)'} ${path}:${lineNumber + 1}`;
}

/** The `n` functions with the most self time, with their shares of the busy time. */
export function hottest(profile: CpuProfile, n = 10, cwd = process.cwd()): Omit<ProfileSummary, 'file'> {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  const selfUs = new Map<string, number>();
  let idleUs = 0;
  let totalUs = 0;
  for (let i = 0; i < samples.length; i++) {
    const node = byId.get(samples[i] as number);
    // A sample's time is the gap to the next one; the last sample has none.
    const us = Math.max(0, deltas[i + 1] ?? 0);
    totalUs += us;
    if (!node) continue;
    if (node.callFrame.functionName === '(idle)') {
      idleUs += us;
      continue;
    }
    const label = labelOf(node, cwd);
    selfUs.set(label, (selfUs.get(label) ?? 0) + us);
  }
  const busyUs = totalUs - idleUs;
  const top = [...selfUs]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([name, us]) => ({ name, share: busyUs > 0 ? us / busyUs : 0, selfMs: us / 1000 }));
  return { busyMs: busyUs / 1000, idleShare: totalUs > 0 ? idleUs / totalUs : 0, top };
}

export function summariseProfile(file: string, n = 10): ProfileSummary {
  return { file, ...hottest(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile, n) };
}
