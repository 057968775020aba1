// The secret only keys the HMAC; it must never travel. Scans every raw header, the path, the
// query (raw and decoded) and the body; the finding names where, never the value.
import { failEach, skip, type ClientCheck } from '../client-check.js';
import type { RawRequestRecord } from '../../../mock/index.js';

function decoded(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

export function secretPlaces(rec: RawRequestRecord, secret: string): string[] {
  const places: string[] = [];
  for (const [name, value] of Object.entries(rec.headers)) {
    const text = Array.isArray(value) ? value.join(',') : (value ?? '');
    if (text.includes(secret)) places.push(`header ${name}`);
  }
  if (decoded(rec.path).includes(secret)) places.push('path');
  if (rec.query.includes(secret) || decoded(rec.query).includes(secret)) places.push('query string');
  if (rec.body.includes(secret) || rec.body.includes(encodeURIComponent(secret))) places.push('body');
  return places;
}

export const noSecretCheck: ClientCheck = {
  id: 'client.no-secret-on-wire',
  title: 'Never sends its API secret over the wire',
  category: 'client',
  spec: 'The apiSecret keys the HMAC only (SIGNING.md); it is never sent in a header, the URL or a body.',
  run(run) {
    if (run.requests.length === 0) return skip('the client sent no requests');
    const bad = run.requests.flatMap((rec) => {
      const places = secretPlaces(rec, run.agent.apiSecret);
      return places.length > 0 ? [{ rec, problem: `the API secret is in the ${places.join(', ')}` }] : [];
    });
    return failEach(run, bad, run.requests.length, 'the secret in no request');
  },
};
