// The HTML report's style sheet and script, inlined into the one file it is (render-html.ts).
// The script only filters findings and copies curl scripts: the page reads fine without it.

export const REPORT_CSS = `
:root { --fg:#1f2328; --muted:#57606a; --line:#d0d7de; --bg:#f6f8fa; --pass:#116329; --fail:#a40e26; --partial:#6a4b00; --skip:#57606a;
  font: 14px/1.45 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; color: var(--fg); background: #fff; }
body { margin: 0 auto; max-width: 1200px; padding: 16px 20px 40px; }
h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 17px; margin: 28px 0 8px; } h3 { font-size: 15px; margin: 0; }
code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; }
pre { white-space: pre-wrap; word-break: break-all; background: var(--bg); border: 1px solid var(--line); border-radius: 6px; padding: 8px; margin: 4px 0; max-height: 360px; overflow: auto; }
table { border-collapse: collapse; } th, td { border-bottom: 1px solid var(--line); padding: 4px 10px; text-align: left; vertical-align: top; }
th { background: var(--bg); } td.n { text-align: right; font-variant-numeric: tabular-nums; }
.settings { display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px; margin: 10px 0; } .settings dt { color: var(--muted); } .settings dd { margin: 0; }
.verdict { display: inline-block; padding: 2px 10px; border-radius: 12px; font-weight: 700; }
.s-pass { color: var(--pass); } .s-fail { color: var(--fail); } .s-partial { color: var(--partial); } .s-skip, .s-interrupted { color: var(--skip); }
.verdict.s-pass { background: #dafbe1; } .verdict.s-fail { background: #ffebe9; } .verdict.s-interrupted { background: #fff8c5; }
.badge { display: inline-block; min-width: 56px; text-align: center; padding: 0 8px; border-radius: 10px; font-size: 12px; font-weight: 600; border: 1px solid currentColor; margin-right: 8px; }
.filters { display: flex; flex-wrap: wrap; gap: 16px; align-items: center; border: 1px solid var(--line); border-radius: 8px; padding: 8px 12px; }
.filters fieldset { border: 0; margin: 0; padding: 0; display: flex; gap: 12px; } .filters legend { float: left; margin-right: 8px; color: var(--muted); }
.finding { border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px; margin: 10px 0; }
.finding.fail { border-left: 5px solid var(--fail); } .finding.partial { border-left: 5px solid #bf8700; }
.finding .meta { color: var(--muted); font-size: 12.5px; margin: 2px 0 6px; }
.pair { display: grid; grid-template-columns: 1fr 1fr; gap: 12px; } .pair h4, .finding h4 { font-size: 13px; margin: 8px 0 2px; }
button { font: inherit; padding: 3px 10px; border: 1px solid var(--line); border-radius: 6px; background: var(--bg); cursor: pointer; }
.copied { color: var(--pass); margin-left: 8px; }
[hidden] { display: none !important; }
@media (max-width: 800px) { .pair { grid-template-columns: 1fr; } }
`;

// Plain ES2017 in a string: it runs in any browser from file://, with no module loader.
export const REPORT_SCRIPT = `
(function () {
  var findings = Array.prototype.slice.call(document.querySelectorAll('.finding'));
  var statusBoxes = Array.prototype.slice.call(document.querySelectorAll('input[name="status"]'));
  var category = document.getElementById('category-filter');
  var shown = document.getElementById('shown-count');
  function apply() {
    var statuses = statusBoxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
    var n = 0;
    findings.forEach(function (f) {
      var visible = statuses.indexOf(f.dataset.status) !== -1 && (category.value === '' || f.dataset.category === category.value);
      f.hidden = !visible;
      if (visible) n++;
    });
    shown.textContent = String(n);
  }
  statusBoxes.forEach(function (b) { b.addEventListener('change', apply); });
  category.addEventListener('change', apply);
  document.querySelectorAll('.filters').forEach(function (f) { f.hidden = false; });
  apply();
  function fallbackCopy(text) {
    var area = document.createElement('textarea');
    area.value = text; area.setAttribute('readonly', ''); area.style.position = 'fixed'; area.style.opacity = '0';
    document.body.appendChild(area); area.select();
    var ok = document.execCommand('copy'); area.remove();
    return ok ? Promise.resolve() : Promise.reject(new Error('copy refused'));
  }
  document.querySelectorAll('button[data-copy]').forEach(function (button) {
    button.addEventListener('click', function () {
      var text = document.getElementById(button.dataset.copy).textContent;
      var note = button.nextElementSibling;
      var copy = navigator.clipboard && window.isSecureContext ? navigator.clipboard.writeText(text).catch(function () { return fallbackCopy(text); }) : fallbackCopy(text);
      copy.then(function () { note.textContent = 'Copied.'; }, function () { note.textContent = 'Select the script and copy it by hand.'; });
    });
  });
})();
`;
