// A client that sends nothing passes every other check vacuously (they skip), so a run without
// a single request is a finding of its own, with the likely causes.
import { fail, pass, type ClientCheck } from '../client-check.js';

export const sendsRequestsCheck: ClientCheck = {
  id: 'client.sends-requests',
  title: 'Sends at least one request to the API',
  category: 'client',
  spec: 'The client under test talks to the API at the base URL it is given (NX_BASE_URL, or the --env-prefix variant).',
  run(run) {
    const n = run.requests.length;
    if (n > 0) return pass(`${n} request${n === 1 ? '' : 's'} reached the mock`);
    const how = run.exit.error ? `could not start (${run.exit.error})` : run.exit.timedOut ? 'was stopped at the time-out' : `ended (${run.exit.code === null ? run.exit.signal : `exit ${run.exit.code}`})`;
    return fail(
      run,
      `The client ${how} without sending a single request to the mock. Does it read the base URL from NX_BASE_URL (or the --env-prefix you chose), and not a URL of its own?`,
      'at least one request to NX_BASE_URL',
      `no request in ${Math.round(run.exit.durationMs)} ms`,
    );
  },
};
