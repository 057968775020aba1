// The `nx-conformance` command line. Returns the exit code instead of exiting, so tests can call it.
import { Command, CommanderError } from 'commander';
import { clientCommand } from './client-command.js';
import { recordMarketCommand } from '../market-sources/index.js';
import { mockCommand } from './mock-command.js';
import { proxyCommand } from './proxy-command.js';
import { selfTestCommand } from './self-test-command.js';
import { serverCommand } from './server-command.js';
import { webhookReceiverCommand } from './webhook-receiver-command.js';

export async function main(argv: readonly string[]): Promise<number> {
  let exitCode: number | undefined;
  let settle: (code: number) => void = () => {};
  const finished = new Promise<number>((resolve) => {
    settle = resolve;
  });
  const onExit = (code: number): void => {
    exitCode = code;
    settle(code);
  };
  const program = new Command('nx-conformance')
    .description('Conformance kit and deterministic mock exchange for the Agent Connect API.')
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)')
    .addCommand(mockCommand(onExit))
    .addCommand(recordMarketCommand(onExit))
    .addCommand(serverCommand(onExit))
    .addCommand(selfTestCommand(onExit))
    .addCommand(webhookReceiverCommand(onExit))
    .addCommand(clientCommand(onExit))
    .addCommand(proxyCommand(onExit));
  // exitOverride() is not inherited by added commands: without it `server --help` would exit the process.
  for (const command of program.commands) command.exitOverride();
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version exit 0; usage errors exit 2, as documented.
      return error.exitCode === 0 ? 0 : 2;
    }
    process.stderr.write(`nx-conformance: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  // Long-running commands (mock) resolve on signal; one-shot commands set the code directly.
  return exitCode ?? (await finished);
}
