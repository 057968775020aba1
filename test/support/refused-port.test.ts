// refusedUrl() must give a port that refuses now and that no port-0 server can be handed.
import { existsSync, readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { connectOutcome } from './connect-outcome.js';
import { refusedUrl } from './refused-port.js';

const RANGE = '/proc/sys/net/ipv4/ip_local_port_range';

it('gives a loopback URL whose connections are refused, below the ephemeral range (Linux)', async () => {
  const url = new URL(await refusedUrl('/v1/agent'));
  expect(url.hostname).toBe('127.0.0.1');
  expect(url.pathname).toBe('/v1/agent');
  // Elsewhere the kernel's range is not readable here; the helper then stays below 32768.
  const floor = existsSync(RANGE) ? Number(readFileSync(RANGE, 'utf8').split(/\s+/)[0]) : 32_768;
  expect(Number(url.port)).toBeLessThan(floor);
  expect(await connectOutcome(url.href)).toBe('ECONNREFUSED');
});
