// The rules as the validating proxy and the client runner apply them give the mock's verdict on
// the same raw requests (test/rules/support/verdict-suite.ts).
import { judgeProxied } from '../../src/conformance/proxy/judge.js';
import { judgeRecorded, recordingState } from '../../src/conformance/client/request-rules.js';
import { MOCK_DEFAULTS } from '../../src/mock/http/mock-options.js';
import { runVerdictSuite } from './support/verdict-suite.js';

runVerdictSuite({
  name: 'the proxy rules, given every secret',
  newJudge(agents) {
    const secrets = new Map(agents.map((a) => [a.apiKey, a.apiSecret]));
    return { judge: (raw) => judgeProxied(raw, secrets) };
  },
  skip: {
    authenticate: 'the proxy knows only the keys it holds secrets for: an unknown well-formed key goes to the server, which refuses it',
    'rate-limit': 'the proxy keeps no quota; the server counts',
    'auth-budget': 'the proxy keeps no budget of failed authentications; the server counts',
    authorize: "the proxy does not know an agent's permissions",
  },
});

runVerdictSuite({
  name: "the client runner's rules, given the recording mock's agents and quotas",
  newJudge(agents) {
    const state = recordingState({
      agents,
      complete: true,
      quotas: { perAgentPerMinute: MOCK_DEFAULTS.rateLimit, registrationsPerMinute: MOCK_DEFAULTS.registerRateLimit },
    });
    return { judge: (raw) => judgeRecorded(raw, state) };
  },
});
