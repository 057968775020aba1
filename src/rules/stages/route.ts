// Stage 1: which operation. The path must lie under the API base; the rest is matched against the
// generated operation table (404 / 405 otherwise). HEAD is routed as GET.
import { isRouteMatch, type Router } from '../match-route.js';
import { problem } from '../problems.js';
import type { Stage } from '../judging.js';

/** The path relative to `basePath`, or null when it is not under it ('/v1/agent' itself is '/'). */
export function relativePath(path: string, basePath: string): string | null {
  if (path === basePath) return '/';
  return path.startsWith(`${basePath}/`) ? path.slice(basePath.length) : null;
}

export function routeStage(router: Router, basePath: string): Stage {
  return {
    name: 'route',
    needsBody: false,
    run(j) {
      const apiPath = relativePath(j.raw.path, basePath);
      if (apiPath === null) return problem('not_found', `Nothing at ${j.raw.method} ${j.raw.path}; the API lives under ${basePath}.`);
      j.apiPath = apiPath;
      const found = router.lookup(j.raw.method, apiPath);
      if (!isRouteMatch(found)) return found;
      j.op = found.op;
      j.rawParams = found.rawParams;
      return undefined;
    },
  };
}
