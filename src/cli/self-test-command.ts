// `nx-conformance self-test`: proves the runner's power. The catalogue runs against the clean
// mock (it must pass everything) and against the mock with each seeded defect (the checks meant
// for it must fail), and the catch rate is printed as `N/M seeded defects caught`. Reports
// (--reporter json,junit,html --out DIR) hold the clean run's findings and the defects' results.
import { Command } from 'commander';
import { catalogue } from '../conformance/catalogue.js';
import type { RunSummary } from '../conformance/findings.js';
import { writeReports, type HtmlReportInput, type ReporterName } from '../conformance/report/index.js';
import { runSelfTest, SELF_TEST_SEED } from '../conformance/self-test/run-self-test.js';
import { defectCatalogue, defectNames, isDefectName, type DefectName } from '../mock/defects.js';
import { TOOL_VERSION } from '../version.js';
import { list } from './cli-shared.js';
import { colorsFor } from './color.js';
import { createStatus } from './progress.js';

const FILE_REPORTERS = ['json', 'junit', 'html'] as const;

export function selfTestCommand(onExit: (code: number) => void): Command {
  return new Command('self-test')
    .description('Run the catalogue against the mock and against each seeded defect; print the catch rate.')
    .option('--defect <names>', 'only these defects (comma-separated)', (v: string) => v.split(','))
    .option('--full', 'run the whole catalogue per defect (default: only the checks meant for it)')
    .option('--reporter <names>', 'pretty, json, junit, html (comma-separated)', list, ['pretty'])
    .option('--out <dir>', 'where json, junit and html reports go (needed for them)')
    .action(async (opts) => {
      const chosen: string[] = opts.defect ?? defectNames;
      const unknown = chosen.filter((d) => !isDefectName(d));
      if (unknown.length > 0) {
        process.stderr.write(`nx-conformance: unknown defect ${unknown.join(', ')}; valid: ${defectNames.join(', ')}\n`);
        return onExit(2);
      }
      const reporters = opts.reporter as string[];
      const badReporter = reporters.filter((r) => r !== 'pretty' && !(FILE_REPORTERS as readonly string[]).includes(r));
      const files = reporters.filter((r): r is (typeof FILE_REPORTERS)[number] => (FILE_REPORTERS as readonly string[]).includes(r));
      if (badReporter.length > 0 || (files.length > 0 && opts.out === undefined)) {
        const why = badReporter.length > 0 ? `unknown reporter ${badReporter.join(', ')}; use pretty, ${FILE_REPORTERS.join(', ')}` : `give --out DIR for the ${files.join('/')} report`;
        process.stderr.write(`nx-conformance: ${why}.\n`);
        return onExit(2);
      }
      // The running commentary is the pretty report; without it, it goes to stderr.
      const out = reporters.includes('pretty') ? process.stdout : process.stderr;
      const say = (s: string): void => void out.write(s);
      const c = colorsFor(out);
      // A run takes tens of seconds with nothing to show until the first defect is done.
      const status = createStatus();
      const live = Boolean(process.stderr.isTTY) && process.env.TERM !== 'dumb';
      let done = 0;
      const started = performance.now();
      const total = catalogue.reduce((n, check) => n + check.modes.length, 0);
      let checked = 0;
      // The clean run is most of the time: on a terminal a status line counts it; in logs, a dot per check.
      say(`clean mock: the catalogue (${total} checks in sandbox and live mode) must pass…\n`);
      status.show(`self-test: clean mock, 0/${total} checks…`);
      const { clean, results } = await runSelfTest({
        checks: catalogue,
        defects: chosen as DefectName[],
        targeted: !opts.full,
        onCleanFinding: (f) => {
          checked += 1;
          if (live) status.show(`self-test: clean mock, ${checked}/${total} checks (${f.checkId}${f.mode ? ` [${f.mode}]` : ''})…`);
          else say(checked % 50 === 0 || checked === total ? '.\n' : '.');
        },
        onDefectStart: (defect, expected) => status.show(`self-test: ${defect}: running ${expected.join(', ')}…`),
        onDefect: (r) => {
          status.clear();
          done += 1;
          const mark = r.caught ? c.green('✓') : c.red('✗');
          say(`${mark} ${r.defect.padEnd(28)} ${r.caught ? `caught by ${r.caughtBy.join(', ')}` : `NOT caught (expected ${r.expected.join(', ')} to fail)`}\n`);
          if (!r.caught) say(`    ${defectCatalogue[r.defect]}\n`);
          if (done < chosen.length) status.show(`self-test: ${done}/${chosen.length} seeded defects checked…`);
        },
      });
      status.clear();
      // On the clean mock (virtual clock, control API) every check can run in full: anything but a pass is a false verdict.
      const falseVerdicts = clean.findings.filter((f) => f.status !== 'pass');
      for (const f of falseVerdicts) say(`${c.red('✗')} clean mock: ${f.checkId}${f.mode ? ` [${f.mode}]` : ''} ${f.status === 'fail' ? 'failed' : f.status === 'skip' ? 'skipped' : 'was partial'}: ${f.message}\n`);
      const caught = results.filter((r) => r.caught).length;
      const { pass, fail, partial, skip } = clean.counts;
      say(`\nclean mock: ${pass} passed, ${fail} failed, ${partial} partial, ${skip} skipped\n`);
      say(`${caught}/${results.length} seeded defects caught in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
      if (files.length > 0) {
        const report: RunSummary & Pick<HtmlReportInput, 'defectResults' | 'seed'> = {
          ...clean,
          kind: 'self-test',
          seed: SELF_TEST_SEED, // the html report's settings show it, as for `server`
          target: `the mock, clean (these findings) and with ${results.length} seeded defect${results.length === 1 ? '' : 's'}`,
          defects: { caught, total: results.length },
          defectResults: results.map((r) => ({ defect: r.defect, caught: r.caught, caughtBy: r.caughtBy, expected: r.expected })),
        };
        const written = await writeReports(report, { reporters: files as ReporterName[], outDir: opts.out, toolVersion: TOOL_VERSION, write: say });
        for (const file of written) process.stderr.write(`report: ${file}\n`);
      }
      return onExit(caught === results.length && falseVerdicts.length === 0 ? 0 : 1);
    });
}
