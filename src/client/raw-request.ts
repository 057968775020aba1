// One HTTP exchange with nothing hidden: the exact bytes go out, and status, headers and text
// come back. The typed client and the conformance checks are built on this, so a check can send
// a malformed request as easily as a good one.

export interface RawRequest {
  method: string;
  /** Absolute URL. */
  url: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface RawResponse {
  status: number;
  /** Lower-cased names. */
  headers: Record<string, string>;
  text: string;
  durationMs: number;
}

export class RequestFailedError extends Error {
  constructor(
    readonly url: string,
    readonly reason: string,
  ) {
    super(`Could not reach ${url}: ${reason}. Is the server running and the base URL right?`);
    this.name = 'RequestFailedError';
  }
}

export async function rawRequest(req: RawRequest): Promise<RawResponse> {
  // An aborted caller (a timed-out conformance check, Ctrl-C) sends nothing more.
  req.signal?.throwIfAborted();
  const started = performance.now();
  const timeout = AbortSignal.timeout(req.timeoutMs ?? 10_000);
  const signal = req.signal ? AbortSignal.any([req.signal, timeout]) : timeout;
  let res: Response;
  try {
    res = await fetch(req.url, {
      method: req.method,
      headers: req.headers,
      body: req.body === undefined || req.body.length === 0 ? undefined : req.body,
      signal,
      redirect: 'manual',
    });
  } catch (error) {
    // The caller's abort is the caller's error (its reason), not an unreachable server.
    if (req.signal?.aborted) throw req.signal.reason;
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const reason = timeout.aborted ? `no answer within ${req.timeoutMs ?? 10_000} ms` : (cause?.code ?? cause?.message ?? String(error));
    throw new RequestFailedError(req.url, reason);
  }
  let text: string;
  try {
    text = await res.text();
  } catch (error) {
    if (req.signal?.aborted) throw req.signal.reason;
    throw error;
  }
  const headers: Record<string, string> = {};
  res.headers.forEach((value, name) => {
    headers[name] = value;
  });
  return { status: res.status, headers, text, durationMs: performance.now() - started };
}
