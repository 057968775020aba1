// A typed client for the Agent Connect API that signs per SIGNING.md. Typed methods for each
// operation, plus `send()` for anything else (the conformance checks use it to bend the rules).
import type { z } from 'zod';
import type * as S from '../generated/schemas.js';
import { signRequest } from '../signing/index.js';
import { rawRequest, type RawResponse } from './raw-request.js';

export interface AgentCredentials {
  apiKey: string;
  apiSecret: string;
}

export interface AgentClientOptions {
  /** e.g. http://127.0.0.1:4010/v1/agent */
  baseUrl: string;
  credentials?: AgentCredentials;
  /** 'auto' signs live keys only (default); 'always' signs every request; 'never' never. */
  sign?: 'auto' | 'always' | 'never';
  /** Milliseconds since the epoch for X-NX-Timestamp (default Date.now). */
  now?: () => number;
  timeoutMs?: number;
  /** Called with every exchange, for logs and evidence. */
  onExchange?: (exchange: Exchange) => void;
  /**
   * Aborts requests: a signal, or a function read at each request (the conformance runner hands
   * one client to several checks in turn, each with its own signal).
   */
  signal?: AbortSignal | (() => AbortSignal | undefined);
}

export interface SendOptions {
  query?: Record<string, string | number | undefined>;
  /** An object is sent as JSON.stringify(body); a string or Buffer exactly as given. */
  body?: unknown;
  headers?: Record<string, string>;
  /** Override signing for this request. */
  sign?: boolean;
  /** Sign with this timestamp string instead of now(). */
  timestamp?: string;
  /** Sign this path instead of the one sent (to reproduce client mistakes). */
  signedPath?: string;
  /** Sign this body instead of the one sent. */
  signedBody?: string;
  /** Use this secret to sign. */
  secret?: string;
  credentials?: AgentCredentials | null;
}

export interface Exchange {
  request: { method: string; url: string; headers: Record<string, string>; body: string };
  response: RawResponse;
}

export interface ApiResponse<T> extends RawResponse {
  /** The parsed JSON body, or undefined when there is none or it is not JSON. */
  json: T | undefined;
  exchange: Exchange;
}

type Out<T extends z.ZodType> = z.infer<T>;

export function createAgentClient(options: AgentClientOptions) {
  const now = options.now ?? (() => Date.now());

  async function send<T = unknown>(method: string, path: string, opts: SendOptions = {}): Promise<ApiResponse<T>> {
    const search = new URLSearchParams();
    for (const [k, v] of Object.entries(opts.query ?? {})) if (v !== undefined) search.set(k, String(v));
    const qs = search.toString();
    const target = qs ? `${path}?${qs}` : path;
    const body = opts.body === undefined ? '' : typeof opts.body === 'string' || Buffer.isBuffer(opts.body) ? opts.body : JSON.stringify(opts.body);
    const headers: Record<string, string> = {};
    if (body.length > 0) headers['content-type'] = 'application/json';
    const creds = opts.credentials === null ? undefined : (opts.credentials ?? options.credentials);
    if (creds) {
      headers['x-nx-key'] = creds.apiKey;
      const mode = options.sign ?? 'auto';
      const sign = opts.sign ?? (mode === 'always' || (mode === 'auto' && creds.apiKey.startsWith('nx_live_')));
      if (sign) {
        const timestamp = opts.timestamp ?? String(now());
        headers['x-nx-timestamp'] = timestamp;
        headers['x-nx-signature'] = signRequest({
          secret: opts.secret ?? creds.apiSecret,
          timestamp,
          method,
          path: opts.signedPath ?? path,
          body: opts.signedBody ?? body,
        });
      }
    }
    Object.assign(headers, opts.headers);
    const url = `${options.baseUrl.replace(/\/$/, '')}${target}`;
    const signal = typeof options.signal === 'function' ? options.signal() : options.signal;
    const response = await rawRequest({ method, url, headers, body, timeoutMs: options.timeoutMs, signal });
    const exchange: Exchange = { request: { method, url, headers, body: body.toString() }, response };
    options.onExchange?.(exchange);
    let json: T | undefined;
    try {
      json = response.text ? (JSON.parse(response.text) as T) : undefined;
    } catch {
      json = undefined;
    }
    return { ...response, json, exchange };
  }

  return {
    send,
    register: (body: Out<typeof S.RegisterRequest>) => send<Out<typeof S.RegisterResponse>>('POST', '/register', { body, credentials: null }),
    me: () => send<Out<typeof S.MeResponse>>('GET', '/me'),
    market: (coins?: string) => send<Out<typeof S.MarketResponse>>('GET', '/market', { query: { coins } }),
    orderBook: (symbol: string, depth?: number) => send<Out<typeof S.OrderBookResponse>>('GET', `/market/${encodeURIComponent(symbol)}/orderbook`, { query: { depth } }),
    candles: (symbol: string, interval?: string, limit?: number) =>
      send<Out<typeof S.CandlesResponse>>('GET', `/market/${encodeURIComponent(symbol)}/candles`, { query: { interval, limit } }),
    portfolio: () => send<Out<typeof S.PortfolioResponse>>('GET', '/portfolio'),
    placeOrder: (body: Out<typeof S.OrderRequest>) => send<Out<typeof S.OrderResponse>>('POST', '/orders', { body }),
    listOrders: (query: { status?: string; symbol?: string; limit?: number; cursor?: string } = {}) =>
      send<Out<typeof S.OrderListResponse>>('GET', '/orders', { query }),
    getOrder: (orderId: string) => send<Out<typeof S.OrderResponse>>('GET', `/orders/${encodeURIComponent(orderId)}`),
    modifyOrder: (orderId: string, body: Out<typeof S.ModifyOrderRequest>) =>
      send<Out<typeof S.OrderResponse>>('PATCH', `/orders/${encodeURIComponent(orderId)}`, { body }),
    cancelOrder: (orderId: string) => send<Out<typeof S.OrderResponse>>('DELETE', `/orders/${encodeURIComponent(orderId)}`),
    sentiment: (coins?: string) => send<Out<typeof S.SentimentResponse>>('GET', '/sentiment', { query: { coins } }),
    socialFeed: (query: { limit?: number; cursor?: string } = {}) => send<Out<typeof S.SocialFeedResponse>>('GET', '/social/feed', { query }),
    createWebhook: (body: Out<typeof S.WebhookRequest>) => send<Out<typeof S.WebhookCreatedResponse>>('POST', '/webhooks', { body }),
    listWebhooks: () => send<Out<typeof S.WebhookListResponse>>('GET', '/webhooks'),
    deleteWebhook: (id: string) => send('DELETE', `/webhooks/${encodeURIComponent(id)}`),
  };
}

export type AgentClient = ReturnType<typeof createAgentClient>;
