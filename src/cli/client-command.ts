// `nx-conformance client -- <command…>`: run any client against a recording mock and judge every
// request it sent (signing, spec, permissions, secrets, rate limits), optionally under scenarios.
import { Command, InvalidArgumentError, Option } from 'commander';
import { ALL_PERMISSIONS, type AgentMode } from '../conformance/check.js';
import { clientChecks, ENV_NAMES, runClientChecks, scenarios, shellJoin, UnknownScenarioError } from '../conformance/client/index.js';
import type { Permission } from '../mock/engine/types.js';
import { collect, createReporting, list, positiveInt, REPORTER_HELP, runReported } from './cli-shared.js';

function permissionList(value: string): Permission[] {
  const names = list(value);
  const bad = names.filter((n) => !(ALL_PERMISSIONS as readonly string[]).includes(n));
  if (bad.length > 0) throw new InvalidArgumentError(`unknown permission ${bad.join(', ')}; use ${ALL_PERMISSIONS.join(', ')}`);
  return names as Permission[];
}

function envPrefix(value: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(value)) throw new InvalidArgumentError('expected letters, digits and _ (e.g. MYBOT_)');
  return value;
}

const helpText = (): string =>
  [
    '',
    'The command gets, in its environment (rename with --env-prefix):',
    ...ENV_NAMES.map((n) => `  NX_${n}`),
    '',
    'Checks:',
    ...clientChecks.map((c) => `  ${c.id.padEnd(26)} ${c.title}`),
    '',
    'Scenarios (--scenario, repeatable; each runs separately, after one plain run):',
    ...scenarios.map((s) => `  ${s.name.padEnd(18)} ${s.description}`),
    '',
    'Examples:',
    '  nx-conformance client --mode live -- python3 examples/python/agent.py',
    '  nx-conformance client --mode both --scenario transient-503 -- npx tsx bot.ts',
    '',
    'Exit codes: 0 all checks pass, 1 a check failed or the client exited non-zero, 2 usage.',
  ].join('\n');

export function clientCommand(onExit: (code: number) => void): Command {
  return new Command('client')
    .exitOverride()
    .description('Check an Agent Connect client: run it against a recording mock and judge every request it sends.')
    .argument('<command...>', 'the client to run (put it after --)')
    .addOption(new Option('--mode <mode>', 'agent mode to run the client with').choices(['sandbox', 'live', 'both']).default('both'))
    .option('--permissions <list>', 'permissions of the agent (comma-separated)', permissionList, [...ALL_PERMISSIONS])
    .option('--scenario <name>', 'run under a scenario (repeatable)', collect, [])
    .option('--env-prefix <prefix>', 'prefix of the environment variables', envPrefix, 'NX_')
    .option('--timeout <ms>', 'time-out per run of the client', positiveInt, 60_000)
    .option('--rate-limit <n>', 'requests per minute per agent', positiveInt)
    .option('--seed <n>', 'seed of the mock', positiveInt, 42)
    .option('--strict', 'count skipped checks as failures (exit 1)')
    .option('--reporter <names>', REPORTER_HELP, list, ['pretty'])
    .option('--out <dir>', 'where json, junit and html reports go')
    .addHelpText('after', helpText)
    .action(async (command: string[], opts) => {
      const reporting = createReporting(opts.reporter as string[], opts.out, false);
      if (!reporting) return onExit(2);
      const modes: AgentMode[] = opts.mode === 'both' ? ['sandbox', 'live'] : [opts.mode];
      // The client's own output goes to stderr so that `--reporter json` keeps stdout one document;
      // no live status line, since the client's output interleaves with it.
      const progress = reporting.progress;
      const code = await runReported(
        reporting,
        (signal) =>
          runClientChecks({
            command,
            modes,
            permissions: opts.permissions,
            scenarios: opts.scenario,
            envPrefix: opts.envPrefix,
            timeoutMs: opts.timeout,
            rateLimit: opts.rateLimit,
            seed: opts.seed,
            strict: Boolean(opts.strict),
            signal,
            onRunStart: (label) => process.stderr.write(`[nx] running the client (${label}): ${shellJoin(command)}\n`),
            onOutput: (line) => process.stderr.write(`[client] ${line}\n`),
            onRunEnd: (label, exit, requests) => {
              const how = exit.error ?? (exit.timedOut ? 'was stopped at the time-out' : exit.code === null ? `was ended by ${exit.signal}` : `exited ${exit.code}`);
              process.stderr.write(`[nx] the client (${label}) ${how} after ${Math.round(exit.durationMs)} ms; ${requests} request${requests === 1 ? '' : 's'} recorded\n`);
            },
            onFinding: (f) => progress?.checkFinished(f),
          }).then((summary) => ({ ...summary, seed: opts.seed as number })), // the html report shows the seed
        [UnknownScenarioError],
      );
      return onExit(code);
    });
}
