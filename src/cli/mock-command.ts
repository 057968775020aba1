// `nx-conformance mock`: run the mock exchange until SIGINT/SIGTERM.
import { Command, Option } from 'commander';
import { marketOption } from '../market-sources/market-option.js';
import { collect, integer, nonNegativeNumber, positiveNumber } from './cli-shared.js';
import { defectCatalogue, defectNames } from '../mock/defects.js';
import { MOCK_DEFAULTS } from '../mock/http/mock-options.js';
import { startMock, type RunningMock } from '../mock/http/start-mock.js';
import { WEBHOOK_TARGETS } from '../mock/webhooks/url-policy.js';

export function banner(mock: RunningMock): string {
  const lines = [`nx-conformance mock exchange listening on ${mock.url}`, `  API:     ${mock.baseUrl}`];
  if (mock.ctx.options.control) lines.push(`  control: ${mock.url}/__nx (openapi/control.yaml)`);
  lines.push(`  seed ${mock.ctx.options.seed}, clock ${mock.ctx.clock.kind}, ${mock.ctx.options.rateLimit} requests/min per agent`);
  if (mock.ctx.defects.length > 0) lines.push(`  DEFECTS ON: ${[...mock.ctx.defects].join(', ')}`);
  for (const demo of mock.ctx.demoAgents) {
    lines.push(`  demo ${demo.mode} agent: key ${demo.apiKey}  secret ${demo.apiSecret}`);
  }
  const sandbox = mock.ctx.demoAgents.find((d) => d.mode === 'sandbox');
  if (sandbox) lines.push(`  try: curl -H 'X-NX-Key: ${sandbox.apiKey}' '${mock.baseUrl}/market?coins=bitcoin'`);
  return lines.join('\n');
}

export function mockCommand(onExit: (code: number) => void): Command {
  return new Command('mock')
    .description('Run the mock exchange (the Agent Connect API, sandbox and live, plus the /__nx control API).')
    .addOption(new Option('--port <n>', 'port to listen on (0 = any free port)').env('PORT').default(4010).argParser(integer))
    .option('--host <host>', 'address to bind', '127.0.0.1')
    .option('--seed <n>', 'seed for prices, ids and content', integer, MOCK_DEFAULTS.seed)
    .option('--clock <spec>', 'real | fixed:ISO | virtual:ISO', 'real')
    .addOption(marketOption())
    .option('--starting-cash <usd>', 'cash each agent starts with', positiveNumber, MOCK_DEFAULTS.startingCash)
    .option('--fee-bps <bps>', 'fee per fill in basis points', nonNegativeNumber, MOCK_DEFAULTS.feeBps)
    .option('--rate-limit <n>', 'requests per minute per agent', positiveNumber, MOCK_DEFAULTS.rateLimit)
    .option('--allow-short', 'allow selling what is not held')
    .option('--validate-responses', 'check every response against the spec before sending it')
    .option('--no-control', 'do not mount the /__nx control API')
    .addOption(
      new Option('--webhook-targets <mode>', 'where webhooks may point: any, loopback (127.0.0.0/8, ::1, localhost) or public (no loopback/private/link-local)')
        .choices(WEBHOOK_TARGETS)
        .default(MOCK_DEFAULTS.webhookTargets),
    )
    .option('--webhook-timeout <ms>', 'real-time limit of one webhook delivery attempt', positiveNumber, MOCK_DEFAULTS.webhookTimeoutMs)
    .option('--defect <name>', 'switch on a seeded defect (repeatable; see --list-defects)', collect, [])
    .option('--list-defects', 'print the seeded defects, one name per line, and exit')
    .action(async (opts, cmd: Command) => {
      if (opts.listDefects) {
        process.stdout.write(`${defectNames.join('\n')}\n`);
        return onExit(0);
      }
      const started = performance.now();
      const log = (line: string): void => void process.stderr.write(`[mock] ${line}\n`);
      // A replay file is loaded and checked, or CoinGecko's first prices awaited, before listening.
      const { openMarket } = await import('../market-sources/open-market.js');
      const market = await openMarket(opts.market, { seed: opts.seed, apiKey: process.env.COINGECKO_API_KEY, log });
      // A replay only moves inside its recording: unless --clock was given, start a virtual clock at its first point.
      const clock = market.span && cmd.getOptionValueSource('clock') === 'default' ? `virtual:${new Date(market.span.from).toISOString()}` : opts.clock;
      let mock: RunningMock;
      try {
        mock = await startMock({
          port: opts.port,
          host: opts.host,
          seed: opts.seed,
          clock,
          market: market.market,
          startingCash: opts.startingCash,
          feeBps: opts.feeBps,
          rateLimit: opts.rateLimit,
          allowShort: Boolean(opts.allowShort),
          validateResponses: Boolean(opts.validateResponses),
          control: opts.control,
          defects: opts.defect,
          webhookTargets: opts.webhookTargets,
          webhookTimeoutMs: opts.webhookTimeout,
          log,
        });
      } catch (error) {
        market.close();
        throw error;
      }
      process.stdout.write(`${banner(mock)}\n  ${market.describe}\n  started in ${Math.round(performance.now() - started)} ms; Ctrl-C stops it.\n`);
      for (const d of mock.ctx.defects) process.stderr.write(`[mock] defect ${d}: ${defectCatalogue[d]}\n`);
      const stop = (signal: string): void => {
        process.stderr.write(`[mock] ${signal}: finishing in-flight requests…\n`);
        market.close();
        void mock.close().then(() => onExit(0));
      };
      process.once('SIGINT', () => stop('SIGINT'));
      process.once('SIGTERM', () => stop('SIGTERM'));
    });
}
