// A package-lock.json for the consumer project, cut from this repository's own lock, so
// `npm ci --offline` installs the tarball and its dependencies from npm's cache alone: every
// tarball this lock names was fetched by the repository's own `npm ci`, and a lock with
// `resolved` and `integrity` needs no registry metadata. It holds the dependency closure of the
// package's own dependencies plus the consumer's dev tools, at the versions this repo tests with.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

interface LockEntry {
  version?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  [key: string]: unknown;
}

type Lock = { packages: Record<string, LockEntry> };

const parentOf = (location: string): string => {
  const i = location.lastIndexOf('/node_modules/');
  return i < 0 ? '' : location.slice(0, i);
};

/** Node's lookup: the nearest node_modules/<name> from `from` upwards. */
function locate(packages: Lock['packages'], from: string, name: string): string | undefined {
  for (let at = from; ; at = parentOf(at)) {
    const candidate = `${at ? `${at}/` : ''}node_modules/${name}`;
    if (packages[candidate]) return candidate;
    if (!at) return undefined;
  }
}

function closure(packages: Lock['packages'], roots: readonly string[]): Record<string, LockEntry> {
  const out: Record<string, LockEntry> = {};
  const visit = (from: string, names: readonly string[], optional: ReadonlySet<string>): void => {
    for (const name of names) {
      const at = locate(packages, from, name);
      if (!at) {
        // Optional dependencies for other platforms are absent from a lock made on this one.
        if (optional.has(name)) continue;
        throw new Error(`package-lock.json has no ${name} for ${from || 'the root'}: run npm install`);
      }
      if (out[at]) continue;
      // dev/peer flags describe this repository's tree, not the consumer's: npm works them out.
      const { dev: _dev, devOptional: _devOptional, peer: _peer, ...entry } = packages[at] as LockEntry;
      out[at] = entry;
      const optionalHere = new Set([
        ...Object.keys(entry.optionalDependencies ?? {}),
        ...Object.entries(entry.peerDependenciesMeta ?? {}).filter(([, m]) => m.optional).map(([n]) => n),
      ]);
      visit(at, [...Object.keys(entry.dependencies ?? {}), ...optionalHere, ...Object.keys(entry.peerDependencies ?? {})], optionalHere);
    }
  };
  visit('', roots, new Set());
  return out;
}

export interface ConsumerManifest {
  name: string;
  private: true;
  type: 'module';
  devDependencies: Record<string, string>;
}

/** The consumer's package.json and package-lock.json, installing `tarballName` and `tools`. */
export function consumerLock(root: string, tarballName: string, tools: readonly string[]): { manifest: ConsumerManifest; lock: object } {
  const own = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as LockEntry & { name: string; version: string };
  const { packages } = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as Lock;
  const versionOf = (name: string): string => {
    const v = packages[`node_modules/${name}`]?.version;
    if (!v) throw new Error(`${name} is not a top-level package of package-lock.json`);
    return v;
  };
  const devDependencies = { [own.name]: `file:${tarballName}`, ...Object.fromEntries(tools.map((t) => [t, versionOf(t)])) };
  const manifest: ConsumerManifest = { name: 'nx-consumer', private: true, type: 'module', devDependencies };
  const self: LockEntry = {
    version: own.version,
    resolved: `file:${tarballName}`,
    license: own.license,
    dependencies: own.dependencies,
    bin: own.bin,
    engines: own.engines,
    peerDependencies: own.peerDependencies,
    peerDependenciesMeta: own.peerDependenciesMeta,
  };
  const deps = closure(packages, [...Object.keys(own.dependencies ?? {}), ...tools]);
  const lock = {
    name: manifest.name,
    lockfileVersion: 3,
    requires: true,
    packages: { '': { name: manifest.name, devDependencies }, [`node_modules/${own.name}`]: self, ...deps },
  };
  return { manifest, lock };
}
