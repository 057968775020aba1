// Help text shows each option's default. Commander prints a default it cannot describe as JSON,
// so accumulators and lists would show internals such as `(default: {"pairs":{},"malformed":0})`
// or `["pretty"]`. This gives every such default a description a user can type back.
import type { Command } from 'commander';

function describe(value: unknown): string | undefined {
  if (Array.isArray(value)) return value.length === 0 ? 'none' : value.join(',');
  if (value !== null && typeof value === 'object') return 'none';
  return undefined;
}

/** Describes the list and object defaults of `command` and its subcommands, unless they already say. */
export function readableDefaults(command: Command): void {
  for (const option of command.options) {
    if (option.defaultValueDescription !== undefined) continue;
    const text = describe(option.defaultValue);
    if (text !== undefined) option.defaultValueDescription = text;
  }
  for (const sub of command.commands) readableDefaults(sub);
}
