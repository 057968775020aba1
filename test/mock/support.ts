// Small builders shared by the HTTP tests of the mock exchange (test/mock/http-*.test.ts).
import { createHmac } from 'node:crypto';
import request from 'supertest';
import { expect } from 'vitest';
import type { Express } from 'express';
import type { OperationDef } from '../../src/rules/runtime.js';
import { operationList as controlOperationList } from '../../src/generated/control/operations.js';
import { createRouter } from '../../src/rules/match-route.js';
import { responseSpecFor } from '../helpers/spec-check.js';

export const ALL_PERMISSIONS = ['read:market', 'read:portfolio', 'write:orders', 'read:sentiment', 'read:social', 'write:webhook'] as const;
export type PermissionName = (typeof ALL_PERMISSIONS)[number];

export const PROBLEM_BASE = 'https://docs.next.exchange/problems/';

/** The order the published Python client sends (a market order with `"price": null`). */
export const marketOrder = (overrides: Record<string, unknown> = {}) => ({ symbol: 'BTC', side: 'buy', type: 'market', quantity: 0.001, price: null, ...overrides });

/** A limit buy far below the market: it rests as `open` and reserves a little cash. */
export const restingLimit = (overrides: Partial<{ symbol: string; quantity: number; price: number; clientOrderId: string }> = {}) => ({
  symbol: 'BTC',
  side: 'buy' as const,
  type: 'limit' as const,
  quantity: 0.001,
  price: 1000,
  ...overrides,
});

interface SeenResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  body: unknown;
}

/**
 * Asserts the RFC 9457 shape every error of the mock shares and returns the body: problem+json,
 * type/title/status/detail/code/requestId present, status and requestId agreeing with the response.
 */
export function expectProblem(res: SeenResponse, status: number, code: string): Record<string, unknown> {
  expect(res.status, res.text).toBe(status);
  expect(String(res.headers['content-type'])).toMatch(/^application\/problem\+json/);
  const body = res.body as Record<string, unknown>;
  expect(body).toMatchObject({ type: PROBLEM_BASE + code, status, code, requestId: res.headers['x-request-id'] });
  expect(typeof body.title).toBe('string');
  expect((body.title as string).length).toBeGreaterThan(0);
  expect(typeof body.detail).toBe('string');
  expect((body.detail as string).length).toBeGreaterThan(0);
  return body;
}

/** Lowercase-hex HMAC-SHA256 of `message` (what a client computes; independent of src/signing). */
export function hmacHex(secret: string, message: string | Buffer): string {
  return createHmac('sha256', secret).update(message).digest('hex');
}

export function hmacBase64(secret: string, message: string | Buffer): string {
  return createHmac('sha256', secret).update(message).digest('base64');
}

/**
 * Sends raw bytes exactly as given (supertest would JSON-serialise a Buffer when the content
 * type is JSON), for bodies the helper's `call` cannot carry, such as invalid UTF-8.
 */
export function sendRaw(app: Express, method: 'post' | 'patch', path: string, body: Buffer, headers: Record<string, string>) {
  let req = request(app)[method](path).serialize((b: unknown) => b as string);
  for (const [name, value] of Object.entries(headers)) req = req.set(name, value);
  return req.send(body as unknown as string);
}

const controlRouter = createRouter(controlOperationList);

/** Checks a control API response against openapi/control.yaml (status, content type, body). */
export function expectControlConforms(method: string, path: string, res: SeenResponse): void {
  const op: OperationDef = controlRouter.match(method, path.split('?')[0] ?? path).op;
  const spec = responseSpecFor(op, res.status);
  expect(spec, `${op.operationId} ${res.status} undocumented: ${res.text}`).toBeDefined();
  if (!spec) return;
  if (spec.contentType === null) {
    expect(res.text).toBe('');
    return;
  }
  expect(String(res.headers['content-type'])).toMatch(new RegExp(`^${spec.contentType.replace(/[+]/g, '\\+')}`));
  const parsed = spec.schema?.safeParse(JSON.parse(res.text));
  expect(parsed?.success ?? true, JSON.stringify(parsed?.error?.issues)).toBe(true);
}
