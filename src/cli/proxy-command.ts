// `nx-conformance proxy --target URL`: a validating proxy in front of any Agent Connect server,
// until SIGINT/SIGTERM, which print the summary. Exit 0 when nothing broke the spec, else 1.
import { Command, InvalidArgumentError } from 'commander';
import { startProxy } from '../conformance/proxy/index.js';
import { createReporting, list, listenFailure, port } from './cli-shared.js';

function url(value: string): string {
  try {
    const parsed = new URL(value);
    if (parsed.protocol === 'http:' || parsed.protocol === 'https:') return value;
  } catch {
    // reported below
  }
  throw new InvalidArgumentError('expected an http(s) URL, e.g. http://127.0.0.1:4010');
}

interface SecretPairs {
  pairs: Record<string, string>;
  malformed: number;
}

/** KEY=SECRET pairs. A malformed one is only counted: commander would echo the value in its error. */
function secretPair(value: string, previous: SecretPairs): SecretPairs {
  const eq = value.indexOf('=');
  if (eq <= 0 || eq === value.length - 1) return { ...previous, malformed: previous.malformed + 1 };
  return { ...previous, pairs: { ...previous.pairs, [value.slice(0, eq)]: value.slice(eq + 1) } };
}

export function proxyCommand(onExit: (code: number) => void): Command {
  return new Command('proxy')
    .exitOverride()
    .description('Run a validating proxy in front of an Agent Connect server: every request and answer is checked against the spec and SIGNING.md.')
    .requiredOption('--target <url>', 'the server, e.g. http://127.0.0.1:4010 (a trailing /v1/agent is fine)', url)
    .option('--port <n>', 'port to listen on (0 = any free port)', port, 4011)
    .option('--host <host>', 'address to bind', '127.0.0.1')
    .option('--errors', 'stop bad requests with a 4xx problem and replace bad answers with a 500 internal_error problem')
    .option('--secret <KEY=SECRET>', 'verify the signatures of this key fully (repeatable; never printed)', secretPair, { pairs: {}, malformed: 0 })
    .option('--reporter <names>', 'at exit, also write these reports: pretty, json, junit (comma-separated)', list, [])
    .option('--out <dir>', 'where json and junit reports go')
    .option('--strict', 'exit 1 also when a rule saw no traffic')
    .addHelpText(
      'after',
      '\nEvery answer with a violation carries X-NX-Violations: <count>; <first violation>.\n' +
        'Without --secret the proxy checks the signature headers\' presence and format and the ±30 s window on its own clock.\n' +
        'The /__nx control API of the mock is passed through unchecked.',
    )
    .action(async (opts) => {
      const secrets = opts.secret as SecretPairs;
      if (secrets.malformed > 0) {
        process.stderr.write('nx-conformance: --secret expects KEY=SECRET (the value given is not shown).\n');
        return onExit(2);
      }
      const reporting = createReporting(opts.reporter as string[], opts.out, false);
      if (!reporting) return onExit(2);
      let proxy: Awaited<ReturnType<typeof startProxy>>;
      try {
        proxy = await startProxy({
          target: opts.target,
          port: opts.port,
          host: opts.host,
          errors: Boolean(opts.errors),
          secrets: secrets.pairs,
          log: (line) => process.stderr.write(`[proxy] ${line}\n`),
        });
      } catch (error) {
        const hint = listenFailure(error, opts.host, opts.port);
        if (hint === undefined) throw error;
        process.stderr.write(`nx-conformance: ${hint}\n`);
        return onExit(1);
      }
      const keys = Object.keys(secrets.pairs).length;
      process.stdout.write(
        `nx-conformance proxy listening on ${proxy.baseUrl} → ${opts.target}\n` +
          `  ${opts.errors ? 'stopping' : 'reporting'} violations; ${keys > 0 ? `verifying signatures of ${keys} key${keys === 1 ? '' : 's'}` : 'signatures: headers and window only'}; Ctrl-C prints the summary.\n`,
      );
      const stop = (signal: string): void => {
        process.stdout.write(`[proxy] ${signal}: ${proxy.summary()}\n`);
        const report = proxy.report({ strict: Boolean(opts.strict) });
        void proxy
          .close()
          .then(() => reporting.finish(report))
          .then(() => onExit(report.verdict === 'pass' ? 0 : 1));
      };
      process.once('SIGINT', () => stop('SIGINT'));
      process.once('SIGTERM', () => stop('SIGTERM'));
    });
}
