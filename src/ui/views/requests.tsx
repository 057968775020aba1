// Requests: the journal, newest first, live. New entries are fetched incrementally (sinceSeq)
// when the stream announces them; filters by agent, operation, status and problem code apply to
// what the page holds (the journal's last 1000 entries at most).
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { getJson } from '../api.js';
import { RequestRow } from '../components/request-row.js';
import { useLive, type LiveEvent } from '../live.js';
import type { JournalEntry, JournalPage } from '../types.js';

const KEEP = 1000;
const ALL = '';

function statusGroup(status: number): string {
  return `${Math.floor(status / 100)}xx`;
}

function options(values: Array<string | null>): string[] {
  return [...new Set(values.filter((v): v is string => v !== null))].sort();
}

export function Requests() {
  const [entries, setEntries] = useState<JournalEntry[]>([]);
  const [error, setError] = useState<string | undefined>(undefined);
  const [filter, setFilter] = useState({ agent: ALL, operation: ALL, status: ALL, code: ALL });
  const sync = useRef({ lastSeq: 0, busy: false, again: false, full: true, timer: 0 });

  const load = useCallback(async () => {
    const s = sync.current;
    if (s.busy) {
      s.again = true;
      return;
    }
    s.busy = true;
    try {
      const full = s.full;
      s.full = false;
      const page = await getJson<JournalPage>(full ? `/journal?limit=${KEEP}` : `/journal?sinceSeq=${s.lastSeq}&limit=${KEEP}`);
      s.lastSeq = page.data.at(-1)?.seq ?? (full ? 0 : s.lastSeq);
      setEntries((old) => (full ? page.data : [...old, ...page.data]).slice(-KEEP));
      setError(undefined);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      s.busy = false;
      if (s.again) {
        s.again = false;
        void load();
      }
    }
  }, []);

  const schedule = useCallback(
    (full: boolean) => {
      const s = sync.current;
      s.full ||= full;
      if (s.timer) return;
      s.timer = window.setTimeout(() => {
        s.timer = 0;
        void load();
      }, 100);
    },
    [load],
  );

  useEffect(() => {
    void load();
    return () => window.clearTimeout(sync.current.timer);
  }, [load]);

  useLive(
    useCallback(
      (e: LiveEvent) => {
        if (e.type === 'request') schedule(false);
        else if (e.type === 'open' || e.type === 'lagged') schedule(true);
        else if (e.type === 'control' && (e.data.operationId === 'resetState' || e.data.operationId === 'clearJournal')) schedule(true);
      },
      [schedule],
    ),
  );

  const choices = useMemo(
    () => ({
      agent: options(entries.map((e) => e.agentId)),
      operation: options(entries.map((e) => e.operationId)),
      status: options(entries.map((e) => statusGroup(e.status))).concat(options(entries.map((e) => String(e.status)))),
      code: options(entries.map((e) => e.code)),
    }),
    [entries],
  );
  const shown = entries
    .filter(
      (e) =>
        (filter.agent === ALL || e.agentId === filter.agent) &&
        (filter.operation === ALL || e.operationId === filter.operation) &&
        (filter.status === ALL || statusGroup(e.status) === filter.status || String(e.status) === filter.status) &&
        (filter.code === ALL || e.code === filter.code),
    )
    .reverse();

  const select = (key: keyof typeof filter, label: string) => (
    <label>
      {label}{' '}
      <select value={filter[key]} onChange={(e) => setFilter({ ...filter, [key]: e.currentTarget.value })}>
        <option value={ALL}>all</option>
        {choices[key].map((v) => (
          <option key={v} value={v}>
            {v}
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <section class="card" aria-labelledby="requests-h">
      <h2 id="requests-h">
        Journal <span class="muted">({shown.length} of {entries.length} shown)</span>
      </h2>
      <form class="filters" aria-label="Filter the journal" onSubmit={(e) => e.preventDefault()}>
        {select('agent', 'Agent')}
        {select('operation', 'Operation')}
        {select('status', 'Status')}
        {select('code', 'Problem code')}
      </form>
      {error && <p class="error">{error}</p>}
      <div class="scroll">
        <table class="journal">
          <thead>
            <tr>
              <th scope="col">Time (mock clock)</th>
              <th scope="col">Request</th>
              <th scope="col">Operation</th>
              <th scope="col">Agent</th>
              <th scope="col">Status</th>
              <th scope="col">Problem</th>
              <th scope="col">Took</th>
            </tr>
          </thead>
          {shown.map((e) => (
            <RequestRow key={e.seq} entry={e} />
          ))}
        </table>
      </div>
      {entries.length === 0 && !error && <p class="muted">No API requests yet.</p>}
    </section>
  );
}
