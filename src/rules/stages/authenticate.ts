// Stage 3: who is calling (SIGNING.md, "How the server checks a request"). X-NX-Key first; then, for
// live keys and for sandbox requests that carry signing headers: signature present, timestamp
// valid and inside the window, and the HMAC over the exact bytes received.
import { KEY_HEADER, SIGNATURE_HEADER, SIGNATURE_PATTERN, TIMESTAMP_HEADER } from '../../signing/constants.js';
import { Buffer } from 'node:buffer';
import { diagnoseSignature, type SignatureDiagnosis } from '../../signing/diagnose-signature.js';
import { clipUtf8, echoSignedString } from '../../signing/echo.js';
import { stringToSign } from '../../signing/string-to-sign.js';
import { verifySignature } from '../../signing/verify-signature.js';
import type { Judging, Stage } from '../judging.js';
import type { Mode } from '../permission.js';
import { problem, type Problem } from '../problems.js';
import { headerOf, presentHeader, type RawRequest } from '../raw-request.js';
import type { KnownAgent } from '../rule-state.js';
import { KEY_PATTERN, modeOfKey } from './api-key.js';
import { recordFailedAuth } from './auth-budget.js';
import { signingRules as defaultRules, type SigningRules } from './signing-rules.js';

export { KEY_PATTERN, modeOfKey } from './api-key.js';

/** Whether SIGNING.md asks this request to be signed, for an agent of `mode`. */
export function needsSigning(raw: RawRequest, mode: Mode, rules: SigningRules = defaultRules): boolean {
  const carries = presentHeader(raw, 'x-nx-signature') !== undefined || presentHeader(raw, 'x-nx-timestamp') !== undefined;
  return rules.mustSign(mode, carries);
}

export function missingSignature(mode: Mode): Problem {
  const who = mode === 'live' ? 'Live keys need' : 'A sandbox request that carries signature headers needs';
  return problem('missing_signature', `${who} ${SIGNATURE_HEADER}: hex(HMAC-SHA256(apiSecret, timestamp + METHOD + path + body)). See SIGNING.md.`);
}

/** missing/invalid/out-of-window timestamp, with the judge's clock in the problem. */
export function timestampProblem(raw: RawRequest, rules: SigningRules = defaultRules): Problem | undefined {
  // checkTimestamp itself treats an empty value as missing, and says it was empty.
  const header = headerOf(raw, 'x-nx-timestamp');
  const checked = rules.checkTimestamp(header, raw.receivedAt);
  if (checked.ok) return undefined;
  const extras: Record<string, unknown> = { serverTime: raw.receivedAt };
  if (checked.skewMs !== undefined) extras.skewMs = checked.skewMs;
  return problem(checked.code, realTimeAgainstMockClock(raw, header, rules) ?? checked.detail, { extras });
}

/**
 * The commonest 401 against a mock on a virtual or fixed clock: the client signs with the real
 * time (Date.now()), which the same window would accept by the wall clock. Advice to sync the
 * client's clock (NTP) would mislead here; say what is going on and the two ways out.
 */
function realTimeAgainstMockClock(raw: RawRequest, header: string | undefined, rules: SigningRules): string | undefined {
  const wall = raw.wallClock;
  if (wall === undefined || header === undefined || !rules.checkTimestamp(header, wall.at).ok) return undefined;
  const at = new Date(raw.receivedAt).toISOString();
  const clock = wall.judgeClock === 'virtual' ? `a virtual clock, now at ${at} (it moves only through POST /__nx/clock)` : `a fixed clock at ${at}`;
  return (
    `${TIMESTAMP_HEADER} '${header}' is the real time, but this mock runs ${clock}: your client signs with the real time and the mock judges by its own. ` +
    `Sign with the mock's time (GET /__nx/clock, or mock.now() with startTestMock), or run the mock on the real clock (--clock real, the default).`
  );
}

export interface SignatureInput {
  raw: RawRequest;
  apiPath: string;
  mode: Mode;
  /** Undefined when the judge does not know it: only the signature's form is judged. */
  secret: string | undefined;
  linkedSecrets?: readonly string[];
}

/**
 * missing_signature or invalid_signature; `'undecided'` when the signature has the right form
 * but the judge lacks the secret to verify it.
 */
export function signatureProblem(input: SignatureInput, rules: SigningRules = defaultRules): Problem | 'undecided' | undefined {
  const { raw, apiPath, secret } = input;
  const signature = presentHeader(raw, 'x-nx-signature');
  if (signature === undefined) return missingSignature(input.mode);
  const timestamp = presentHeader(raw, 'x-nx-timestamp');
  // Without the secret, or without the timestamp it covers (a server stops at missing_timestamp
  // first), the signature can be judged by its form only.
  if (secret === undefined || timestamp === undefined) {
    if (SIGNATURE_PATTERN.test(signature)) return 'undecided';
    return problem('invalid_signature', `${SIGNATURE_HEADER} must be 64 lowercase hex characters (hex HMAC-SHA256); got ${signature.length} characters.`);
  }
  const signed = { secret, timestamp, method: raw.method, path: rules.signedPath(apiPath, raw.query), body: raw.body, signature };
  if (verifySignature(signed)) return undefined;
  // What this server signed (so the same path as the check), clipped to 1 KiB with length and hash.
  const echo = echoSignedString(stringToSign(signed));
  const mistake = diagnose(raw, signed, input.linkedSecrets ?? []);
  const extras = { stringToSign: echo.text, stringToSignLength: echo.length, stringToSignSha256: echo.sha256, mistake };
  return problem('invalid_signature', `${SIGNATURE_HEADER} does not match the request. ${mistake.message}`, { extras });
}

/** Bodies up to this size get the full diagnosis (a dozen re-signings, JSON re-serialised). */
export const DIAGNOSIS_MAX_BODY = 64 * 1024;

type Mistake = NonNullable<SignatureDiagnosis['mistake']>;

/** The client's mistake, named by re-signing the usual ways; skipped (and said so) for large bodies. */
function diagnose(raw: RawRequest, signed: Parameters<typeof verifySignature>[0], linkedSecrets: readonly string[]): Mistake {
  if (raw.body.length > DIAGNOSIS_MAX_BODY) {
    return {
      code: 'not_diagnosed',
      message: `The body is ${raw.body.length} bytes, over the ${DIAGNOSIS_MAX_BODY / 1024} KiB the server diagnoses, so the usual mistakes were not tried: compare stringToSignSha256 with the SHA-256 of the exact bytes you signed.`,
    };
  }
  const { mistake } = diagnoseSignature({ ...signed, otherSecrets: linkedSecrets, query: raw.query });
  const found = mistake ?? { code: 'unrecognised' as const, message: 'The problem body shows the string the server signed; compare it with yours.' };
  return found.signedString === undefined ? found : { ...found, signedString: clipUtf8(Buffer.from(found.signedString, 'utf8')) };
}

const unknownKey = (): Problem => problem('invalid_api_key', `The ${KEY_HEADER} is not a known key. Register an agent with POST /v1/agent/register.`);

/** What the key alone tells: missing (or empty), or of a form no agent's key has. */
export function apiKeyProblem(key: string | undefined): Problem | undefined {
  if (key === undefined) return problem('missing_api_key', `Send your API key in the ${KEY_HEADER} header (nx_test_… or nx_live_…).`);
  return KEY_PATTERN.test(key) ? undefined : unknownKey();
}

function identify<A extends KnownAgent>(j: Judging<A>, key: string | undefined): Problem | undefined {
  const malformed = apiKeyProblem(key);
  if (malformed || key === undefined) return malformed;
  const agent = j.state.agentByKey(key);
  if (agent === null) return unknownKey();
  if (agent === undefined) j.undecided.push({ stage: 'authenticate', reason: 'the judge does not know which keys are registered' });
  else j.agent = agent;
  return undefined;
}

export function authenticateStage(rules: SigningRules = defaultRules): Stage {
  return {
    name: 'authenticate',
    needsBody: true,
    run(j) {
      const refused = authenticate(j, rules);
      if (refused) recordFailedAuth(j);
      return refused;
    },
  };
}

function authenticate<A extends KnownAgent>(j: Judging<A>, rules: SigningRules): Problem | undefined {
  if (j.op?.security === 'none') return undefined;
  const key = presentHeader(j.raw, 'x-nx-key');
  const refused = identify(j, key);
  if (refused) return refused;
  const agent = j.agent;
  const mode = agent?.mode ?? modeOfKey(key ?? '');
  if (!needsSigning(j.raw, mode, rules)) return undefined;
  if (presentHeader(j.raw, 'x-nx-signature') === undefined) return missingSignature(mode);
  const late = timestampProblem(j.raw, rules);
  if (late) return late;
  const secret = agent === undefined ? undefined : j.state.secretOf(agent);
  const linkedSecrets = agent === undefined ? [] : (j.state.linkedSecretsOf?.(agent) ?? []);
  const verdict = signatureProblem({ raw: j.raw, apiPath: j.apiPath ?? '', mode, secret, linkedSecrets }, rules);
  if (verdict === 'undecided') {
    j.undecided.push({ stage: 'authenticate', reason: `the judge has no secret for this key, so ${TIMESTAMP_HEADER} and the signature's form are all it can check` });
    return undefined;
  }
  return verdict;
}
