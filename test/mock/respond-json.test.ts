// respond() writes an operation's JSON answer itself instead of through Express's res.send (issue
// 16: the hot path). What goes out must stay what Express sent: the same Content-Type, a
// Content-Length in bytes (not characters), HEAD with the headers only, and the conditional GETs
// Express answers with 304 still answered so.
import express from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createTestMock } from '../helpers/test-mock.js';

const READ_ALL = { permissions: ['read:market', 'read:portfolio', 'write:orders'] };

/** What Express itself sends for `text` (the way respond() used to answer). */
async function viaExpress(text: string, headers: Record<string, string> = {}, method: 'get' | 'head' = 'get') {
  const app = express();
  app.disable('etag');
  app.use((_req, res) => void res.status(200).type('application/json').send(text));
  let req = request(app)[method]('/');
  for (const [name, value] of Object.entries(headers)) req = req.set(name, value);
  return req;
}

describe("respond()'s JSON answers", () => {
  it('carry the Content-Type and the byte Content-Length Express gave, for non-ASCII text too', async () => {
    const { call, register } = createTestMock();
    const agent = await register({ ...READ_ALL, name: 'Bøt — 試験 🚀' });
    const me = await call('GET', '/me', { as: agent });
    expect(me.text).toContain('🚀');
    const express = await viaExpress(me.text);
    expect(me.headers['content-type']).toBe(express.headers['content-type']);
    expect(me.headers['content-length']).toBe(express.headers['content-length']);
    expect(Number(me.headers['content-length'])).toBe(Buffer.byteLength(me.text));
    expect(Number(me.headers['content-length'])).toBeGreaterThan(me.text.length);
  });

  it('answer HEAD with the headers of GET and no body', async () => {
    const { call, register } = createTestMock();
    const agent = await register(READ_ALL);
    const get = await call('GET', '/market', { as: agent });
    const head = await call('HEAD', '/market', { as: agent, unchecked: true });
    expect(head.status).toBe(200);
    expect(head.text ?? '').toBe('');
    const express = await viaExpress(get.text, {}, 'head');
    expect(head.headers['content-type']).toBe(express.headers['content-type']);
    expect(head.headers['content-length']).toBe(express.headers['content-length']);
  });

  it('answer the conditional GETs Express answered with 304 the same way, and others with 200', async () => {
    const { call, register } = createTestMock();
    const agent = await register(READ_ALL);
    const text = (await call('GET', '/me', { as: agent })).text;
    const conditionals: Array<Record<string, string>> = [{ 'if-none-match': '*' }, { 'if-none-match': '"abc"' }, { 'if-modified-since': 'Sat, 05 Dec 2026 00:00:00 GMT' }];
    for (const conditional of conditionals) {
      const mine = await call('GET', '/me', { as: agent, headers: conditional, unchecked: true });
      const theirs = await viaExpress(text, conditional);
      // (The texts differ: /me counts the rate limit down. Whether there is one must not.)
      expect({ conditional, status: mine.status, body: (mine.text ?? '') !== '' }).toEqual({ conditional, status: theirs.status, body: (theirs.text ?? '') !== '' });
    }
    expect((await call('GET', '/me', { as: agent, headers: { 'if-none-match': '*' }, unchecked: true })).status).toBe(304);
  });
});
