// The router's literal fast path (one Map lookup for paths without parameters, issue 16) must
// route every request exactly as the scan over the route regexes does: same operation, same
// parameters, same 404 and 405 (with Allow). The oracle here is that scan, written out plainly.
import { describe, expect, it } from 'vitest';
import { operationList as controlOperations } from '../../src/generated/control/operations.js';
import { operationList as apiOperations } from '../../src/generated/operations.js';
import { createRouter, isRouteMatch } from '../../src/rules/match-route.js';
import type { OperationDef } from '../../src/rules/runtime.js';

/** The operation a plain scan finds (literal routes first), or the methods allowed on the path. */
function scan(operations: readonly OperationDef[], method: string, path: string): { operationId: string; params: Record<string, string> } | { allow: string[] } {
  const wanted = method === 'HEAD' ? 'get' : method.toLowerCase();
  const routes = operations
    .map((op) => {
      const names = [...op.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] as string);
      const source = op.path.split('/').map((s) => (/^\{[^}]+\}$/.test(s) ? '([^/]+)' : s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('/');
      return { op, names, regex: new RegExp(`^${source}/?$`) };
    })
    .sort((a, b) => a.names.length - b.names.length);
  const allow: string[] = [];
  for (const { op, names, regex } of routes) {
    const m = regex.exec(path);
    if (!m) continue;
    if (op.method !== wanted) {
      allow.push(op.method.toUpperCase(), ...(op.method === 'get' ? ['HEAD'] : []));
      continue;
    }
    return { operationId: op.operationId, params: Object.fromEntries(names.map((n, i) => [n, m[i + 1] ?? ''])) };
  }
  return { allow };
}

function pathsOf(operations: readonly OperationDef[]): string[] {
  const out: string[] = ['/', '', '/nowhere', '//'];
  for (const { path } of operations) {
    const filled = path.replace(/\{[^}]+\}/g, 'ord_1');
    out.push(filled, `${filled}/`, `${filled}//`, filled.toUpperCase(), `${filled}/extra`, filled.slice(0, -1));
  }
  return out;
}

describe('the router', () => {
  for (const [name, operations] of [['API', apiOperations], ['control API', controlOperations]] as const) {
    it(`routes every ${name} path and method as the plain scan does`, () => {
      const router = createRouter(operations);
      let routed = 0;
      for (const path of pathsOf(operations)) {
        for (const method of ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']) {
          const found = router.lookup(method, path);
          const expected = scan(operations, method, path);
          if ('operationId' in expected) {
            routed += 1;
            expect(isRouteMatch(found) ? { operationId: found.op.operationId, params: found.rawParams } : found, `${method} ${path}`).toEqual(expected);
          } else {
            expect(isRouteMatch(found), `${method} ${path}`).toBe(false);
            if (!isRouteMatch(found)) expect(found.headers?.Allow ?? '', `${method} ${path}`).toBe(expected.allow.join(', '));
          }
        }
      }
      expect(routed).toBeGreaterThan(operations.length); // the oracle really routes (the test is not vacuous)
    });
  }
});
