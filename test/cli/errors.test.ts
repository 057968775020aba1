// Failures a new user meets first must explain themselves in one line with a fix, and exit 1
// (could not run) or 2 (the command line is wrong): no Node RangeError, no bare EADDRINUSE.
import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { expectOneLine, runMain } from './support/capture.js';

const servers: Server[] = [];
afterEach(async () => {
  vi.unstubAllEnvs();
  vi.unstubAllGlobals();
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

/** A port that is taken: a plain TCP server holds it. */
async function takenPort(): Promise<number> {
  const server = createServer();
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as { port: number }).port;
}

describe('ports', () => {
  it('a port out of range is a usage error (exit 2) naming the valid range, before anything starts', async () => {
    for (const args of [['mock', '--port', '70000'], ['mock', '--port', '-1'], ['proxy', '--target', 'http://127.0.0.1:1', '--port', '65536']]) {
      const r = await runMain(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toContain('a port number 0-65535 (0 = any free port)');
      expect(r.err).not.toMatch(/options\.port|RangeError/);
      expect(r.out).not.toContain('listening');
    }
  });

  it('PORT from the environment is checked the same way', async () => {
    vi.stubEnv('PORT', 'http');
    const r = await runMain(['mock']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('a port number 0-65535');
  });

  it('a port in use: exit 1 and one line saying what to do (mock and proxy)', async () => {
    const port = await takenPort();
    for (const args of [['mock', '--port', String(port)], ['proxy', '--target', 'http://127.0.0.1:1', '--port', String(port)]]) {
      const r = await runMain(args);
      expect(r.code, args[0]).toBe(1);
      expectOneLine(r.err);
      expect(r.err).toBe(`nx-conformance: port ${port} on 127.0.0.1 is already in use (another mock or server still running?). Stop it, or choose another port: --port ${port + 1}, or --port 0 for any free port.\n`);
    }
  });

  it('a --host that is not this machine’s says which hosts work', async () => {
    const r = await runMain(['mock', '--port', '0', '--host', '192.0.2.1']);
    expect(r.code).toBe(1);
    expectOneLine(r.err);
    expect(r.err).toContain('192.0.2.1 is not an address of this machine. Use --host 127.0.0.1');
  });
});

describe('mock --market coingecko without a network', () => {
  it('says it cannot reach CoinGecko and how to run offline, and exits 1 without listening', async () => {
    const cause = Object.assign(new Error('getaddrinfo ENOTFOUND api.coingecko.com'), { code: 'ENOTFOUND' });
    const fetch = vi.fn(async () => {
      throw new TypeError('fetch failed', { cause });
    });
    vi.stubGlobal('fetch', fetch);
    const r = await runMain(['mock', '--port', '0', '--market', 'coingecko']);
    expect(r.code).toBe(1);
    expect(fetch).toHaveBeenCalledTimes(1); // no waiting for a network that is not there
    expect(r.out).not.toContain('listening');
    expect(r.err).toContain(
      'nx-conformance: cannot reach CoinGecko: GET /coins/markets: fetch failed (getaddrinfo ENOTFOUND api.coingecko.com). ' +
        'To run offline, use --market model (the seeded model) or --market replay:FILE.\n',
    );
  });
});

describe('--version', () => {
  it('prints the version of package.json and exits 0', async () => {
    const { version } = (await import('../../package.json', { with: { type: 'json' } })).default;
    for (const flag of ['--version', '-V']) {
      const r = await runMain([flag]);
      expect(r.code).toBe(0);
      expect(r.out).toBe(`${version}\n`);
    }
  });
});
