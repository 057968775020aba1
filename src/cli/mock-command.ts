// `nx-conformance mock`: run the mock exchange until SIGINT/SIGTERM.
import { Command, Option } from 'commander';
import { marketOption } from '../market-sources/market-option.js';
import { collect, integer, listenFailure, nonNegativeNumber, port, positiveInt, positiveNumber } from './option-parsers.js';
import { colorsFor, noColors, type Colors } from './color.js';
import { defectCatalogue, defectNames } from '../mock/defects.js';
import { MOCK_DEFAULTS } from '../mock/http/mock-options.js';
import { startMock, type RunningMock } from '../mock/http/start-mock.js';
import { WEBHOOK_TARGETS } from '../mock/webhooks/url-policy.js';
import { stateFromOption, stateLine, stateMockOptions, stateOption, stateSyncOption } from './state-options.js';

/** The clock line: a virtual clock's start matters, since live clients must sign with its time. */
function describeClock(clock: RunningMock['ctx']['clock']): string {
  const at = new Date(clock.now()).toISOString();
  if (clock.kind === 'virtual') return `virtual, starting at ${at}; it moves only through POST /__nx/clock, so live clients must sign with its time (GET /__nx/clock)`;
  if (clock.kind === 'fixed') return `fixed at ${at}`;
  return "real (this machine's time)";
}

/** The start-up banner; `c` colours it (colorsFor(process.stdout) in the CLI, none by default). */
export function banner(mock: RunningMock, c: Colors = noColors): string {
  const lines = [`nx-conformance mock exchange listening on ${c.bold(c.green(mock.url))}`, `  API:     ${mock.baseUrl}`];
  if (mock.ctx.options.control) lines.push(`  control: ${mock.url}/__nx (openapi/control.yaml)`, `  dashboard: ${mock.url}/__nx/ui`);
  const validation = mock.ctx.options.validateResponses ? 'on: every response is checked against the spec' : 'off (--validate-responses turns it on)';
  lines.push(`  seed ${mock.ctx.options.seed}, ${mock.ctx.options.rateLimit} requests/min per agent, response validation ${validation}`);
  lines.push(`  clock:   ${describeClock(mock.ctx.clock)}`);
  const state = stateLine(mock.ctx);
  if (state) lines.push(state);
  if (mock.ctx.defects.length > 0) lines.push(c.red(`  DEFECTS ON: ${[...mock.ctx.defects].join(', ')}`));
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
    .addOption(new Option('--port <n>', 'port to listen on (0 = any free port)').env('PORT').default(4010).argParser(port))
    .option('--host <host>', 'address to bind; beyond loopback the control API, demo agents and private webhook targets are off unless asked for', '127.0.0.1')
    .option('--seed <n>', 'seed for prices, ids and content', integer, MOCK_DEFAULTS.seed)
    .option('--clock <spec>', 'real | fixed:ISO | virtual:ISO', 'real')
    .addOption(marketOption())
    .option('--starting-cash <usd>', 'cash each agent starts with', positiveNumber, MOCK_DEFAULTS.startingCash)
    .option('--fee-bps <bps>', 'fee per fill in basis points', nonNegativeNumber, MOCK_DEFAULTS.feeBps)
    .option('--rate-limit <n>', 'requests per minute per agent', positiveNumber, MOCK_DEFAULTS.rateLimit)
    .option('--max-agents <n>', 'most agents the mock holds; further registrations get 403 agent_limit_reached', positiveInt, MOCK_DEFAULTS.maxAgents)
    .option('--allow-short', 'allow selling what is not held')
    .option('--validate-responses', 'check every response against the spec before sending it')
    // Both forms of these, no commander default: unset means "the default for --host".
    .option('--control', 'mount the /__nx control API (default: on for a loopback --host, off otherwise)')
    .option('--no-control', 'do not mount the /__nx control API')
    .option('--demo-agents', 'create the seed-derived demo agents (default: on for a loopback --host, off otherwise)')
    .option('--no-demo-agents', 'do not create the demo agents')
    .option('--deterministic-keys', 'API keys from the seed instead of node:crypto, for golden files (loopback --host only)')
    .addOption(
      new Option('--webhook-targets <mode>', 'where webhooks may point: any, loopback (127.0.0.0/8, ::1, localhost) or public (no loopback/private/link-local) (default: any for a loopback --host, public otherwise)')
        .choices(WEBHOOK_TARGETS),
    )
    .option('--webhook-timeout <ms>', 'real-time limit of one webhook delivery attempt', positiveNumber, MOCK_DEFAULTS.webhookTimeoutMs)
    .option('--defect <name>', 'switch on a seeded defect (repeatable; see --list-defects)', collect, [])
    .option('--list-defects', 'print the seeded defects, one name per line, and exit')
    .addOption(stateOption())
    .addOption(stateSyncOption())
    .addOption(stateFromOption())
    .action(async (opts, cmd: Command) => {
      if (opts.listDefects) {
        process.stdout.write(`${defectNames.join('\n')}\n`);
        return onExit(0);
      }
      const log = (line: string): void => void process.stderr.write(`[mock] ${line}\n`);
      // A replay file is loaded and checked, or CoinGecko's first prices awaited, before listening.
      const { openMarket, MarketUnavailableError } = await import('../market-sources/open-market.js');
      let market: Awaited<ReturnType<typeof openMarket>>;
      try {
        market = await openMarket(opts.market, { seed: opts.seed, apiKey: process.env.COINGECKO_API_KEY, log });
      } catch (error) {
        if (!(error instanceof MarketUnavailableError)) throw error;
        process.stderr.write(`nx-conformance: ${error.message}\n`);
        return onExit(1);
      }
      // A replay only moves inside its recording: unless --clock was given, start a virtual clock at its first point.
      const clockGiven = cmd.getOptionValueSource('clock') !== 'default';
      const clock = market.span && !clockGiven ? `virtual:${new Date(market.span.from).toISOString()}` : opts.clock;
      let mock: RunningMock;
      try {
        mock = await startMock({
          port: opts.port,
          host: opts.host,
          seed: opts.seed,
          ...(await stateMockOptions({ ...opts, clock }, clockGiven || market.span !== undefined)),
          market: market.market,
          marketDescription: market.describe.replace(/^market: /, ''),
          startingCash: opts.startingCash,
          feeBps: opts.feeBps,
          rateLimit: opts.rateLimit,
          maxAgents: opts.maxAgents,
          allowShort: Boolean(opts.allowShort),
          validateResponses: Boolean(opts.validateResponses),
          control: opts.control,
          demoAgents: opts.demoAgents,
          deterministicKeys: Boolean(opts.deterministicKeys),
          defects: opts.defect,
          webhookTargets: opts.webhookTargets,
          webhookTimeoutMs: opts.webhookTimeout,
          log,
        });
      } catch (error) {
        market.close();
        const hint = listenFailure(error, opts.host, opts.port);
        if (hint === undefined) throw error;
        process.stderr.write(`nx-conformance: ${hint}\n`);
        return onExit(1);
      }
      // performance.now() counts from the process's start: what the user waited, not just the listen.
      process.stdout.write(`${banner(mock, colorsFor(process.stdout))}\n  ${market.describe}\n  ready ${Math.round(performance.now())} ms after the process started; Ctrl-C stops it.\n`);
      for (const d of mock.ctx.defects) process.stderr.write(`[mock] defect ${d}: ${defectCatalogue[d]}\n`);
      const stop = (signal: string): void => {
        market.close();
        const closing = mock.close();
        // Said once the server has stopped listening (close() does that at once), so whoever reads
        // the line can rely on new connections being refused.
        process.stderr.write(`[mock] ${signal}: finishing in-flight requests…\n`);
        void closing.then(() => onExit(0));
      };
      process.once('SIGINT', () => stop('SIGINT'));
      process.once('SIGTERM', () => stop('SIGTERM'));
    });
}
