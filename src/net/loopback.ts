// Whether an address or a bind host keeps traffic on this machine. Shared by the mock's start-up
// (safe defaults when others can reach it) and the webhook target policy.
import { BlockList, isIP } from 'node:net';

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

/** A literal IP in 127.0.0.0/8 or ::1 (IPv4-mapped forms such as ::ffff:127.0.0.1 included). */
export function isLoopbackAddress(ip: string): boolean {
  const family = isIP(ip);
  return family !== 0 && LOOPBACK.check(ip, family === 6 ? 'ipv6' : 'ipv4');
}

const isLocalhostName = (host: string): boolean => host === 'localhost' || host.endsWith('.localhost');

/**
 * Whether binding `host` keeps the server reachable from this machine only: a loopback IP or
 * `localhost`. Anything else counts as reachable by others, `0.0.0.0` and `::` most of all, and
 * so does any other name, since it may resolve anywhere.
 */
export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '');
  return isLocalhostName(h) || isLoopbackAddress(h);
}
