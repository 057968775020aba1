// Where webhooks may point (--webhook-targets), so a mock reachable by others cannot be used to
// make requests into the network it runs in (SSRF):
//   any       no restriction (the default: tests usually run receivers on 127.0.0.1)
//   loopback  only 127.0.0.0/8, ::1 and `localhost` (which must also resolve to loopback)
//   public    refuses loopback, private (RFC 1918, CGNAT 100.64/10, fc00::/7), link-local
//             (169.254/16, fe80::/10), unspecified/multicast/reserved addresses, and IPv6
//             forms that carry such an IPv4 address (ip-ranges.ts)
// Literal IPs are judged when the webhook is created (400 webhook_url_not_allowed); host names
// are resolved with dns.lookup before every attempt and a refused answer fails that attempt.
// Residual risk: fetch resolves the name again, so a DNS server that answers differently the
// second time (rebinding) is not stopped; use `loopback`, or a firewall, where that matters.
import { isIP } from 'node:net';
import { lookup as dnsLookup } from 'node:dns/promises';
import { isLoopbackAddress } from '../../net/loopback.js';
import { isPublicAddress } from './ip-ranges.js';

export const WEBHOOK_TARGETS = ['any', 'loopback', 'public'] as const;
export type WebhookTargets = (typeof WEBHOOK_TARGETS)[number];

/** dns.lookup(host, { all: true }); injectable so tests need no DNS. */
export type Lookup = (hostname: string) => Promise<readonly { address: string }[]>;
export const defaultLookup: Lookup = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

function ipAllowed(ip: string, targets: Exclude<WebhookTargets, 'any'>): boolean {
  return targets === 'loopback' ? isLoopbackAddress(ip) : isPublicAddress(ip);
}

/** The longest webhook URL, as the spec allows it (Webhook.url maxLength), once normalised. */
export const MAX_WEBHOOK_URL = 2048;

/**
 * A webhook URL as the mock stores and shows it: parsed with WHATWG URL, http(s) only, no
 * credentials and no control characters (both would be shown back in lists and the journal),
 * no fragment (never sent), and its normalised form. Either the URL or why it is refused.
 */
export function normaliseWebhookUrl(raw: string): { url: string } | { refusal: string } {
  const at = [...raw].findIndex((c) => c.charCodeAt(0) < 0x20 || (c.charCodeAt(0) >= 0x7f && c.charCodeAt(0) <= 0x9f));
  if (at !== -1) {
    const code = [...raw][at]!.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    return { refusal: `Webhook URLs may not contain control characters; found U+${code} at position ${at}.` };
  }
  if (raw.trim() !== raw) return { refusal: 'Webhook URLs may not start or end with spaces.' };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { refusal: `'${raw.slice(0, 100)}' is not an absolute URL; send one like https://bot.example.com/hooks.` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { refusal: `Webhook URLs must be http or https; got ${url.protocol}.` };
  if (url.username !== '' || url.password !== '') {
    return { refusal: 'Webhook URLs may not carry credentials (user:password@); each delivery is signed (webhook-signature), so verify that instead.' };
  }
  url.hash = '';
  if (url.href.length > MAX_WEBHOOK_URL) return { refusal: `The URL is ${url.href.length} characters once normalised; at most ${MAX_WEBHOOK_URL} are allowed.` };
  return { url: url.href };
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
