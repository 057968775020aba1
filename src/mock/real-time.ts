// The only place the mock exchange reads the wall clock. It lives outside src/mock/engine on
// purpose: engine code is linted against Date.now/new Date() and receives time through a Clock.

/** Milliseconds since the Unix epoch, from the host's wall clock. */
export const realNow = (): number => Date.now();
