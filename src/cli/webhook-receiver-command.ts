// `nx-conformance webhook-receiver`: check someone's webhook receiver with signed deliveries —
// a valid one, a tampered body, a wrong signature, a stale timestamp and a replay.
// Exit codes: 0 all checks passed (or skipped), 1 a check failed, 2 usage error or no receiver.
import { Command, Option } from 'commander';
import { receiverChecks } from '../conformance/webhook-receiver/checks.js';
import { ReceiverUnreachableError, ReceiverUsageError, runReceiverChecks } from '../conformance/webhook-receiver/run-receiver-checks.js';
import { createReporting, list, positiveInt, REPORTER_HELP, runReported } from './cli-shared.js';

export function webhookReceiverCommand(onExit: (code: number) => void): Command {
  return new Command('webhook-receiver')
    .description('Check a webhook receiver: it must accept a valid Standard Webhooks delivery and refuse a tampered body, a wrong signature, a stale timestamp and a replay.')
    .option('--url <url>', 'the receiver, e.g. http://127.0.0.1:8080/webhooks')
    .addOption(new Option('--secret <whsec>', "the receiver's whsec_ secret, as POST /webhooks returned it").env('WEBHOOK_SECRET'))
    .option('--replay-acknowledged', 'the receiver answers 2xx to a repeated webhook-id without processing it again: report the replay check as skipped, not failed')
    .option('--checks <ids>', 'only these check ids (comma-separated)', list)
    .option('--strict', 'count skipped checks as failures (exit 1)')
    .option('--reporter <names>', REPORTER_HELP, list, ['pretty'])
    .option('--out <dir>', 'where json, junit and html reports go')
    .option('--timeout <ms>', 'per-request time-out', positiveInt, 10_000)
    .option('--list', 'print the checks and exit')
    .action(async (opts) => {
      if (opts.list) {
        for (const c of receiverChecks) process.stdout.write(`${c.id}\twebhooks\t${c.title}\n`);
        return onExit(0);
      }
      // Checked here rather than by commander, so that --list needs neither.
      if (opts.url === undefined || opts.secret === undefined) {
        process.stderr.write('nx-conformance: webhook-receiver needs --url and --secret (or WEBHOOK_SECRET).\n');
        return onExit(2);
      }
      const unknownChecks = ((opts.checks ?? []) as string[]).filter((id) => !receiverChecks.some((c) => c.id === id));
      if (unknownChecks.length > 0) {
        process.stderr.write(`nx-conformance: unknown check ${unknownChecks.join(', ')}; see --list.\n`);
        return onExit(2);
      }
      const reporting = createReporting(opts.reporter as string[], opts.out);
      if (!reporting) return onExit(2);
      const progress = reporting.progress;
      const code = await runReported(
        reporting,
        (signal) =>
          runReceiverChecks({
            url: opts.url,
            secret: opts.secret,
            timeoutMs: opts.timeout,
            replayAcknowledged: Boolean(opts.replayAcknowledged),
            only: opts.checks,
            strict: Boolean(opts.strict),
            signal,
            onCheckStart: (c) => progress?.checkStarted(c),
            onFinding: (f) => progress?.checkFinished(f),
          }),
        [ReceiverUsageError, ReceiverUnreachableError],
      );
      return onExit(code);
    });
}
