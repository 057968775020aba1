// Which addresses count as public for --webhook-targets public. IPv6 can carry an IPv4 address
// inside it (IPv4-mapped ::ffff:a.b.c.d, IPv4-translated ::ffff:0:a.b.c.d, IPv4-compatible
// ::a.b.c.d, NAT64 64:ff9b::a.b.c.d, 6to4 2002:AABB:CCDD::), and a gateway or the host's own
// stack may deliver it to that IPv4 address: such an address is judged by the IPv4 it holds.
// Teredo, the local-use NAT64 prefix and the reserved ranges are refused outright.
import { BlockList, isIP } from 'node:net';

const NOT_PUBLIC_V4 = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.88.99.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24],
  ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) NOT_PUBLIC_V4.addSubnet(net, prefix, 'ipv4');

const NOT_PUBLIC_V6 = new BlockList();
for (const [net, prefix] of [
  ['::', 128], ['::1', 128], ['100::', 64], ['2001::', 32] /* Teredo */, ['2001:2::', 48], ['2001:10::', 28], ['2001:db8::', 32],
  ['64:ff9b:1::', 48] /* local-use NAT64 */, ['fc00::', 7], ['fe80::', 10], ['fec0::', 10], ['ff00::', 8],
] as const) NOT_PUBLIC_V6.addSubnet(net, prefix, 'ipv6');

/** The eight 16-bit groups of an IPv6 address (a trailing dotted quad allowed), or null. */
function groups(ip: string): number[] | null {
  let text = ip.toLowerCase();
  const quad = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (quad) {
    const [a, b, c, d] = quad.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, quad.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const part = (s: string): number[] => (s === '' ? [] : s.split(':').map((g) => parseInt(g, 16)));
  const front = part(head);
  const back = tail === undefined ? [] : part(tail);
  const missing = 8 - front.length - back.length;
  if (missing < 0 || (tail === undefined && missing !== 0)) return null;
  return [...front, ...Array<number>(missing).fill(0), ...back];
}

const dotted = (hi: number, lo: number): string => `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;

/** The IPv4 address an IPv6 address carries, or null when it carries none. */
export function embeddedIPv4(ip: string): string | null {
  const g = groups(ip);
  if (!g) return null;
  const [g0, g1, g2, g3, g4, g5, g6, g7] = g as [number, number, number, number, number, number, number, number];
  const zeroTo = (n: number): boolean => g.slice(0, n).every((x) => x === 0);
  if (zeroTo(5) && g5 === 0xffff) return dotted(g6, g7); // ::ffff:a.b.c.d (mapped)
  if (zeroTo(4) && g4 === 0xffff && g5 === 0) return dotted(g6, g7); // ::ffff:0:a.b.c.d (translated)
  if (zeroTo(6) && (g6 !== 0 || g7 > 1)) return dotted(g6, g7); // ::a.b.c.d (compatible; not :: or ::1)
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0) return dotted(g6, g7); // NAT64
  if (g0 === 0x2002) return dotted(g1, g2); // 6to4
  return null;
}

/** Whether a literal IP address (v4 or v6) is public, judging an embedded IPv4 by itself. */
export function isPublicAddress(ip: string): boolean {
  if (isIP(ip) === 4) return !NOT_PUBLIC_V4.check(ip, 'ipv4');
  const inner = embeddedIPv4(ip);
  if (inner !== null) return !NOT_PUBLIC_V4.check(inner, 'ipv4');
  return !NOT_PUBLIC_V6.check(ip, 'ipv6');
}
