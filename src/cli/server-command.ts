// `nx-conformance server`: run the catalogue against any Agent Connect server.
import { Command, Option } from 'commander';
import { catalogue } from '../conformance/catalogue.js';
import type { AgentMode } from '../conformance/check.js';
import { runChecks, ServerUnreachableError } from '../conformance/run-checks.js';
import { createReporting, list, positiveInt, REPORTER_HELP, runReported } from './cli-shared.js';
import { createStatus } from './progress.js';

export function serverCommand(onExit: (code: number) => void): Command {
  return new Command('server')
    .description('Check an Agent Connect server against the spec: schema, signatures, timestamps, permissions, rate limits, circuit breakers, orders.')
    .requiredOption('--base-url <url>', 'the API base, e.g. http://127.0.0.1:4010/v1/agent')
    .addOption(new Option('--mode <mode>', 'agent modes to check').choices(['sandbox', 'live', 'both']).default('both'))
    .option('--key <key>', 'use this agent instead of registering agents (checks that need others are skipped)')
    .option('--secret <secret>', 'the secret of --key')
    .option('--checks <ids>', 'only these check ids or categories (comma-separated)', list)
    .option('--skip <ids>', 'leave out these check ids or categories', list)
    .option('--allow-live-orders', 'allow placing orders with live keys (never against real money!)')
    .option('--slow', 'allow checks to wait on the wall clock (rate-limit recovery) when the server has no control clock')
    .option('--reporter <names>', REPORTER_HELP, list, ['pretty'])
    .option('--out <dir>', 'where json and junit reports go')
    .option('--seed <n>', 'seed for generated inputs', positiveInt, 42)
    .option('--timeout <ms>', 'per-request time-out', positiveInt, 10_000)
    .option('--list', 'print the catalogue and exit')
    .action(async (opts) => {
      if (opts.list) {
        for (const c of catalogue) process.stdout.write(`${c.id}\t${c.category}\t${c.title}\n`);
        return onExit(0);
      }
      if ((opts.key === undefined) !== (opts.secret === undefined)) {
        process.stderr.write('nx-conformance: --key and --secret go together.\n');
        return onExit(2);
      }
      const known = (p: string): boolean => catalogue.some((c) => c.id === p || c.category === p || c.id.startsWith(`${p}.`));
      const unknownChecks = [...((opts.checks ?? []) as string[]), ...((opts.skip ?? []) as string[])].filter((p) => !known(p));
      if (unknownChecks.length > 0) {
        process.stderr.write(`nx-conformance: unknown check or category ${unknownChecks.join(', ')}; see --list.\n`);
        return onExit(2);
      }
      const reporting = createReporting(opts.reporter as string[], opts.out);
      if (!reporting) return onExit(2);
      const modes: AgentMode[] = opts.mode === 'both' ? ['sandbox', 'live'] : [opts.mode];
      const progress = reporting.progress;
      const status = createStatus();
      const code = await runReported(
        reporting,
        (signal) =>
          runChecks({
            baseUrl: opts.baseUrl,
            checks: catalogue,
            modes,
            given: opts.key ? { apiKey: opts.key, apiSecret: opts.secret } : undefined,
            only: opts.checks,
            skip: opts.skip,
            allowLiveOrders: Boolean(opts.allowLiveOrders),
            slow: Boolean(opts.slow),
            timeoutMs: opts.timeout,
            seed: opts.seed,
            signal,
            sleep: (ms) => status.wait(ms, "the server's clock cannot be moved (no control API), so the check waits it out", signal),
            onCheckStart: (c) => progress?.checkStarted(c),
            onFinding: (f) => progress?.checkFinished(f),
          }),
        [ServerUnreachableError],
      );
      return onExit(code);
    });
}
