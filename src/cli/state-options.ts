// The mock's state flags: --state-from FILE.json starts it from a state fixture.
import { readFile } from 'node:fs/promises';
import { Option } from 'commander';
import type { MockOptions } from '../mock/http/mock-options.js';

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

/**
 * The MockOptions the state flags ask for. A fixture with a `clock` starts a virtual clock at
 * that instant unless --clock was given (its times are then "now", as they were written).
 */
export async function stateMockOptions(opts: { stateFrom?: string; clock: string }, clockGiven: boolean): Promise<Pick<MockOptions, 'state' | 'clock'>> {
  if (opts.stateFrom === undefined) return { clock: opts.clock };
  const state = await readFixture(opts.stateFrom);
  const at = (state as { clock?: unknown } | null)?.clock;
  return { state: state as MockOptions['state'], clock: !clockGiven && typeof at === 'string' ? `virtual:${at}` : opts.clock };
}
