// Webhook URLs are parsed with WHATWG URL and stored in their normalised form; credentials,
// control characters and over-long URLs are refused; in `public` mode an IPv6 address that
// carries a private or loopback IPv4 address (mapped, translated, compatible, NAT64, 6to4) is
// refused like that IPv4 address, and Teredo and the reserved ranges outright.
import { describe, expect, it } from 'vitest';
import { creationRefusal, embeddedIPv4, normaliseWebhookUrl } from '../../src/mock/webhooks/index.js';
import { hookMock } from './support.js';

describe('normaliseWebhookUrl', () => {
  it('stores the normalised form: lower-case scheme and host, default port dropped, dot segments resolved, no fragment', () => {
    expect(normaliseWebhookUrl('HTTP://Bot.Example.COM:80/a/../hooks?x=1#frag')).toEqual({ url: 'http://bot.example.com/hooks?x=1' });
    expect(normaliseWebhookUrl('https://bot.example.com/a b')).toEqual({ url: 'https://bot.example.com/a%20b' });
    expect(normaliseWebhookUrl('http://2130706433/')).toEqual({ url: 'http://127.0.0.1/' });
  });

  it.each([
    ['http://user:pass@bot.example.com/h', /credentials/],
    ['http://user@bot.example.com/h', /credentials/],
    ['http://bot.example.com/h\u0001', /control characters; found U\+0001/],
    ['http://bot.exa\tmple.com/h', /U\+0009/],
    ['http://bot.example.com/h\r\nX-Injected: 1', /U\+000D/],
    ['http://bot.example.com/\u0085', /U\+0085/],
    [' http://bot.example.com/h', /spaces/],
    ['ftp://bot.example.com/h', /http or https/],
    ['/relative/path', /not an absolute URL/],
    [`https://bot.example.com/${'é'.repeat(700)}`, /once normalised; at most 2048/],
  ])('refuses %j', (raw, why) => {
    const verdict = normaliseWebhookUrl(raw);
    expect('refusal' in verdict && verdict.refusal).toMatch(why);
  });
});

describe('IPv4 carried inside IPv6', () => {
  it.each([
    ['::ffff:127.0.0.1', '127.0.0.1'], ['::ffff:7f00:1', '127.0.0.1'], ['::ffff:0:a00:1', '10.0.0.1'], ['::127.0.0.1', '127.0.0.1'],
    ['64:ff9b::a9fe:a9fe', '169.254.169.254'], ['64:ff9b::10.0.0.1', '10.0.0.1'], ['2002:c0a8:101::1', '192.168.1.1'],
    ['2606:4700::1', null], ['::1', null], ['::', null], ['fe80::1', null],
  ])('%s carries %s', (ip, inner) => expect(embeddedIPv4(ip)).toBe(inner));

  it.each([
    'http://[::127.0.0.1]/', 'http://[::ffff:0:127.0.0.1]/', 'http://[64:ff9b::127.0.0.1]/', 'http://[64:ff9b::a9fe:a9fe]/latest',
    'http://[2002:7f00:1::]/', 'http://[2002:a00:1::1]/', 'http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/', 'http://[64:ff9b:1::a00:1]/',
    'http://[2001:db8::1]/', 'http://[fec0::1]/', 'http://[100::1]/', 'http://192.0.2.1/', 'http://198.51.100.7/',
  ])('public refuses %s', (url) => expect(creationRefusal(url, 'public')).toMatch(/--webhook-targets public/));

  it.each(['http://[64:ff9b::5db8:d822]/', 'http://[2002:5db8:d822::1]/', 'http://[::ffff:93.184.216.34]/'])('public allows %s (a public IPv4 inside)', (url) =>
    expect(creationRefusal(url, 'public')).toBeNull(),
  );
});

describe('POST /webhooks', () => {
  it('refuses credentials and control characters, stores and shows the normalised URL, journals no password', async () => {
    const m = hookMock();
    const bot = await m.agent();
    const creds = await m.call('POST', '/webhooks', { as: bot, body: { url: 'http://admin:hunter2hunter2@127.0.0.1:9/h', events: ['order.filled'] } });
    expect(creds.status).toBe(400);
    expect(creds.body).toMatchObject({ code: 'webhook_url_not_allowed', detail: expect.stringContaining('credentials') });
    const control = await m.call('POST', '/webhooks', { as: bot, body: { url: `http://127.0.0.1:9/${'\u0001'.repeat(5)}`, events: ['order.filled'] } });
    expect(control.status).toBe(400);
    const made = await m.call('POST', '/webhooks', { as: bot, body: { url: 'HTTP://LocalHost:9/a/./b/../h#x', events: ['order.filled'] } });
    expect(made.status).toBe(201);
    expect(made.body.webhook.url).toBe('http://localhost:9/a/h');
    expect((await m.call('GET', '/webhooks', { as: bot })).body.data[0].url).toBe('http://localhost:9/a/h');
    expect((await m.control('GET', '/webhooks')).text).not.toContain('LocalHost');
    expect((await m.control('GET', '/journal')).text).not.toContain('hunter2');
  });
});
