// One place for number hygiene. Money is kept to 8 decimals and quantities/prices to the
// decimals of their step (lot or tick), re-rounded after every arithmetic step so float noise
// never accumulates into visible values (0.1 + 0.2 style artefacts) or breaks equality checks.

export const MONEY_DECIMALS = 8;

const POW10: number[] = Array.from({ length: 16 }, (_, i) => 10 ** i);

/**
 * Rounds half away from zero, so +x and −x round symmetrically. A scaled value within a few ulps
 * below .5 is treated as .5 (1.005 × 100 is 100.49999999999999 in binary but means 100.5).
 */
export function roundTo(value: number, decimals: number): number {
  const f = POW10[decimals] ?? 10 ** decimals;
  const scaled = Math.abs(value) * f;
  const floor = Math.floor(scaled);
  const frac = scaled - floor;
  const up = frac >= 0.5 || 0.5 - frac <= scaled * 4 * Number.EPSILON;
  const r = (up ? floor + 1 : floor) / f;
  const out = value < 0 ? -r : r;
  return out === 0 ? 0 : out; // normalise −0 so snapshots compare equal
}

export function roundMoney(value: number): number {
  return roundTo(value, MONEY_DECIMALS);
}

// Steps are a handful of coin constants, so a tiny cache makes decimalsOf effectively free.
const decimalsCache = new Map<number, number>();

/** Number of decimals a step needs (0.01 → 2, 0.25 → 2, 5 → 0), capped at 12. */
export function decimalsOf(step: number): number {
  const cached = decimalsCache.get(step);
  if (cached !== undefined) return cached;
  let found = 12;
  for (let d = 0; d <= 12; d++) {
    const scaled = step * (POW10[d] ?? 10 ** d);
    if (Math.abs(scaled - Math.round(scaled)) < 1e-9 * Math.max(1, scaled)) {
      found = d;
      break;
    }
  }
  if (decimalsCache.size < 1024) decimalsCache.set(step, found);
  return found;
}

/**
 * Snaps `value` to the grid of `step` when it is within float tolerance of a grid point, else
 * returns null. Tolerance is relative to the step, so 0.30000000000000004 with step 0.1 is fine.
 */
export function snapToGrid(value: number, step: number): number | null {
  const n = Math.round(value / step);
  if (Math.abs(value - n * step) > step * 1e-6) return null;
  return roundTo(n * step, decimalsOf(step));
}

/** Largest grid multiple of `step` that is ≤ value (value ≥ 0). Used to cut book levels to lots. */
export function floorToGrid(value: number, step: number): number {
  const n = Math.floor(value / step + 1e-9);
  return roundTo(Math.max(0, n) * step, decimalsOf(step));
}
