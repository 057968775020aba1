// `nx-conformance self-test`: proves the runner's power. The catalogue runs against the clean
// mock (it must pass everything) and against the mock with each seeded defect (the checks meant
// for it must fail), and the catch rate is printed as `N/M seeded defects caught`.
import { Command } from 'commander';
import { catalogue } from '../conformance/catalogue.js';
import { runSelfTest } from '../conformance/self-test/run-self-test.js';
import { defectCatalogue, defectNames, isDefectName, type DefectName } from '../mock/defects.js';

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
      const tty = Boolean(process.stdout.isTTY);
      const write = (s: string): void => void process.stdout.write(s);
      let done = 0;
      const total = catalogue.reduce((n, c) => n + c.modes.length, 0);
      write(`clean mock: the catalogue (${total} checks in sandbox and live mode) must pass…\n`);
      const { clean, results } = await runSelfTest({
        checks: catalogue,
        defects: chosen as DefectName[],
        targeted: !opts.full,
        // Progress: on a terminal one line that counts up; elsewhere a dot per check, so CI logs move too.
        onCleanFinding: (f) => {
          done += 1;
          if (tty) write(`\r\x1b[2K  ${done}/${total} ${f.status === 'pass' ? '✓' : f.status} ${f.checkId}${f.mode ? ` [${f.mode}]` : ''}`);
          else write(done % 50 === 0 || done === total ? '.\n' : '.');
        },
        onDefectStart: (defect, expected) => {
          if (done > 0) write(tty ? '\r\x1b[2K' : '');
          done = 0;
          if (tty) write(`  … ${defect.padEnd(28)} running ${expected.join(', ')}`);
        },
        onDefect: (r) => {
          if (tty) write('\r\x1b[2K');
          const mark = r.caught ? '✓' : '✗';
          process.stdout.write(`${mark} ${r.defect.padEnd(28)} ${r.caught ? `caught by ${r.caughtBy.join(', ')}` : `NOT caught (expected ${r.expected.join(', ')} to fail)`}\n`);
          if (!r.caught) process.stdout.write(`    ${defectCatalogue[r.defect]}\n`);
        },
      });
      // On the clean mock (virtual clock, control API) every check can run in full: anything but a pass is a false verdict.
      const falseVerdicts = clean.findings.filter((f) => f.status !== 'pass');
      for (const f of falseVerdicts) process.stdout.write(`✗ clean mock: ${f.checkId}${f.mode ? ` [${f.mode}]` : ''} ${f.status === 'fail' ? 'failed' : f.status === 'skip' ? 'skipped' : 'was partial'}: ${f.message}\n`);
      const caught = results.filter((r) => r.caught).length;
      const { pass, fail, partial, skip } = clean.counts;
      process.stdout.write(`\nclean mock: ${pass} passed, ${fail} failed, ${partial} partial, ${skip} skipped\n`);
      process.stdout.write(`${caught}/${results.length} seeded defects caught in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
      return onExit(caught === results.length && falseVerdicts.length === 0 ? 0 : 1);
    });
}
