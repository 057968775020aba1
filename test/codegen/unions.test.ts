import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accepts, load, removeTempDirs, schemaOf, type Generated } from './helpers.js';

let g: Generated;
beforeAll(async () => {
  g = await load('unions');
});
afterAll(removeTempDirs);

describe('oneOf / anyOf', () => {
  it('oneOf + discriminator dispatches on the property (const and enum members)', () => {
    const pet = schemaOf(g, 'Pet');
    expect(accepts(pet, { kind: 'cat', meows: true })).toBe(true);
    expect(accepts(pet, { kind: 'puppy', barks: 2 })).toBe(true);
    expect(accepts(pet, { kind: 'cat', barks: 2 })).toBe(false);
    expect(accepts(pet, { kind: 'cow', meows: true })).toBe(false);
    expect(accepts(pet, { meows: true })).toBe(false);
  });

  it('discriminator values come from mapping, else the component name', () => {
    const shape = schemaOf(g, 'Shape');
    expect(accepts(shape, { shape: 'circle', radius: 1 })).toBe(true);
    expect(accepts(shape, { shape: 'Square', side: 2 })).toBe(true);
    expect(accepts(shape, { shape: 'Circle', radius: 1 })).toBe(false);
    expect(accepts(shape, { shape: 'circle', side: 1 })).toBe(false);
  });

  it('oneOf without discriminator is a union', () => {
    const s = schemaOf(g, 'IdOrName');
    expect(accepts(s, 5)).toBe(true);
    expect(accepts(s, 'x')).toBe(true);
    expect(accepts(s, '')).toBe(false);
    expect(accepts(s, 1.5)).toBe(false);
  });

  it('anyOf is a union; anyOf with null is nullable', () => {
    const s = schemaOf(g, 'Loose');
    expect(accepts(s, ['a'])).toBe(true);
    expect(accepts(s, [1])).toBe(false);
    const maybe = schemaOf(g, 'MaybePet');
    expect(accepts(maybe, null)).toBe(true);
    expect(accepts(maybe, { kind: 'cat', meows: false })).toBe(true);
    expect(accepts(maybe, { kind: 'cat' })).toBe(false);
  });
});
