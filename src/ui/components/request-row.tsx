// One journal entry: a summary row that opens to the redacted request and response, the 401
// diagnosis, and "copy as curl".
import { useState } from 'preact/hooks';
import { copyText } from '../copy.js';
import { timeOnly } from '../format.js';
import { journalCurl } from '../journal-curl.js';
import type { JournalEntry } from '../types.js';
import { SignatureDiagnosis } from './signature-diagnosis.js';

function pretty(body: string): string {
  if (body === '') return '(empty)';
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

const statusClass = (s: number) => (s >= 500 ? 'danger' : s >= 400 ? 'warn' : 'ok');

export function RequestRow({ entry }: { entry: JournalEntry }) {
  const [open, setOpen] = useState(false);
  const [copied, setCopied] = useState('');
  const id = `req-${entry.seq}`;
  const copy = async () => {
    try {
      await copyText(journalCurl(entry, location.origin));
      setCopied('Copied the curl script.');
    } catch (e) {
      setCopied((e as Error).message);
    }
  };
  return (
    <tbody data-seq={entry.seq}>
      <tr>
        <td>
          <button type="button" class="link" aria-expanded={open} aria-controls={id} onClick={() => setOpen(!open)}>
            {timeOnly(entry.at)}
          </button>
        </td>
        <td>
          {entry.method} <code>{entry.path}</code>
        </td>
        <td>{entry.operationId ?? '—'}</td>
        <td>
          {entry.agentId ? (
            <a href={`#/agents/${entry.agentId}`}>{entry.agentId.slice(0, 14)}…</a>
          ) : (
            // Refused before the agent was known: the (redacted) key says who tried.
            <code>{entry.requestHeaders['x-nx-key'] ?? '—'}</code>
          )}
        </td>
        <td>
          <span class={`badge ${statusClass(entry.status)}`}>{entry.status}</span>
        </td>
        <td>{entry.code ?? ''}</td>
        <td class="num">{entry.durationMs} ms</td>
      </tr>
      {open && (
        <tr id={id}>
          <td colSpan={7} class="detail">
            <SignatureDiagnosis entry={entry} />
            <div class="row top">
              <div>
                <h4>Request {entry.requestId}</h4>
                <pre tabIndex={0}>
                  {entry.method} {entry.path}
                  {entry.query ? `?${entry.query}` : ''}
                  {'\n'}
                  {Object.entries(entry.requestHeaders)
                    .map(([k, v]) => `${k}: ${v}`)
                    .join('\n')}
                  {'\n\n'}
                  {pretty(entry.requestBody)}
                </pre>
              </div>
              <div>
                <h4>Response {entry.status}</h4>
                <pre tabIndex={0}>{pretty(entry.responseBody)}</pre>
              </div>
            </div>
            <button type="button" onClick={() => void copy()}>
              Copy as curl
            </button>{' '}
            <span role="status">{copied}</span>
          </td>
        </tr>
      )}
    </tbody>
  );
}
