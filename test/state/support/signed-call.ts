// A signed API call to an in-process mock (appTarget), with its answer's body parsed.
import { signRequest } from '../../../src/signing/index.js';
import type { appTarget } from './targets.js';

export async function signedCall(mock: ReturnType<typeof appTarget>, agent: { apiKey: string; apiSecret: string }, method: string, path: string, body?: unknown) {
  const text = body === undefined ? '' : JSON.stringify(body);
  const timestamp = String(mock.now());
  const headers: Record<string, string> = { 'x-nx-key': agent.apiKey, 'x-nx-timestamp': timestamp, 'x-nx-signature': signRequest({ secret: agent.apiSecret, timestamp, method, path: path.split('?')[0] ?? path, body: text }) };
  if (text) headers['content-type'] = 'application/json';
  const answer = await mock.api(method, path, headers, text);
  return { status: answer.status, headers: answer.headers, text: answer.text, body: JSON.parse(answer.text || 'null') };
}
