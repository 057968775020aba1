// Checks that test many requests report every problem at once. The runner's evidence and curl
// line come from the last exchanges of a check, so before failing, such a check moves the
// exchanges that went wrong to the end: the report then shows them, the first problem last
// (the one the curl line reproduces).
import type { ApiResponse, Exchange } from '../../../../client/agent-client.js';
import type { CheckContext } from '../../../check-context.js';

export function showAsEvidence(ctx: CheckContext, wrong: ReadonlyArray<ApiResponse<unknown> | Exchange>): void {
  const exchanges = wrong.slice(0, 3).map((w) => ('exchange' in w ? w.exchange : w));
  for (const exchange of exchanges.reverse()) {
    const at = ctx.exchanges.indexOf(exchange);
    if (at >= 0) ctx.exchanges.splice(at, 1);
    ctx.exchanges.push(exchange);
  }
}
