// Preloaded (node --import) into a CLI child process: fetch fails the way Node's does without a
// network (TypeError "fetch failed", the DNS error as its cause), whether or not this machine
// has one, so "no network" is tested the same everywhere.
globalThis.fetch = async () => {
  const cause = Object.assign(new Error('getaddrinfo ENOTFOUND api.coingecko.com'), { code: 'ENOTFOUND' });
  throw new TypeError('fetch failed', { cause });
};
