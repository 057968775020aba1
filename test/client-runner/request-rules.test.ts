// The request rules shared by the client runner and the proxy, on hand-made raw requests.
import { describe, expect, it } from 'vitest';
import { authViolations, specViolations, type RawRequest } from '../../src/conformance/client/index.js';
import { createHmac } from 'node:crypto';

const SECRET = 'rules-secret-0123456789abcdef';
const KEY = 'nx_live_RulesKey0123';
const NOW = 1_764_072_000_000;

function req(overrides: Partial<RawRequest> & { json?: unknown } = {}): RawRequest {
  const { json, ...rest } = overrides;
  const body = json === undefined ? Buffer.alloc(0) : Buffer.from(JSON.stringify(json));
  return { method: 'GET', path: '/v1/agent/market', query: '', headers: {}, body, ...(json === undefined ? {} : { method: 'POST', path: '/v1/agent/orders', headers: { 'content-type': 'application/json' } }), ...rest };
}

function signed(r: RawRequest, { timestamp = String(NOW), path = r.path.slice('/v1/agent'.length), body = r.body.toString('utf8') } = {}): RawRequest {
  // Hand-rolled, not signRequest: these tests sign the wrong way on purpose.
  const signature = createHmac('sha256', SECRET).update(`${timestamp}${r.method}${path}${body}`).digest('hex');
  return { ...r, headers: { ...r.headers, 'x-nx-key': KEY, 'x-nx-timestamp': timestamp, 'x-nx-signature': signature } };
}

describe('specViolations', () => {
  it('accepts a market order with price: null, as the published client sends', () => {
    expect(specViolations(req({ json: { symbol: 'BTC', side: 'buy', type: 'market', quantity: 0.01, price: null } }))).toEqual([]);
  });

  it('names an unknown body field', () => {
    const [v] = specViolations(req({ json: { symbol: 'BTC', side: 'buy', type: 'market', qty: 0.01 } }));
    expect(v).toMatchObject({ kind: 'body', code: 'validation_failed' });
    expect(specViolations(req({ json: { symbol: 'BTC', side: 'buy', type: 'market', quantity: 1, qty: 1 } })).map((x) => x.message).join()).toContain("unknown field 'qty'");
  });

  it('names unknown routes, unknown query parameters, bad values and wrong content types', () => {
    expect(specViolations(req({ path: '/v1/agent/nothing' }))[0]?.message).toContain('No operation at GET /nothing');
    expect(specViolations(req({ path: '/api/market' }))[0]?.message).toContain('the API lives under /v1/agent');
    expect(specViolations(req({ query: 'coin=bitcoin' }))[0]?.message).toContain("unknown query parameter 'coin'");
    expect(specViolations(req({ path: '/v1/agent/orders', query: 'limit=0' }))[0]?.kind).toBe('params');
    const text = req({ json: { symbol: 'BTC', side: 'buy', type: 'market', quantity: 1 } });
    expect(specViolations({ ...text, headers: { 'content-type': 'text/plain' } })[0]?.message).toContain('application/json');
    expect(specViolations({ ...req(), body: Buffer.from('{}') })[0]?.message).toContain('takes no body');
  });
});

describe('authViolations', () => {
  const opts = { nowMs: NOW, secretFor: (key: string) => (key === KEY ? SECRET : undefined) };

  it('passes a correct live request, and a sandbox request without signature headers', () => {
    expect(authViolations(signed(req({ query: 'coins=bitcoin' })), opts)).toEqual([]);
    expect(authViolations(req({ headers: { 'x-nx-key': 'nx_test_abc' } }), opts)).toEqual([]);
  });

  it('reports in SIGNING.md order: key, signature, timestamp, then the HMAC', () => {
    expect(authViolations(req(), opts)[0]?.code).toBe('missing_api_key');
    expect(authViolations(req({ headers: { 'x-nx-key': KEY } }), opts)[0]?.code).toBe('missing_signature');
    const withTs = signed(req());
    const { 'x-nx-timestamp': _dropped, ...headers } = withTs.headers;
    expect(authViolations({ ...withTs, headers }, opts)[0]?.code).toBe('missing_timestamp');
    expect(authViolations(signed(req(), { timestamp: String(NOW - 30_001) }), opts)[0]?.code).toBe('timestamp_out_of_window');
    expect(authViolations(signed(req(), { timestamp: String(NOW - 30_000) }), opts)).toEqual([]);
  });

  it('names the signing mistake when it knows the secret, and checks only the form when not', () => {
    const full = signed(req({ query: 'coins=bitcoin' }), { path: '/v1/agent/market' });
    expect(authViolations(full, opts)[0]?.message).toContain('full_path_signed');
    expect(authViolations(full, { nowMs: NOW })).toEqual([]);
    const upper = { ...full, headers: { ...full.headers, 'x-nx-signature': 'ABC' } };
    expect(authViolations(upper, { nowMs: NOW })[0]?.message).toContain('64 lowercase hex');
  });

  it('needs nothing for registration', () => {
    expect(authViolations(req({ method: 'POST', path: '/v1/agent/register' }), opts)).toEqual([]);
  });
});
