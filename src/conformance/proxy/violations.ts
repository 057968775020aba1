// The proxy's record of what it saw break the spec: a list for tests, one log line per
// violation, the X-NX-Violations header value, and the summary printed at exit.

export interface Violation {
  seq: number;
  /** ISO time the proxy saw it. */
  at: string;
  direction: 'request' | 'response';
  method: string;
  /** Path and query as requested (secrets scrubbed). */
  path: string;
  /** The upstream status for response violations; null for requests. */
  status: number | null;
  /** validation_failed, a signing code (missing_signature, …) or nonconformant_response. */
  code: string;
  message: string;
}

/** `2; request: placeOrder: body: unknown field 'qty'` in printable ASCII, for a header. */
export function violationsHeader(list: readonly Violation[]): string {
  const first = list[0];
  const summary = first ? `${first.direction}: ${first.message}` : '';
  const ascii = summary.replace(/[^\x20-\x7e]/g, '?').replace(/\s+/g, ' ').slice(0, 300);
  return `${list.length}; ${ascii}`;
}

export function violationLine(v: Violation): string {
  const status = v.status === null ? '' : ` → ${v.status}`;
  return `✗ ${v.direction} ${v.method} ${v.path}${status}: ${v.code}: ${v.message}`;
}

export function summarize(list: readonly Violation[], exchanges: number): string {
  const lines = [`${exchanges} request${exchanges === 1 ? '' : 's'} proxied, ${list.length} violation${list.length === 1 ? '' : 's'}`];
  const groups = new Map<string, { count: number; example: Violation }>();
  for (const v of list) {
    const key = `${v.direction} ${v.code} ${v.message.replace(/\d+/g, 'N')}`;
    const group = groups.get(key);
    if (group) group.count += 1;
    else groups.set(key, { count: 1, example: v });
  }
  for (const { count, example } of [...groups.values()].sort((a, b) => b.count - a.count)) {
    lines.push(`  ${String(count).padStart(4)}× ${example.direction} ${example.code}: ${example.message} (e.g. ${example.method} ${example.path})`);
  }
  return lines.join('\n');
}
