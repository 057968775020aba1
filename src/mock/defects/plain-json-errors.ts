import { defineDefect } from './defect.js';

export const plainJsonErrors = defineDefect({
  name: 'plain-json-errors',
  description: 'Errors are sent as application/json {error: …} instead of problem+json.',
  caughtBy: ['schema.errors-are-problem-json'],
  apply: (parts) => ({
    ...parts,
    renderProblem: (problem) => ({ contentType: 'application/json', text: JSON.stringify({ error: problem.detail, code: problem.code }) }),
  }),
});
