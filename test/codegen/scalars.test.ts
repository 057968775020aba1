import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accepts, load, removeTempDirs, schemaOf, type Generated } from './helpers.js';

let g: Generated;
beforeAll(async () => {
  g = await load('scalars');
});
afterAll(removeTempDirs);

// [schema, accepted values, rejected values]
const cases: Array<[string, unknown[], unknown[]]> = [
  ['NullableString', ['ab', null], ['a', 1, undefined]],
  ['StringOrInteger', ['x', 3], [1.5, null, true]],
  ['Color', ['red', 'green'], ['blue', null, 1]],
  ['MaybeColor', ['red', null], ['blue']],
  ['Level', [1, 3], [4, '1', 1.5]],
  ['Version', ['v1'], ['v2']],
  ['Answer', [42], [41, '42']],
  ['When', ['2026-01-05T12:00:00.000Z', '2026-01-05T12:00:00+02:00'], ['2026-01-05', 'yesterday']],
  ['Day', ['2026-01-05'], ['2026-13-05', '2026-01-05T00:00:00Z']],
  ['Link', ['https://example.com/a?b=c'], ['not a url', '']],
  ['Mail', ['a@example.com'], ['a@', 'example.com']],
  ['Id', ['123e4567-e89b-12d3-a456-426614174000'], ['123', '123e4567e89b12d3a456426614174000']],
  ['Money', ['12.50', '-3'], ['12.345', 'abc']],
  ['Code', ['AB', 'ABCD'], ['A', 'ABCDE', 'ab']],
  ['Path', ['/v1/orders'], ['/v2/orders', 'v1/orders']],
  ['Percent', [0, 100, 55.5], [-0.1, 100.1, NaN, Infinity]],
  ['Open', [0.5], [0, 1]],
  ['Cents', [1.23, 0.07, 10], [1.234]],
  ['Count', [1, Number.MAX_SAFE_INTEGER], [0, 1.5, 2 ** 53]],
  ['Small', [2147483647, -2147483648], [2147483648]],
  ['Ratio', [0.5], ['0.5']],
  ['Flag', [true, false], ['true', 0]],
  ['Nothing', [null], [undefined, 0]],
  ['Tags', [['a'], ['a', 'b', 'c']], [[], ['a', 'b', 'c', 'd'], ['a', 'a'], [1]]],
  ['Anything', [1, 'x', null, { a: 1 }], []],
  ['AlsoAnything', [1, null], []],
  ['Never', [], [1, null, 'x']],
];

describe('scalar schemas', () => {
  it.each(cases)('%s', (name, good, bad) => {
    const schema = schemaOf(g, name);
    for (const v of good) expect(accepts(schema, v), `${name} should accept ${String(v)}`).toBe(true);
    for (const v of bad) expect(accepts(schema, v), `${name} should reject ${String(v)}`).toBe(false);
  });
});
