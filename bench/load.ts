// One autocannon measurement, used programmatically (the caller warms up and alternates servers).
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';

/** CPU time (user + system, ms) the process `pid` has used so far, from /proc (Linux; NaN elsewhere). */
export function cpuMsOf(pid: number | undefined): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime, in USER_HZ (100)
  } catch {
    return Number.NaN;
  }
}

export interface LoadSpec {
  /** Origin, e.g. http://127.0.0.1:4010 */
  url: string;
  method: 'GET' | 'POST';
  /** Full request path, e.g. /v1/agent/market */
  path: string;
  body?: string;
  /** Static headers, or a function called for every request (fresh timestamp and signature). */
  headers: () => Record<string, string>;
  connections: number;
  durationS: number;
  /** The server's process, to charge it the CPU time it used during the run. */
  serverPid?: number;
}

export interface LoadStats {
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  /** Responses by status code. */
  statuses: Record<string, number>;
  /** Measured seconds. */
  seconds: number;
  /** Server CPU time (user + system) per request, µs; robust to other load on the machine. */
  cpuUsPerReq: number;
  serverCpuMs: number;
}

async function once(spec: LoadSpec, durationS: number): Promise<autocannon.Result> {
  return autocannon({
    url: spec.url,
    connections: spec.connections,
    pipelining: 1,
    duration: durationS,
    timeout: 10,
    // autocannon notices the end of a run only at a sample tick: tick often, so runs end on time.
    sampleInt: 100,
    requests: [
      {
        method: spec.method,
        path: spec.path,
        body: spec.body,
        // A fresh timestamp and signature per request (autocannon rebuilds the request each time).
        setupRequest: (request) => ({ ...request, headers: { ...request.headers, ...spec.headers() } }),
      },
    ],
    headers: spec.body === undefined ? {} : { 'content-type': 'application/json' },
  });
}

export async function runLoad(spec: LoadSpec): Promise<LoadStats> {
  const cpuBefore = cpuMsOf(spec.serverPid);
  const r = await once(spec, spec.durationS);
  const serverCpuMs = cpuMsOf(spec.serverPid) - cpuBefore;
  const statuses: Record<string, number> = {};
  for (const [code, v] of Object.entries(r.statusCodeStats ?? {})) statuses[code] = v.count ?? 0;
  const total = Object.values(statuses).reduce((a, b) => a + b, 0);
  return {
    requests: total,
    rps: total / Math.max(r.duration, 1e-3),
    p50: r.latency.p50,
    p99: r.latency.p99,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    statuses,
    seconds: r.duration,
    serverCpuMs,
    cpuUsPerReq: (serverCpuMs * 1000) / Math.max(total, 1),
  };
}

/** Rounds of one server: throughput over all of them, latency percentiles averaged. */
export function combine(rounds: readonly LoadStats[]): LoadStats {
  const sum = (f: (s: LoadStats) => number) => rounds.reduce((a, s) => a + f(s), 0);
  const statuses: Record<string, number> = {};
  for (const s of rounds) for (const [code, n] of Object.entries(s.statuses)) statuses[code] = (statuses[code] ?? 0) + n;
  const seconds = sum((s) => s.seconds);
  const serverCpuMs = sum((s) => s.serverCpuMs);
  return {
    requests: sum((s) => s.requests),
    rps: sum((s) => s.requests) / Math.max(seconds, 1e-3),
    p50: sum((s) => s.p50) / Math.max(rounds.length, 1),
    p99: sum((s) => s.p99) / Math.max(rounds.length, 1),
    non2xx: sum((s) => s.non2xx),
    errors: sum((s) => s.errors),
    timeouts: sum((s) => s.timeouts),
    statuses,
    seconds,
    serverCpuMs,
    cpuUsPerReq: (serverCpuMs * 1000) / Math.max(sum((s) => s.requests), 1),
  };
}
