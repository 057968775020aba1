import { expect, it } from 'vitest';
import { isReservedHost } from '../../src/mock/webhooks/transport.js';
it('documentation and test domains (RFC 2606) are recognised and never delivered to', () => {
  for (const u of ['https://example.com/x', 'https://bot.example.com/h', 'http://a.example.org', 'https://x.invalid/h', 'https://nx.test/', 'http://foo.example/']) expect(isReservedHost(u), u).toBe(true);
  for (const u of ['http://127.0.0.1:9/h', 'https://example.co/x', 'https://notexample.com/', 'http://localhost:3000/']) expect(isReservedHost(u), u).toBe(false);
});
