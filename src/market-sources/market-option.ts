// The --market option of `mock`, in a file of its own so the mock's start-up does not load the
// CoinGecko and replay sources unless they are asked for.
import { InvalidArgumentError, Option } from 'commander';
import { parseMarketSpec } from './parse-market-spec.js';

/** `--market <spec>`, validated at parse time so a typo is a usage error listing the valid forms. */
export function marketOption(): Option {
  return new Option('--market <spec>', 'where prices come from: model | coingecko | replay:FILE (COINGECKO_API_KEY sends a demo key)')
    .default('model')
    .argParser((value: string) => {
      try {
        parseMarketSpec(value);
      } catch (error) {
        throw new InvalidArgumentError((error as Error).message);
      }
      return value;
    });
}

