// The README's table of `nx-conformance mock` flags, read from the command's own definition
// (commander), so a flag added there shows up here on the next `npm run docs`.
import type { Command, Option } from 'commander';
import { readableDefaults } from '../../src/cli/readable-defaults.js';
import { mockCommand } from '../../src/cli/mock-command.js';
import { markdownTable } from './table.js';

/** A default that depends on other flags is written into the description: "… (default: on for …)". */
const STATED_DEFAULT = /\s*\(default: ([^)]*)\)$/;

function defaultOf(option: Option): string {
  const stated = STATED_DEFAULT.exec(option.description)?.[1];
  if (stated !== undefined) return stated;
  if (option.negate || (!option.required && !option.optional)) return '—'; // a switch: off unless given
  if (option.defaultValueDescription !== undefined) return option.defaultValueDescription;
  return option.defaultValue === undefined ? '—' : String(option.defaultValue);
}

function flagOf(option: Option): string {
  return `\`${option.flags}\`${option.envVar ? ` / \`${option.envVar}\`` : ''}`;
}

function meaningOf(option: Option): string {
  return `${option.description.replace(STATED_DEFAULT, '')}${option.argChoices ? ` (one of: ${option.argChoices.join(', ')})` : ''}`;
}

export function optionsTable(command: Command): string {
  readableDefaults(command);
  const options = command.options.filter((o) => o.long !== '--help');
  return markdownTable(['flag', 'default', 'meaning'], options.map((o) => [flagOf(o), defaultOf(o), meaningOf(o)]));
}

export function mockFlagsTable(): string {
  return optionsTable(mockCommand(() => {}));
}
