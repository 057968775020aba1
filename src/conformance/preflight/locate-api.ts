// Pre-flight, step 1 and 2: is anything there, and is it the Agent Connect API? GET /market is an
// operation of every Agent Connect server; without a key it must answer with a JSON or problem+json
// status (401 missing_api_key on a conformant server), never 404. When the base URL misses, a few
// likely bases are probed, so the error can say where the API seems to live.
import { rawRequest, RequestFailedError, type RawResponse } from '../../client/raw-request.js';
import { SIGNING_BASE_PATH } from '../../signing/index.js';
import { PreflightError, ServerUnreachableError } from './preflight-error.js';

/** One probe with this machine's time around it (the clock-offset step reads its Date header). */
export interface TimedResponse {
  url: string;
  res: RawResponse;
  sentAt: number;
  receivedAt: number;
}

export async function timedGet(url: string, timeoutMs: number, signal?: AbortSignal): Promise<TimedResponse> {
  const sentAt = Date.now();
  const res = await rawRequest({ method: 'GET', url, timeoutMs, signal });
  return { url, res, sentAt, receivedAt: Date.now() };
}

const trim = (url: string): string => url.replace(/\/+$/, '');

/** Does this answer to an unauthenticated GET {base}/market come from an Agent Connect API? */
export function looksLikeApi(res: RawResponse): boolean {
  if (res.status === 404 || res.status === 405 || (res.status >= 300 && res.status < 400)) return false;
  const type = res.headers['content-type'] ?? '';
  return type.startsWith('application/problem+json') || type.startsWith('application/json');
}

function describe(res: RawResponse): string {
  const type = res.headers['content-type'] ?? 'no Content-Type';
  const location = res.headers.location ? ` (Location: ${res.headers.location})` : '';
  return `${res.status} ${type.split(';')[0]}${location}`;
}

/** Bases worth trying when `baseUrl` is not the API, likeliest first: its /v1/agent prefix, the origin's and its own /v1/agent, its parents'. */
export function candidateBases(baseUrl: string): string[] {
  const url = new URL(baseUrl);
  const segments = url.pathname.split('/').filter(Boolean);
  const out = new Set<string>();
  const at = url.pathname.indexOf(SIGNING_BASE_PATH);
  if (at >= 0) out.add(`${url.origin}${url.pathname.slice(0, at + SIGNING_BASE_PATH.length)}`);
  out.add(`${url.origin}${SIGNING_BASE_PATH}`);
  out.add(`${trim(baseUrl)}${SIGNING_BASE_PATH}`);
  for (let n = segments.length - 1; n >= 1; n--) out.add(`${url.origin}/${segments.slice(0, n).join('/')}${SIGNING_BASE_PATH}`);
  out.delete(trim(baseUrl));
  return [...out];
}

/** The first answer from the base URL, once it is known to be the API; else one PreflightError. */
export async function locateApi(baseUrl: string, timeoutMs: number, signal?: AbortSignal): Promise<TimedResponse> {
  let parsed: URL;
  try {
    parsed = new URL(baseUrl);
  } catch {
    throw new PreflightError('not-the-api', `--base-url ${JSON.stringify(baseUrl)} is not a URL.`, 'give the API base, e.g. --base-url http://127.0.0.1:4010/v1/agent');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new PreflightError('not-the-api', `--base-url must be http or https, got ${parsed.protocol}`, 'give the API base, e.g. --base-url https://staging.example.net/v1/agent');
  }
  const probeUrl = `${trim(baseUrl)}/market`;
  let first: TimedResponse;
  try {
    first = await timedGet(probeUrl, timeoutMs, signal);
  } catch (error) {
    if (!(error instanceof RequestFailedError)) throw error;
    throw new ServerUnreachableError(
      `Nothing answers at ${baseUrl}: GET ${probeUrl} failed (${error.reason}).`,
      'start the server, or correct the host and port of --base-url',
    );
  }
  if (looksLikeApi(first.res)) return first;
  for (const candidate of candidateBases(baseUrl)) {
    try {
      const probe = await timedGet(`${candidate}/market`, timeoutMs, signal);
      if (looksLikeApi(probe.res)) {
        throw new PreflightError(
          'not-the-api',
          `--base-url ${baseUrl} does not look like the Agent Connect API: GET ${probeUrl} answered ${describe(first.res)}. The API seems to live at ${candidate} (GET ${candidate}/market answered ${describe(probe.res)}).`,
          `use --base-url ${candidate}`,
        );
      }
    } catch (error) {
      if (error instanceof PreflightError) throw error;
      if (!(error instanceof RequestFailedError)) throw error;
    }
  }
  throw new PreflightError(
    'not-the-api',
    `--base-url ${baseUrl} does not look like the Agent Connect API: GET ${probeUrl} answered ${describe(first.res)}, and none of ${candidateBases(baseUrl).join(', ')} answered like it either.`,
    'give the base the API is served under, the URL that /market, /orders, … follow (usually ending in /v1/agent)',
  );
}
