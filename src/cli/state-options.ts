// The mock's state flags:
//   --state FILE            keep the sandbox in a SQLite file, written ahead of every acknowledged change
//   --state-sync MODE       normal (survives a crash of the mock) or full (also a power loss)
//   --state-from FILE.json  start from a state fixture
import { readFile } from 'node:fs/promises';
import { Option } from 'commander';
import type { MockContext } from '../mock/http/mock-context.js';
import type { MockOptions } from '../mock/http/mock-options.js';

export const stateOption = (): Option =>
  new Option('--state <file>', 'keep the sandbox in this SQLite file (created with mode 0600: it holds API secrets); needs better-sqlite3 or Node 22.13+');
export const stateSyncOption = (): Option =>
  new Option('--state-sync <mode>', 'normal: commits survive a crash of the mock; full: also a power loss (slower)').choices(['normal', 'full']).default('normal');
export const stateFromOption = (): Option =>
  new Option('--state-from <file.json>', 'start from a state fixture (schemas/state-fixture.schema.json), e.g. one saved from GET /__nx/state');

async function readFixture(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new Error(`--state-from ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}.`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`--state-from ${file} is not JSON (${(error as Error).message}); a state fixture is a JSON document.`);
  }
}

export interface StateFlags {
  state?: string;
  stateSync: 'normal' | 'full';
  stateFrom?: string;
  clock: string;
}

/**
 * The MockOptions the state flags ask for. A fixture with a `clock` starts a virtual clock at
 * that instant unless --clock was given (its times are then "now", as they were written).
 */
export async function stateMockOptions(opts: StateFlags, clockGiven: boolean): Promise<Pick<MockOptions, 'state' | 'clock' | 'stateFile' | 'stateSync'>> {
  const file = { stateFile: opts.state, stateSync: opts.stateSync };
  if (opts.stateFrom === undefined) return { ...file, clock: opts.clock };
  const state = await readFixture(opts.stateFrom);
  const at = (state as { clock?: unknown } | null)?.clock;
  return { ...file, state: state as MockOptions['state'], clock: !clockGiven && typeof at === 'string' ? `virtual:${at}` : opts.clock };
}

/** The banner line of a mock on a state file. */
export function stateLine(ctx: MockContext): string | null {
  const p = ctx.persistence;
  if (!p) return null;
  const what = p.restored ? `resumed: ${p.restored.agents} agents, ${p.restored.orders} orders` : 'new';
  const clock = p.restored && ctx.clock.kind === 'virtual' ? `, clock at ${new Date(ctx.clock.now()).toISOString()}` : '';
  return `  state:   ${p.file} (${what}${clock}; SQLite WAL, synchronous=${ctx.options.stateSync ?? 'normal'}, ${p.store.driver})`;
}
