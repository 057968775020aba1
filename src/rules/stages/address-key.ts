// The key of a client address in per-address quotas. An IPv4-mapped IPv6 address counts as its
// IPv4 address, so one client is one key however the socket reports it.
export function addressKey(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped?.[1] ?? address;
}
