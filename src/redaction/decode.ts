// The forms a secret can hide in inside text we print: JSON string escapes (`\u0073ecret`,
// `\/`), percent-encoding (`se%63ret`), and both nested (a problem body that quotes a request
// body quotes its escapes again). Redaction looks at every form, so escaping a secret, or a
// few of its characters, does not smuggle it past.

const JSON_ESCAPE = /\\(?:u([0-9a-fA-F]{4})|(["\\/bfnrt]))/g;
const SIMPLE: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/** Undoes JSON string escapes; malformed ones (a lone `\`, `\x`) are kept as they are. */
export function unescapeJson(s: string): string {
  return s.replace(JSON_ESCAPE, (_m, hex: string | undefined, simple: string | undefined) =>
    hex !== undefined ? String.fromCharCode(parseInt(hex, 16)) : (SIMPLE[simple as string] as string),
  );
}

/**
 * Undoes percent-encoding; malformed escapes are kept. `+` stays `+`: it is a base64 character
 * of our secrets, and turning it into a space would hide them rather than show them.
 */
export function percentDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    // Not valid UTF-8 as a whole: decode byte by byte, which still shows ASCII secrets.
    return s.replace(/%([0-9a-fA-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  }
}

const MAX_DEPTH = 4;

/** Every distinct text s decodes to (JSON escapes, percent-encoding, in any order, nested); s excluded. */
export function deeperForms(s: string): string[] {
  if (!s.includes('\\') && !s.includes('%')) return [];
  const out: string[] = [];
  let frontier = [s];
  for (let depth = 0; depth < MAX_DEPTH && frontier.length > 0; depth++) {
    const next: string[] = [];
    for (const form of frontier) {
      for (const d of [form.includes('\\') ? unescapeJson(form) : form, form.includes('%') ? percentDecode(form) : form]) {
        if (d !== s && !out.includes(d)) next.push(d);
      }
    }
    out.push(...next);
    frontier = next;
  }
  return out;
}
