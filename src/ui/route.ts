// Hash routes (#/markets/BTC): the page is one static file, and a link can name a view and its subject.
import { useEffect, useState } from 'preact/hooks';

export const VIEWS = ['overview', 'markets', 'agents', 'requests', 'webhooks', 'faults'] as const;
export type View = (typeof VIEWS)[number];

export interface Route {
  view: View;
  /** The coin or agent the view shows, when the hash names one. */
  subject: string | undefined;
}

export function parseRoute(hash: string): Route {
  const [view, subject] = hash.replace(/^#\/?/, '').split('/');
  const known = VIEWS.find((v) => v === view);
  return { view: known ?? 'overview', subject: known && subject ? decodeURIComponent(subject) : undefined };
}

export const href = (view: View, subject?: string): string => `#/${view}${subject ? `/${encodeURIComponent(subject)}` : ''}`;

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
