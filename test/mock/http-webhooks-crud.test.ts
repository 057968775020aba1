// POST/GET /webhooks and DELETE /webhooks/{id} over HTTP: the secret is shown once, lists never
// show it, agents only see and delete their own, only http(s) URLs, and write:webhook is needed.
import { beforeEach, describe, expect, it } from 'vitest';
import { T0, expectCall, registerFull, tradingMock, type Agent, type TestMock } from './trading-support.js';

const HOOK = { url: 'https://bot.example.com/hooks/nx', events: ['order.filled', 'circuit_breaker.tripped'] };

let m: TestMock;
let owner: Agent;
beforeEach(async () => {
  m = tradingMock();
  owner = await registerFull(m);
});

const create = async (as: Agent, body: Record<string, unknown> = HOOK) => expectCall(m, 201, 'POST', '/webhooks', { as, body });
const list = async (as: Agent) => (await m.call('GET', '/webhooks', { as })).body.data as Record<string, unknown>[];

describe('webhook CRUD', () => {
  it('returns the webhook and a whsec_ secret once; the list shows it without the secret', async () => {
    const res = await m.call('POST', '/webhooks', { as: owner, body: { ...HOOK, description: 'fills' } });
    expect(res.status).toBe(201);
    const { webhook, secret } = res.body;
    expect(webhook).toEqual({ id: expect.stringMatching(/^wh_[A-Za-z0-9]+$/), url: HOOK.url, events: HOOK.events, description: 'fills', createdAt: T0 });
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/=]{16,}$/);

    const listed = await m.call('GET', '/webhooks', { as: owner });
    expect(listed.status).toBe(200);
    expect(listed.body.data).toEqual([webhook]);
    expect(listed.text).not.toContain(secret);
    expect(listed.text).not.toContain('secret');
    expect(listed.text).not.toContain('whsec_');
  });

  it('gives each webhook its own id and secret, and defaults description to null', async () => {
    const a = await create(owner);
    const b = await create(owner, { url: 'http://127.0.0.1:9999/hook', events: ['order.created'] });
    expect(a.webhook.id).not.toBe(b.webhook.id);
    expect(a.secret).not.toBe(b.secret);
    expect(b.webhook.description).toBeNull();
    expect((await list(owner)).map((w) => w.id)).toEqual([a.webhook.id, b.webhook.id]);
  });

  it('never writes the secret to the request journal', async () => {
    const { secret } = await create(owner);
    const journal = await m.control('GET', '/journal');
    expect(journal.status).toBe(200);
    expect(journal.text).toContain('/v1/agent/webhooks');
    expect(journal.text).not.toContain(secret);
  });

  it('DELETE answers 204 with no body, then 404 webhook_not_found', async () => {
    const { webhook } = await create(owner);
    const del = await m.call('DELETE', `/webhooks/${webhook.id}`, { as: owner });
    expect(del.status).toBe(204);
    expect(del.text).toBe('');
    expect(await list(owner)).toEqual([]);
    const again = await m.call('DELETE', `/webhooks/${webhook.id}`, { as: owner });
    expect(again.status).toBe(404);
    expect(again.body.code).toBe('webhook_not_found');
    const never = await m.call('DELETE', '/webhooks/wh_00000000000000000000', { as: owner });
    expect(never.status).toBe(404);
    expect(never.body.code).toBe('webhook_not_found');
  });

  it("keeps agents apart: another agent neither sees nor deletes someone else's webhook", async () => {
    const { webhook } = await create(owner);
    const other = await registerFull(m, { name: 'Other Bot' });
    expect(await list(other)).toEqual([]);
    const res = await m.call('DELETE', `/webhooks/${webhook.id}`, { as: other });
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('webhook_not_found');
    expect((await list(owner)).map((w) => w.id)).toEqual([webhook.id]);
  });

  it.each(['ftp://bot.example.com/hook', 'javascript:alert(1)', 'file:///etc/passwd', 'ws://bot.example.com/hook'])(
    'refuses the non-http(s) URL %s with 400',
    async (url) => {
      const res = await m.call('POST', '/webhooks', { as: owner, body: { url, events: ['order.filled'] } });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('webhook_url_not_allowed');
      expect(res.body.detail).toContain(`${url.split(':')[0]}:`);
      expect(await list(owner)).toEqual([]);
    },
  );

  it('refuses a malformed body with 400 validation_failed (no URL, unknown event, empty events, extra field)', async () => {
    for (const body of [
      { url: 'not a url', events: ['order.filled'] },
      { url: HOOK.url, events: ['order.exploded'] },
      { url: HOOK.url, events: [] },
      { ...HOOK, secret: 'mine' },
    ]) {
      const res = await m.call('POST', '/webhooks', { as: owner, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.code).toBe('validation_failed');
    }
  });

  it('needs write:webhook for create, list and delete', async () => {
    const { webhook } = await create(owner);
    const reader = await m.register({ permissions: ['read:market', 'read:portfolio', 'write:orders'] });
    for (const [method, path, body] of [
      ['POST', '/webhooks', HOOK],
      ['GET', '/webhooks', undefined],
      ['DELETE', `/webhooks/${webhook.id}`, undefined],
    ] as const) {
      const res = await m.call(method, path, { as: reader, body });
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.body).toMatchObject({ code: 'permission_denied', requiredPermission: 'write:webhook' });
    }
    expect(await list(owner)).toHaveLength(1);
  });

  it('works for a live agent with signed requests', async () => {
    const live = await registerFull(m, { mode: 'live', name: 'Live Hook Bot' });
    const { webhook } = await create(live);
    expect(await list(live)).toEqual([webhook]);
    expect((await m.call('DELETE', `/webhooks/${webhook.id}`, { as: live })).status).toBe(204);
  });
});
