// Output order for schemas.ts. Every const must be defined before it is used eagerly; uses
// inside object properties can be deferred with getters, which is how cycles are broken.

export interface OrderNode {
  id: string;
  /** id -> true when referenced eagerly (outside any object property). */
  refs: Map<string, boolean>;
}

/**
 * Deterministic topological order: repeatedly take the first node (in spec order) whose
 * dependencies are all placed; when only cycles remain, take the first node whose *eager*
 * dependencies are placed (its lazy ones will become getters). When an eager cycle makes even
 * that impossible, take the first node anyway: emitting it then fails at the exact $ref (with
 * its JSON pointer), which is a more useful error than naming the whole cycle.
 */
export function orderNodes<T extends OrderNode>(nodes: T[]): T[] {
  const known = new Set(nodes.map((n) => n.id));
  const placed = new Set<string>();
  const result: T[] = [];
  const remaining = [...nodes];
  const ready = (n: T, eagerOnly: boolean) =>
    [...n.refs].every(
      ([id, eager]) => !known.has(id) || placed.has(id) || (!eager && (eagerOnly || id === n.id)),
    );
  while (remaining.length > 0) {
    let index = remaining.findIndex((n) => ready(n, false));
    if (index < 0) index = remaining.findIndex((n) => ready(n, true));
    if (index < 0) index = 0;
    const [node] = remaining.splice(index, 1) as [T];
    placed.add(node.id);
    result.push(node);
  }
  return result;
}
