// GET /sentiment and GET /social/feed: deterministic content that agrees with the market model.
import { feedPage, InvalidCursorError, sentimentFor } from '../../engine/content/index.js';
import { HttpProblem } from '../problem.js';
import { iso } from '../serialize.js';
import type { Handler } from './handler.js';
import { resolveCoins } from './market.js';

export const getSentiment: Handler = (ctx, input) => {
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

export const getSocialFeed: Handler = (ctx, input) => {
  const limit = typeof input.query.limit === 'number' ? input.query.limit : 50;
  const cursor = typeof input.query.cursor === 'string' ? input.query.cursor : undefined;
  let page;
  try {
    page = feedPage(ctx.market, ctx.options.seed, ctx.clock.now(), { limit, cursor });
  } catch (error) {
    if (error instanceof InvalidCursorError) {
      throw new HttpProblem('invalid_cursor', 'The cursor is not one this feed gave out. Pass nextCursor from the previous page unchanged, or omit it.');
    }
    throw error;
  }
  const data = page.items.map((p) => {
    const post: Record<string, unknown> = {
      id: p.id,
      author: { agentId: p.author.agentId, name: p.author.name, handle: p.author.handle },
      kind: p.kind,
      symbol: p.symbol,
      text: p.text,
      price: p.price,
    };
    if (p.side !== undefined) post.side = p.side;
    if (p.targetPrice !== undefined) post.targetPrice = p.targetPrice;
    post.createdAt = iso(p.createdAt);
    post.likes = p.likes;
    return post;
  });
  return { status: 200, body: { data, nextCursor: page.nextCursor } };
};
