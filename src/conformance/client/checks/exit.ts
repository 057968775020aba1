// The client itself must succeed: exit 0 within the time-out. A crash on an error answer is as
// much a finding as a bad signature.
import { fail, pass, type ClientCheck } from '../client-check.js';

export const exitCheck: ClientCheck = {
  id: 'client.exit',
  title: 'Exits 0 within its time-out',
  category: 'client',
  spec: 'The client under test finishes its work and exits 0 (nx-conformance client --timeout).',
  run(run) {
    const { exit, timeoutMs } = run;
    const took = `${Math.round(exit.durationMs)} ms`;
    if (exit.error) return fail(run, `The command could not start: ${exit.error}`, 'the command to start', exit.error);
    if (exit.timedOut) return fail(run, `The client was still running after ${timeoutMs} ms and was stopped`, `exit within ${timeoutMs} ms`, `still running after ${took}`);
    if (exit.code === 0) return pass(`exited 0 after ${took}`);
    const how = exit.code === null ? `was ended by ${exit.signal ?? 'a signal'}` : `exited ${exit.code}`;
    return fail(run, `The client ${how}`, 'exit code 0', `${how} after ${took}`);
  },
};
