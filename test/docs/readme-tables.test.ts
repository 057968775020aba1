// The README's flag and control-call tables are generated (npm run docs) from the mock's
// commander definition and openapi/control.yaml; this fails when they drift, e.g. after someone
// adds a flag or a control call without rerunning the generator.
import { readFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { describe, expect, it } from 'vitest';
import { README, readmeSections, staleSections } from '../../scripts/docs.js';
import { controlCallsTable } from '../../scripts/docs/control-calls.js';
import { optionsTable } from '../../scripts/docs/mock-flags.js';
import { replaceSection, sectionOf } from '../../scripts/docs/sections.js';

describe('README.md', () => {
  it('has its generated sections up to date (if not: npm run docs, and commit README.md)', () => {
    expect(staleSections(readFileSync(README, 'utf8'))).toEqual([]);
  });

  it('lists every mock flag and every control call, including those the issue found missing', () => {
    const { 'mock-flags': flags, 'control-calls': calls } = readmeSections();
    for (const flag of ['--market', '--webhook-targets', '--webhook-timeout', '--list-defects', '`--port <n>` / `PORT`']) expect(flags).toContain(flag);
    for (const call of ['`GET /__nx/webhooks`', '`POST /__nx/webhooks/flush`', '`POST /__nx/webhooks/{webhookId}/redeliver', '`GET /__nx/faults`', '`DELETE /__nx/faults`']) expect(calls).toContain(call);
  });
});

describe('the generator', () => {
  it('a flag added to a command becomes a row, with its default, environment variable and choices', () => {
    const command = new Command('x')
      .option('--new-flag <v>', 'something new', 'dflt')
      .addOption(new Option('--mode <m>', 'a mode').choices(['a', 'b']).default('a').env('X_MODE'))
      .option('--list <v>', 'a list', (v: string, prev: string[]) => [...prev, v], [])
      .option('--switch', 'a switch')
      .option('--auto', 'depends (default: on for a loopback --host, off otherwise)');
    expect(optionsTable(command).split('\n').slice(2)).toEqual([
      '| `--new-flag <v>` | dflt | something new |',
      '| `--mode <m>` / `X_MODE` | a | a mode (one of: a, b) |',
      '| `--list <v>` | none | a list |',
      '| `--switch` | — | a switch |',
      '| `--auto` | on for a loopback --host, off otherwise | depends |',
    ]);
  });

  it('a control call added to the spec becomes a row, with its query and a short example body', () => {
    const spec = `
servers: [{ url: 'http://127.0.0.1:4010/__nx' }]
paths:
  /things:
    get: { summary: List things, parameters: [{ in: query, name: limit }] }
    post:
      summary: Make a thing
      description: Needs --things. More text.
      requestBody: { content: { application/json: { examples: { one: { value: { name: a|b } } } } } }
`;
    expect(controlCallsTable(spec).split('\n').slice(2)).toEqual([
      '| `GET /__nx/things?limit=` | List things |',
      '| `POST /__nx/things {"name":"a\\|b"}` | Make a thing. Needs --things. |',
    ]);
  });

  it('replaces only between its markers, and a stale section is named', () => {
    const text = 'intro\n<!-- generated:t (npm run docs) -->\nold\n<!-- /generated:t -->\noutro\n';
    const fresh = replaceSection(text, 't', 'new');
    expect(fresh).toBe('intro\n<!-- generated:t (npm run docs) -->\nnew\n<!-- /generated:t -->\noutro\n');
    expect(sectionOf(fresh, 't')).toBe('new');
    expect(staleSections(text, { t: 'new' })).toEqual(['t']);
    expect(staleSections(fresh, { t: 'new' })).toEqual([]);
    expect(() => replaceSection('no markers', 't', 'x')).toThrow(/no <!-- generated:t/);
  });
});
