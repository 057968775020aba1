// Request rules the shared core brought to the mock (issue 12): typos in the query, bodies where
// none belongs, charsets other than UTF-8 and HEAD are judged as the spec now says, and an empty
// X-NX-Signature on a sandbox request counts as missing (SIGNING.md).
import { describe, expect, it } from 'vitest';
import { createTestMock } from '../helpers/test-mock.js';
import { expectProblem } from './support.js';

const READ_ALL = { permissions: ['read:market', 'read:portfolio', 'write:orders'] };

describe('the request rules in the mock', () => {
  it('refuses an unknown query parameter (a typo such as coin= for coins=) with validation_failed', async () => {
    const { call, register } = createTestMock();
    const agent = await register(READ_ALL);
    const res = await call('GET', '/market?coin=bitcoin', { as: agent });
    const body = expectProblem(res, 400, 'validation_failed');
    expect(body.errors).toEqual([expect.objectContaining({ location: 'query', pointer: 'coin', code: 'unrecognized_keys' })]);
    expect(String(body.detail)).toContain("unknown query parameter 'coin'; this operation takes coins");
    expect((await call('GET', '/me?verbose=1', { as: agent })).status).toBe(400);
  });

  it('refuses a body sent to an operation that takes none', async () => {
    const { call, register } = createTestMock();
    const agent = await register(READ_ALL);
    const res = await call('GET', '/portfolio', { as: agent, body: {} });
    expect(expectProblem(res, 400, 'validation_failed').errors).toEqual([expect.objectContaining({ location: 'body', code: 'unexpected_body' })]);
  });

  it('refuses charsets other than UTF-8 with 415, and accepts charset=utf-8', async () => {
    const { call, register } = createTestMock();
    const agent = await register(READ_ALL);
    const order = JSON.stringify({ symbol: 'BTC', side: 'buy', type: 'market', quantity: 0.001, price: null });
    for (const charset of ['latin1', 'utf-16', 'ISO-8859-1']) {
      const res = await call('POST', '/orders', { as: agent, body: order, headers: { 'content-type': `application/json; charset=${charset}` } });
      expect(String(expectProblem(res, 415, 'unsupported_media_type').detail)).toContain(`charset=${charset.toLowerCase()}`);
    }
    expect((await call('POST', '/orders', { as: agent, body: order, headers: { 'content-type': 'application/json; charset="UTF-8"' } })).status).toBe(201);
  });

  it('answers HEAD on GET resources as GET without a body, and lists HEAD in Allow', async () => {
    const { call, register } = createTestMock();
    const agent = await register(READ_ALL);
    const get = await call('GET', '/market', { as: agent });
    const head = await call('HEAD', '/market', { as: agent, unchecked: true });
    expect(head.status).toBe(200);
    expect(head.text ?? '').toBe('');
    expect(head.headers['content-type']).toBe(get.headers['content-type']);
    expect(head.headers['content-length']).toBe(get.headers['content-length']);
    expect(head.headers['x-ratelimit-limit']).toBe('60');
    const refused = await call('HEAD', '/register', { unchecked: true });
    expect(refused.status).toBe(405);
    expect(refused.headers.allow).toBe('POST');
  });

  it('says "has" for one location and "have" for several, whatever the number of problems', async () => {
    const { call, register } = createTestMock();
    const agent = await register(READ_ALL);
    const body = await call('POST', '/orders', { as: agent, body: { symbol: 'BTC', side: 'sideways', type: 'market', quantity: -1 } });
    expect(String(expectProblem(body, 400, 'validation_failed').detail)).toMatch(/^The request body has 2 problems: /);
    const both = await call('GET', '/orders?limit=0&colour=red', { as: agent });
    expect(String(expectProblem(both, 400, 'validation_failed').detail)).toMatch(/^The request query has 2 problems: /);
    const one = await call('POST', '/orders?x=1', { as: agent, body: { symbol: 'BTC', side: 'sideways', type: 'market', quantity: 1 } });
    expect(String(expectProblem(one, 400, 'validation_failed').detail)).toMatch(/^The request query and body have 2 problems: /);
  });

  it('treats an empty X-NX-Signature on a sandbox request as missing: the request is unsigned', async () => {
    const { call, register } = createTestMock();
    const agent = await register(READ_ALL);
    expect((await call('GET', '/me', { as: agent, sign: false, headers: { 'x-nx-signature': '' } })).status).toBe(200);
    // With a timestamp it carries signing headers, so the (empty) signature is missing.
    const res = await call('GET', '/me', { as: agent, sign: false, headers: { 'x-nx-signature': '', 'x-nx-timestamp': '1767614400000' } });
    expectProblem(res, 401, 'missing_signature');
  });
});
