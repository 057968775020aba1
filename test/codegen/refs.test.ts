import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accepts, load, removeTempDirs, schemaOf, type Generated } from './helpers.js';

let g: Generated;
beforeAll(async () => {
  g = await load('refs');
});
afterAll(removeTempDirs);

describe('$ref', () => {
  it('component refs validate through the referenced schema', () => {
    const node = schemaOf(g, 'Node');
    expect(accepts(node, { id: 'n1' })).toBe(true);
    expect(accepts(node, { id: 'x1' })).toBe(false); // NodeId pattern
  });

  it('self recursion (getter) validates at any depth', () => {
    const node = schemaOf(g, 'Node');
    const deep = { id: 'n1', children: [{ id: 'n2', children: [{ id: 'n3', parent: null }] }] };
    expect(accepts(node, deep)).toBe(true);
    const bad = { id: 'n1', children: [{ id: 'n2', children: [{ id: 'bad' }] }] };
    expect(accepts(node, bad)).toBe(false);
    expect(accepts(node, { id: 'n1', parent: { id: 'n0' } })).toBe(true);
  });

  it('mutual recursion between components', () => {
    const person = schemaOf(g, 'Person');
    expect(accepts(person, { name: 'a', team: { members: [{ name: 'b', team: { members: [] } }] } })).toBe(true);
    expect(accepts(person, { name: 'a', team: { members: [{ team: { members: [] } }] } })).toBe(false);
  });

  it('allOf of refs merges into one object (required from every part, strictness kept)', () => {
    const e = schemaOf(g, 'Employee');
    expect(accepts(e, { name: 'a', age: 3, employer: 'x' })).toBe(true);
    expect(accepts(e, { name: 'a', employer: 'x' })).toBe(false);
    expect(accepts(e, { name: 'a', age: -1, employer: 'x' })).toBe(false);
    expect(accepts(e, { name: 'a', age: 3, employer: 'x', extra: 1 })).toBe(false);
  });

  it('a ref wrapped with annotations is the same schema; a ref with validation siblings adds them', () => {
    expect(schemaOf(g, 'Described')).toBe(schemaOf(g, 'Named'));
    const n = schemaOf(g, 'Narrowed');
    expect(accepts(n, 'n12')).toBe(true);
    expect(accepts(n, 'n123')).toBe(false);
    expect(accepts(n, 'x1')).toBe(false);
  });

  it('refs to parameters, request bodies, responses and headers resolve in operations', () => {
    const op = g.operations.putNode;
    expect(op).toBeDefined();
    if (!op) return;
    expect(accepts(op.params.path, { nodeId: 'n7' })).toBe(true);
    expect(accepts(op.params.path, { nodeId: 'x' })).toBe(false);
    expect(op.requestBody?.required).toBe(true);
    expect(accepts(op.requestBody!.schema, { id: 'n1', children: [] })).toBe(true);
    expect(op.responses['200']?.headers).toEqual(['etag', 'x-trace']);
    expect(op.responses['200']?.requiredHeaders).toEqual(['etag']);
    expect(op.responses.default?.description).toBe('Failure.');
    expect(accepts(op.responses.default!.schema!, { message: 'm' })).toBe(true);
    expect(accepts(op.responses.default!.schema!, {})).toBe(false);
  });
});
