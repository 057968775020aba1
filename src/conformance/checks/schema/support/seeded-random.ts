// A small seeded generator for the checks that choose among inputs (mulberry32 over a seed mixed
// with a label), so a run with the same --seed sends the same requests.

export interface SeededRandom {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, n). */
  below(n: number): number;
  pick<T>(items: readonly T[]): T | undefined;
  /** Up to `n` distinct items, in their original order. */
  sample<T>(items: readonly T[], n: number): T[];
  /** The items in a seeded order. */
  shuffle<T>(items: readonly T[]): T[];
}

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

export function seededRandom(seed: number, label: string): SeededRandom {
  let state = (hash(label) ^ Math.imul(seed | 0, 0x9e3779b1)) >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const below = (n: number): number => Math.floor(next() * n);
  const shuffled = (length: number): number[] => {
    const indices = Array.from({ length }, (_, i) => i);
    for (let i = indices.length - 1; i > 0; i--) {
      const j = below(i + 1);
      [indices[i], indices[j]] = [indices[j] as number, indices[i] as number];
    }
    return indices;
  };
  return {
    next,
    below,
    pick: (items) => (items.length === 0 ? undefined : items[below(items.length)]),
    sample(items, n) {
      return shuffled(items.length)
        .slice(0, Math.max(0, n))
        .sort((a, b) => a - b)
        .map((i) => items[i] as (typeof items)[number]);
    },
    shuffle: (items) => shuffled(items.length).map((i) => items[i] as (typeof items)[number]),
  };
}
