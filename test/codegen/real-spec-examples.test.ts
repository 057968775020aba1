// Every example in openapi/agent-connect.yaml must validate against the generated schema it
// documents, and mutated copies of it (required field dropped, wrong type, unknown enum value)
// must be rejected. The walk is generic: new operations and examples are picked up as written.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { analyzeComponents } from '../../src/codegen/components.js';
import { newContext } from '../../src/codegen/context.js';
import { parseSpec } from '../../src/codegen/load-spec.js';
import { child, deref, isRecord } from '../../src/codegen/pointer.js';
import { hasUniqueItems } from '../../src/rules/runtime.js';
import { schemaToZod } from '../../src/codegen/schema-to-zod.js';
import { accepts, load, removeTempDirs, root, type Generated } from './helpers.js';
import { mutations } from './mutations.js';

const specPath = join(root, 'openapi', 'agent-connect.yaml');
const present = existsSync(specPath);
const bytes = present ? readFileSync(specPath) : Buffer.from('');
const doc = present ? (parseSpec(bytes, specPath) as unknown as Record<string, unknown>) : {};

type Mode = 'request' | 'response';
interface Case {
  pointer: string;
  value: unknown;
  /** The raw spec schema (for mutations) and how to find the generated validator. */
  specSchema: unknown;
  mode: Mode;
  validator: (g: Generated) => z.ZodType | null | undefined;
}

/** The example values of a media type or parameter (`example`, and `examples.*.value`). */
function examplesOf(holder: Record<string, unknown>, at: string): Array<[string, unknown]> {
  const found: Array<[string, unknown]> = [];
  if (holder.example !== undefined) found.push([child(at, 'example'), holder.example]);
  if (isRecord(holder.examples)) {
    for (const [name, raw] of Object.entries(holder.examples)) {
      const { value: ex } = deref(doc, raw, child(at, 'examples', name));
      if ('value' in ex) found.push([child(at, 'examples', name), ex.value]); // externalValue: skipped
    }
  }
  return found;
}

function mediaCases(content: unknown, at: string, mode: Mode, validator: Case['validator']): Case[] {
  if (!isRecord(content)) return [];
  return Object.entries(content).flatMap(([type, media]) =>
    isRecord(media)
      ? examplesOf(media, child(at, type)).map(([pointer, value]) => ({ pointer, value, specSchema: media.schema, mode, validator }))
      : [],
  );
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

/** Request/response body examples of every operation and webhook, by status. */
function bodyCases(): Case[] {
  const cases: Case[] = [];
  for (const [group, map] of [['paths', doc.paths], ['webhooks', doc.webhooks]] as const) {
    if (!isRecord(map)) continue;
    for (const [key, rawItem] of Object.entries(map)) {
      const { value: item } = deref(doc, rawItem, child(`#/${group}`, key));
      for (const method of METHODS.filter((m) => isRecord(item[m]))) {
        const op = item[method] as Record<string, unknown>;
        const at = child(`#/${group}`, key, method);
        const id = String(op.operationId);
        if (op.requestBody !== undefined) {
          const { value: body, pointer } = deref(doc, op.requestBody, child(at, 'requestBody'));
          const validator: Case['validator'] =
            group === 'paths' ? (g) => g.operations[id]?.requestBody?.schema : (g) => g.webhookEvents[key]?.schema;
          cases.push(...mediaCases(body.content, child(pointer, 'content'), group === 'paths' ? 'request' : 'response', validator));
        }
        if (group !== 'paths' || !isRecord(op.responses)) continue;
        for (const [status, raw] of Object.entries(op.responses)) {
          const { value: res } = deref(doc, raw, child(at, 'responses', status));
          // Pointer of the operation's response, so a shared components/responses example is checked per use.
          const validator: Case['validator'] = (g) => g.operations[id]?.responses[status]?.schema;
          cases.push(...mediaCases(res.content, child(at, 'responses', status, 'content'), 'response', validator));
        }
      }
    }
  }
  return cases;
}

/** `example`s on schemas (components and their properties), compiled with the generator's emitter. */
function schemaCases(): Case[] {
  const { names } = analyzeComponents(doc as never);
  const cases: Case[] = [];
  const visit = (schema: unknown, at: string) => {
    if (!isRecord(schema)) return;
    const values = [...(schema.example !== undefined ? [schema.example] : []), ...(Array.isArray(schema.examples) ? schema.examples : [])];
    values.forEach((value, i) => {
      for (const mode of ['response', 'request'] as const) {
        const validator = (g: Generated) => {
          const code = schemaToZod(schema, at, newContext(doc as never, names, mode, { refPrefix: 'schemas.' }));
          return new Function('z', 'schemas', 'hasUniqueItems', `return (${code});`)(z, g.schemas, hasUniqueItems) as z.ZodType;
        };
        cases.push({ pointer: `${at} example ${i} (${mode} form)`, value, specSchema: schema, mode, validator });
      }
    });
    if (isRecord(schema.properties)) for (const [k, v] of Object.entries(schema.properties)) visit(v, child(at, 'properties', k));
    for (const key of ['items', 'additionalProperties']) visit(schema[key], child(at, key));
    for (const key of ['allOf', 'oneOf', 'anyOf']) if (Array.isArray(schema[key])) (schema[key] as unknown[]).forEach((v, i) => visit(v, child(at, key, i)));
  };
  const schemas = isRecord(doc.components) && isRecord(doc.components.schemas) ? doc.components.schemas : {};
  for (const [name, schema] of Object.entries(schemas)) visit(schema, child('#/components/schemas', name));
  return cases;
}

/** Parameter examples, checked (as the strings they arrive as) against the location's object. */
function parameterCases(): Array<[string, string, string, string, unknown]> {
  const cases: Array<[string, string, string, string, unknown]> = [];
  const paths = isRecord(doc.paths) ? doc.paths : {};
  for (const [path, rawItem] of Object.entries(paths)) {
    const { value: item } = deref(doc, rawItem, child('#/paths', path));
    for (const method of METHODS.filter((m) => isRecord(item[m]))) {
      const op = item[method] as Record<string, unknown>;
      const params = [...(Array.isArray(item.parameters) ? item.parameters : []), ...(Array.isArray(op.parameters) ? op.parameters : [])];
      params.forEach((raw, i) => {
        const { value: p, pointer } = deref(doc, raw, child('#/paths', path, method, 'parameters', i));
        const name = p.in === 'header' ? String(p.name).toLowerCase() : String(p.name);
        for (const [at, value] of examplesOf(p, pointer)) cases.push([at, String(op.operationId), String(p.in), name, value]);
      });
    }
  }
  return cases;
}

let g: Generated;
beforeAll(async () => {
  if (present) g = await load(bytes);
});
afterAll(removeTempDirs);

describe.skipIf(!present)('examples in openapi/agent-connect.yaml', () => {
  const bodies = present ? bodyCases() : [];
  const schemaExamples = present ? schemaCases() : [];

  it('has examples to check', () => {
    expect(bodies.length).toBeGreaterThan(0);
  });

  it.each(bodies.map((c) => [c.pointer, c] as const))('%s validates; its mutations do not', (_p, c) => {
    const schema = c.validator(g);
    expect(schema, 'the example documents a body without a generated schema').toBeTruthy();
    if (!schema) return;
    const result = schema.safeParse(c.value);
    expect(result.success, JSON.stringify(result.error?.issues)).toBe(true);
    const accepted = [...mutations(doc, c.specSchema, c.value, c.mode)].filter((m) => accepts(schema, m.value));
    expect(accepted.map((m) => m.what)).toEqual([]);
  });

  it.each(present ? parameterCases() : [])('%s (%s %s parameter %s) validates', (_p, id, location, name, value) => {
    const params = g.operations[id]?.params as Record<string, z.ZodObject> | undefined;
    const field = params?.[location]?.shape[name];
    expect(field, 'no generated parameter schema').toBeTruthy();
    // Parameters arrive as strings (arrays as repeated/comma-joined values).
    const raw = Array.isArray(value) ? value.map(String) : String(value);
    expect(accepts(field!, raw)).toBe(true);
  });

  it('schema-level examples validate (in the response or the request form)', () => {
    const bad = new Map<string, string>();
    for (const c of schemaExamples) {
      const base = c.pointer.replace(/ \((request|response) form\)$/, '');
      const ok = accepts(c.validator(g)!, c.value);
      if (ok) bad.set(base, 'ok');
      else if (bad.get(base) !== 'ok') bad.set(base, `${JSON.stringify(c.value)} rejected`);
    }
    expect([...bad].filter(([, v]) => v !== 'ok')).toEqual([]);
  });
});
