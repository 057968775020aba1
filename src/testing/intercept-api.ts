// interceptApi(): serve a JavaScript client that is hard-wired to the real API's URL from an
// in-process mock, with no traffic leaving the machine. nock (an optional peer dependency: install
// it in your project) intercepts Node's http/https and fetch; each intercepted request is handed,
// with its exact body bytes (signatures cover them), to a mock listening on loopback.
import { request as httpRequest } from 'node:http';
import type { MockOptions } from '../mock/http/mock-options.js';
import { startMock, type RunningMock } from '../mock/http/start-mock.js';

/**
 * Options of the in-process mock. The clock is real unless you pass one: a client run unchanged
 * signs with Date.now(), which a virtual clock elsewhere in time would refuse (401).
 */
export interface InterceptOptions extends MockOptions {
  /** The origin your client calls (default https://api.next.exchange). */
  origin?: string;
  /** Refuse every other outbound connection while intercepting (default true). */
  blockNetwork?: boolean;
}

export interface Interception {
  mock: RunningMock;
  /** Stops intercepting and closes the mock. */
  restore(): Promise<void>;
}

type Nock = typeof import('nock');

async function loadNock(): Promise<Nock> {
  try {
    const mod = (await import('nock')) as Nock & { default?: Nock };
    return mod.default ?? mod;
  } catch {
    throw new Error('interceptApi() needs nock: run `npm install --save-dev nock@14` in your project.');
  }
}

function forward(mock: RunningMock, method: string, path: string, headers: Record<string, string>, body: Buffer) {
  return new Promise<[number, Buffer, Record<string, string>]>((resolve, reject) => {
    const target = new URL(mock.url);
    const req = httpRequest(
      { host: target.hostname, port: target.port, method, path, headers: { ...headers, host: target.host, 'content-length': String(body.length) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const out: Record<string, string> = {};
          for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
          resolve([res.statusCode ?? 502, Buffer.concat(chunks), out]);
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

export async function interceptApi(options: InterceptOptions = {}): Promise<Interception> {
  const { origin = 'https://api.next.exchange', blockNetwork = true, ...mockOptions } = options;
  const nock = await loadNock();
  const mock = await startMock({ port: 0, ...mockOptions });
  if (blockNetwork) {
    nock.disableNetConnect();
    nock.enableNetConnect((host: string) => host === new URL(mock.url).host);
  }
  const scope = nock(origin).persist();
  for (const method of ['get', 'post', 'patch', 'delete', 'put'] as const) {
    scope.intercept(/.*/, method.toUpperCase()).reply(async function (uri) {
      // nock hands reply functions a parsed body; the raw bytes are what the signature covers.
      const raw = Buffer.concat((this.req as unknown as { requestBodyBuffers?: Buffer[] }).requestBodyBuffers ?? []);
      return forward(mock, method.toUpperCase(), uri, { ...this.req.headers }, raw);
    });
  }
  return {
    mock,
    async restore() {
      scope.persist(false);
      nock.removeInterceptor({ hostname: new URL(origin).hostname });
      nock.cleanAll();
      if (blockNetwork) nock.enableNetConnect();
      await mock.close();
    },
  };
}
