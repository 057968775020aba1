import { defineDefect, withHandler } from './defect.js';

/** The ticker with `price` renamed to `last`, in the same place among its keys. */
function renamed(ticker: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(ticker).map(([key, value]) => [key === 'price' ? 'last' : key, value]));
}

export const renamedField = defineDefect({
  name: 'renamed-field',
  description: 'GET /market answers with `last` instead of `price`.',
  caughtBy: ['schema.market'],
  apply: (parts) =>
    withHandler(parts, 'getMarket', (getMarket) => (ctx, input) => {
      const answer = getMarket(ctx, input);
      // The wrong shape on purpose: the spec's type cannot hold it, so it is widened here.
      return { ...answer, body: { data: answer.body.data.map(renamed) } } as unknown as typeof answer;
    }),
});
