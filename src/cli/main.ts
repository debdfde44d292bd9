/**
 * The `sitebot` command line: argv → command → exit code. `runCli` is the whole program with
 * its I/O injected (tests call it in-process); `main` binds it to the real process.
 */
import { loadConfig, type Config } from '../config/config';
import { parseCliArgs, type CliCommand } from './args';
import { openRemoteClock, wallClock, type CliClock } from './clock';
import { errorMessage, openCliContext, type CliIo } from './context';
import { runCancel } from './commands/cancel';
import { runCreate, runCreateDryRun } from './commands/create';
import { runDiagram } from './commands/diagram';
import { runList, runStatus } from './commands/envs';
import { EXIT } from './commands/follow';
import { runPower } from './commands/power';
import { runInit } from './commands/init';
import { runDestroy, runFailover } from './commands/teardown';
import { cliTextsOf } from './texts';
import { runPricesCommand } from './prices';

const FALLBACK_LIMITS = { defaultTtlMs: 24 * 3_600_000, maxTtlMs: 7 * 24 * 3_600_000 };

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let config: Config | undefined;
  let configError: string | undefined;
  try {
    config = loadConfig(io.env);
  } catch (err) {
    configError = errorMessage(err);
  }
  const limits = config
    ? { defaultTtlMs: config.ttl.defaultMs, maxTtlMs: config.ttl.maxMs }
    : FALLBACK_LIMITS;
  // Who runs the CLI: SITEBOT_CLI_USER when set, else the login name; shown by the bot as a name.
  const user = io.env.SITEBOT_CLI_USER || io.env.USER || io.env.LOGNAME;
  const t = cliTextsOf(config, io.env);
  const cmd = parseCliArgs(argv, { ...limits, user });
  if (cmd.kind === 'error') {
    io.stderr.write(`${t.cli.usageError({ error: t.said(cmd.error) })}\n`);
    return EXIT.usage;
  }
  if (cmd.kind === 'help') {
    io.stdout.write(t.cli.help());
    return EXIT.ok;
  }
  if (cmd.kind === 'prices') {
    return runPricesCommand(cmd.args, {
      print: (line) => io.stdout.write(`${line}\n`),
      printError: (line) => io.stderr.write(`${line}\n`),
      texts: t,
    });
  }
  if (!config) {
    io.stderr.write(`${t.cli.fatal({ message: configError ?? '' })}\n`);
    return EXIT.usage;
  }
  if (cmd.kind === 'create' && cmd.dryRun) return runCreateDryRun(cmd, io, config);
  let clock: CliClock = wallClock;
  if (config.clockUrl) {
    try {
      clock = await openRemoteClock(config.clockUrl);
    } catch (err) {
      io.stderr.write(`${t.cli.fatal({ message: errorMessage(err) })}\n`);
      return EXIT.usage;
    }
  }
  const ctx = openCliContext(io, config, clock);
  try {
    return await dispatch(cmd, io, ctx);
  } catch (err) {
    io.stderr.write(`${t.cli.commandFailed({ command: cmd.kind, message: errorMessage(err) })}\n`);
    return EXIT.failed;
  } finally {
    ctx.close();
  }
}

function dispatch(
  cmd: Exclude<CliCommand, { kind: 'help' | 'prices' }>,
  io: CliIo,
  ctx: ReturnType<typeof openCliContext>,
): Promise<number> {
  switch (cmd.kind) {
    case 'create':
      return runCreate(cmd, io, ctx);
    case 'status':
      return runStatus(cmd, io, ctx);
    case 'list':
      return runList(cmd, io, ctx);
    case 'destroy':
      return runDestroy(cmd, io, ctx);
    case 'failover':
      return runFailover(cmd, io, ctx);
    case 'diagram':
      return runDiagram(cmd, io, ctx);
    case 'init':
      return runInit(io, ctx);
    case 'cancel':
      return runCancel(cmd, io, ctx);
    case 'sleep':
    case 'wake':
      return runPower(cmd, io, ctx);
  }
}

/** The process entry (bin/sitebot.js): real streams, Ctrl-C, exit code. */
export async function main(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  const interrupt = new AbortController();
  let interrupts = 0;
  process.on('SIGINT', () => {
    // First Ctrl-C: stop ticking and let the tick under way finish. Second: leave now.
    interrupts += 1;
    if (interrupts > 1) process.exit(EXIT.interrupted);
    process.stderr.write(`\n${cliTextsOf(undefined, process.env).cli.interrupting()}\n`);
    interrupt.abort();
  });
  const stdout = {
    write: (text: string) => void process.stdout.write(text),
    get isTTY() {
      return process.stdout.isTTY === true;
    },
    get columns() {
      return process.stdout.columns;
    },
  };
  const stderr = { write: (text: string) => void process.stderr.write(text) };
  const code = await runCli(argv, { stdout, stderr, env: process.env, signal: interrupt.signal });
  // SDK keep-alive sockets would hold the process open; leave once stdout has drained.
  process.stdout.write('', () => process.exit(code));
}
