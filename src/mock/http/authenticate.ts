// Stage 3: who is calling. Sandbox keys need only X-NX-Key; live keys need a valid HMAC
// signature inside the ±30 s window. Signature headers on a sandbox request are verified as
// in live mode, so signing bugs show before an agent goes live.
import type { RequestHandler } from 'express';
import { checkTimestamp, diagnoseSignature, verifySignature } from '../../signing/index.js';
import type { AgentRecord } from '../engine/index.js';
import type { MockContext } from './mock-context.js';
import { HttpProblem } from './problem.js';
import { requestState } from './request-state.js';

const API_BASE = '/v1/agent';

function header(value: string | string[] | undefined): string | undefined {
  // A doubled header arrives as an array (or comma-joined); either way it is not one valid value.
  if (Array.isArray(value)) return value.join(',');
  return value;
}

export function authenticate(ctx: MockContext): RequestHandler {
  return (req, res, next) => {
    const state = requestState(res);
    if (state.op?.security === 'none') return next();
    const key = header(req.headers['x-nx-key']);
    if (key === undefined || key === '') {
      throw new HttpProblem('missing_api_key', 'Send your API key in the X-NX-Key header (nx_test_… or nx_live_…).');
    }
    const agent = ctx.engine.agentByKey(key);
    if (!agent) throw new HttpProblem('invalid_api_key', 'The X-NX-Key is not a known key. Register an agent with POST /v1/agent/register.');
    const signature = header(req.headers['x-nx-signature']);
    const timestamp = header(req.headers['x-nx-timestamp']);
    const mustSign = agent.mode === 'live';
    if (mustSign && ctx.defects.has('no-signature-check')) {
      state.agent = agent;
      return next();
    }
    // SIGNING.md: an empty header value counts as a missing header, so it does not make a sandbox request signed.
    const carriesSigning = (signature !== undefined && signature !== '') || (timestamp !== undefined && timestamp !== '');
    if (mustSign || carriesSigning) verify(ctx, agent, state, req.method, signature, timestamp);
    state.agent = agent;
    next();
  };
}

function verify(
  ctx: MockContext,
  agent: AgentRecord,
  state: ReturnType<typeof requestState>,
  method: string,
  signature: string | undefined,
  timestamp: string | undefined,
): void {
  const mode = agent.mode === 'live' ? 'Live keys need' : 'A sandbox request that carries signature headers needs';
  if (signature === undefined || signature === '') {
    throw new HttpProblem('missing_signature', `${mode} X-NX-Signature: hex(HMAC-SHA256(apiSecret, timestamp + METHOD + path + body)). See SIGNING.md.`);
  }
  const now = ctx.clock.now();
  const windowMs = ctx.defects.has('wide-window') ? 300_000 : 30_000;
  const checked = ctx.defects.has('timestamp-seconds')
    ? checkTimestamp(timestamp === undefined ? undefined : String(Number(timestamp) * 1000), now, windowMs)
    : checkTimestamp(timestamp, now, windowMs);
  if (!checked.ok) {
    const extras: Record<string, unknown> = { serverTime: now };
    if (checked.skewMs !== undefined) extras.skewMs = checked.skewMs;
    throw new HttpProblem(checked.code, checked.detail, { extras });
  }
  const secret = ctx.engine.secretOf(agent.agentId);
  let signedPath = state.apiPath;
  if (ctx.defects.has('query-in-signature') && state.rawQuery !== '') signedPath = `${signedPath}?${state.rawQuery}`;
  if (ctx.defects.has('full-path-in-signature')) signedPath = API_BASE + signedPath;
  const ts = timestamp ?? '';
  if (verifySignature({ secret, timestamp: ts, method, path: signedPath, body: state.rawBody, signature })) return;
  const diagnosis = diagnoseSignature({
    secret,
    otherSecrets: ctx.engine.siblingSecrets(agent.agentId),
    timestamp: ts,
    method,
    path: signedPath,
    query: state.rawQuery,
    body: state.rawBody,
    signature,
  });
  const extras: Record<string, unknown> = { stringToSign: diagnosis.stringToSign };
  if (diagnosis.mistake) extras.mistake = diagnosis.mistake;
  const hint = diagnosis.mistake ? ` ${diagnosis.mistake.message}` : ' The problem body shows the exact string the server signed; compare it with yours.';
  throw new HttpProblem('invalid_signature', `X-NX-Signature does not match the request.${hint}`, { extras });
}
