// The `nx-conformance` command line. Returns the exit code instead of exiting, so tests can call it.
import { Command, CommanderError } from 'commander';
import { TOOL_VERSION } from '../version.js';
import { readableDefaults } from './readable-defaults.js';

type CommandFactory = (onExit: (code: number) => void) => Command;

// Each command is imported only when it is the one asked for: `npm start` (mock) then never
// loads the runner, the proxy or the market sources, which keeps start-up short.
const commands: Record<string, () => Promise<CommandFactory>> = {
  mock: async () => (await import('./mock-command.js')).mockCommand,
  'record-market': async () => (await import('../market-sources/index.js')).recordMarketCommand,
  server: async () => (await import('./server-command.js')).serverCommand,
  'self-test': async () => (await import('./self-test-command.js')).selfTestCommand,
  'webhook-receiver': async () => (await import('./webhook-receiver-command.js')).webhookReceiverCommand,
  client: async () => (await import('./client-command.js')).clientCommand,
  proxy: async () => (await import('./proxy-command.js')).proxyCommand,
};

/**
 * Runs the command line. The process stays alive until the command has settled: commands wait
 * on timers that are unref'd so that a server can shut down promptly (CoinGecko's pacing, say),
 * and without this a one-shot command waiting only on them would end the process, silently.
 */
export async function main(argv: readonly string[]): Promise<number> {
  const keepAlive = setInterval(() => {}, 1 << 30);
  try {
    return await runMain(argv);
  } finally {
    clearInterval(keepAlive);
  }
}

async function runMain(argv: readonly string[]): Promise<number> {
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
    .version(TOOL_VERSION, '-V, --version', 'print the version and exit')
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)');
  const asked = argv[0] !== undefined && Object.hasOwn(commands, argv[0]) ? [argv[0]] : Object.keys(commands);
  for (const name of asked) program.addCommand((await (commands[name] as () => Promise<CommandFactory>)())(onExit));
  readableDefaults(program);
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
