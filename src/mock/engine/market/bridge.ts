// Small numeric helpers of the price path.

/**
 * Returns out[0..n], a bridge from a to b: out[i] = a + S_i - w_i (S_n - (b - a)) where S is the
 * walk with increments sd(i)*z(i) and w_i its cumulative variance fraction. End points are set
 * exactly so neighbouring blocks agree bit for bit.
 */
export function bridge(n: number, a: number, b: number, sd: (i: number) => number, z: (i: number) => number): number[] {
  const out: number[] = new Array<number>(n + 1);
  const s: number[] = [0];
  const v: number[] = [0];
  for (let i = 0; i < n; i++) {
    const sdi = sd(i);
    s.push(s[i]! + sdi * z(i));
    v.push(v[i]! + sdi * sdi);
  }
  const gap = s[n]! - (b - a);
  const total = v[n]!;
  for (let i = 1; i < n; i++) out[i] = a + s[i]! - (v[i]! / total) * gap;
  out[0] = a;
  out[n] = b;
  return out;
}

/** Float64Array to a packed number[] (Array.from goes through the iterator protocol: slow). */
export function copy(src: Float64Array): number[] {
  const out: number[] = [];
  for (let i = 0; i < src.length; i++) out.push(src[i]!);
  return out;
}
