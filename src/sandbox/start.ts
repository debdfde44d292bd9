/**
 * `npm start`: the local sandbox. Its first line is the web console's URL (a Slack-like page
 * served by the Slack stand-in); the terminal console runs too, for SSH users.
 * `npm start -- --no-console` runs without the terminal console (the web console stays; scripts
 * can drive everything through /_sandbox/slack/*).
 * Ports: PORT (bot, 3000), SITEBOT_SLACK_PORT (3001), SITEBOT_DYNAMODB_PORT (8000),
 * SANDBOX_AWS_PORT (AWS emulator, 4566). SANDBOX_SPEED sets the emulator's clock factor (and so
 * how fast runs, TTLs and reminders go). SANDBOX_REMIND_EVERY: seconds between reminder passes
 * (default 30; 0 turns them off).
 */
import { z } from 'zod';
import { loadConfig } from '../config/config';
import { textsIn } from '../i18n/texts';
import { SANDBOX_CREDENTIALS, startSandbox } from './sandbox';
import { FILES_WRITE } from './slack/files';
import { MANIFEST_SCOPES } from './slack/server';
import { startConsole } from './slack/console';

const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);
const portsSchema = z.object({
  PORT: port(3000),
  SITEBOT_SLACK_PORT: port(3001),
  SITEBOT_DYNAMODB_PORT: port(8000),
  SANDBOX_AWS_PORT: port(4566),
  SANDBOX_REMIND_EVERY: z.coerce.number().int().min(0).max(86_400).default(30),
});

async function main(): Promise<void> {
  const headless = process.argv.includes('--no-console');
  const env = portsSchema.parse(process.env);
  // An admin to switch to in the console, unless the environment names its own.
  process.env.SITEBOT_ADMINS ??= 'UADMIN';
  const config = loadConfig();
  const sandbox = await startSandbox({
    config,
    ports: {
      bot: env.PORT,
      slack: env.SITEBOT_SLACK_PORT,
      dynamodb: env.SITEBOT_DYNAMODB_PORT,
      aws: env.SANDBOX_AWS_PORT,
    },
    ...(env.SANDBOX_REMIND_EVERY > 0 ? { remindEveryMs: env.SANDBOX_REMIND_EVERY * 1000 } : {}),
    // The optional scope too, so a newcomer sees the environment's picture in the ready thread.
    slackScopes: [...MANIFEST_SCOPES, FILES_WRITE],
    // Background work (ticks, progress edits, reminders) reports here: names and messages only.
    onError: (err, where) => console.error(`${where}: ${err instanceof Error ? err.message : String(err)}`),
  });
  // Anything in this process that builds AWS clients from the environment talks to the sandbox.
  const clockUrl = sandbox.urls.aws ? `${sandbox.urls.aws}/_sandbox/clock` : undefined;
  if (sandbox.urls.aws) process.env.AWS_ENDPOINT_URL = sandbox.urls.aws;
  if (clockUrl) process.env.SITEBOT_CLOCK_URL = clockUrl;
  process.env.AWS_ENDPOINT_URL_DYNAMODB = sandbox.urls.dynamodb;
  process.env.AWS_ACCESS_KEY_ID = SANDBOX_CREDENTIALS.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = SANDBOX_CREDENTIALS.secretAccessKey;
  process.env.AWS_REGION = config.region;
  let stopping = false;
  const shutdown = (code: number) => {
    if (stopping) return;
    stopping = true;
    ui?.close();
    sandbox.stop().then(
      () => process.exit(code),
      () => process.exit(1),
    );
  };
  console.log(`Console: ${sandbox.urls.console}  (open it in a browser)`);
  console.log(
    `sitebot sandbox ready on 127.0.0.1: bot ${sandbox.ports.bot} (${sandbox.urls.bot}), ` +
      `slack ${sandbox.ports.slack} (${sandbox.urls.slack}), dynamodb ${sandbox.ports.dynamodb}, ` +
      `aws ${sandbox.ports.aws} (${sandbox.urls.aws})`,
  );
  // The CLI against this sandbox: same endpoints, and the sandbox's clock (all times are sandbox time).
  console.log(
    `CLI: AWS_ENDPOINT_URL=${sandbox.urls.aws ?? ''} AWS_ENDPOINT_URL_DYNAMODB=${sandbox.urls.dynamodb} ` +
      `AWS_ACCESS_KEY_ID=${SANDBOX_CREDENTIALS.accessKeyId} AWS_SECRET_ACCESS_KEY=${SANDBOX_CREDENTIALS.secretAccessKey} ` +
      `${clockUrl ? `SITEBOT_CLOCK_URL=${clockUrl} ` : ''}npx sitebot list`,
  );
  const ui = headless
    ? undefined
    : startConsole({ slack: sandbox.slack, texts: textsIn(config.i18n), onExit: () => shutdown(0) });
  process.once('SIGINT', () => shutdown(0));
  process.once('SIGTERM', () => shutdown(0));
}

main().catch((err: unknown) => {
  console.error(`sandbox failed to start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
