// Requests Node's own HTTP parser refuses (before Express) get problem+json with a stable code,
// an X-Request-Id and a closed connection, like every other error: not Node's empty 400.
import { afterEach, describe, expect, it } from 'vitest';
import { Problem } from '../../src/generated/schemas.js';
import { startMock, type RunningMock, type StartMockOptions } from '../../src/mock/http/start-mock.js';
import { cpuOverload } from '../support/load-scaled.js';
import { T0 } from './support/mock.js';
import { rawExchange } from './support/sockets.js';

let mock: RunningMock | undefined;
afterEach(async () => {
  await mock?.close(500);
  mock = undefined;
});

async function send(head: string, options: StartMockOptions = {}, feed: Parameters<typeof rawExchange>[2] = () => {}) {
  mock ??= await startMock({ port: 0, clock: `virtual:${T0}`, ...options });
  const got = await rawExchange(mock, head, feed, 10_000 * cpuOverload());
  const [headPart = '', body = ''] = got.data.split('\r\n\r\n');
  const status = Number(/^HTTP\/1\.1 (\d{3}) /.exec(headPart)?.[1] ?? 0);
  return { got, status, headPart, problem: body === '' ? undefined : (JSON.parse(body) as Record<string, unknown>) };
}

/** A well-formed problem for `code` and `status`, in a closed connection. */
function expectProblem(answer: Awaited<ReturnType<typeof send>>, status: number, code: string): void {
  expect(answer.status, answer.got.data).toBe(status);
  expect(answer.headPart).toMatch(/\r\nContent-Type: application\/problem\+json\r\n/i);
  expect(answer.headPart).toMatch(/\r\nConnection: close(\r\n|$)/i);
  expect(answer.headPart).toMatch(/\r\nX-Request-Id: req_[0-9a-f]{16}\r\n/);
  expect(answer.headPart).toMatch(/\r\nDate: Mon, 05 Jan 2026 12:00:00 GMT/); // the mock's clock
  expect(Problem.safeParse(answer.problem).error).toBeUndefined();
  expect(answer.problem).toMatchObject({ status, code, type: `https://docs.next.exchange/problems/${code}` });
  expect(answer.got.closed).toBe(true);
}

describe("Node's parse errors as problem+json", () => {
  it('headers over 16 KiB: 431 request_headers_too_large', async () => {
    const answer = await send(`GET /v1/agent/market HTTP/1.1\r\nHost: mock\r\nX-Padding: ${'a'.repeat(20 * 1024)}\r\n\r\n`);
    expectProblem(answer, 431, 'request_headers_too_large');
    expect(answer.problem?.detail).toContain('16384 bytes');
  });

  it('a method that is not a token: 400 malformed_request', async () => {
    expectProblem(await send('G(ET /v1/agent/market HTTP/1.1\r\nHost: mock\r\n\r\n'), 400, 'malformed_request');
  });

  it('a bad, doubled or smuggling Content-Length: 400 malformed_request', async () => {
    for (const framing of ['Content-Length: abc', 'Content-Length: 5\r\nContent-Length: 6', 'Content-Length: 5\r\nTransfer-Encoding: chunked']) {
      const answer = await send(`POST /v1/agent/orders HTTP/1.1\r\nHost: mock\r\n${framing}\r\n\r\nhello`);
      expectProblem(answer, 400, 'malformed_request');
      await mock?.close(500);
      mock = undefined;
    }
  });

  it('NUL or another control character in a header: 400 malformed_request', async () => {
    expectProblem(await send('GET /v1/agent/market HTTP/1.1\r\nHost: mock\r\nX-Bad: a\u0000b\r\n\r\n'), 400, 'malformed_request');
  });

  it('headers that never finish: 408 request_timeout', async () => {
    const answer = await send('GET /v1/agent/market HTTP/1.1\r\nHost: mock\r\n', { headersTimeoutMs: 300, requestTimeoutMs: 600 });
    expectProblem(answer, 408, 'request_timeout');
  });

  it('the mock keeps serving afterwards, and request ids keep counting', async () => {
    const first = await send('G(ET / HTTP/1.1\r\n\r\n');
    const res = await fetch(`${mock!.url}/v1/agent/market`);
    expect(res.status).toBe(401); // no key: the pipeline answered, as usual
    const next = Number.parseInt(res.headers.get('x-request-id')!.slice(4), 16);
    expect(next).toBe(Number.parseInt(String(first.problem?.requestId).slice(4), 16) + 1);
  });
});
