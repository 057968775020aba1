// `nx-conformance self-test`: proves the runner's power. The catalogue runs against the clean
// mock (it must pass everything) and against the mock with each seeded defect (the checks meant
// for it must fail), and the catch rate is printed as `N/M seeded defects caught`.
import { Command } from 'commander';
import { catalogue } from '../conformance/catalogue.js';
import { runSelfTest } from '../conformance/self-test/run-self-test.js';
import { defectCatalogue, defectNames, isDefectName, type DefectName } from '../mock/defects.js';
import { colorsFor } from './color.js';
import { createStatus } from './progress.js';

export function selfTestCommand(onExit: (code: number) => void): Command {
  return new Command('self-test')
    .description('Run the catalogue against the mock and against each seeded defect; print the catch rate.')
    .option('--defect <names>', 'only these defects (comma-separated)', (v: string) => v.split(','))
    .option('--full', 'run the whole catalogue per defect (default: only the checks meant for it)')
    .action(async (opts) => {
      const chosen: string[] = opts.defect ?? defectNames;
      const unknown = chosen.filter((d) => !isDefectName(d));
      if (unknown.length > 0) {
        process.stderr.write(`nx-conformance: unknown defect ${unknown.join(', ')}; valid: ${defectNames.join(', ')}\n`);
        return onExit(2);
      }
      const started = performance.now();
      const c = colorsFor(process.stdout);
      const status = createStatus();
      let done = 0;
      status.show(`self-test: the catalogue against the clean mock and ${chosen.length} seeded defects…`);
      const { clean, results } = await runSelfTest({
        checks: catalogue,
        defects: chosen as DefectName[],
        targeted: !opts.full,
        onDefect: (r) => {
          status.clear();
          done += 1;
          const mark = r.caught ? c.green('✓') : c.red('✗');
          process.stdout.write(`${mark} ${r.defect.padEnd(28)} ${r.caught ? `caught by ${r.caughtBy.join(', ')}` : `NOT caught (expected ${r.expected.join(', ')} to fail)`}\n`);
          if (!r.caught) process.stdout.write(`    ${defectCatalogue[r.defect]}\n`);
          if (done < chosen.length) status.show(`self-test: ${done}/${chosen.length} seeded defects checked…`);
        },
      });
      status.clear();
      const falseFailures = clean.findings.filter((f) => f.status === 'fail');
      for (const f of falseFailures) process.stdout.write(`${c.red('✗')} clean mock: ${f.checkId} failed: ${f.message}\n`);
      const caught = results.filter((r) => r.caught).length;
      process.stdout.write(`\nclean mock: ${clean.counts.pass} passed, ${clean.counts.fail} failed, ${clean.counts.skip} skipped\n`);
      process.stdout.write(`${caught}/${results.length} seeded defects caught in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
      return onExit(caught === results.length && falseFailures.length === 0 ? 0 : 1);
    });
}
