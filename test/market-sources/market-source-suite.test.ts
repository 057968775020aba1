// Every market source through the one shared suite (suite/market-source-suite.ts). CoinGecko
// answers come from nock; no test here reaches the network.
import nock from 'nock';
import { afterAll, beforeAll } from 'vitest';
import { ALL_CASES } from './suite/cases.js';
import { runMarketSourceSuite } from './suite/market-source-suite.js';

beforeAll(() => nock.disableNetConnect());
afterAll(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

for (const c of ALL_CASES) runMarketSourceSuite(c);
