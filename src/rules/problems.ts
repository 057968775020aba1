// Problem details (RFC 9457) defined once: every error the mock, the proxy and the rules give goes
// through here, so status, title and type URL can never drift apart for one code.
import type { ProblemCode } from '../generated/schemas.js';

export const PROBLEM_TYPE_BASE = 'https://docs.next.exchange/problems/';

interface Template {
  status: number;
  title: string;
}

export const problemTemplates: Record<ProblemCode, Template> = {
  missing_api_key: { status: 401, title: 'Missing API key' },
  invalid_api_key: { status: 401, title: 'Invalid API key' },
  missing_signature: { status: 401, title: 'Missing signature' },
  missing_timestamp: { status: 401, title: 'Missing timestamp' },
  invalid_timestamp: { status: 401, title: 'Invalid timestamp' },
  timestamp_out_of_window: { status: 401, title: 'Timestamp out of window' },
  invalid_signature: { status: 401, title: 'Invalid signature' },
  permission_denied: { status: 403, title: 'Permission denied' },
  rate_limited: { status: 429, title: 'Too many requests' },
  validation_failed: { status: 400, title: 'Validation failed' },
  malformed_json: { status: 400, title: 'Malformed JSON' },
  unsupported_media_type: { status: 415, title: 'Unsupported media type' },
  payload_too_large: { status: 413, title: 'Payload too large' },
  not_found: { status: 404, title: 'Not found' },
  method_not_allowed: { status: 405, title: 'Method not allowed' },
  unknown_symbol: { status: 400, title: 'Unknown symbol' },
  invalid_quantity: { status: 400, title: 'Invalid quantity' },
  invalid_price: { status: 400, title: 'Invalid price' },
  invalid_limit: { status: 400, title: 'Invalid limit' },
  invalid_client_order_id: { status: 400, title: 'Invalid clientOrderId' },
  invalid_cursor: { status: 400, title: 'Invalid cursor' },
  insufficient_funds: { status: 422, title: 'Insufficient funds' },
  insufficient_position: { status: 422, title: 'Insufficient position' },
  position_limit_exceeded: { status: 403, title: 'Position limit exceeded' },
  daily_loss_limit_reached: { status: 403, title: 'Daily loss limit reached' },
  idempotency_conflict: { status: 409, title: 'Idempotency conflict' },
  order_not_found: { status: 404, title: 'Order not found' },
  order_not_modifiable: { status: 409, title: 'Order not modifiable' },
  webhook_not_found: { status: 404, title: 'Webhook not found' },
  webhook_url_not_allowed: { status: 400, title: 'Webhook URL not allowed' },
  internal_error: { status: 500, title: 'Internal error' },
  service_unavailable: { status: 503, title: 'Service unavailable' },
  // Node's own HTTP parser refuses these before any stage runs (client-error.ts answers them).
  malformed_request: { status: 400, title: 'Malformed request' },
  request_timeout: { status: 408, title: 'Request timeout' },
  request_headers_too_large: { status: 431, title: 'Request header fields too large' },
  agent_limit_reached: { status: 403, title: 'Agent limit reached' },
};

export interface ProblemOptions {
  /** Extension members of the problem body (`requiredPermission`, `retryAfter`, …). */
  extras?: Record<string, unknown>;
  /** Overrides the template's status (for example `unknown_symbol` in a path is a 404). */
  status?: number;
  /** Response headers that belong to this problem (`Allow`, `Retry-After`). */
  headers?: Record<string, string>;
}

/** A problem as plain data: what the request rules return, and what HttpProblem carries. */
export interface Problem {
  readonly code: ProblemCode;
  /** The RFC 9457 `detail`: what went wrong and how to fix it. */
  readonly detail: string;
  readonly status: number;
  readonly extras: Record<string, unknown>;
  readonly headers: Record<string, string>;
}

export function problem(code: ProblemCode, detail: string, options: ProblemOptions = {}): Problem {
  return {
    code,
    detail,
    status: options.status ?? problemTemplates[code].status,
    extras: options.extras ?? {},
    headers: options.headers ?? {},
  };
}

/** A problem raised (thrown) by a handler or the HTTP layer; the error handler renders it. */
export class HttpProblem extends Error implements Problem {
  readonly extras: Record<string, unknown>;
  readonly headers: Record<string, string>;
  readonly status: number;

  constructor(
    readonly code: ProblemCode,
    detail: string,
    options: ProblemOptions = {},
  ) {
    super(detail);
    this.name = 'HttpProblem';
    this.extras = options.extras ?? {};
    this.headers = options.headers ?? {};
    this.status = options.status ?? problemTemplates[code].status;
  }

  get detail(): string {
    return this.message;
  }

  static from(p: Problem): HttpProblem {
    return p instanceof HttpProblem ? p : new HttpProblem(p.code, p.detail, p);
  }
}

/** The problem+json body, with the request id every answer of the API carries. */
export function problemBody(p: Problem, requestId: string): Record<string, unknown> {
  return {
    type: PROBLEM_TYPE_BASE + p.code,
    title: problemTemplates[p.code].title,
    status: p.status,
    detail: p.detail,
    code: p.code,
    requestId,
    ...p.extras,
  };
}
