// Command-line glue for the market sources: the --market option of `mock` and the
// `record-market` command. Kept here so src/cli only wires them in.
export { marketOption } from './market-option.js';
import { Command, InvalidArgumentError, Option } from 'commander';
import { CoinGeckoError } from './coingecko-api.js';
import { recordMarket } from './record-market.js';
import { replaySpan } from './replay-market.js';

function days(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 365) throw new InvalidArgumentError('expected whole days in 1..365');
  return n;
}

/** `nx-conformance record-market --out FILE [--coins a,b] [--days N]`: exits 0 on success, 1 on failure. */
export function recordMarketCommand(onExit: (code: number) => void): Command {
  return new Command('record-market')
    .description('Record CoinGecko price history into a replay file for `mock --market replay:FILE`.')
    .requiredOption('--out <file>', 'replay file to write')
    .option('--coins <list>', 'comma-separated CoinGecko ids or tickers', 'bitcoin,ethereum,solana')
    .option('--days <n>', 'days of history (1: 5-minute points, 2-90: hourly, more: daily)', days, 7)
    // The key is read from the environment by default: a flag ends up in shell history and ps.
    .addOption(new Option('--api-key <key>', 'CoinGecko demo API key').env('COINGECKO_API_KEY'))
    .action(async (opts: { out: string; coins: string; days: number; apiKey?: string }) => {
      const coins = opts.coins.split(',').map((c) => c.trim()).filter(Boolean);
      try {
        const file = await recordMarket({
          coins, days: opts.days, out: opts.out, apiKey: opts.apiKey,
          log: (line) => process.stderr.write(`${line}\n`),
        });
        const from = new Date(replaySpan(file).from).toISOString();
        process.stdout.write(`Replay it with: nx-conformance mock --market replay:${opts.out} --clock virtual:${from}\n`);
        onExit(0);
      } catch (error) {
        // A network failure already reads "cannot reach CoinGecko: …"; say what to do about it.
        const offline = error instanceof CoinGeckoError && error.kind === 'network';
        process.stderr.write(`record-market: ${(error as Error).message}${offline ? '. Check the network connection (record-market needs CoinGecko online), then run it again.' : ''}\n`);
        onExit(1);
      }
    });
}
