// The mock child's side of `npm run bench -- --profile` (plain JavaScript, like the child): the
// parent asks over the IPC channel to start the V8 CPU profiler before one extra load run and to
// stop it after, and gets back the path of the .cpuprofile written. Messages are typed in
// bench/http-profile.ts. The measured runs are never profiled (the profiler costs CPU).
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';

/** Answers profiler requests arriving on this process's IPC channel (no-op without one). */
export function serveProfilerRequests() {
  if (!process.send) return;
  const session = new Session();
  session.connect();
  const reply = (message) => process.send?.(message);
  process.on('message', (message) => {
    void (async () => {
      try {
        if (message.type === 'profile-start') {
          await session.post('Profiler.enable');
          // 250 µs between samples: fine enough for µs-scale handlers, cheap enough not to dominate.
          await session.post('Profiler.setSamplingInterval', { interval: 250 });
          await session.post('Profiler.start');
          reply({ type: 'profile-started' });
        } else if (message.type === 'profile-stop') {
          const { profile } = await session.post('Profiler.stop');
          writeFileSync(message.file, JSON.stringify(profile));
          reply({ type: 'profile-written', file: message.file });
        }
      } catch (error) {
        reply({ type: 'profile-error', message: error instanceof Error ? error.message : String(error) });
      }
    })();
  });
  // The IPC channel must not keep the child alive once its server has closed.
  process.channel?.unref();
}
