// A page of agents (state-docs.ts, document format 3) as columns, one JSON array per field, like
// the order pages (order-page.ts): a restart reads 10 000 agents, and a column of numbers parses
// into one array where an object per agent repeats every key and boxes every number. Positions,
// open quantities and the breaker latch stay as they are (small, and shaped per agent). Exact both
// ways; a full write makes pages, every later change of an agent is a single 'agent' document
// (keyed by the same ordinal) that wins over its page's copy.
import type { AgentData } from '../../engine/index.js';
import type { Mode } from '../../engine/types.js';

type Ledger = AgentData['ledger'];

type AgentColumns = [
  ordinal: number[],
  agentId: string[],
  name: string[],
  permissions: Array<AgentData['agent']['permissions']>,
  mode: Mode[],
  apiKey: string[],
  rateLimitPerMinute: number[],
  dailyLossLimit: Array<number | null>,
  maxPositionSize: Array<number | null>,
  createdAt: number[],
  secret: string[],
  cash: number[],
  reservedCash: number[],
  realizedPnl: number[],
  positions: Array<Ledger['positions']>,
  openBuyQty: Array<Ledger['openBuyQty']>,
  openSellQty: Array<Ledger['openSellQty']>,
  ledgerDailyLossLimit: Array<number | null>,
  ledgerMaxPositionSize: Array<number | null>,
  dayStart: number[],
  dayStartEquity: number[],
  dailyLoss: Array<Ledger['dailyLoss']>,
];

export function encodeAgentPage(agents: ReadonlyArray<readonly [ordinal: number, agent: AgentData]>): string {
  const c: AgentColumns = [[], [], [], [], [], [], [], [], [], [], [], [], [], [], [], [], [], [], [], [], [], []];
  for (const [ordinal, { agent: r, secret, ledger: l }] of agents) {
    c[0].push(ordinal);
    c[1].push(r.agentId);
    c[2].push(r.name);
    c[3].push(r.permissions);
    c[4].push(r.mode);
    c[5].push(r.apiKey);
    c[6].push(r.rateLimitPerMinute);
    c[7].push(r.dailyLossLimit);
    c[8].push(r.maxPositionSize);
    c[9].push(r.createdAt);
    c[10].push(secret);
    c[11].push(l.cash);
    c[12].push(l.reservedCash);
    c[13].push(l.realizedPnl);
    c[14].push(l.positions);
    c[15].push(l.openBuyQty);
    c[16].push(l.openSellQty);
    c[17].push(l.dailyLossLimit);
    c[18].push(l.maxPositionSize);
    c[19].push(l.dayStart);
    c[20].push(l.dayStartEquity);
    c[21].push(l.dailyLoss);
  }
  return JSON.stringify(c);
}

/** Appends a page's agents, with their ordinals, to `into`. */
export function decodeAgentPage(text: string, into: Array<[ordinal: number, agent: AgentData]>): void {
  const c = JSON.parse(text) as AgentColumns;
  for (let i = 0; i < c[0].length; i++) {
    // Field by field, in the order agentData() (engine/state/export-data.ts) writes them.
    const agent: AgentData = {
      agent: {
        agentId: c[1][i] as string,
        name: c[2][i] as string,
        permissions: c[3][i] as AgentData['agent']['permissions'],
        mode: c[4][i] as Mode,
        apiKey: c[5][i] as string,
        rateLimitPerMinute: c[6][i] as number,
        dailyLossLimit: c[7][i] ?? null,
        maxPositionSize: c[8][i] ?? null,
        createdAt: c[9][i] as number,
      },
      secret: c[10][i] as string,
      ledger: {
        cash: c[11][i] as number,
        reservedCash: c[12][i] as number,
        realizedPnl: c[13][i] as number,
        positions: c[14][i] as Ledger['positions'],
        openBuyQty: c[15][i] as Ledger['openBuyQty'],
        openSellQty: c[16][i] as Ledger['openSellQty'],
        dailyLossLimit: c[17][i] ?? null,
        maxPositionSize: c[18][i] ?? null,
        dayStart: c[19][i] as number,
        dayStartEquity: c[20][i] as number,
        dailyLoss: c[21][i] as Ledger['dailyLoss'],
      },
    };
    into.push([c[0][i] as number, agent]);
  }
}
