// `--profile`: one extra load run per HTTP scenario with the mock's CPU profiler on (after the
// measured runs, so they stay unprofiled); writes bench/results/profiles/<scenario>.cpuprofile
// and names the ten hottest functions.
import type { ReadyChild } from './child.js';
import { runLoad, type LoadSpec } from './load.js';
import type { MockServerInfo } from './mock-server-info.js';
import { summariseProfile, type ProfileSummary } from './profile-top.js';

/** What bench/profiler-ipc.mjs answers. */
type ProfilerReply = { type: 'profile-started' } | { type: 'profile-written'; file: string } | { type: 'profile-error'; message: string };

export const PROFILE_DIR = 'bench/results/profiles';

const isReply =
  <T extends ProfilerReply['type']>(...types: T[]) =>
  (reply: unknown): reply is Extract<ProfilerReply, { type: T | 'profile-error' }> => {
    const type = (reply as { type?: unknown } | null)?.type;
    return type === 'profile-error' || types.includes(type as T);
  };

async function expect(reply: Promise<ProfilerReply>): Promise<void> {
  const got = await reply;
  if (got.type === 'profile-error') throw new Error(`the mock could not profile: ${got.message}`);
}

/** Loads the mock for `spec.durationS` with its profiler on; the profile's summary. */
export async function profileScenario(mock: ReadyChild<MockServerInfo>, spec: LoadSpec, id: string): Promise<ProfileSummary> {
  const file = `${PROFILE_DIR}/${id}.cpuprofile`;
  await expect(mock.ask({ type: 'profile-start' }, isReply('profile-started')));
  try {
    await runLoad(spec);
  } finally {
    await expect(mock.ask({ type: 'profile-stop', file }, isReply('profile-written')));
  }
  return summariseProfile(file);
}
