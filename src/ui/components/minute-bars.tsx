// Requests per minute over the last 30 minutes as small SVG bars, with the numbers in a title
// and a caption so the chart is not the only way to read them.
import type { Stats } from '../types.js';

export function MinuteBars({ perMinute }: { perMinute: Stats['perMinute'] }) {
  const max = Math.max(1, ...perMinute.map((m) => m.requests));
  const w = 8;
  const h = 48;
  return (
    <svg class="bars" viewBox={`0 0 ${perMinute.length * w} ${h}`} role="img" aria-label={`Requests per minute, last ${perMinute.length} minutes; peak ${max}`}>
      {perMinute.map((m, i) => {
        const total = (m.requests / max) * h;
        const errors = (m.errors / max) * h;
        return (
          <g key={m.minutesAgo}>
            <title>{`${m.minutesAgo} min ago: ${m.requests} requests, ${m.errors} errors`}</title>
            <rect class="bar-ok" x={i * w + 1} y={h - total} width={w - 2} height={total} />
            <rect class="bar-err" x={i * w + 1} y={h - errors} width={w - 2} height={errors} />
          </g>
        );
      })}
    </svg>
  );
}
