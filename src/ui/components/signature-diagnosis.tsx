// The 401 diagnosis of a journal entry: the problem's explanation and, for a bad signature, the
// string the mock signed next to the one the client signed, with the first difference marked.
import type { JournalEntry } from '../types.js';

interface Problem {
  code?: string;
  detail?: string;
  stringToSign?: string;
  mistake?: { code: string; message: string; signedString?: string };
  serverTime?: number;
  skewMs?: number;
}

function firstDifference(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i === a.length && i === b.length ? -1 : i;
}

function Marked({ text, at }: { text: string; at: number }) {
  if (at < 0) return <code class="sts">{text}</code>;
  return (
    <code class="sts">
      {text.slice(0, at)}
      <mark>{text.slice(at, at + 1) || '⏎'}</mark>
      {text.slice(at + 1)}
    </code>
  );
}

export function parseProblem(entry: JournalEntry): Problem | null {
  if (entry.status < 400) return null;
  try {
    return JSON.parse(entry.responseBody) as Problem;
  } catch {
    return null;
  }
}

export function SignatureDiagnosis({ entry }: { entry: JournalEntry }) {
  const problem = parseProblem(entry);
  if (!problem || entry.status !== 401) return null;
  const expected = problem.stringToSign;
  const received = problem.mistake?.signedString;
  const at = expected !== undefined && received !== undefined ? firstDifference(expected, received) : -1;
  return (
    <section class="diagnosis" aria-label="Why this request was refused">
      <h4>Diagnosis: {problem.code}</h4>
      <p>{problem.mistake?.message ?? problem.detail}</p>
      {problem.skewMs !== undefined && <p>Your timestamp was {problem.skewMs} ms off the mock's clock.</p>}
      {expected !== undefined && (
        <div class="side-by-side">
          <div>
            <h5>The mock signed (stringToSign)</h5>
            <Marked text={expected} at={at} />
          </div>
          <div>
            <h5>You signed</h5>
            {received === undefined ? <p class="muted">Unknown: the signature matches none of the known mistakes.</p> : <Marked text={received} at={at} />}
          </div>
        </div>
      )}
    </section>
  );
}
