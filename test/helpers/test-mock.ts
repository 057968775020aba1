// A mock app for tests (no listening socket: supertest drives it), on a virtual clock, with a
// request helper that signs like a real client and checks every response against the spec.
import request from 'supertest';
import { expect } from 'vitest';
import { signRequest } from '../../src/signing/index.js';
import { createMockApp } from '../../src/mock/http/create-mock-app.js';
import type { MockOptions } from '../../src/mock/http/mock-options.js';
import { specProblems } from './spec-check.js';

export const T0 = '2026-01-05T12:00:00.000Z';

export interface Credentials {
  apiKey: string;
  apiSecret: string;
}

export interface CallOptions {
  as?: Credentials;
  /** Sign the request (default: sign when the key is a live key). */
  sign?: boolean;
  /** A body: objects are JSON.stringified; strings and Buffers are sent as given. */
  body?: unknown;
  headers?: Record<string, string>;
  /** Timestamp to sign with (default: the mock's clock). */
  timestamp?: string;
  /** Skip the spec check (for deliberately malformed traffic whose answers are checked by hand). */
  unchecked?: boolean;
}

let secretCounter = 0;

export function createTestMock(options: MockOptions = {}) {
  const { app, ctx } = createMockApp({
    clock: `virtual:${T0}`,
    secretSource: () => `test-secret-${(++secretCounter).toString().padStart(8, '0')}-abcdefghijklmnop`,
    ...options,
  });

  async function call(method: string, path: string, opts: CallOptions = {}) {
    const bodyText =
      opts.body === undefined ? '' : typeof opts.body === 'string' || Buffer.isBuffer(opts.body) ? opts.body : JSON.stringify(opts.body);
    const headers: Record<string, string> = {};
    if (opts.body !== undefined) headers['content-type'] = 'application/json';
    if (opts.as) {
      headers['x-nx-key'] = opts.as.apiKey;
      const sign = opts.sign ?? opts.as.apiKey.startsWith('nx_live_');
      if (sign) {
        const timestamp = opts.timestamp ?? String(ctx.clock.now());
        headers['x-nx-timestamp'] = timestamp;
        headers['x-nx-signature'] = signRequest({
          secret: opts.as.apiSecret,
          timestamp,
          method,
          path: path.split('?')[0] ?? path,
          body: bodyText,
        });
      }
    }
    Object.assign(headers, opts.headers);
    let req = request(app)[method.toLowerCase() as 'get'](`/v1/agent${path}`);
    for (const [name, value] of Object.entries(headers)) req = req.set(name, value);
    // Buffers go out byte-exact (supertest would JSON-encode them as {type:'Buffer',…}).
    const res = await (bodyText === '' ? req : Buffer.isBuffer(bodyText) ? req.serialize((b: Buffer) => b as unknown as string).send(bodyText) : req.send(bodyText));
    if (!opts.unchecked) {
      expect(specProblems(method, path, { status: res.status, headers: res.headers, text: res.text }), `${method} ${path}`).toEqual([]);
    }
    return res;
  }

  async function register(body: Record<string, unknown> = {}): Promise<Credentials & { agentId: string }> {
    const res = await call('POST', '/register', {
      body: { name: 'Test Bot', permissions: ['read:market', 'read:portfolio', 'write:orders'], mode: 'sandbox', ...body },
    });
    expect(res.status, res.text).toBe(201);
    return { apiKey: res.body.agent.apiKey, apiSecret: res.body.agent.apiSecret, agentId: res.body.agent.id };
  }

  const control = (method: string, path: string, body?: unknown) => {
    const req = request(app)[method.toLowerCase() as 'get'](`/__nx${path}`);
    return body === undefined ? req : req.set('content-type', 'application/json').send(JSON.stringify(body));
  };

  return { app, ctx, call, register, control };
}
