// Number and time formatting shared by the views. Times are shown in UTC: the mock's clock is
// usually virtual, and a local-time display would suggest it is the reader's own time.

const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 2 });
// Coins below a dollar (SHIB trades at a few millionths) keep four significant digits.
const smallUsd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumSignificantDigits: 4 });
const plain = new Intl.NumberFormat('en-US', { maximumFractionDigits: 8 });

export const money = (n: number | null | undefined): string =>
  n === null || n === undefined ? '—' : n !== 0 && Math.abs(n) < 1 ? smallUsd.format(n) : usd.format(n);
export const num = (n: number | null | undefined): string => (n === null || n === undefined ? '—' : plain.format(n));
export const signedMoney = (n: number): string => `${n > 0 ? '+' : ''}${usd.format(n)}`;

/** 2026-01-05 12:00:00 UTC */
export function utc(iso: string | number | null | undefined): string {
  if (iso === null || iso === undefined) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? String(iso) : `${d.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

export function timeOnly(iso: string): string {
  return new Date(iso).toISOString().slice(11, 23);
}

/** 90 000 → "1 min 30 s" */
export function duration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return s % 60 ? `${m} min ${s % 60} s` : `${m} min`;
  const h = Math.floor(m / 60);
  return m % 60 ? `${h} h ${m % 60} min` : `${h} h`;
}

/** CSS class for a gain or a loss (colour is never the only cue: the sign is shown too). */
export const pnlClass = (n: number): string => (n > 0 ? 'gain' : n < 0 ? 'loss' : '');
