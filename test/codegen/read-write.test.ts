import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accepts, load, removeTempDirs, schemaOf, type Generated } from './helpers.js';

let g: Generated;
beforeAll(async () => {
  g = await load('read-write');
});
afterAll(removeTempDirs);

describe('readOnly / writeOnly', () => {
  it('request form drops readOnly, keeps writeOnly, applies defaults', () => {
    const req = schemaOf(g, 'UserRequest');
    expect(req.parse({ name: 'a', password: 'secret12' })).toEqual({ name: 'a', password: 'secret12', role: 'user' });
    // readOnly id is not part of the request (and the object is closed, so sending it fails)
    expect(accepts(req, { id: 'u1', name: 'a', password: 'secret12' })).toBe(false);
    expect(accepts(req, { name: 'a' })).toBe(false); // writeOnly password is required here
    expect(accepts(req, { name: 'a', password: 'short' })).toBe(false);
  });

  it('response form drops writeOnly, requires readOnly, applies no defaults', () => {
    const res = schemaOf(g, 'User');
    const user = { id: 'u1', name: 'a', createdAt: '2026-01-05T12:00:00Z' };
    expect(res.parse(user)).toEqual(user);
    expect(accepts(res, { name: 'a' })).toBe(false); // id required in responses
    expect(accepts(res, { ...user, password: 'secret12' })).toBe(false); // must never be sent back
    expect(accepts(res, { ...user, createdAt: 'noon' })).toBe(false);
  });

  it('components that reference such components get both variants too', () => {
    expect(accepts(schemaOf(g, 'UserEnvelopeRequest'), { user: { name: 'a', password: 'secret12' } })).toBe(true);
    expect(accepts(schemaOf(g, 'UserEnvelope'), { user: { id: 'u', name: 'a' } })).toBe(true);
    expect(accepts(schemaOf(g, 'UserEnvelope'), { user: { name: 'a', password: 'secret12' } })).toBe(false);
  });

  it('components without them are emitted once', () => {
    expect(g.schemas.SettingsRequest).toBeUndefined();
    expect(schemaOf(g, 'Settings').parse({})).toEqual({ theme: 'dark', tags: ['a'] });
  });

  it('operations use the request form for bodies and the response form for responses', () => {
    const op = g.operations.createUser!;
    expect(op.requestBody?.schema).toBe(schemaOf(g, 'UserRequest'));
    expect(op.responses['201']?.schema).toBe(schemaOf(g, 'UserEnvelope'));
  });
});
