import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accepts, load, removeTempDirs, schemaOf, type Generated } from './helpers.js';

let g: Generated;
beforeAll(async () => {
  g = await load('objects');
});
afterAll(removeTempDirs);

describe('additionalProperties', () => {
  it('absent: unknown keys are stripped, declared ones validated', () => {
    const s = schemaOf(g, 'Stripping');
    expect(s.parse({ a: 'x', b: 1, extra: true })).toEqual({ a: 'x', b: 1 });
    expect(accepts(s, { b: 1 })).toBe(false); // required a missing
    expect(accepts(s, { a: 'x', b: 'one' })).toBe(false);
  });

  it('false: unknown keys are rejected', () => {
    const s = schemaOf(g, 'Strict');
    expect(accepts(s, { a: 'x' })).toBe(true);
    expect(accepts(s, { a: 'x', qty: 1 })).toBe(false);
    expect(accepts(schemaOf(g, 'Empty'), {})).toBe(true);
    expect(accepts(schemaOf(g, 'Empty'), { a: 1 })).toBe(false);
  });

  it('true: unknown keys are kept', () => {
    expect(schemaOf(g, 'Loose').parse({ a: 'x', extra: 1 })).toEqual({ a: 'x', extra: 1 });
  });

  it('a schema: extra keys are validated against it', () => {
    const s = schemaOf(g, 'Catchall');
    expect(accepts(s, { name: 'n', a: 1, b: 2 })).toBe(true);
    expect(accepts(s, { name: 'n', a: 'one' })).toBe(false);
    const counts = schemaOf(g, 'Counts');
    expect(accepts(counts, { a: 1 })).toBe(true);
    expect(accepts(counts, { a: 1.5 })).toBe(false);
  });

  it('an object without properties is a free-form map, not an empty strip-all object', () => {
    const s = schemaOf(g, 'FreeForm');
    expect(s.parse({ any: { thing: 1 } })).toEqual({ any: { thing: 1 } });
    expect(accepts(s, 'str')).toBe(false);
    expect(accepts(s, [])).toBe(false);
  });

  it('object type is implied by properties/required', () => {
    const s = schemaOf(g, 'Implied');
    expect(accepts(s, { x: 1 })).toBe(true);
    expect(accepts(s, {})).toBe(false);
  });

  it('non-identifier property names work', () => {
    const s = schemaOf(g, 'Quoted');
    expect(s.parse({ 'content-type': 'a', "it's": 'b' })).toEqual({ 'content-type': 'a', "it's": 'b' });
    expect(accepts(s, { "it's": 1 })).toBe(false);
  });
});
