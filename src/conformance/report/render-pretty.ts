// The pretty report of a finished run as one string (tests, non-streaming callers). It replays
// the findings through createPrettyProgress, so it is exactly what the streaming reporter would
// have printed over the run, minus the transient "running" lines.
import type { RunSummary } from '../findings.js';
import { createPrettyProgress } from './pretty-progress.js';

export function renderPretty(summary: RunSummary, options: { color: boolean }): string {
  let out = '';
  const progress = createPrettyProgress({ write: (s) => (out += s), color: options.color, live: false });
  for (const f of summary.findings) {
    progress.checkStarted({ id: f.checkId, title: f.title, category: f.category, ...(f.mode ? { mode: f.mode } : {}), ...(f.scenario ? { scenario: f.scenario } : {}) });
    progress.checkFinished(f);
  }
  progress.done(summary);
  return out;
}
