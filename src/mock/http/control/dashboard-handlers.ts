// Control operations the dashboard reads (and anyone else may): agents, markets, request rates,
// and removing one fault. Read-only apart from removeFault; none spends an agent's quota.
import type { CoinSpec } from '../../engine/types.js';
import { HttpProblem } from '../../../rules/problems.js';
import { agentDetail, agentSummary } from './agent-views.js';
import { coinOr404, type ControlHandler } from './control-handlers.js';
import { marketDetail, marketList } from './market-views.js';

type DashboardOperationId = 'listMarket' | 'getMarketDetail' | 'listAgents' | 'getAgentDetail' | 'getStats' | 'removeFault';

export const dashboardHandlers: { readonly [K in DashboardOperationId]: ControlHandler<K> } = {
  listMarket: (ctx) => ({ status: 200, body: marketList(ctx) }),
  getMarketDetail: (ctx, input) => {
    const coin = ctx.market.coin(coinOr404(ctx, input.params.symbol)) as CoinSpec;
    const q = input.query;
    return { status: 200, body: marketDetail(ctx, coin, q.interval, q.limit, q.depth) };
  },
  listAgents: (ctx, input) => {
    const { limit } = input.query;
    const all = ctx.engine.agents();
    return { status: 200, body: { data: all.slice(-limit).map((a) => agentSummary(ctx, a)), total: all.length } };
  },
  getAgentDetail: (ctx, input) => {
    const id = input.params.agentId;
    const agent = ctx.engine.agent(id);
    if (!agent) throw new HttpProblem('not_found', `No agent '${id}'. GET /__nx/agents lists them.`);
    const q = input.query;
    return { status: 200, body: agentDetail(ctx, agent, q.limit, q.points) };
  },
  getStats: (ctx) => ({ status: 200, body: ctx.events.stats() }),
  removeFault: (ctx, input) => {
    const id = input.params.faultId;
    if (!ctx.faults.remove(id)) throw new HttpProblem('not_found', `No fault '${id}'. GET /__nx/faults lists the active ones.`);
    return { status: 204 };
  },
};
