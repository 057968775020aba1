// A temporary consumer project: test/package/consumer/ copied next to the packed tarball, with a
// package-lock cut from this repository's (consumer-lock.ts), installed by `npm ci --offline`.
import { copyFileSync, cpSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { consumerLock } from './consumer-lock.js';
import { ROOT } from './pack-package.js';
import { cleanEnv, run, type Finished } from './run.js';

/** What a consumer installs next to nx-conformance: the test runner, the compiler, Node's types, nock for interceptApi(). */
export const CONSUMER_TOOLS = ['vitest', 'typescript', '@types/node', 'nock'] as const;

export async function installConsumer(dir: string, tarball: string): Promise<Finished> {
  cpSync(join(ROOT, 'test/package/consumer'), dir, { recursive: true });
  copyFileSync(tarball, join(dir, basename(tarball)));
  const { manifest, lock } = consumerLock(ROOT, basename(tarball), CONSUMER_TOOLS);
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  writeFileSync(join(dir, 'package-lock.json'), `${JSON.stringify(lock, null, 2)}\n`);
  const installed = await run('npm', ['ci', '--offline', '--no-audit', '--no-fund'], dir, cleanEnv());
  if (installed.code !== 0) throw new Error(`npm ci --offline in the consumer failed (${installed.code}): ${installed.stderr}`);
  return installed;
}
