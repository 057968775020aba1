// The option parsers every command shares (and listenFailure). Kept apart from cli-shared.ts, which
// also holds the runner's reporting flow: `mock` imports only these, so its start-up never loads
// the report renderers (junit, html, json schema: about a quarter of the mock's start-up).
import { InvalidArgumentError } from 'commander';

export const list = (value: string): string[] => value.split(',').map((s) => s.trim()).filter(Boolean);
export const collect = (value: string, previous: string[]): string[] => [...previous, value];

function numeric(value: string, ok: (n: number) => boolean, expected: string): number {
  const n = Number(value);
  if (value.trim() === '' || !ok(n)) throw new InvalidArgumentError(`expected ${expected}`);
  return n;
}

export const positiveInt = (v: string): number => numeric(v, (n) => Number.isSafeInteger(n) && n > 0, 'a positive integer');
export const integer = (v: string): number => numeric(v, Number.isSafeInteger, 'an integer');
export const positiveNumber = (v: string): number => numeric(v, (n) => Number.isFinite(n) && n > 0, 'a positive number');
export const nonNegativeNumber = (v: string): number => numeric(v, (n) => Number.isFinite(n) && n >= 0, 'a number ≥ 0');

/** A TCP port, checked at parse time so a typo is a usage error, not Node's RangeError. */
export const port = (v: string): number => numeric(v, (n) => Number.isSafeInteger(n) && n >= 0 && n <= 65_535, 'a port number 0-65535 (0 = any free port)');

/** A one-line explanation with a fix for a server that could not listen, or undefined for other errors. */
export function listenFailure(error: unknown, host: string, portNumber: number): string | undefined {
  switch ((error as NodeJS.ErrnoException | undefined)?.code) {
    case 'EADDRINUSE':
      return `port ${portNumber} on ${host} is already in use (another mock or server still running?). Stop it, or choose another port: --port ${portNumber + 1}, or --port 0 for any free port.`;
    case 'EACCES':
      return `not allowed to listen on port ${portNumber} of ${host} (ports below 1024 need privileges). Choose a port from 1024 up, e.g. --port 4010.`;
    case 'EADDRNOTAVAIL':
      return `${host} is not an address of this machine. Use --host 127.0.0.1 (this machine only) or --host 0.0.0.0 (every interface).`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `--host ${host} does not resolve to an address. Use an IP address such as 127.0.0.1, or a name this machine resolves.`;
    default:
      return undefined;
  }
}
