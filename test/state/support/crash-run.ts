// One crash run: a mock on a state file takes signed orders from several agents at once, is
// killed with SIGKILL after a given number of acknowledged (201) orders while more are in
// flight, and is started again on the same file. What must hold afterwards is checked by the
// caller from the report: every acknowledged order is there as it was acknowledged, retries of
// acknowledged clientOrderIds get the original order, no clientOrderId is placed twice, and each
// agent's ledger agrees with its orders and fills.
import { signRequest } from '../../../src/signing/index.js';
import { spawnMock, type SpawnedMock } from './spawn-mock.js';

export interface Agent {
  name: string;
  apiKey: string;
  apiSecret: string;
}

export interface Sent {
  agent: Agent;
  body: Record<string, unknown>;
  /** The 201 body, when it was acknowledged. */
  acknowledged?: string;
}

const FEE = 0.001; // --fee-bps 10

async function signed(url: string, agent: Agent, method: string, path: string, body?: unknown): Promise<{ status: number; text: string; headers: Headers }> {
  const text = body === undefined ? '' : JSON.stringify(body);
  const timestamp = String(Date.parse('2026-01-05T12:00:00Z'));
  const res = await fetch(`${url}/v1/agent${path}`, {
    method,
    headers: {
      'x-nx-key': agent.apiKey,
      'x-nx-timestamp': timestamp,
      'x-nx-signature': signRequest({ secret: agent.apiSecret, timestamp, method, path: path.split('?')[0] ?? path, body: text }),
      ...(text ? { 'content-type': 'application/json' } : {}),
    },
    body: text || undefined,
  });
  return { status: res.status, text: await res.text(), headers: res.headers };
}

/** The n-th order of an agent: market and limit, buys and sells, each with its own clientOrderId. */
function orderBody(agent: Agent, n: number): Record<string, unknown> {
  const kind = n % 5;
  const clientOrderId = `${agent.name}-${n}`;
  if (kind === 0 || kind === 3) return { symbol: 'BTC', side: 'buy', type: 'market', quantity: 0.002, price: null, clientOrderId };
  if (kind === 1) return { symbol: 'ETH', side: 'buy', type: 'limit', quantity: 0.1, price: 2_000 + (n % 7), clientOrderId };
  if (kind === 2) return { symbol: 'BTC', side: 'sell', type: 'market', quantity: 0.001, price: null, clientOrderId };
  return { symbol: 'BTC', side: 'sell', type: 'limit', quantity: 0.001, price: 90_000 + n, clientOrderId };
}

const ARGS = (file: string) => ['--state', file, '--clock', 'virtual:2026-01-05T12:00:00Z', '--rate-limit', '1000000', '--deterministic-keys'];

/**
 * A mock on a state file that is killed and restarted again and again: each kill() sends
 * signed orders from every agent on several lanes until `count` more are acknowledged, kills the
 * mock with SIGKILL while the other lanes still have requests in flight, and starts it again on
 * the same file. `sent` keeps every order sent, with its 201 body when it was acknowledged.
 */
export class CrashChain {
  readonly sent: Sent[] = [];
  private readonly next = new Map<Agent, number>();
  private constructor(
    private readonly file: string,
    public mock: SpawnedMock,
    readonly agents: Agent[],
  ) {}

  static async start(file: string, agentCount = 4): Promise<CrashChain> {
    const mock = await spawnMock(ARGS(file));
    const agents: Agent[] = [];
    try {
      for (let i = 0; i < agentCount; i++) {
        const res = await fetch(`${mock.url}/v1/agent/register`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ name: `crash-${i}`, mode: 'live', permissions: ['read:portfolio', 'write:orders'], maxPositionSize: 1e9, dailyLossLimit: 1e9 }),
        });
        const { agent } = (await res.json()) as { agent: { apiKey: string; apiSecret: string } };
        agents.push({ name: `a${i}`, apiKey: agent.apiKey, apiSecret: agent.apiSecret });
      }
    } catch (error) {
      await mock.stop('SIGKILL');
      throw error;
    }
    return new CrashChain(file, mock, agents);
  }

  get url(): string {
    return this.mock.url;
  }

  async kill(count: number, lanes = 6): Promise<void> {
    const mock = this.mock;
    let acks = 0;
    let killed = false;
    await new Promise<void>((resolve) => {
      const lane = async (l: number): Promise<void> => {
        for (let n = l; !killed; n += lanes) {
          const agent = this.agents[n % this.agents.length] as Agent;
          const k = this.next.get(agent) ?? 0;
          this.next.set(agent, k + 1);
          const entry: Sent = { agent, body: orderBody(agent, k) };
          this.sent.push(entry);
          try {
            const res = await signed(mock.url, agent, 'POST', '/orders', entry.body);
            if (res.status !== 201) continue;
            entry.acknowledged = res.text;
            if (++acks >= count && !killed) {
              killed = true;
              mock.child.kill('SIGKILL');
              resolve();
            }
          } catch {
            return; // the connection died with the mock
          }
        }
      };
      for (let l = 0; l < lanes; l++) void lane(l);
    });
    const exit = await mock.exited;
    if (exit.signal !== 'SIGKILL') throw new Error(`the mock was meant to die of SIGKILL, it exited with ${JSON.stringify(exit)}`);
    this.mock = await spawnMock(ARGS(this.file));
  }

  /** Retries what was in flight at the kill: a 201 or a replay acknowledges it now. */
  async retryUnacknowledged(): Promise<number[]> {
    const statuses: number[] = [];
    for (const entry of this.sent.filter((s) => !s.acknowledged)) {
      const res = await signed(this.url, entry.agent, 'POST', '/orders', entry.body);
      statuses.push(res.status);
      if (res.status === 201 || res.status === 200) entry.acknowledged = res.text;
      else this.sent.splice(this.sent.indexOf(entry), 1); // refused (funds, position): never placed
    }
    return statuses;
  }

  stop(): Promise<unknown> {
    return this.mock.stop('SIGKILL');
  }
}

interface OrderJson {
  orderId: string;
  clientOrderId: string | null;
  symbol: string;
  side: 'buy' | 'sell';
  type: string;
  price: number | null;
  status: string;
  remainingQuantity: number;
  fills: Array<{ price: number; quantity: number; fee: number }>;
}

/** Every order of an agent, through all pages. */
export async function allOrders(url: string, agent: Agent): Promise<OrderJson[]> {
  const out: OrderJson[] = [];
  let cursor: string | null = null;
  do {
    const page = JSON.parse((await signed(url, agent, 'GET', `/orders?limit=100${cursor ? `&cursor=${cursor}` : ''}`)).text) as { data: OrderJson[]; nextCursor: string | null };
    out.push(...page.data);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

export { signed };

/** Ledger problems of one agent (empty when its portfolio agrees with its orders and fills). */
export async function ledgerProblems(url: string, agent: Agent, startingCash = 100_000): Promise<string[]> {
  const orders = await allOrders(url, agent);
  const { data: p } = JSON.parse((await signed(url, agent, 'GET', '/portfolio')).text) as {
    data: { cash: number; reservedCash: number; availableCash: number; positions: Array<{ symbol: string; quantity: number }> };
  };
  const problems: string[] = [];
  const near = (a: number, b: number, what: string) => Math.abs(a - b) > 1e-6 && problems.push(`${agent.name}: ${what}: ${a} ≠ ${b}`);
  near(p.availableCash + p.reservedCash, p.cash, 'available + reserved vs cash');
  let cash = startingCash;
  const held = new Map<string, number>();
  let reserved = 0;
  for (const o of orders) {
    for (const f of o.fills) {
      const notional = f.price * f.quantity;
      cash += o.side === 'buy' ? -notional - f.fee : notional - f.fee;
      held.set(o.symbol, (held.get(o.symbol) ?? 0) + (o.side === 'buy' ? f.quantity : -f.quantity));
      near(f.fee, Math.round(notional * FEE * 1e8) / 1e8, `fee of a fill of ${o.orderId}`);
    }
    if ((o.status === 'open' || o.status === 'partially_filled') && o.side === 'buy') reserved += (o.price ?? 0) * o.remainingQuantity * (1 + FEE);
  }
  near(p.cash, cash, 'cash vs starting cash and fills');
  near(p.reservedCash, reserved, 'reserved vs open buy orders');
  for (const [symbol, quantity] of held) near(p.positions.find((x) => x.symbol === symbol)?.quantity ?? 0, quantity, `${symbol} position vs fills`);
  for (const x of p.positions) if (!held.has(x.symbol)) problems.push(`${agent.name}: a ${x.symbol} position without fills`);
  return problems;
}
