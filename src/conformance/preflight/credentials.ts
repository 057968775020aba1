// Pre-flight, the credentials given with --key/--secret: one signed GET /me. A wrong key or a
// wrong secret is one clear error (exit 2), instead of a failure in every check that signs.
// Sandbox keys are signed too: a server verifies signature headers on sandbox requests as well.
import { createAgentClient } from '../../client/agent-client.js';
import { RequestFailedError } from '../../client/raw-request.js';
import { PreflightError } from './preflight-error.js';

export interface GivenAgent {
  apiKey: string;
  apiSecret: string;
}

const FIX: Record<string, string> = {
  missing_api_key: 'give --key (it was sent empty)',
  invalid_api_key: 'check --key, and that --base-url is the server (and environment) the key was registered with',
  invalid_signature: 'give, as --secret, the apiSecret that POST /register returned together with this key',
  missing_signature: 'give --secret with --key',
};

export async function checkCredentials(baseUrl: string, given: GivenAgent, now: () => number, timeoutMs: number, signal?: AbortSignal): Promise<void> {
  const client = createAgentClient({ baseUrl, credentials: given, sign: 'always', now, timeoutMs, signal });
  let res;
  try {
    res = await client.send('GET', '/me');
  } catch (error) {
    if (error instanceof RequestFailedError) throw new PreflightError('credentials', `GET /me with --key failed: ${error.reason}.`, 'check that the server is up and --base-url is right');
    throw error;
  }
  if (res.status === 200) return;
  const code = (res.json as { code?: unknown } | undefined)?.code;
  const detail = (res.json as { detail?: unknown } | undefined)?.detail;
  const answer = `${res.status}${typeof code === 'string' ? ` ${code}` : ''}${typeof detail === 'string' ? ` ("${detail.slice(0, 200)}")` : ''}`;
  const what =
    code === 'invalid_signature'
      ? `--secret does not belong to --key: GET /me signed with it was refused with ${answer}.`
      : code === 'invalid_api_key'
        ? `The server does not know --key: GET /me answered ${answer}.`
        : `The server refused the credentials given: GET /me, signed with --key/--secret as SIGNING.md says, answered ${answer}.`;
  throw new PreflightError('credentials', what, FIX[String(code)] ?? 'check --key and --secret (and the clocks, for timestamp codes)');
}
