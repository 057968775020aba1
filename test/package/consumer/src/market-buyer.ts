// A consumer's own code against both entry points: the typed client, the signing helpers and the
// testing helpers' types.
import { createAgentClient, signRequest, type AgentCredentials } from 'nx-conformance';
import type { ReadyAgent } from 'nx-conformance/testing';

/** e.g. "sandbox agent nx_test_…", for a log line. */
export const describeAgent = (agent: ReadyAgent): string => `${agent.mode} agent ${agent.apiKey}`;

/** Buys `quantity` BTC at market and returns the order's status. */
export async function buyBitcoin(baseUrl: string, credentials: AgentCredentials, quantity: number): Promise<string | undefined> {
  const client = createAgentClient({ baseUrl, credentials });
  const placed = await client.placeOrder({ symbol: 'BTC', side: 'buy', type: 'market', quantity });
  return placed.json?.order.status;
}

/** What a hand-written client sends: SIGNING.md over the path without /v1/agent, real time. */
export function signedHeaders(credentials: AgentCredentials, method: string, path: string, body: string): Record<string, string> {
  const timestamp = String(Date.now());
  return {
    'X-NX-Key': credentials.apiKey,
    'X-NX-Timestamp': timestamp,
    'X-NX-Signature': signRequest({ secret: credentials.apiSecret, timestamp, method, path, body }),
  };
}
