// Find the operation for a method and a path, straight from a generated operation table, so a path
// added to the spec is routed without touching this file. HEAD is answered as GET (RFC 9110 §9.3.2).
import { HttpProblem, problem, type Problem } from './problems.js';
import type { OperationDef } from './runtime.js';
import { SIGNING_BASE_PATH } from '../signing/constants.js';

interface CompiledRoute {
  op: OperationDef;
  regex: RegExp;
  names: string[];
}

export interface RouteMatch {
  op: OperationDef;
  /** Raw (still percent-encoded) path parameters. */
  rawParams: Record<string, string>;
}

export interface Router {
  /** The operation, or the not_found (404) / method_not_allowed (405) problem. */
  lookup(method: string, path: string): RouteMatch | Problem;
  /** As lookup, but throws the problem (an HttpProblem). */
  match(method: string, path: string): RouteMatch;
}

function compile(op: OperationDef): CompiledRoute {
  const names: string[] = [];
  const source = op.path
    .split('/')
    .map((segment) => {
      const param = /^\{([^}]+)\}$/.exec(segment);
      if (param?.[1] === undefined) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(param[1]);
      return '([^/]+)';
    })
    .join('/');
  return { op, regex: new RegExp(`^${source}/?$`), names };
}

export function isRouteMatch(found: RouteMatch | Problem): found is RouteMatch {
  return 'op' in found;
}

/** Builds a matcher over an operation table (the API's or the control API's). */
export function createRouter(operations: readonly OperationDef[], notFoundHint = `The API lives under ${SIGNING_BASE_PATH}; see openapi/agent-connect.yaml for its paths.`): Router {
  // Literal routes first, so '/orders' never loses to a template such as '/{x}'.
  const routes = operations.map(compile).sort((a, b) => a.names.length - b.names.length);
  // Literal paths by method and path: most requests (GET /market, POST /orders) find their
  // operation in one Map lookup instead of a regex per route. The scan below still decides
  // everything else (templates, 404, 405), and gives the same answer for these.
  const literal = new Map<string, OperationDef>();
  for (const { op, names } of routes) if (names.length === 0) literal.set(`${op.method} ${op.path}`, op);
  const lookup = (method: string, path: string): RouteMatch | Problem => {
    const wanted = method === 'HEAD' ? 'get' : method.toLowerCase();
    // The route regexes allow one trailing slash.
    const exact = literal.get(`${wanted} ${path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path}`);
    if (exact !== undefined) return { op: exact, rawParams: {} };
    const allowed: string[] = [];
    for (const route of routes) {
      const m = route.regex.exec(path);
      if (!m) continue;
      if (route.op.method !== wanted) {
        allowed.push(route.op.method.toUpperCase());
        if (route.op.method === 'get') allowed.push('HEAD');
        continue;
      }
      const rawParams: Record<string, string> = {};
      route.names.forEach((name, i) => {
        rawParams[name] = m[i + 1] ?? '';
      });
      return { op: route.op, rawParams };
    }
    if (allowed.length > 0) {
      return problem('method_not_allowed', `${method} is not allowed on ${path}; use ${allowed.join(' or ')}.`, {
        headers: { Allow: allowed.join(', ') },
      });
    }
    return problem('not_found', `No operation at ${method} ${path}. ${notFoundHint}`);
  };
  return {
    lookup,
    match(method, path) {
      const found = lookup(method, path);
      if (isRouteMatch(found)) return found;
      throw HttpProblem.from(found);
    },
  };
}
