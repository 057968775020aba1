// A loopback URL where nothing listens, for tests of "the server cannot be reached". Closing a
// server and reusing its port is a race: the kernel hands that ephemeral port to the next server
// any test starts (seen: another worker's mock answered in its place). Ports below the kernel's
// ephemeral range are never handed out for port 0, so one of those that refuses a connection now
// keeps refusing while the suite runs (test servers all listen on port 0).
import { readFileSync } from 'node:fs';
import { connectOutcome } from './connect-outcome.js';

/** The lowest port the kernel hands out for port 0 (Linux; 32768 elsewhere, its usual value). */
function ephemeralFloor(): number {
  try {
    const low = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);
    return Number.isInteger(low) && low > 1024 ? low : 32_768;
  } catch {
    return 32_768;
  }
}

/** `http://127.0.0.1:PORT{path}` where a connection is refused (ECONNREFUSED). */
export async function refusedUrl(path = ''): Promise<string> {
  const floor = ephemeralFloor();
  // Deterministic candidates just below the ephemeral range, skipping any a local service uses.
  for (let port = floor - 101; port > floor - 1101 && port > 1024; port -= 7) {
    const url = `http://127.0.0.1:${port}`;
    if ((await connectOutcome(url)) === 'ECONNREFUSED') return `${url}${path}`;
  }
  throw new Error(`No port below ${floor} refuses connections on 127.0.0.1: free one, or lower net.ipv4.ip_local_port_range.`);
}
