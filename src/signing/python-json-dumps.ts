/**
 * Best-effort re-creation of Python's json.dumps(value) output for a JSON.parse result, with
 * the default separators (", " and ": "). Used only by diagnoseSignature to recognise clients
 * that signed a re-serialised body; it never produces anything that is sent or verified.
 *
 * "Best effort" because JSON.parse loses what Python would keep: 1.0 and 1 both become 1,
 * integer-like object keys are reordered by JavaScript, and Python's float repr switches to
 * exponent notation earlier than JavaScript's. For typical order bodies the output is exact.
 */
export function pythonJsonDumps(value: unknown, { ensureAscii = true }: { ensureAscii?: boolean } = {}): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return pythonNumber(value);
  if (typeof value === 'string') return pythonString(value, ensureAscii);
  if (Array.isArray(value)) return `[${value.map((item) => pythonJsonDumps(item, { ensureAscii })).join(', ')}]`;
  if (typeof value === 'object') {
    const members = Object.entries(value as Record<string, unknown>).map(
      ([key, item]) => `${pythonString(key, ensureAscii)}: ${pythonJsonDumps(item, { ensureAscii })}`,
    );
    return `{${members.join(', ')}}`;
  }
  throw new TypeError(`pythonJsonDumps: ${typeof value} is not a JSON value`);
}

/**
 * Python's float repr: the same shortest round-trip digits as JavaScript, but scientific
 * notation when the decimal exponent is < -4 or >= 16, with a signed two-digit exponent
 * (1e-05, 1e+16). Integral values below 1e16 are printed as Python ints would be.
 */
function pythonNumber(value: number): string {
  if (Number.isInteger(value) && Math.abs(value) < 1e16) return String(value);
  const [mantissa = '', exponentText = '0'] = value.toExponential().split('e');
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= 16) {
    return `${mantissa}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  return String(value);
}

const SHORT_ESCAPES: Record<string, string> = {
  '"': '\\"',
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\b': '\\b',
  '\f': '\\f',
};

function pythonString(text: string, ensureAscii: boolean): string {
  let out = '"';
  // Iterate UTF-16 code units: with ensure_ascii Python escapes astral characters as a
  // surrogate pair (\ud83d\ude80), which is exactly what per-unit escaping yields.
  for (let i = 0; i < text.length; i += 1) {
    const ch = text.charAt(i);
    const unit = text.charCodeAt(i);
    const short = SHORT_ESCAPES[ch];
    if (short !== undefined) out += short;
    else if (unit < 0x20 || (ensureAscii && unit > 0x7e)) out += `\\u${unit.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}
