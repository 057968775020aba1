// Per-address quotas key an IPv6 client by its /64 (issue 12): every address of one subscriber's
// network shares one registration and failed-authentication budget.
import { describe, expect, it } from 'vitest';
import { createMockContext } from '../../src/mock/http/mock-context.js';
import { judgeRequest } from '../../src/rules/judge-request.js';
import { addressKey } from '../../src/rules/stages/address-key.js';

describe('addressKey', () => {
  it('keys IPv6 by its /64, whatever the notation', () => {
    const key = addressKey('2001:db8:1:2:aaaa:bbbb:cccc:dddd');
    expect(key).toBe('2001:db8:1:2::/64');
    for (const same of ['2001:db8:1:2::1', '2001:0DB8:0001:0002:0:0:0:ffff', '[2001:db8:1:2::5]', 'fe80::1%eth0'.replace('fe80::1', '2001:db8:1:2::9')]) {
      expect(addressKey(same), same).toBe(key);
    }
    expect(addressKey('2001:db8:1:3::1')).not.toBe(key);
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    expect(addressKey('64:ff9b::192.0.2.1')).toBe('64:ff9b:0:0::/64');
  });

  it('keys IPv4 (and IPv4-mapped IPv6) by the address itself', () => {
    expect(addressKey('192.0.2.7')).toBe('192.0.2.7');
    expect(addressKey('::ffff:192.0.2.7')).toBe('192.0.2.7');
    expect(addressKey('192.0.2.8')).not.toBe(addressKey('192.0.2.7'));
  });

  it('leaves what is no address as it is (still one key per value)', () => {
    expect(addressKey('not:an:address:at:all')).toBe('not:an:address:at:all');
    expect(addressKey('1::2::3')).toBe('1::2::3');
  });

  it('spends one registration quota for a whole IPv6 /64 when the mock judges POST /register', () => {
    const ctx = createMockContext({ registerRateLimit: 2, demoAgents: false });
    const body = Buffer.from(JSON.stringify({ name: 'v6', permissions: ['read:market'], mode: 'sandbox' }));
    const register = (clientAddress: string) =>
      judgeRequest({ method: 'POST', path: '/v1/agent/register', query: '', headers: { 'content-type': 'application/json' }, body, receivedAt: ctx.clock.now(), clientAddress }, ctx.rules)
        .problem?.code ?? 'accepted';
    expect([register('2001:db8::1'), register('2001:db8::2:3'), register('2001:db8::ffff')]).toEqual(['accepted', 'accepted', 'rate_limited']);
    expect(register('2001:db8:0:1::1')).toBe('accepted');
  });
});
