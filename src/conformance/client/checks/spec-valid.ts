// Every request must be an operation of the spec with valid parameters and body. Unknown body
// fields are errors (a typo such as `qty` must not pass silently); `price: null` is valid.
import { keyViolation, specViolations } from '../request-rules.js';
import { failEach, skip, type ClientCheck } from '../client-check.js';

export const specValidCheck: ClientCheck = {
  id: 'client.spec-valid',
  title: 'Sends only documented operations, parameters and body fields',
  category: 'client',
  spec: 'Paths, parameters and bodies follow openapi/agent-connect.yaml; request bodies are additionalProperties: false; bodies are application/json; X-NX-Key on every authenticated operation.',
  run(run) {
    if (run.requests.length === 0) return skip('the client sent no requests');
    const bad = run.requests.flatMap((rec) => {
      const problems = specViolations(rec).map((v) => v.message);
      const key = keyViolation(rec);
      if (key) problems.push(key.message);
      return problems.length > 0 ? [{ rec, problem: problems.join('; ') }] : [];
    });
    return failEach(run, bad, run.requests.length, 'every request to match an operation of the spec, with valid parameters and body');
  },
};
