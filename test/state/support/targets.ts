// Targets for the traffic script: an in-process mock app (supertest).
import request from 'supertest';
import { createMockApp, type MockApp } from '../../../src/mock/http/create-mock-app.js';
import type { MockOptions } from '../../../src/mock/http/mock-options.js';
import { answerOf, type Target } from './traffic.js';

export const T0 = '2026-01-05T12:00:00.000Z';

/** Secrets from a counter (the real ones are random), so two mocks can hand out the same ones. */
export function countingSecrets(start = 0): () => string {
  let n = start;
  return () => `state-test-secret-${String(++n).padStart(6, '0')}`;
}

export function appTarget(options: MockOptions = {}): Target & { mock: MockApp } {
  // Seeded keys: with random ones (the default) no two mocks could answer alike.
  const mock = createMockApp({ clock: `virtual:${T0}`, secretSource: countingSecrets(), deterministicKeys: true, ...options });
  const send = async (method: string, url: string, headers: Record<string, string>, body: string) => {
    let req = request(mock.app)[method.toLowerCase() as 'get'](url);
    for (const [k, v] of Object.entries(headers)) req = req.set(k, v);
    const res = await (body === '' ? req : req.send(body));
    return answerOf(res.status, res.headers, res.text);
  };
  return {
    mock,
    api: (method, path, headers, body) => send(method, `/v1/agent${path}`, headers, body),
    control: (method, path, body) => send(method, `/__nx${path}`, body === undefined ? {} : { 'content-type': 'application/json' }, body === undefined ? '' : JSON.stringify(body)),
    now: () => mock.ctx.clock.now(),
  };
}
