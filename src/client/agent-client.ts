// A typed client for the Agent Connect API that signs per SIGNING.md. Typed methods for each
// operation, plus `send()` for anything else (the conformance checks use it to bend the rules).
import { operations, type OperationId } from '../generated/operations.js';
import type { OkBodyOf, PayloadOf } from '../rules/operation-types.js';
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
  request: {
    method: string;
    url: string;
    headers: Record<string, string>;
    body: string;
    /** What the client signed, when it signed (it may differ from what was sent: signedPath, signedBody). */
    signed?: { path: string; body: string };
    /** now() when it was sent (the client's idea of the server's time, for reproductions). */
    sentAt?: number;
  };
  response: RawResponse;
}

export interface ApiResponse<T> extends RawResponse {
  /** The parsed JSON body, or undefined when there is none or it is not JSON. */
  json: T | undefined;
  exchange: Exchange;
}

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
    const signed = headers['x-nx-signature'] === undefined ? undefined : { path: opts.signedPath ?? path, body: (opts.signedBody ?? body).toString() };
    Object.assign(headers, opts.headers);
    const url = `${options.baseUrl.replace(/\/$/, '')}${target}`;
    const sentAt = now();
    const signal = typeof options.signal === 'function' ? options.signal() : options.signal;
    const response = await rawRequest({ method, url, headers, body, timeoutMs: options.timeoutMs, signal });
    const exchange: Exchange = { request: { method, url, headers, body: body.toString(), sentAt, ...(signed ? { signed } : {}) }, response };
    options.onExchange?.(exchange);
    let json: T | undefined;
    try {
      json = response.text ? (JSON.parse(response.text) as T) : undefined;
    } catch {
      json = undefined;
    }
    return { ...response, json, exchange };
  }

  /** Calls one operation: method and path come from the generated table, so they cannot drift. */
  function call<K extends OperationId>(id: K, pathParams: Record<string, string>, opts: SendOptions = {}): Promise<ApiResponse<OkBodyOf<K>>> {
    const op = operations[id];
    const path = op.path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(pathParams[name] ?? ''));
    return send<OkBodyOf<K>>(op.method.toUpperCase(), path, opts);
  }

  // One method per operation: a spec operation without one, or a method answering another
  // operation's type, is a compile error (`satisfies OperationMethods`).
  const methods = {
    register: (body: PayloadOf<'registerAgent'>) => call('registerAgent', {}, { body, credentials: null }),
    me: () => call('getMe', {}),
    market: (coins?: string) => call('getMarket', {}, { query: { coins } }),
    orderBook: (symbol: string, depth?: number) => call('getOrderBook', { symbol }, { query: { depth } }),
    candles: (symbol: string, interval?: string, limit?: number) => call('getCandles', { symbol }, { query: { interval, limit } }),
    portfolio: () => call('getPortfolio', {}),
    placeOrder: (body: PayloadOf<'placeOrder'>) => call('placeOrder', {}, { body }),
    listOrders: (query: { status?: string; symbol?: string; limit?: number; cursor?: string } = {}) => call('listOrders', {}, { query }),
    getOrder: (orderId: string) => call('getOrder', { orderId }),
    modifyOrder: (orderId: string, body: PayloadOf<'modifyOrder'>) => call('modifyOrder', { orderId }, { body }),
    cancelOrder: (orderId: string) => call('cancelOrder', { orderId }),
    sentiment: (coins?: string) => call('getSentiment', {}, { query: { coins } }),
    socialFeed: (query: { limit?: number; cursor?: string } = {}) => call('getSocialFeed', {}, { query }),
    createWebhook: (body: PayloadOf<'createWebhook'>) => call('createWebhook', {}, { body }),
    listWebhooks: () => call('listWebhooks', {}),
    deleteWebhook: (id: string) => call('deleteWebhook', { webhookId: id }),
  } satisfies OperationMethods;

  return { send, ...methods };
}

/** The client's method for each operationId. */
export const METHOD_OF_OPERATION = {
  registerAgent: 'register',
  getMe: 'me',
  getMarket: 'market',
  getOrderBook: 'orderBook',
  getCandles: 'candles',
  getPortfolio: 'portfolio',
  placeOrder: 'placeOrder',
  listOrders: 'listOrders',
  getOrder: 'getOrder',
  modifyOrder: 'modifyOrder',
  cancelOrder: 'cancelOrder',
  getSentiment: 'sentiment',
  getSocialFeed: 'socialFeed',
  createWebhook: 'createWebhook',
  listWebhooks: 'listWebhooks',
  deleteWebhook: 'deleteWebhook',
} as const satisfies Record<OperationId, string>;

export type OperationMethods = {
  [K in OperationId as (typeof METHOD_OF_OPERATION)[K]]: (...args: never[]) => Promise<ApiResponse<OkBodyOf<K>>>;
};

export type AgentClient = ReturnType<typeof createAgentClient>;
