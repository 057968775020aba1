// Where webhooks may point (--webhook-targets), so a mock reachable by others cannot be used to
// make requests into the network it runs in (SSRF):
//   any       no restriction (the default: tests usually run receivers on 127.0.0.1)
//   loopback  only 127.0.0.0/8, ::1 and `localhost` (which must also resolve to loopback)
//   public    refuses loopback, private (RFC 1918, CGNAT 100.64/10, fc00::/7), link-local
//             (169.254/16, fe80::/10) and unspecified/multicast/reserved addresses
// Literal IPs are judged when the webhook is created (400 webhook_url_not_allowed); host names
// are resolved with dns.lookup before every attempt and a refused answer fails that attempt.
// Residual risk: fetch resolves the name again, so a DNS server that answers differently the
// second time (rebinding) is not stopped; use `loopback`, or a firewall, where that matters.
import { BlockList, isIP } from 'node:net';
import { lookup as dnsLookup } from 'node:dns/promises';
import { isLoopbackAddress } from '../../net/loopback.js';

export const WEBHOOK_TARGETS = ['any', 'loopback', 'public'] as const;
export type WebhookTargets = (typeof WEBHOOK_TARGETS)[number];

/** dns.lookup(host, { all: true }); injectable so tests need no DNS. */
export type Lookup = (hostname: string) => Promise<readonly { address: string }[]>;
export const defaultLookup: Lookup = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

function blockList(v4: [string, number][], v6: [string, number][]): BlockList {
  const list = new BlockList();
  for (const [net, prefix] of v4) list.addSubnet(net, prefix, 'ipv4');
  for (const [net, prefix] of v6) list.addSubnet(net, prefix, 'ipv6');
  return list;
}

// BlockList also matches IPv4-mapped IPv6 (::ffff:10.0.0.1) against the IPv4 subnets.
const NOT_PUBLIC = blockList(
  [
    ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
    ['192.0.0.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 4], ['240.0.0.0', 4],
  ],
  [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8]],
);

function ipAllowed(ip: string, targets: Exclude<WebhookTargets, 'any'>): boolean {
  const family = isIP(ip) === 6 ? 'ipv6' : 'ipv4';
  return targets === 'loopback' ? isLoopbackAddress(ip) : !NOT_PUBLIC.check(ip, family);
}

/** The URL's host without IPv6 brackets or a trailing root dot, lowercased. */
function hostOf(url: string): string {
  return new URL(url).hostname.replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '').toLowerCase();
}

const isLocalhostName = (host: string): boolean => host === 'localhost' || host.endsWith('.localhost');

const describe = (targets: WebhookTargets): string =>
  targets === 'loopback' ? 'loopback addresses (127.0.0.0/8, ::1, localhost)' : 'public addresses (no loopback, private or link-local ranges)';

/** Why this URL may not be a webhook target, judged without DNS; null when it may (so far). */
export function creationRefusal(url: string, targets: WebhookTargets): string | null {
  if (targets === 'any') return null;
  const host = hostOf(url);
  const refusal = `This mock only delivers webhooks to ${describe(targets)} (--webhook-targets ${targets}); '${host}' is not one.`;
  if (isIP(host) !== 0) return ipAllowed(host, targets) ? null : refusal;
  if (targets === 'loopback') return isLocalhostName(host) ? null : refusal;
  return isLocalhostName(host) ? refusal : null;
}

/** The same judgement at delivery time, with host names resolved; null when the attempt may go. */
export async function deliveryRefusal(url: string, targets: WebhookTargets, lookup: Lookup = defaultLookup): Promise<string | null> {
  const early = creationRefusal(url, targets);
  if (early !== null || targets === 'any') return early;
  const host = hostOf(url);
  if (isIP(host) !== 0) return null;
  const addresses = await lookup(host);
  const bad = addresses.find((a) => !ipAllowed(a.address, targets));
  if (addresses.length === 0) return `'${host}' did not resolve`;
  return bad ? `'${host}' resolves to ${bad.address}, which is not allowed (--webhook-targets ${targets})` : null;
}
