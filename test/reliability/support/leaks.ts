// The secret-leak oracle of the redaction tests, written independently of src/redaction: every
// way a printed text can be read back (as is, JSON-unescaped, percent-decoded, repeatedly), and
// whether any 8-character run of a secret shows in one of them. Plus fast-check arbitraries that
// hide a secret in text the way a hostile or careless client would.
import fc from 'fast-check';

export const RUN = 8;

function jsonUnescape(s: string): string {
  return s.replace(/\\u([0-9a-fA-F]{4})|\\(["\\/bfnrt])/g, (_m, hex?: string, c?: string) =>
    hex ? String.fromCharCode(parseInt(hex, 16)) : ({ b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' } as Record<string, string>)[c!] ?? c!,
  );
}

function percentDecode(s: string): string {
  return s.replace(/%([0-9a-fA-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** The text and everything it decodes to, up to six levels deep. */
export function readings(text: string): string[] {
  const out = [text];
  let frontier = [text];
  for (let depth = 0; depth < 6 && frontier.length > 0; depth++) {
    const next: string[] = [];
    for (const t of frontier) for (const d of [jsonUnescape(t), percentDecode(t), percentDecode(jsonUnescape(t))]) if (!out.includes(d)) next.push(d);
    out.push(...next);
    frontier = next;
  }
  return out;
}

/** The first run of `secret` that can be read in `text`, or null. */
export function leakedRun(text: string, secret: string): string | null {
  const views = readings(text);
  for (let i = 0; i + RUN <= secret.length; i++) {
    const run = secret.slice(i, i + RUN);
    if (views.some((v) => v.includes(run))) return run;
  }
  return null;
}

const B62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const chars = (alphabet: string, length: number) => fc.array(fc.constantFrom(...alphabet), { minLength: length, maxLength: length }).map((a) => a.join(''));
/** Credentials shaped like those the mock hands out. */
export const apiSecret = chars(`${B62}-_`, 43);
export const webhookKey = chars(`${B62}+/`, 31).map((s) => `${s}=`);
export const keyBody = chars(B62, 32);

export type Escaping = 'plain' | 'json-all' | 'json-some' | 'json-twice' | 'percent-all' | 'percent-some' | 'slash';

const u = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
const pct = (c: string) => `%${c.charCodeAt(0).toString(16).padStart(2, '0').toUpperCase()}`;

/** The secret as it would sit inside a JSON string literal (or a URL for the percent forms). */
export function escaped(secret: string, how: Escaping, mask: readonly boolean[]): string {
  const some = (f: (c: string) => string) => [...secret].map((c, i) => (mask[i % mask.length] ? f(c) : c)).join('');
  switch (how) {
    case 'plain': return secret;
    case 'json-all': return [...secret].map(u).join('');
    case 'json-some': return some(u);
    case 'json-twice': return some(u).replace(/\\/g, '\\\\');
    case 'percent-all': return [...secret].map(pct).join('');
    case 'percent-some': return some(pct);
    case 'slash': return secret.replace(/\//g, '\\/');
  }
}

export const escaping = fc.constantFrom<Escaping>('plain', 'json-all', 'json-some', 'json-twice', 'percent-all', 'percent-some', 'slash');
export const mask = fc.array(fc.boolean(), { minLength: 1, maxLength: 9 });

/** Text inside a JSON string: ordinary characters and JSON-escaped control characters. */
export const padding = (maxUnits: number) =>
  fc
    .array(fc.oneof(fc.constantFrom('a', 'Z', '7', ' ', '-', '.', '/'), fc.integer({ min: 0, max: 31 }).map((n) => u(String.fromCharCode(n)))), { maxLength: maxUnits })
    .map((a) => a.join(''));

/** Short text right next to a secret, so it is not a string of its own. */
export const glue = fc.constantFrom('', 'x', 'key=', 'Bearer ', 'note: ', '_', '=');
