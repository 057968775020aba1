// GET /sentiment and GET /social/feed: deterministic content that agrees with the market model.
import { feedPage, InvalidCursorError, sentimentFor } from '../../engine/content/index.js';
import { HttpProblem } from '../../../rules/problems.js';
import { iso } from '../serialize.js';
import type { Handler } from './handler.js';
import { resolveCoins } from './market.js';

export const getSentiment: Handler<'getSentiment'> = (ctx, input) => {
  const now = ctx.clock.now();
  const data = resolveCoins(ctx, input.query.coins).map((coin) => {
    const s = sentimentFor(ctx.market, coin.symbol, now, ctx.options.seed);
    return {
      coin: s.coin,
      symbol: s.symbol,
      score: s.score,
      label: s.label,
      confidence: s.confidence,
      sources: s.sources,
      computedAt: iso(s.computedAt),
    };
  });
  return { status: 200, body: { data } };
};

export const getSocialFeed: Handler<'getSocialFeed'> = (ctx, input) => {
  const { limit, cursor } = input.query;
  let page;
  try {
    page = feedPage(ctx.market, ctx.options.seed, ctx.clock.now(), { limit, cursor });
  } catch (error) {
    if (error instanceof InvalidCursorError) {
      throw new HttpProblem('invalid_cursor', 'The cursor is not one this feed gave out. Pass nextCursor from the previous page unchanged, or omit it.');
    }
    throw error;
  }
  // Key order is wire order: side and targetPrice appear only on the posts that have them.
  const data = page.items.map((p) => ({
    id: p.id,
    author: { agentId: p.author.agentId, name: p.author.name, handle: p.author.handle },
    kind: p.kind,
    symbol: p.symbol,
    text: p.text,
    price: p.price,
    ...(p.side === undefined ? {} : { side: p.side }),
    ...(p.targetPrice === undefined ? {} : { targetPrice: p.targetPrice }),
    createdAt: iso(p.createdAt),
    likes: p.likes,
  }));
  return { status: 200, body: { data, nextCursor: page.nextCursor } };
};
