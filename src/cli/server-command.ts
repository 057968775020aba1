// `nx-conformance server`: run the catalogue against any Agent Connect server.
import { Command, Option } from 'commander';
import { catalogue } from '../conformance/catalogue.js';
import type { AgentMode } from '../conformance/check.js';
import { matchesCheck, PreflightError, runChecks } from '../conformance/run-checks.js';
import { createReporting, list, positiveInt, REPORTER_HELP, runReported } from './cli-shared.js';

/** The modes to check: --mode, or with the default ('both') and a --key, the key's own mode. */
export function modesFor(mode: string, explicit: boolean, key: string | undefined): AgentMode[] | string {
  const keyMode: AgentMode | undefined = key?.startsWith('nx_live_') ? 'live' : key?.startsWith('nx_test_') ? 'sandbox' : undefined;
  if (key !== undefined && keyMode !== undefined) {
    if (!explicit) return [keyMode];
    if (mode === 'both' || mode !== keyMode) return `--key is a ${keyMode} key (${keyMode === 'live' ? 'nx_live_' : 'nx_test_'}…) but --mode is ${mode}; one agent has one mode: drop --mode, or give a key of that mode`;
  }
  return mode === 'both' ? ['sandbox', 'live'] : [mode as AgentMode];
}

export function serverCommand(onExit: (code: number) => void): Command {
  return new Command('server')
    .description('Check an Agent Connect server against the spec: schema, signatures, timestamps, permissions, rate limits, circuit breakers, orders.')
    .option('--base-url <url>', 'the API base, e.g. http://127.0.0.1:4010/v1/agent (required unless --list)')
    .addOption(new Option('--mode <mode>', 'agent modes to check (default: both, or the mode of --key)').choices(['sandbox', 'live', 'both']).default('both'))
    .option('--key <key>', 'use this agent instead of registering agents (checks that need others are skipped)')
    .option('--secret <secret>', 'the secret of --key')
    .option('--checks <ids>', 'only these check ids or categories (comma-separated)', list)
    .option('--skip <ids>', 'leave out these check ids or categories', list)
    .option('--allow-live-orders', 'allow placing orders with live keys (never against real money!)')
    .option('--slow', 'allow checks to wait on the wall clock (rate-limit recovery) when the server has no control clock')
    .option('--strict', 'count skipped and partial checks as failures (exit 1)')
    .option('--reporter <names>', REPORTER_HELP, list, ['pretty'])
    .option('--out <dir>', 'where json, junit and html reports go')
    .option('--seed <n>', 'seed for generated inputs', positiveInt, 42)
    .option('--timeout <ms>', 'per-request time-out', positiveInt, 10_000)
    .option('--check-timeout <ms>', 'per-check time limit (the check is aborted after it)', positiveInt, 60_000)
    .option('--list', 'print the catalogue and exit')
    .option('--requirements', "with --list: print the requirements matrix (every normative statement of the spec and SIGNING.md, and the checks that cover it)")
    .action(async (opts, command: Command) => {
      if (opts.list && opts.requirements) {
        const { renderMatrix } = await import('../conformance/requirements/matrix.js');
        const { serverMatrix } = await import('../conformance/requirements/server-matrix.js');
        process.stdout.write(renderMatrix(serverMatrix()));
        return onExit(0);
      }
      if (opts.list) {
        for (const c of catalogue) process.stdout.write(`${c.id}\t${c.category}\t${c.title}\n`);
        return onExit(0);
      }
      const usage = (message: string): void => {
        process.stderr.write(`nx-conformance: ${message}\n`);
        onExit(2);
      };
      if (opts.baseUrl === undefined) return usage("server needs --base-url, the API base (e.g. --base-url http://127.0.0.1:4010/v1/agent); '--list' alone prints the catalogue.");
      if ((opts.key === undefined) !== (opts.secret === undefined)) return usage('--key and --secret go together.');
      const known = (p: string): boolean => catalogue.some((c) => matchesCheck(c, [p]));
      const unknownChecks = [...((opts.checks ?? []) as string[]), ...((opts.skip ?? []) as string[])].filter((p) => !known(p));
      if (unknownChecks.length > 0) return usage(`unknown check or category ${unknownChecks.join(', ')}; see --list.`);
      const modes = modesFor(opts.mode as string, command.getOptionValueSource('mode') !== 'default', opts.key as string | undefined);
      if (typeof modes === 'string') return usage(modes);
      const reporting = createReporting(opts.reporter as string[], opts.out);
      if (!reporting) return onExit(2);
      const progress = reporting.progress;
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
            strict: Boolean(opts.strict),
            timeoutMs: opts.timeout,
            checkTimeoutMs: opts.checkTimeout,
            seed: opts.seed,
            signal,
            onCheckStart: (c) => progress?.checkStarted(c),
            onFinding: (f) => progress?.checkFinished(f),
            onWait: (what, ms) => reporting.notice(what, ms),
          }).then((summary) => ({ ...summary, seed: opts.seed as number })), // the html report shows the seed
        [PreflightError],
      );
      return onExit(code);
    });
}
