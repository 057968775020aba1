import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accepts, load, removeTempDirs, type Generated } from './helpers.js';

let g: Generated;
beforeAll(async () => {
  g = await load('operations');
});
afterAll(removeTempDirs);

describe('operations', () => {
  it('describes method, path, permission and security', () => {
    const get = g.operations.getItem!;
    expect(get).toMatchObject({ operationId: 'getItem', method: 'get', path: '/items/{itemId}', permission: 'read:items', security: 'agent', requestBody: null });
    expect(g.operations.deleteItem).toMatchObject({ method: 'delete', permission: null, security: 'none' });
  });

  it('coerces string path/query values and merges path-item parameters', () => {
    const { params } = g.operations.getItem!;
    expect(params.path.parse({ itemId: '12' })).toEqual({ itemId: 12 });
    expect(accepts(params.path, { itemId: '0' })).toBe(false);
    expect(accepts(params.path, { itemId: 'abc' })).toBe(false);
    expect(accepts(params.path, { itemId: '1.5' })).toBe(false);
    const q = params.query.parse({ level: '2', fields: 'a', ids: '1,2', other: 'kept' });
    expect(q).toEqual({ level: 2, verbose: false, fields: ['a'], ids: [1, 2], other: 'kept' });
    expect(params.query.parse({ level: '1', verbose: 'true', fields: ['a', 'b'] })).toMatchObject({ verbose: true, fields: ['a', 'b'] });
    expect(accepts(params.query, { level: '3' })).toBe(false);
    expect(accepts(params.query, {})).toBe(false); // level is required
    expect(accepts(params.query, { level: '1', verbose: 'yes' })).toBe(false);
    expect(accepts(params.query, { level: '1', fields: ['a', 'b', 'c'] })).toBe(false);
    expect(accepts(params.query, { level: '1', ids: '1,x' })).toBe(false);
  });

  it('header parameters are lower-cased and loose', () => {
    const { header } = g.operations.getItem!.params;
    expect(header.parse({ 'x-trace-id': 't', host: 'h' })).toEqual({ 'x-trace-id': 't', host: 'h' });
  });

  it('lists responses with their headers, content types and schemas', () => {
    const { responses } = g.operations.getItem!;
    expect(Object.keys(responses)).toEqual(['200', '204', '4XX']);
    expect(responses['200']).toMatchObject({ contentType: 'application/json', headers: ['x-rate', 'retry-after'], requiredHeaders: ['x-rate'] });
    expect(responses['204']).toMatchObject({ contentType: null, schema: null, headers: [] });
    expect(responses['4XX']?.contentType).toBe('application/problem+json');
    expect(accepts(responses['200']!.schema!, { id: 1 })).toBe(true);
    expect(accepts(responses['200']!.schema!, { id: '1' })).toBe(false);
  });

  it('webhooks carry their payload schema and header parameters', () => {
    const hook = g.webhookEvents['item.changed']!;
    expect(hook).toMatchObject({ event: 'item.changed', method: 'post', operationId: 'onItemChanged', contentType: 'application/json' });
    expect(accepts(hook.schema!, { itemId: 3 })).toBe(true);
    expect(accepts(hook.schema!, { itemId: 'x' })).toBe(false);
    expect(accepts(hook.headers, { 'webhook-id': 'm' })).toBe(true);
    expect(accepts(hook.headers, {})).toBe(false);
  });
});
