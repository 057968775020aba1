// A request as it arrived, in the form every judge has it: the mock (from Express), the proxy
// (from node:http) and the client runner (from the recording mock). Nothing here parses it.
import type { Buffer } from 'node:buffer';

export interface RawRequest {
  /** The method as received, e.g. 'GET'. */
  readonly method: string;
  /** The full path as received (percent-encoding kept), without the query, e.g. '/v1/agent/market'. */
  readonly path: string;
  /** The raw query string without '?'. */
  readonly query: string;
  /** Header names lower-cased, as node:http hands them over. */
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The exact body bytes (empty when there is none). */
  readonly body: Buffer;
  /** When the request arrived, by the judge's clock (epoch ms): the time window and quotas use it. */
  readonly receivedAt: number;
  /** The client's address, for the per-address quotas; undefined when the judge does not know it. */
  readonly clientAddress?: string;
  /**
   * Only when the judge's clock is not the wall clock (a mock on a virtual or fixed clock): the
   * wall-clock arrival time, so a refused timestamp that matches it can be recognised as a client
   * signing with the real time against a mock whose clock is elsewhere.
   */
  readonly wallClock?: { readonly at: number; readonly judgeClock: 'virtual' | 'fixed' };
}

/** One header's value; a repeated header (an array) is joined, which no valid value survives. */
export function headerOf(raw: Pick<RawRequest, 'headers'>, name: string): string | undefined {
  const value = raw.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

/** SIGNING.md: an empty header value counts as a missing header. */
export function presentHeader(raw: Pick<RawRequest, 'headers'>, name: string): string | undefined {
  const value = headerOf(raw, name);
  return value === '' ? undefined : value;
}
