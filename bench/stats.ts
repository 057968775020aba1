// Summaries of repeated measurements. One run on a shared 2-core machine swings by ±30 %, so a
// ratio is reported as the median of interleaved runs together with the spread of those runs.

export interface Spread {
  median: number;
  min: number;
  max: number;
  /** Every run's value, in run order. */
  runs: number[];
}

export function median(xs: readonly number[]): number {
  const sorted = xs.filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export function spreadOf(xs: readonly number[]): Spread {
  const finite = xs.filter((x) => !Number.isNaN(x));
  return { median: median(finite), min: Math.min(...finite), max: Math.max(...finite), runs: [...xs] };
}

/** "0.71 (0.66–0.75)": the median and the range of the runs. */
export function formatSpread(s: Spread, digits = 2): string {
  if (!Number.isFinite(s.median)) return 'n/a';
  return s.runs.length < 2 ? s.median.toFixed(digits) : `${s.median.toFixed(digits)} (${s.min.toFixed(digits)}–${s.max.toFixed(digits)})`;
}
