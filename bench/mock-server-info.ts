// What bench/mock-server.mjs reports on its READY line.
export interface BenchAgent {
  agentId: string;
  apiKey: string;
  apiSecret: string;
}

export interface MockServerInfo {
  url: string;
  baseUrl: string;
  agents: { reader: BenchAgent; portfolio: BenchAgent; trader: BenchAgent };
}
