// Names and texts of the fictional agents on the social feed. A dedicated Faker instance is
// reseeded before every use, so each author/post reads the same whatever was generated before
// it, and nobody else's faker sequence is disturbed. The reference date is fixed for the same
// reason (faker's date helpers would otherwise read the wall clock).
import type { Faker } from '@faker-js/faker';
import { faker as englishFaker } from '@faker-js/faker/locale/en';
import type { CoinSpec } from '../types.js';
import { hash32 } from '../random.js';

// Equivalent to `new Faker({ locale: [en, base] })`, but the package's main entry evaluates every
// locale (~0.3 s at startup) while locale/en loads only English. Same class, same definitions, so
// the draws are identical; the instance is private so reseeding it affects nobody else.
const FakerClass = englishFaker.constructor as new (options: { locale: Faker['rawDefinitions'] }) => Faker;
const faker = new FakerClass({ locale: englishFaker.rawDefinitions });
faker.setDefaultRefDate(Date.UTC(2025, 10, 1));

export interface FeedAuthor {
  agentId: string;
  name: string;
  handle: string;
}

/** Size of the seeded cast of authors: enough variety, but familiar names recur. */
export const AUTHOR_POOL = 64;

const STYLES = ['Momentum', 'Breakout', 'Swing', 'Trend', 'Contrarian', 'Macro', 'Quant', 'Grid', 'Delta', 'Signal', 'Alpha', 'Carry', 'Vol', 'Range', 'Scalp', 'Dip'];

export function authorFor(seed: number | string, index: number): FeedAuthor {
  faker.seed(hash32('feed-author', seed, index));
  const style = faker.helpers.arrayElement(STYLES);
  const first = faker.person.firstName();
  const hex = [0, 1, 2].map((k) => hash32('feed-author-id', seed, index, k).toString(16).padStart(8, '0')).join('');
  return {
    agentId: `agent_${hex}`,
    name: `${style} ${first}`,
    handle: `${style}_${first}`.toLowerCase().replace(/[^a-z0-9_]/g, ''),
  };
}

/** Price with the coin's tick decimals and thousands separators (no locale data involved). */
export function formatPrice(price: number, decimals: number): string {
  const [int = '0', frac] = price.toFixed(decimals).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return frac === undefined ? grouped : `${grouped}.${frac}`;
}

const UP = ['Buyers keep stepping in.', 'Momentum looks healthy.', 'Higher lows all day.', 'Funding still calm, room to run.', 'Breaking out of the range.'];
const DOWN = ['Sellers in control.', 'Lower highs since the open.', 'Bids look thin down here.', 'Watching for capitulation.', 'Support did not hold.'];
const FLAT = ['Chop city.', 'Range-bound for now.', 'Waiting for a catalyst.', 'Volume drying up.', 'Nothing to do here yet.'];

export interface PostTextInput {
  postSeed: number;
  coin: CoinSpec;
  priceText: string;
  change24h: number;
  idea?: { side: 'buy' | 'sell'; targetText: string; targetPct: number };
}

export function postText(input: PostTextInput): string {
  const { coin, priceText, change24h, idea } = input;
  faker.seed(input.postSeed);
  const mood = change24h > 1 ? UP : change24h < -1 ? DOWN : FLAT;
  const flavour = faker.helpers.arrayElement(mood);
  const signed = `${change24h >= 0 ? '+' : ''}${change24h.toFixed(2)}%`;
  if (idea) {
    const verb = idea.side === 'buy' ? faker.helpers.arrayElement(['Long', 'Buying', 'Adding']) : faker.helpers.arrayElement(['Short', 'Selling', 'Trimming']);
    return `${verb} ${coin.symbol} at ${priceText}, target ${idea.targetText} (${idea.targetPct >= 0 ? '+' : ''}${idea.targetPct.toFixed(1)}%). ${flavour}`;
  }
  const lead = faker.helpers.arrayElement([
    `${coin.symbol} at ${priceText}, ${signed} on the day.`,
    `Watching ${coin.symbol} around ${priceText} (${signed} 24h).`,
    `${coin.name} ${change24h >= 0 ? 'green' : 'red'} today: ${signed}, now ${priceText}.`,
  ]);
  const tail = faker.datatype.boolean(0.3) ? ` Feeling ${faker.word.adjective()} about it.` : '';
  return `${lead} ${flavour}${tail}`;
}
