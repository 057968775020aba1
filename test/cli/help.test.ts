// Help text a user can act on: defaults shown as they would be typed, never as the JSON of an
// internal accumulator. Walks every command, so options other helpers add are covered too.
import { describe, expect, it } from 'vitest';
import { runMain } from './support/capture.js';

const COMMANDS = ['mock', 'record-market', 'server', 'self-test', 'webhook-receiver', 'client', 'proxy'];

describe('--help', () => {
  it('lists every command and --version', async () => {
    const r = await runMain(['--help']);
    expect(r.code).toBe(0);
    for (const c of COMMANDS) expect(r.out).toMatch(new RegExp(`^  ${c} `, 'm'));
    expect(r.out).toContain('-V, --version');
  });

  it.each(COMMANDS)('%s --help shows no JSON defaults', async (command) => {
    const r = await runMain([command, '--help']);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`Usage: nx-conformance ${command}`);
    expect(r.out).not.toMatch(/default: [[{]/);
  });

  it('list defaults read as typed: server --reporter pretty, mock --defect none, proxy --secret none', async () => {
    const flat = async (c: string): Promise<string> => (await runMain([c, '--help'])).out.replace(/\s+/g, ' ');
    expect(await flat('server')).toMatch(/--reporter <names> .*\(default: pretty\)/);
    expect(await flat('mock')).toMatch(/--defect <name> .*\(default: none\)/);
    expect(await flat('proxy')).toMatch(/--secret <KEY=SECRET> .*\(default: none\)/);
  });
});
