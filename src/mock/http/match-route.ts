// Stage 1 of the pipeline: find the operation for a method and a path, straight from the
// generated operation table, so a path added to the spec is routed without touching this file.
import type { OperationDef } from '../../codegen/runtime.js';
import { HttpProblem } from './problem.js';

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

/** Builds a matcher; throws HttpProblem not_found (404) or method_not_allowed (405). */
export function createRouter(operations: readonly OperationDef[]): Router {
  // Literal routes first, so '/orders' never loses to a template such as '/{x}'.
  const routes = operations.map(compile).sort((a, b) => a.names.length - b.names.length);
  return {
    match(method, path) {
      const allowed: string[] = [];
      for (const route of routes) {
        const m = route.regex.exec(path);
        if (!m) continue;
        if (route.op.method !== method.toLowerCase()) {
          allowed.push(route.op.method.toUpperCase());
          continue;
        }
        const rawParams: Record<string, string> = {};
        route.names.forEach((name, i) => {
          rawParams[name] = m[i + 1] ?? '';
        });
        return { op: route.op, rawParams };
      }
      if (allowed.length > 0) {
        throw new HttpProblem('method_not_allowed', `${method} is not allowed on ${path}; use ${allowed.join(' or ')}.`, {
          headers: { Allow: allowed.join(', ') },
        });
      }
      throw new HttpProblem('not_found', `No operation at ${method} ${path}. The API lives under /v1/agent; see openapi/agent-connect.yaml for its paths.`);
    },
  };
}
