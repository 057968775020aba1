// The page: a header with the clock and the live status, a tab per view, and the current view.
import { useEffect } from 'preact/hooks';
import { ClockBar } from './components/clock-bar.js';
import { useConnected } from './live.js';
import { href, useRoute, VIEWS, type View } from './route.js';
import { Agents } from './views/agents.js';
import { Faults } from './views/faults.js';
import { Markets } from './views/markets.js';
import { Overview } from './views/overview.js';
import { Requests } from './views/requests.js';
import { Webhooks } from './views/webhooks.js';

const TITLES: Record<View, string> = {
  overview: 'Overview',
  markets: 'Markets',
  agents: 'Agents',
  requests: 'Requests',
  webhooks: 'Webhooks',
  faults: 'Faults',
};

export function App() {
  const route = useRoute();
  const connected = useConnected();
  useEffect(() => {
    document.title = `${TITLES[route.view]} · nx-conformance mock`;
  }, [route.view]);
  return (
    <>
      <header class="top">
        <div class="brand">
          <span class="logo" aria-hidden="true">nx</span> mock exchange
        </div>
        <ClockBar />
        <p class={`live ${connected ? 'on' : 'off'}`} role="status">
          {connected ? 'Live' : 'Reconnecting…'}
        </p>
      </header>
      <nav class="tabs" aria-label="Views">
        {VIEWS.map((view) => (
          <a key={view} href={href(view)} aria-current={route.view === view ? 'page' : undefined}>
            {TITLES[view]}
          </a>
        ))}
      </nav>
      <main id="main" data-view={route.view}>
        <h1>{TITLES[route.view]}</h1>
        {route.view === 'overview' && <Overview />}
        {route.view === 'markets' && <Markets symbol={route.subject} />}
        {route.view === 'agents' && <Agents agentId={route.subject} />}
        {route.view === 'requests' && <Requests />}
        {route.view === 'webhooks' && <Webhooks />}
        {route.view === 'faults' && <Faults />}
      </main>
      <footer class="foot muted">
        nx-conformance mock exchange dashboard. Charts: TradingView Lightweight Charts™, Copyright (c) 2025 TradingView, Inc.,{' '}
        <a href="https://www.tradingview.com/" rel="noreferrer">
          https://www.tradingview.com/
        </a>
      </footer>
    </>
  );
}
