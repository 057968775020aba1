// The html reporter: one self-contained file (style and script inline, no network: its CSP
// forbids any) that opens from file:// in CI artifacts. It renders whatever the run summary
// carries — every status it counts, the mode/scenario/form of each finding, requirement coverage
// when findings name requirements, the seeded defects of a self-test — failures first, with
// expected/actual, evidence and a curl script to copy. Its numbers are the summary's own counts,
// the same the json reporter writes.
import { createHash } from 'node:crypto';
import { REPORT_CSS, REPORT_SCRIPT } from './html-report-assets.js';

/** The parts of a run summary the report reads; any RunSummary fits, older or newer. */
export interface HtmlReportInput {
  kind?: string;
  target: string;
  mode?: string;
  modes?: readonly string[];
  seed?: number;
  startedAt: string;
  durationMs: number;
  counts: Readonly<Record<string, number>>;
  verdict?: string;
  strict?: boolean;
  interrupted?: boolean;
  defects?: { caught: number; total: number };
  /** Self-test: each seeded defect and the checks that caught it. */
  defectResults?: ReadonlyArray<{ defect: string; caught: boolean; caughtBy: readonly string[]; expected: readonly string[] }>;
  /** Titles of requirements, when the run knows them (ids alone are shown otherwise). */
  requirements?: ReadonlyArray<{ id: string; title?: string }>;
  findings: readonly HtmlFinding[];
}

export interface HtmlFinding {
  status: string;
  checkId: string;
  title: string;
  category: string;
  message: string;
  durationMs: number;
  mode?: string;
  scenario?: string;
  form?: string;
  requirements?: readonly string[];
  expected?: string;
  actual?: string;
  spec?: string;
  reproduce?: string;
  untested?: string;
  howToTest?: string;
  blockedBy?: string;
  evidence?: ReadonlyArray<{ request: { method: string; url: string; headers: Record<string, string>; body: string }; response: { status: number; headers: Record<string, string>; body: string } | null }>;
}

export interface RenderHtmlOptions {
  toolVersion: string;
}

/** Failures first: what a reader came for. Statuses this file does not know go last, in their order. */
const ORDER = ['fail', 'partial', 'skip', 'pass'];

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
// C0 controls (bar tab and newline) and lone surrogates cannot be shown; they become U+FFFD.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSHOWABLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
export const esc = (text: unknown): string => String(text).replace(UNSHOWABLE, '\ufffd').replace(/[&<>"']/g, (c) => ESCAPES[c] as string);

const rank = (status: string): number => (ORDER.includes(status) ? ORDER.indexOf(status) : ORDER.length);

const sha256 = (text: string): string => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

function statusesOf(input: HtmlReportInput): string[] {
  const seen = new Set([...Object.keys(input.counts), ...input.findings.map((f) => f.status)]);
  return [...seen].sort((a, b) => rank(a) - rank(b));
}

function settings(input: HtmlReportInput, options: RenderHtmlOptions): string {
  const modes = input.modes ? (input.modes.length > 0 ? input.modes.join(', ') : 'not applicable') : input.mode;
  const rows: Array<[string, unknown]> = [
    ['Target', input.target],
    ['Run', input.kind],
    ['Modes', modes],
    ['Seed', input.seed],
    ['Started', input.startedAt],
    ['Took', `${(input.durationMs / 1000).toFixed(1)} s`],
    ['Strict', input.strict === undefined ? undefined : input.strict ? 'yes (skips and partials fail the run)' : 'no'],
    ['Seeded defects caught', input.defects ? `${input.defects.caught} of ${input.defects.total}` : undefined],
    ['Tool', `nx-conformance ${options.toolVersion}`],
  ];
  return `<dl class="settings">${rows.filter(([, v]) => v !== undefined).map(([k, v]) => `<dt>${esc(k)}</dt><dd data-setting="${esc(k.toLowerCase())}">${esc(v)}</dd>`).join('')}</dl>`;
}

function summaryTable(input: HtmlReportInput, statuses: string[]): string {
  const categories = [...new Set(input.findings.map((f) => f.category))];
  const count = (category: string | null, status: string) => input.findings.filter((f) => (category === null || f.category === category) && f.status === status).length;
  const head = `<tr><th scope="col">Category</th>${statuses.map((s) => `<th scope="col" class="s-${esc(s)}">${esc(s)}</th>`).join('')}<th scope="col">total</th></tr>`;
  const row = (category: string) =>
    `<tr><th scope="row">${esc(category)}</th>${statuses.map((s) => `<td class="n">${count(category, s)}</td>`).join('')}<td class="n">${input.findings.filter((f) => f.category === category).length}</td></tr>`;
  // The totals are the summary's own counts: the numbers the json report carries.
  const total = `<tr><th scope="row">all</th>${statuses.map((s) => `<td class="n" data-count="${esc(s)}">${input.counts[s] ?? count(null, s)}</td>`).join('')}<td class="n" data-count="total">${input.findings.length}</td></tr>`;
  return `<table class="summary"><caption class="visually-hidden">Findings by category and status</caption><thead>${head}</thead><tbody>${categories.map(row).join('')}</tbody><tfoot>${total}</tfoot></table>`;
}

function coverage(input: HtmlReportInput): string {
  const byRequirement = new Map<string, HtmlFinding[]>();
  for (const f of input.findings) for (const id of f.requirements ?? []) byRequirement.set(id, [...(byRequirement.get(id) ?? []), f]);
  for (const r of input.requirements ?? []) if (!byRequirement.has(r.id)) byRequirement.set(r.id, []);
  if (byRequirement.size === 0) return '';
  const titles = new Map((input.requirements ?? []).map((r) => [r.id, r.title]));
  // A requirement is as good as the worst finding that covers it; none at all leaves it uncovered.
  const state = (fs: HtmlFinding[]) => (fs.length === 0 ? 'uncovered' : (ORDER.find((s) => fs.some((f) => f.status === s)) ?? fs[0]?.status ?? 'uncovered'));
  const rows = [...byRequirement].map(
    ([id, fs]) =>
      `<tr data-requirement="${esc(id)}"><th scope="row"><code>${esc(id)}</code>${titles.get(id) ? ` ${esc(titles.get(id))}` : ''}</th><td class="s-${esc(state(fs))}">${esc(state(fs))}</td><td>${fs.map((f) => `<code>${esc(label(f))}</code>`).join(', ')}</td></tr>`,
  );
  const covered = [...byRequirement.values()].filter((fs) => state(fs) === 'pass').length;
  return `<section aria-labelledby="req-h"><h2 id="req-h">Requirement coverage: ${covered} of ${byRequirement.size} met</h2><table><thead><tr><th scope="col">Requirement</th><th scope="col">State</th><th scope="col">Checks</th></tr></thead><tbody>${rows.join('')}</tbody></table></section>`;
}

function defectTable(input: HtmlReportInput): string {
  if (!input.defectResults || input.defectResults.length === 0) return '';
  const rows = input.defectResults.map(
    (d) =>
      `<tr><th scope="row"><code>${esc(d.defect)}</code></th><td class="${d.caught ? 's-pass' : 's-fail'}">${d.caught ? 'caught' : 'NOT caught'}</td><td>${(d.caught ? d.caughtBy : d.expected).map((c) => `<code>${esc(c)}</code>`).join(', ')}</td></tr>`,
  );
  return `<section aria-labelledby="defects-h"><h2 id="defects-h">Seeded defects</h2><table><thead><tr><th scope="col">Defect</th><th scope="col">Result</th><th scope="col">Checks (expected to fail)</th></tr></thead><tbody>${rows.join('')}</tbody></table></section>`;
}

const label = (f: HtmlFinding) => (f.mode || f.scenario ? `${f.checkId} [${[f.mode, f.scenario].filter(Boolean).join('/')}]` : f.checkId);

// Every <pre> may scroll (long bodies), so each takes keyboard focus to be scrollable without a mouse.
function evidenceHtml(f: HtmlFinding): string {
  return (f.evidence ?? [])
    .map((e, i) => {
      const req = `${e.request.method} ${e.request.url}\n${Object.entries(e.request.headers).map(([k, v]) => `${k}: ${v}`).join('\n')}\n\n${e.request.body}`;
      const res = e.response ? `${e.response.status}\n${Object.entries(e.response.headers).map(([k, v]) => `${k}: ${v}`).join('\n')}\n\n${e.response.body}` : '(no response)';
      return `<div class="pair"><div><h4>Request ${i + 1}</h4><pre tabindex="0">${esc(req)}</pre></div><div><h4>Response ${i + 1}</h4><pre tabindex="0">${esc(res)}</pre></div></div>`;
    })
    .join('');
}

function findingHtml(f: HtmlFinding, index: number): string {
  const meta = [f.category, f.form && `form ${f.form}`, `${Math.round(f.durationMs)} ms`, f.requirements?.length ? `covers ${f.requirements.join(', ')}` : ''].filter(Boolean).join(' · ');
  const parts = [`<p>${esc(f.message)}</p>`];
  if (f.expected !== undefined || f.actual !== undefined) {
    parts.push(`<div class="pair"><div><h4>Expected</h4><pre tabindex="0">${esc(f.expected ?? '')}</pre></div><div><h4>Actual</h4><pre tabindex="0">${esc(f.actual ?? '')}</pre></div></div>`);
  }
  if (f.untested) parts.push(`<h4>Not tested</h4><p>${esc(f.untested)}</p>`);
  if (f.howToTest) parts.push(`<h4>How to test it</h4><p>${esc(f.howToTest)}</p>`);
  if (f.blockedBy) parts.push(`<p>Blocked by <code>${esc(f.blockedBy)}</code>.</p>`);
  if (f.spec) parts.push(`<h4>The spec says</h4><p>${esc(f.spec)}</p>`);
  if (f.evidence?.length) parts.push(`<details${f.status === 'fail' ? ' open' : ''}><summary>Evidence (${f.evidence.length} exchange${f.evidence.length === 1 ? '' : 's'}, secrets redacted)</summary>${evidenceHtml(f)}</details>`);
  if (f.reproduce) {
    const id = `reproduce-${index}`;
    parts.push(`<h4>Reproduce</h4><pre id="${id}" class="reproduce" tabindex="0">${esc(f.reproduce)}</pre><button type="button" data-copy="${id}">Copy curl script</button><span class="copied" role="status"></span>`);
  }
  return `<article class="finding ${esc(f.status)}" data-status="${esc(f.status)}" data-category="${esc(f.category)}" data-check="${esc(f.checkId)}" aria-labelledby="f-${index}"><h3 id="f-${index}"><span class="badge s-${esc(f.status)}">${esc(f.status)}</span>${esc(f.title)}</h3><p class="meta"><code>${esc(label(f))}</code> · ${esc(meta)}</p>${parts.join('')}</article>`;
}

function filters(statuses: string[], input: HtmlReportInput): string {
  const categories = [...new Set(input.findings.map((f) => f.category))];
  const boxes = statuses.map((s) => `<label><input type="checkbox" name="status" value="${esc(s)}" checked> ${esc(s)} (${input.counts[s] ?? 0})</label>`).join('');
  const options = categories.map((c) => `<option value="${esc(c)}">${esc(c)}</option>`).join('');
  return `<form class="filters" hidden aria-label="Filter findings"><fieldset><legend>Status</legend>${boxes}</fieldset><label>Category <select id="category-filter"><option value="">all</option>${options}</select></label><span><span id="shown-count">${input.findings.length}</span> shown</span></form>`;
}

export function renderHtml(input: HtmlReportInput, options: RenderHtmlOptions): string {
  const statuses = statusesOf(input);
  const verdict = input.verdict ?? (input.interrupted ? 'interrupted' : (input.counts.fail ?? 0) > 0 ? 'fail' : 'pass');
  const ordered = [...input.findings].sort((a, b) => rank(a.status) - rank(b.status));
  const css = `${REPORT_CSS}.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}`;
  const csp = `default-src 'none'; style-src ${sha256(css)}; script-src ${sha256(REPORT_SCRIPT)}; img-src data:; base-uri 'none'; form-action 'none'`;
  const title = `nx-conformance ${input.kind ?? 'run'}: ${verdict} (${input.target})`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${esc(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>${css}</style>
</head>
<body>
<header>
<h1>nx-conformance${input.kind ? ` ${esc(input.kind)}` : ''} report <span class="verdict s-${esc(verdict)}" data-verdict="${esc(verdict)}">${esc(verdict)}</span></h1>
${settings(input, options)}
</header>
<main>
<section aria-labelledby="summary-h"><h2 id="summary-h">Summary</h2>${summaryTable(input, statuses)}</section>
${defectTable(input)}
${coverage(input)}
<section aria-labelledby="findings-h"><h2 id="findings-h">Findings, failures first</h2>
${filters(statuses, input)}
${ordered.map(findingHtml).join('\n')}
</section>
</main>
<script>${REPORT_SCRIPT}</script>
</body>
</html>
`;
}
