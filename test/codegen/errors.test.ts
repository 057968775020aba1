import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fixturePath, generateFrom, here } from './helpers.js';

/** Generates from YAML text; returns the error message (or fails when nothing is thrown). */
function failure(yaml: string): string {
  try {
    generateFrom(Buffer.from(yaml), here);
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('expected the generator to fail');
}

/** A spec whose only component is `Bad` (indented YAML for the schema body). */
function withSchema(schemaYaml: string): string {
  const body = schemaYaml.trim().split('\n').map((l) => `      ${l}`).join('\n');
  return `openapi: 3.1.0\ninfo: { title: t, version: '1' }\npaths: {}\ncomponents:\n  schemas:\n    Bad:\n${body}\n`;
}

function withOperation(operationYaml: string, extra = ''): string {
  const body = operationYaml.trim().split('\n').map((l) => `      ${l}`).join('\n');
  return `openapi: 3.1.0\ninfo: { title: t, version: '1' }\npaths:\n  /x/{id}:\n    get:\n${body}\n${extra}`;
}

describe('generator errors name the JSON pointer', () => {
  it('unsupported keyword (fixture)', () => {
    expect(() => generateFrom(readFileSync(fixturePath('unsupported-keyword')), here)).toThrow(
      'unsupported keyword "patternProperties" at #/components/schemas/Foo/properties/bar',
    );
  });

  it.each([
    ['nullable (3.0)', 'type: string\nnullable: true', '"nullable" is OpenAPI 3.0', '#/components/schemas/Bad/nullable'],
    ['unknown format', 'type: string\nformat: ipv4', 'unsupported format "ipv4"', '#/components/schemas/Bad/format'],
    ['3.0 exclusiveMinimum', 'type: number\nminimum: 0\nexclusiveMinimum: true', '"exclusiveMinimum" must be a number', '#/components/schemas/Bad/exclusiveMinimum'],
    ['tuple keyword', 'type: array\nprefixItems: [{ type: string }]', 'unsupported keyword "prefixItems"', '#/components/schemas/Bad'],
    ['keyword for another type', 'type: string\nminimum: 1', 'keyword "minimum" does not apply to type string', '#/components/schemas/Bad'],
    ['undeclared required', 'type: object\nrequired: [a]\nproperties: { b: { type: string } }', 'required property "a" is not declared', '#/components/schemas/Bad'],
    ['dangling $ref', 'type: object\nproperties:\n  a: { $ref: "#/components/schemas/Nope" }', '$ref "#/components/schemas/Nope" does not resolve', '#/components/schemas/Bad/properties/a'],
    ['deep $ref', 'type: object\nproperties:\n  a: { $ref: "#/components/schemas/Bad/properties/b" }\n  b: { type: string }', 'schema $ref must target', '#/components/schemas/Bad/properties/a'],
    ['escaped pointer segments', 'type: object\nproperties:\n  a/b~c: { type: string, minProperties: 1 }', 'unsupported keyword "minProperties"', '#/components/schemas/Bad/properties/a~1b~0c'],
    ['eager recursion', 'oneOf:\n  - $ref: "#/components/schemas/Bad"\n  - type: string', 'recursive reference to "Bad" outside an object property', '#/components/schemas/Bad/oneOf/0'],
    ['enum without null on a nullable type', 'type: [string, "null"]\nenum: [a]', 'add null to enum', '#/components/schemas/Bad/enum'],
    ['discriminator member without the property', 'oneOf:\n  - { type: object, properties: { a: { type: string } } }\ndiscriminator: { propertyName: kind }', 'discriminator property "kind" must be a required property', '#/components/schemas/Bad/oneOf/0'],
    ['invalid pattern', 'type: string\npattern: "(["', 'invalid pattern', '#/components/schemas/Bad/pattern'],
  ])('%s', (_name, schema, message, pointer) => {
    const msg = failure(withSchema(schema));
    expect(msg).toContain(message);
    expect(msg).toContain(`at ${pointer}`);
  });

  it.each([
    ['cookie parameter', 'operationId: a\nparameters:\n  - { name: id, in: path, required: true, schema: { type: string } }\n  - { name: c, in: cookie, schema: { type: string } }\nresponses: { "200": { description: ok } }', 'parameters in "cookie" are not supported', '#/paths/~1x~1{id}/get/parameters/1'],
    ['undeclared path parameter', 'operationId: a\nresponses: { "200": { description: ok } }', 'path parameter "id" is not declared', '#/paths/~1x~1{id}/get'],
    ['missing operationId', 'parameters: [{ name: id, in: path, required: true }]\nresponses: { "200": { description: ok } }', 'every operation needs an operationId', '#/paths/~1x~1{id}/get'],
    ['several media types', 'operationId: a\nparameters: [{ name: id, in: path, required: true }]\nresponses:\n  "200":\n    description: ok\n    content: { application/json: { schema: { type: string } }, text/plain: { schema: { type: string } } }', 'several media types', '#/paths/~1x~1{id}/get/responses/200/content'],
    ['unknown security scheme', 'operationId: a\nsecurity: [{ Nope: [] }]\nparameters: [{ name: id, in: path, required: true }]\nresponses: { "200": { description: ok } }', 'unknown security scheme "Nope"', '#/paths/~1x~1{id}/get/security/0'],
  ])('%s', (_name, op, message, pointer) => {
    const msg = failure(withOperation(op));
    expect(msg).toContain(message);
    expect(msg).toContain(`at ${pointer}`);
  });

  it('bad YAML is reported as such', () => {
    expect(failure('openapi: 3.1.0\ninfo: [unclosed\n')).toContain('invalid YAML');
  });

  it('OpenAPI 3.0 documents are refused', () => {
    expect(failure("openapi: 3.0.3\ninfo: { title: t, version: '1' }\npaths: {}\n")).toContain('expected "openapi: 3.1.x"');
  });
});
