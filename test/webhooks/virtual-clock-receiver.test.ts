// The README's recipe: a mock on a virtual clock far from today, and a receiver that verifies
// with the standardwebhooks library as anyone would, against its own real clock. Deliveries
// must pass (webhook-timestamp is the real time of sending) while the payload keeps the event's
// time on the mock's clock; they used to fail as "Message timestamp too old".
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { afterEach, expect, it } from 'vitest';
import { hookMock } from './support.js';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => (s.closeAllConnections(), s.close(r)))));
});

/** A receiver that verifies every delivery with the reference library at the real time. */
async function verifyingReceiver(secret: () => string) {
  const verdicts: string[] = [];
  const payloads: { type: string; timestamp: string }[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      try {
        payloads.push(new Webhook(secret()).verify(Buffer.concat(chunks).toString('utf8'), req.headers as Record<string, string>) as never);
        verdicts.push('ok');
        res.writeHead(204).end();
      } catch (error) {
        verdicts.push((error as Error).message);
        res.writeHead(400).end();
      }
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`, verdicts, payloads };
}

it('a receiver on the real clock accepts deliveries from a mock on a virtual clock in 2020', async () => {
  let secret = '';
  const r = await verifyingReceiver(() => secret);
  const m = hookMock({ clock: 'virtual:2020-01-01T00:00:00Z' });
  const bot = await m.agent();
  secret = (await m.addHook(bot, r.url, ['order.created', 'order.filled'])).secret;
  expect((await m.buy(bot)).status).toBe(201);
  await m.ctx.webhookDelivery.idle();
  expect(r.verdicts).toEqual(['ok', 'ok']);
  expect(r.payloads.map((p) => [p.type, p.timestamp])).toEqual([
    ['order.created', '2020-01-01T00:00:00.000Z'],
    ['order.filled', '2020-01-01T00:00:00.000Z'],
  ]);
});
